import './i18n.js';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useCities, usePortalStores, useStores } from '../hooks/dealers.js';
import { DeliveriesBoard } from './DeliveriesBoard.js';
import { DeliveryCalendar } from './DeliveryCalendar.js';

// `<base>` the deliveries board, `<base>/calendar` the delivery calendar: the console's (every store, picked by
// city) and the dealer portal's (its own stores) delivery screens.

function ConsoleCalendar({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('delivery');
  const cities = useCities();
  const [cityCode, setCityCode] = useState<string>('110100');
  const stores = useStores(cityCode);
  return (
    <DeliveryCalendar
      canManage={canManage}
      stores={(stores.data?.items ?? []).map((s) => ({ id: s.id, name: `${s.dealer.name} · ${s.name}` }))}
      cityPicker={
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('calendar.city')}
          style={{ width: 120 }}
          value={cityCode}
          onChange={setCityCode}
          options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        />
      }
    />
  );
}

function PortalCalendar({ canManage }: { canManage: boolean }) {
  const stores = usePortalStores();
  return (
    <DeliveryCalendar
      canManage={canManage}
      stores={(stores.data ?? []).map((s) => ({ id: s.id, name: s.name }))}
    />
  );
}

export function DeliveryRoutes({
  area,
  permissions,
}: {
  area: 'console' | 'dealer';
  permissions: readonly string[];
}) {
  const canManage = permissions.includes('fulfilment.manage');
  const canCalendar = permissions.includes('fulfilment.calendar');
  return (
    <Routes>
      <Route index element={<DeliveriesBoard canManage={canManage} />} />
      <Route
        path="calendar"
        element={
          area === 'console' ? (
            <ConsoleCalendar canManage={canCalendar} />
          ) : (
            <PortalCalendar canManage={canCalendar} />
          )
        }
      />
    </Routes>
  );
}
