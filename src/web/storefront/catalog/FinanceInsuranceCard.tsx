import { Button, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ENERGY_TYPES } from '../../../server/modules/catalog/catalog.enums.js';
import type { TVehicleDetail } from '../../shared/hooks/search.js';
import { InsurancePlans } from '../insurance/InsurancePlans.js';
import { PlanComparison } from '../pricing/PlanComparison.js';
import './i18n.js';

// The vehicle page's loan plans (partner lenders' products beside full payment) and insurance plans (the
// insurers side by side), each one tab, loaded when the buyer opens it; with the way to apply for a loan.

type Energy = (typeof ENERGY_TYPES)[number];
const isEnergy = (v: string): v is Energy => (ENERGY_TYPES as readonly string[]).includes(v);

export function FinanceInsuranceCard({ d, cityCode }: { d: TVehicleDetail; cityCode: string | null }) {
  const { t } = useTranslation('storefront');
  const v = d.vehicle;
  const energy = isEnergy(v.energyType) ? v.energyType : 'petrol';
  return (
    <Card
      title={t('vehicle.financeInsurance')}
      data-testid="finance-insurance"
      // Plans side by side are wider than a phone: they scroll inside the card, not the page.
      styles={{ body: { overflowX: 'auto' } }}
      extra={
        <Link to={`/finance/apply?listingId=${encodeURIComponent(v.id)}`}>
          <Button type="primary" size="small" data-testid="apply-loan">
            {t('vehicle.applyLoan')}
          </Button>
        </Link>
      }
    >
      <Tabs
        items={[
          {
            key: 'plans',
            label: t('vehicle.loanPlans'),
            children: (
              <PlanComparison
                priceFen={d.price.priceFen}
                energy={energy}
                used={v.kind === 'used'}
                brand={v.brand.slug}
              />
            ),
          },
          {
            key: 'insurance',
            label: t('vehicle.insurancePlans'),
            children: <InsurancePlans listingId={v.id} {...(cityCode ? { cityCode } : {})} />,
          },
        ]}
      />
    </Card>
  );
}
