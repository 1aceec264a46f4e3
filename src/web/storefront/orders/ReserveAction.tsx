import './i18n.js';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TVehicleDetail } from '../../shared/hooks/search.js';

/** 立即预订 on the vehicle page: opens the checkout of this listing (the props of every vehicle action). */
export function ReserveAction({ d, bar }: { d: TVehicleDetail; bar: boolean }) {
  const { t } = useTranslation('storefrontOrders');
  const navigate = useNavigate();
  return (
    <Button
      type="primary"
      danger
      block
      size={bar ? 'large' : 'middle'}
      icon={<ShoppingCartOutlined />}
      onClick={() => void navigate(`/checkout/${d.vehicle.id}`)}
      data-testid="reserve"
    >
      {t('reserve')}
    </Button>
  );
}
