import './i18n.js';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ContractPanel } from '../../shared/contracts/ContractPanel.js';
import { useOrderContract } from '../../shared/hooks/contracts.js';
import type { TOrder } from '../../shared/hooks/orders.js';

// The contract area of a buyer's order page: the purchase contract to read and sign once the flow has issued
// it (after staff allocate the car), a short note before that.

export function OrderContract({ orderId, order }: { orderId: string; order: TOrder }) {
  const { t } = useTranslation('storefrontOrders');
  const live = useOrderContract(orderId, order.status === 'vehicle_allocated');
  const contractId = live.data?.id ?? order.contractId;
  if (contractId) return <ContractPanel contractId={contractId} audience="buyer" canSign />;
  if (order.status === 'cancelled') return null;
  return (
    <Card size="small" title={t('contract.title')} data-testid="order-contract-pending">
      <Typography.Text type="secondary">{t('contract.notYet')}</Typography.Text>
    </Card>
  );
}
