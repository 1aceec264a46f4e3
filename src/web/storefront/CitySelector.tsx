import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../shared/components/Results.js';
import { type TCity, useCities } from '../shared/hooks/dealers.js';
import { setChosenCity, useChosenCity } from './city.js';

export function cityName(city: TCity | undefined, lang: string): string {
  if (!city) return '';
  return lang === 'en' ? city.nameEn : city.name;
}

/** Header city picker: hot cities first, then every city grouped by the initial of its pinyin. */
export function CitySelector() {
  const { t, i18n } = useTranslation('storefront');
  const cities = useCities();
  const chosen = useChosenCity();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const current = cities.data?.find((c) => c.code === chosen);

  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = (cities.data ?? []).filter(
      (c) =>
        !f || c.name.includes(f) || c.pinyin.toLowerCase().includes(f) || c.nameEn.toLowerCase().includes(f),
    );
    const byInitial = new Map<string, TCity[]>();
    for (const c of [...list].sort((a, b) => a.pinyin.localeCompare(b.pinyin))) {
      const initial = (c.pinyin[0] ?? '#').toUpperCase();
      byInitial.set(initial, [...(byInitial.get(initial) ?? []), c]);
    }
    return [...byInitial.entries()];
  }, [cities.data, filter]);

  function pick(code: string) {
    setChosenCity(code);
    setOpen(false);
    setFilter('');
  }

  return (
    <>
      <Button
        type="text"
        icon={<EnvironmentOutlined />}
        onClick={() => setOpen(true)}
        data-testid="city-selector"
        style={{ paddingInline: 4 }}
      >
        {cityName(current, i18n.language) || t('city.choose')}
      </Button>
      <Modal
        open={open}
        title={t('city.choose')}
        footer={null}
        onCancel={() => setOpen(false)}
        width={560}
        data-testid="city-modal"
      >
        <QueryState isLoading={cities.isLoading} error={cities.error} isEmpty={cities.data?.length === 0}>
          <Input.Search
            allowClear
            placeholder={t('city.search')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 12 }}
            data-testid="city-search"
          />
          {!filter && (
            <>
              <Typography.Text strong>{t('city.hot')}</Typography.Text>
              <div style={{ margin: '8px 0 16px' }}>
                <Space size={[8, 8]} wrap>
                  {(cities.data ?? [])
                    .filter((c) => c.hot)
                    .map((c) => (
                      <Tag.CheckableTag
                        key={c.code}
                        checked={c.code === chosen}
                        onChange={() => pick(c.code)}
                        data-testid={`city-option-${c.code}`}
                      >
                        {cityName(c, i18n.language)}
                      </Tag.CheckableTag>
                    ))}
                </Space>
              </div>
            </>
          )}
          <div style={{ maxHeight: 360, overflowY: 'auto' }}>
            {groups.map(([initial, list]) => (
              <div key={initial} style={{ display: 'flex', gap: 12, marginBottom: 8 }}>
                <Typography.Text type="secondary" style={{ width: 16, flex: 'none' }}>
                  {initial}
                </Typography.Text>
                <Space size={[4, 4]} wrap>
                  {list.map((c) => (
                    <Button
                      key={c.code}
                      size="small"
                      type={c.code === chosen ? 'primary' : 'text'}
                      onClick={() => pick(c.code)}
                    >
                      {cityName(c, i18n.language)}
                    </Button>
                  ))}
                </Space>
              </div>
            ))}
          </div>
        </QueryState>
      </Modal>
    </>
  );
}
