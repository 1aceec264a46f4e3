import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { track } from '../../shared/analytics/tracker.js';
import { useMe } from '../../shared/hooks/identity.js';
import { mergeLocalLists, useSetFavourite } from '../../shared/hooks/search.js';
import { clearLocalList, readLocalList, toggleLocalFavourite, useLocalList } from './local.js';

/** True while a buyer is signed in (favourites and history then live in the account). */
export function useIsBuyer(): boolean {
  return useMe().data?.me?.kind === 'buyer';
}

/**
 * Favourite state and toggle of one vehicle: the account's when signed in (from the detail answer),
 * the browser's otherwise.
 */
export function useFavouriteToggle(listingId: string, serverFavourite: boolean) {
  const { t } = useTranslation('storefront');
  const { message } = App.useApp();
  const buyer = useIsBuyer();
  const local = useLocalList('favourites');
  const set = useSetFavourite();
  const on = buyer ? serverFavourite : local.includes(listingId);
  return {
    on,
    pending: set.isPending,
    toggle() {
      track('favourite', { on: !on }, { listingId });
      if (!buyer) {
        toggleLocalFavourite(listingId);
        return;
      }
      set.mutate(
        { listingId, on: !on },
        { onError: (e) => void message.error(e instanceof Error ? e.message : t('vehicle.favourite')) },
      );
    },
  };
}

let merging: Promise<void> | null = null;

/**
 * Right after a buyer signs in: sends the browser's anonymous favourites and history to the account once,
 * then clears them (kept when the call fails, so nothing is lost; the next sign-in retries).
 */
export function mergeAfterSignIn(): Promise<void> {
  if (merging) return merging;
  const favourites = readLocalList('favourites');
  const history = readLocalList('history');
  if (favourites.length === 0 && history.length === 0) return Promise.resolve();
  merging = mergeLocalLists(favourites, history)
    .then(() => {
      clearLocalList('favourites');
      clearLocalList('history');
    })
    .catch(() => undefined)
    .finally(() => {
      merging = null;
    });
  return merging;
}
