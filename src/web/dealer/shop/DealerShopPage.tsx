import '../../console/shop/i18n.js';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ShopOrdersPage } from '../../console/shop/ShopOrdersPage.js';
import { useMe } from '../../shared/hooks/identity.js';

// Dealer portal: 商城订单 at /dealer/shop and 商城退货 at /dealer/shop/returns. The console's page, which the
// server scopes to the orders shipping from the signed-in dealer's own stock locations.

export function DealerShopPage({ returns = false }: { returns?: boolean }) {
  const { t } = useTranslation('shopConsole');
  const me = useMe();
  const staff = me.data?.me?.kind === 'staff' ? me.data.me : null;
  return (
    <Card
      title={returns ? t('returnsMenu') : t('menu')}
      data-testid={returns ? 'dealer-shop-returns' : 'dealer-shop-orders'}
    >
      <Typography.Paragraph type="secondary">
        {returns ? t('dealerReturnsSubtitle') : t('dealerSubtitle')}
      </Typography.Paragraph>
      <ShopOrdersPage
        key={returns ? 'returns' : 'orders'}
        canManage={staff?.permissions.includes('shop.manage') ?? false}
        {...(returns ? { defaultStatus: 'returning' } : {})}
      />
    </Card>
  );
}
