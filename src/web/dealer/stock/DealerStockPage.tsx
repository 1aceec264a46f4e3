import '../../console/inventory/i18n.js';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StockBoard } from '../../console/inventory/StockPage.js';
import { useMe } from '../../shared/hooks/identity.js';

// Dealer portal: 我的库存 at /dealer/stock. The console's board, which the server scopes to the signed-in
// dealer's own locations: their units (receive cars in transit), accessory stock, turnover, replenishment
// suggestions for their stores and the import.

export function DealerStockPage() {
  const { t } = useTranslation('consoleInventory');
  const me = useMe();
  const staff = me.data?.me?.kind === 'staff' ? me.data.me : null;
  const permissions = staff?.permissions ?? [];
  return (
    <Card title={t('myStock')} data-testid="dealer-stock-page">
      <Typography.Paragraph type="secondary">{t('dealerSubtitle')}</Typography.Paragraph>
      <StockBoard
        canManage={permissions.includes('inventory.manage')}
        canConfigure={permissions.includes('inventory.configure')}
      />
    </Card>
  );
}
