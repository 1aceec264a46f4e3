import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { useCities } from '../../shared/hooks/dealers.js';
import {
  type TVehicleCard,
  useFavourites,
  useHistory,
  useSetFavourite,
  useVehicles,
} from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { clearLocalList, toggleLocalFavourite, useLocalList } from './local.js';
import { useIsBuyer } from './saved.js';
import { VehicleCard } from './VehicleCard.js';

/** How many anonymous entries are shown (each is one detail request). */
const LOCAL_SHOWN = 24;

/** Cards of the vehicles the browser remembers (signed out): one detail request each, cached. */
function useLocalCards(ids: string[]) {
  const shown = ids.slice(0, LOCAL_SHOWN);
  const results = useVehicles(shown);
  return {
    isLoading: results.some((r) => r.isLoading),
    cards: results.flatMap((r) => (r.data ? [r.data.vehicle] : [])),
  };
}

/** Takes a vehicle off the favourites: the account's when signed in, the browser's otherwise. */
function useRemoveFavourite(buyer: boolean) {
  const { t } = useTranslation('storefront');
  const { message } = App.useApp();
  const set = useSetFavourite();
  return {
    pending: set.isPending ? set.variables?.listingId : undefined,
    remove(listingId: string) {
      if (!buyer) {
        toggleLocalFavourite(listingId);
        void message.success(t('savedPages.removed'));
        return;
      }
      set.mutate(
        { listingId, on: false },
        {
          onSuccess: () => void message.success(t('savedPages.removed')),
          onError: () => void message.error(t('savedPages.removeFailed')),
        },
      );
    },
  };
}

function CardGrid({
  cards,
  onRemove,
  removing,
}: {
  cards: TVehicleCard[];
  onRemove?: (id: string) => void;
  removing?: string | undefined;
}) {
  const { t, i18n } = useTranslation('storefront');
  const cities = useCities().data;
  return (
    <Row gutter={[12, 12]} data-testid="saved-list">
      {cards.map((v) => (
        <Col key={v.id} xs={12} md={8} lg={6} data-testid="saved-item" data-id={v.id}>
          <VehicleCard
            v={v}
            cityLabel={cityName(
              cities?.find((c) => c.code === v.cityCode),
              i18n.language,
            )}
          />
          {onRemove && (
            <Button
              block
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              loading={removing === v.id}
              onClick={() => onRemove(v.id)}
              data-testid={`favourite-remove-${v.id}`}
              style={{ marginTop: 4 }}
            >
              {t('savedPages.remove')}
            </Button>
          )}
        </Col>
      ))}
    </Row>
  );
}

function SavedPage({ which }: { which: 'favourites' | 'history' }) {
  const { t } = useTranslation('storefront');
  const buyer = useIsBuyer();
  const favourites = useFavourites(buyer && which === 'favourites');
  const history = useHistory(buyer && which === 'history');
  const remote = which === 'favourites' ? favourites : history;
  const localIds = useLocalList(which);
  const local = useLocalCards(buyer ? [] : localIds);
  const removal = useRemoveFavourite(buyer);
  const cards = buyer
    ? (remote.data?.items ?? []).flatMap((s) => (s.vehicle ? [s.vehicle] : []))
    : local.cards.filter((c) => localIds.includes(c.id));
  return (
    <Card data-testid={`${which}-page`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t(`${which}.title`)}
        </Typography.Title>
        {which === 'history' && !buyer && localIds.length > 0 && (
          <Button size="small" onClick={() => clearLocalList('history')} data-testid="history-clear">
            {t('history.clear')}
          </Button>
        )}
      </div>
      {!buyer && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {which === 'favourites' ? t('favourites.signInHint') : t('savedPages.historySignInHint')}{' '}
              <Link to={`/sign-in?redirect=/${which}`}>{t('nav.signIn')}</Link>
            </span>
          }
        />
      )}
      <QueryState
        isLoading={buyer ? remote.isLoading : local.isLoading}
        error={buyer ? remote.error : null}
        onRetry={() => void remote.refetch()}
      >
        {cards.length === 0 ? (
          <Empty description={t(`${which}.empty`)} />
        ) : which === 'favourites' ? (
          <CardGrid cards={cards} onRemove={removal.remove} removing={removal.pending} />
        ) : (
          <CardGrid cards={cards} />
        )}
      </QueryState>
    </Card>
  );
}

export function FavouritesPage() {
  return <SavedPage which="favourites" />;
}

export function HistoryPage() {
  return <SavedPage which="history" />;
}
