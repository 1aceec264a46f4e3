import '../../shared/testdrives/i18n.js';
import { CarOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TVehicleDetail } from '../../shared/hooks/search.js';

/** 预约试驾 on the vehicle page: the booking page for this car's series and trim. */
export function TestdriveAction({ d, bar }: { d: TVehicleDetail; bar: boolean }) {
  const { t } = useTranslation('testdrives');
  const navigate = useNavigate();
  const v = d.vehicle;
  return (
    <Button
      block
      size={bar ? 'large' : 'middle'}
      icon={<CarOutlined />}
      data-testid="book-test-drive"
      onClick={() =>
        void navigate(
          `/test-drive?seriesId=${encodeURIComponent(v.series.id)}&trimId=${encodeURIComponent(v.trimId)}&listingId=${encodeURIComponent(v.id)}`,
        )
      }
    >
      {t('book')}
    </Button>
  );
}

/**
 * 预约试驾 for a series: on /cars when the results are one series (the series page of the sitemap), the
 * booking page for that series (the buyer picks the trim there).
 */
export function SeriesTestdriveButton({ seriesId, seriesName }: { seriesId: string; seriesName: string }) {
  const { t } = useTranslation('testdrives');
  const navigate = useNavigate();
  return (
    <Button
      type="primary"
      ghost
      icon={<CarOutlined />}
      data-testid="series-book-test-drive"
      onClick={() => void navigate(`/test-drive?seriesId=${encodeURIComponent(seriesId)}`)}
    >
      {t('book')} · {seriesName}
    </Button>
  );
}
