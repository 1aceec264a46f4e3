import { Card, Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENERGY_TYPES } from '../../../server/modules/catalog/catalog.enums.js';
import { useCities } from '../../shared/hooks/dealers.js';
import type { TVehicleFacts } from '../../shared/hooks/insurance.js';
import { pickName } from '../../shared/i18n.js';
import { useLabels } from '../../shared/labels.js';
import './i18n.js';
import { InsurancePlans } from './InsurancePlans.js';

// /tools/insurance: any car described in a few fields, then the insurers' plans for it side by side.

interface Facts {
  priceYuan: number | null;
  energy: TVehicleFacts['energy'];
  seats: number;
  cityCode: string;
  used: boolean;
  firstRegistrationYear: number | null;
  accidentFreeYears: number;
}

/** The vehicle the plans are asked for, or null while the form is incomplete. */
export function vehicleFacts(f: Facts): TVehicleFacts | null {
  if (f.priceYuan === null || f.priceYuan < 1_000) return null;
  return {
    priceFen: Math.round(f.priceYuan * 100),
    energy: f.energy,
    seats: f.seats,
    cityCode: f.cityCode,
    used: f.used,
    ...(f.used && f.firstRegistrationYear !== null ? { firstRegistrationYear: f.firstRegistrationYear } : {}),
    accidentFreeYears: f.used ? f.accidentFreeYears : 0,
  };
}

export function InsurancePage() {
  const { t } = useTranslation('insurance');
  const L = useLabels();
  const cities = useCities();
  const thisYear = new Date().getFullYear();
  const [facts, setFacts] = useState<Facts>({
    priceYuan: 150_000,
    energy: 'petrol',
    seats: 5,
    cityCode: '110100',
    used: false,
    firstRegistrationYear: thisYear - 3,
    accidentFreeYears: 0,
  });
  const set = (patch: Partial<Facts>) => setFacts((f) => ({ ...f, ...patch }));
  // Each change asks every insurer and stores a quote: wait until the typing stops.
  const [vehicle, setVehicle] = useState(() => vehicleFacts(facts));
  useEffect(() => {
    const timer = setTimeout(() => setVehicle(vehicleFacts(facts)), 400);
    return () => clearTimeout(timer);
  }, [facts]);
  return (
    <div style={{ maxWidth: 1080, margin: '0 auto', padding: 16 }} data-testid="insurance-page">
      <Typography.Title level={2}>{t('page.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('page.subtitle')}</Typography.Paragraph>
      <Card title={t('page.vehicle')} style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Space wrap size="large" align="start">
            <Form.Item label={t('page.price')} extra={t('page.priceHelp')}>
              <InputNumber<number>
                min={1_000}
                max={100_000_000}
                step={10_000}
                style={{ width: 180 }}
                value={facts.priceYuan}
                onChange={(priceYuan) => set({ priceYuan })}
                data-testid="insurance-price"
              />
            </Form.Item>
            <Form.Item label={t('page.energy')}>
              <Select
                style={{ width: 150 }}
                value={facts.energy}
                onChange={(energy) => set({ energy })}
                options={ENERGY_TYPES.map((e) => ({ value: e, label: L.label('energyType', e) }))}
                data-testid="insurance-energy"
              />
            </Form.Item>
            <Form.Item label={t('page.seats')}>
              <Select
                style={{ width: 110 }}
                value={facts.seats}
                onChange={(seats) => set({ seats })}
                options={[2, 4, 5, 6, 7, 8, 9].map((n) => ({
                  value: n,
                  label: t('page.seatsCount', { count: n }),
                }))}
                data-testid="insurance-seats"
              />
            </Form.Item>
            <Form.Item label={t('page.city')}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 160 }}
                value={facts.cityCode}
                onChange={(cityCode) => set({ cityCode })}
                options={(cities.data ?? []).map((c) => ({
                  value: c.code,
                  label: pickName({ zh: c.name, en: c.nameEn }),
                }))}
                data-testid="insurance-city"
              />
            </Form.Item>
          </Space>
          <Space wrap size="large" align="center">
            <Checkbox
              checked={facts.used}
              onChange={(e) => set({ used: e.target.checked })}
              data-testid="insurance-used"
            >
              {t('page.used')}
            </Checkbox>
            {facts.used ? (
              <>
                <Form.Item label={t('page.firstRegistrationYear')} style={{ marginBottom: 0 }}>
                  <InputNumber<number>
                    min={1990}
                    max={thisYear}
                    value={facts.firstRegistrationYear}
                    onChange={(firstRegistrationYear) => set({ firstRegistrationYear })}
                  />
                </Form.Item>
                <Form.Item label={t('page.accidentFreeYears')} style={{ marginBottom: 0 }}>
                  <Select
                    style={{ width: 90 }}
                    value={facts.accidentFreeYears}
                    onChange={(accidentFreeYears) => set({ accidentFreeYears })}
                    options={[0, 1, 2, 3].map((n) => ({ value: n, label: n === 3 ? '3+' : String(n) }))}
                  />
                </Form.Item>
              </>
            ) : null}
          </Space>
        </Form>
      </Card>
      {vehicle ? <InsurancePlans vehicle={vehicle} /> : null}
    </div>
  );
}
