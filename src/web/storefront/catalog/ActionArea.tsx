import {
  CalculatorOutlined,
  CheckOutlined,
  HeartFilled,
  HeartOutlined,
  PhoneOutlined,
  PlusOutlined,
  ShareAltOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Grid, Space, Typography } from 'antd';
import type { ComponentType, ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import '../pricing/i18n.js';
import type { TVehicleDetail } from '../../shared/hooks/search.js';
import { ReserveAction } from '../orders/ReserveAction.js';
import { TestdriveAction } from '../testdrives/TestdriveAction.js';
import { addToCompare, MAX_COMPARE, removeFromCompare, useLocalList } from './local.js';
import { cardTitle } from './present.js';
import { useFavouriteToggle } from './saved.js';

// The vehicle page's action area: one list of actions, shown as a sticky column on wide screens and as a
// fixed bar at the bottom of a phone. Later features (询底价 / landed price, order, test drive) add an entry
// to VEHICLE_ACTIONS; an action whose `available` says no is not shown at all.

/** What an action button gets: the vehicle, and whether it sits in the phone bar (icon above a short label). */
export interface ActionProps {
  d: TVehicleDetail;
  bar: boolean;
}

export interface VehicleAction {
  /** Stable key: the wrapper's data-testid is `action-<key>`. */
  key: string;
  /** The main call to action of the page (a filled button, wider in the phone bar). */
  primary?: boolean;
  /** Shown only when this holds for the vehicle (e.g. the store has a phone). */
  available?: (d: TVehicleDetail) => boolean;
  Component: ComponentType<ActionProps>;
}

/** A secondary action: a button on wide screens, an icon with a small label in the phone bar. */
function ActionButton({
  bar,
  icon,
  label,
  onClick,
  loading,
  testId,
  pressed,
}: {
  bar: boolean;
  icon: ReactNode;
  label: string;
  onClick: () => void;
  loading?: boolean;
  testId?: string;
  pressed?: boolean;
}) {
  const state = pressed === undefined ? {} : { 'aria-pressed': pressed, 'data-on': pressed };
  if (bar) {
    return (
      <Button
        type="text"
        onClick={onClick}
        loading={loading}
        data-testid={testId}
        {...state}
        style={{ height: 48, padding: '0 6px', display: 'flex', flexDirection: 'column', gap: 0 }}
      >
        <span style={{ fontSize: 18, lineHeight: '22px' }}>{icon}</span>
        <span style={{ fontSize: 11, lineHeight: '14px' }}>{label}</span>
      </Button>
    );
  }
  return (
    <Button icon={icon} onClick={onClick} loading={loading} data-testid={testId} {...state} block>
      {label}
    </Button>
  );
}

function FavouriteAction({ d, bar }: ActionProps) {
  const { t } = useTranslation('storefront');
  const fav = useFavouriteToggle(d.vehicle.id, d.favourite);
  return (
    <ActionButton
      bar={bar}
      icon={fav.on ? <HeartFilled style={{ color: '#cf1322' }} /> : <HeartOutlined />}
      label={fav.on ? t('vehicle.favourited') : t('vehicle.favourite')}
      onClick={fav.toggle}
      loading={fav.pending}
      testId="favourite-toggle"
      pressed={fav.on}
    />
  );
}

function CompareAction({ d, bar }: ActionProps) {
  const { t, i18n } = useTranslation('storefront');
  const { message } = App.useApp();
  const id = d.vehicle.id;
  const selected = useLocalList('compare').includes(id);
  return (
    <ActionButton
      bar={bar}
      icon={selected ? <CheckOutlined /> : <PlusOutlined />}
      label={selected ? t('vehicle.inCompare') : t('vehicle.addCompare')}
      testId={`compare-toggle-${id}`}
      pressed={selected}
      onClick={() => {
        if (selected) removeFromCompare(id);
        else if (!addToCompare(id, cardTitle(d.vehicle, i18n.language === 'en' ? 'en' : 'zh-CN')))
          void message.warning(t('vehicle.compareFull', { n: MAX_COMPARE }));
      }}
    />
  );
}

function ShareAction({ d, bar }: ActionProps) {
  const { t, i18n } = useTranslation('storefront');
  const { message } = App.useApp();
  async function share() {
    const url = window.location.href;
    const title = cardTitle(d.vehicle, i18n.language === 'en' ? 'en' : 'zh-CN');
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (e) {
        // The buyer closed the share sheet: nothing to do.
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('vehicle.copied'));
    } catch {
      void message.warning(t('vehicle.copyFailed'));
    }
  }
  return (
    <ActionButton
      bar={bar}
      icon={<ShareAltOutlined />}
      label={t('vehicle.share')}
      onClick={() => void share()}
      testId="share"
    />
  );
}

function CallAction({ d, bar }: ActionProps) {
  const { t } = useTranslation('storefront');
  const phone = d.store?.phone ?? '';
  return (
    <Button
      type="primary"
      icon={<PhoneOutlined />}
      href={`tel:${phone.replace(/[^\d+]/g, '')}`}
      block
      size={bar ? 'large' : 'middle'}
      data-testid="call-store"
      aria-label={`${t('vehicle.call')} ${phone}`}
    >
      {bar ? t('vehicle.call') : `${t('vehicle.call')} ${phone}`}
    </Button>
  );
}

/** 查看落地价: jumps to the price breakdown (the pricing issue's entry in the action area). */
function LandedPriceAction({ bar }: ActionProps) {
  const { t } = useTranslation('pricing');
  return (
    <ActionButton
      bar={bar}
      icon={<CalculatorOutlined />}
      label={t('breakdown.title')}
      onClick={() =>
        document.getElementById('landed-price')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
      }
      testId="landed-price"
    />
  );
}

/** Every action the vehicle page offers today, in display order. */
export const VEHICLE_ACTIONS: VehicleAction[] = [
  { key: 'favourite', Component: FavouriteAction },
  { key: 'compare', Component: CompareAction },
  { key: 'share', Component: ShareAction },
  { key: 'landed-price', Component: LandedPriceAction },
  { key: 'call', primary: true, available: (d) => Boolean(d.store?.phone), Component: CallAction },
  { key: 'test-drive', available: (d) => d.vehicle.kind === 'new', Component: TestdriveAction },
  {
    key: 'reserve',
    primary: true,
    available: (d) => d.vehicle.status === 'listed',
    Component: ReserveAction,
  },
];

/** The actions shown for this vehicle (those whose `available` holds). */
export function availableActions(d: TVehicleDetail, actions = VEHICLE_ACTIONS): VehicleAction[] {
  return actions.filter((a) => a.available?.(d) ?? true);
}

/** Height of the phone bar; the page keeps this much room at the bottom so nothing hides behind it. */
export const ACTION_BAR_HEIGHT = 64;
/** CSS variable other fixed bottom elements (the compare tray) add to stay above the bar. */
const ACTION_BAR_VAR = '--ay-actionbar-height';

/**
 * The action area of a vehicle page: a sticky card in the right column on wide screens, a bar fixed to the
 * bottom of a phone (at most 576 px wide).
 */
export function ActionArea({
  d,
  actions = VEHICLE_ACTIONS,
}: {
  d: TVehicleDetail;
  actions?: VehicleAction[];
}) {
  const { t } = useTranslation('storefront');
  const screens = Grid.useBreakpoint();
  const bar = screens.sm === false;
  const shown = availableActions(d, actions);
  const primary = shown.filter((a) => a.primary);
  const secondary = shown.filter((a) => !a.primary);

  useEffect(() => {
    if (!bar) return;
    // Room for the bar below the page's last line (the footer included), and the compare tray above it.
    const height = `calc(${ACTION_BAR_HEIGHT}px + env(safe-area-inset-bottom))`;
    const previous = document.body.style.paddingBottom;
    document.body.style.paddingBottom = height;
    document.documentElement.style.setProperty(ACTION_BAR_VAR, height);
    return () => {
      document.body.style.paddingBottom = previous;
      document.documentElement.style.removeProperty(ACTION_BAR_VAR);
    };
  }, [bar]);

  const item = (a: VehicleAction) => (
    <div
      key={a.key}
      data-testid={`action-${a.key}`}
      style={bar ? { flex: a.primary ? '1 1 auto' : 'none', minWidth: 0 } : undefined}
    >
      <a.Component d={d} bar={bar} />
    </div>
  );

  if (bar) {
    return (
      <nav
        data-testid="vehicle-actions"
        data-layout="bar"
        aria-label={t('vehicle.actions')}
        style={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          zIndex: 20,
          minHeight: ACTION_BAR_HEIGHT,
          padding: '8px 8px calc(8px + env(safe-area-inset-bottom))',
          background: '#fff',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          boxSizing: 'border-box',
        }}
      >
        {secondary.map(item)}
        {primary.length > 0 && (
          <div style={{ flex: 1, display: 'flex', gap: 6, minWidth: 0 }}>{primary.map(item)}</div>
        )}
      </nav>
    );
  }
  return (
    <Card
      size="small"
      data-testid="vehicle-actions"
      data-layout="column"
      title={t('vehicle.actions')}
      style={{ position: 'sticky', top: 88 }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {primary.map(item)}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
          {secondary.map(item)}
        </div>
        {!d.store?.phone && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('vehicle.noPhone')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
