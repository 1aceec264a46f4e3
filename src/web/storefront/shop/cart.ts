import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TCart,
  type TCartLineInput,
  useMergeCart,
  useMyCart,
  usePricedCart,
  useSetCartLine,
} from '../../shared/hooks/shop.js';

// The cart as the pages see it: a signed-in buyer's is kept by the server; an anonymous one lives in this
// browser (localStorage) and is merged into the account's at sign-in (ShopCartMerger).

const KEY = 'ay_shop_cart';
const listeners = new Set<() => void>();

function readLocal(): TCartLineInput[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v)
      ? v.filter(
          (l): l is TCartLineInput =>
            typeof l === 'object' &&
            l !== null &&
            typeof l.variantId === 'string' &&
            Number.isInteger(l.quantity),
        )
      : [];
  } catch {
    return [];
  }
}

let snapshot = typeof localStorage === 'undefined' ? [] : readLocal();

function writeLocal(lines: TCartLineInput[]): void {
  snapshot = lines.filter((l) => l.quantity > 0);
  localStorage.setItem(KEY, JSON.stringify(snapshot));
  for (const l of listeners) l();
}

function useLocalLines(): TCartLineInput[] {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => snapshot,
  );
}

export interface ShopCart {
  cart: TCart | undefined;
  isLoading: boolean;
  signedIn: boolean;
  count: number;
  setQuantity(variantId: string, quantity: number, mode: 'add' | 'set'): Promise<void>;
}

export function useShopCart(): ShopCart {
  const me = useMe();
  const signedIn = me.data?.me?.kind === 'buyer';
  const local = useLocalLines();
  const server = useMyCart(signedIn);
  const priced = usePricedCart(local, !signedIn && local.length > 0);
  const setLine = useSetCartLine();
  const cart = signedIn
    ? server.data
    : local.length > 0
      ? priced.data
      : { lines: [], goodsFen: 0, limited: [] };
  return {
    cart,
    isLoading: me.isLoading || (signedIn ? server.isLoading : priced.isLoading),
    signedIn,
    count: (cart?.lines ?? []).reduce((s, l) => s + l.quantity, 0),
    async setQuantity(variantId, quantity, mode) {
      if (signedIn) {
        await setLine.mutateAsync({ variantId, quantity, mode });
        return;
      }
      const current = snapshot.find((l) => l.variantId === variantId)?.quantity ?? 0;
      const next = Math.min(99, mode === 'add' ? current + quantity : quantity);
      writeLocal([...snapshot.filter((l) => l.variantId !== variantId), { variantId, quantity: next }]);
    },
  };
}

/** Mounted once in the storefront: after sign-in, moves the browser's cart into the account's. */
export function ShopCartMerger() {
  const me = useMe();
  const signedIn = me.data?.me?.kind === 'buyer';
  const merge = useMergeCart();
  const busy = useRef(false);
  const [key] = useState(() => crypto.randomUUID());
  useEffect(() => {
    if (!signedIn || busy.current || snapshot.length === 0) return;
    busy.current = true;
    merge.mutate(
      { lines: snapshot, key },
      {
        onSuccess: () => writeLocal([]),
        onSettled: () => {
          busy.current = false;
        },
      },
    );
  }, [signedIn, merge, key]);
  return null;
}
