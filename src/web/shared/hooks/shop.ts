import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAccessory } from '../../../server/modules/accessories/accessories.contract.js';
import type {
  TBulkShipResult,
  TCart,
  TCartLineInput,
  TCheckoutQuote,
  TCheckoutRequest,
  TMyCar,
  TReturnRequest,
  TShippingRate,
  TShippingRule,
  TShippingRuleInput,
  TShipRequest,
  TShopOrder,
  TStaffShopOrder,
} from '../../../server/modules/shop/shop.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the shop module (/api/v1/shop) and the accessories it sells (/api/v1/catalog/accessories).

export type { TCart, TCartLineInput, TCheckoutQuote, TShippingRule, TShopOrder, TStaffShopOrder };

export const shopKeys = {
  all: ['shop'] as const,
  products: (f: ShopProductFilter) => [...shopKeys.all, 'products', f] as const,
  product: (id: string) => [...shopKeys.all, 'product', id] as const,
  stock: (ids: readonly string[]) => [...shopKeys.all, 'stock', ids.join(',')] as const,
  cart: () => [...shopKeys.all, 'cart'] as const,
  priced: (lines: readonly TCartLineInput[]) => [...shopKeys.all, 'priced', lines] as const,
  quote: (q: unknown) => [...shopKeys.all, 'quote', q] as const,
  mine: () => [...shopKeys.all, 'mine'] as const,
  mineOne: (id: string) => [...shopKeys.all, 'mine', id] as const,
  staff: () => [...shopKeys.all, 'staff'] as const,
  staffList: (f: { status?: string; q?: string }) => [...shopKeys.staff(), 'list', f] as const,
  staffOne: (id: string) => [...shopKeys.staff(), 'one', id] as const,
  rules: () => [...shopKeys.all, 'rules'] as const,
  rate: (from: string, to: string) => [...shopKeys.all, 'rate', from, to] as const,
};

export interface ShopProductFilter {
  categoryId?: string | undefined;
  seriesId?: string | undefined;
  /** With seriesId: the car's model year. */
  year?: number | undefined;
  q?: string | undefined;
}

/** The signed-in buyer's cars from their vehicle orders (series and model year), for "fits my car". */
export function useMyCars(enabled: boolean) {
  return useQuery({
    queryKey: [...shopKeys.all, 'my-cars'] as const,
    queryFn: () => api<{ items: TMyCar[] }>('/shop/my-cars'),
    enabled,
  });
}

export function useShopProducts(f: ShopProductFilter) {
  return useQuery({
    queryKey: shopKeys.products(f),
    queryFn: ({ signal }) =>
      api<Page<TAccessory>>('/catalog/accessories', { query: { ...f, limit: 60 }, signal }),
  });
}

export function useShopProduct(id: string) {
  return useQuery({
    queryKey: shopKeys.product(id),
    queryFn: ({ signal }) => api<TAccessory>(`/catalog/accessories/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useShopStock(variantIds: readonly string[]) {
  return useQuery({
    queryKey: shopKeys.stock(variantIds),
    queryFn: ({ signal }) =>
      api<{ items: { variantId: string; available: number }[] }>('/shop/stock', {
        query: { variantIds: variantIds.join(',') },
        signal,
      }),
    enabled: variantIds.length > 0,
  });
}

/** A signed-in buyer's cart (server-kept). */
export function useMyCart(enabled: boolean) {
  return useQuery({ queryKey: shopKeys.cart(), queryFn: () => api<TCart>('/shop/cart'), enabled });
}

/** The browser's anonymous cart, priced. */
export function usePricedCart(lines: readonly TCartLineInput[], enabled: boolean) {
  return useQuery({
    queryKey: shopKeys.priced(lines),
    queryFn: () => api<TCart>('/shop/cart/price', { method: 'POST', body: { lines } }),
    enabled,
  });
}

export function useSetCartLine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { variantId: string; quantity: number; mode: 'add' | 'set' }) =>
      v.mode === 'add'
        ? api<TCart>('/shop/cart/lines', {
            method: 'POST',
            body: { variantId: v.variantId, quantity: v.quantity },
          })
        : api<TCart>(`/shop/cart/lines/${encodeURIComponent(v.variantId)}`, {
            method: 'PUT',
            body: { quantity: v.quantity },
          }),
    onSuccess: (cart) => qc.setQueryData(shopKeys.cart(), cart),
  });
}

export function useMergeCart() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { lines: TCartLineInput[]; key: string }) =>
      api<TCart>('/shop/cart/merge', { method: 'POST', body: { lines: v.lines }, idempotencyKey: v.key }),
    onSuccess: (cart) => qc.setQueryData(shopKeys.cart(), cart),
  });
}

export function useCheckoutQuote(q: { lines: TCartLineInput[]; province: string } | null) {
  return useQuery({
    queryKey: shopKeys.quote(q),
    queryFn: () => api<TCheckoutQuote>('/shop/checkout/quote', { method: 'POST', body: q }),
    enabled: q !== null && q.lines.length > 0,
  });
}

export function useShopCheckout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: TCheckoutRequest; key: string }) =>
      api<TShopOrder>('/shop/checkout', { method: 'POST', body: v.body, idempotencyKey: v.key }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKeys.all }),
  });
}

export function useMyShopOrders(enabled: boolean) {
  return useQuery({
    queryKey: shopKeys.mine(),
    queryFn: ({ signal }) => api<Page<TShopOrder>>('/shop/orders/mine', { query: { limit: 50 }, signal }),
    enabled,
  });
}

export function useMyShopOrder(id: string) {
  return useQuery({
    queryKey: shopKeys.mineOne(id),
    queryFn: ({ signal }) => api<TShopOrder>(`/shop/orders/mine/${encodeURIComponent(id)}`, { signal }),
    // While unpaid the payment may land any moment (the sandbox page sends the buyer back here).
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' ? 3000 : false),
  });
}

export function useMyShopOrderAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { action: 'cancel' } | { action: 'return'; body: TReturnRequest }) =>
      api<TShopOrder>(`/shop/orders/mine/${encodeURIComponent(id)}/${v.action}`, {
        method: 'POST',
        body: v.action === 'return' ? v.body : {},
      }),
    onSuccess: (o) => {
      qc.setQueryData(shopKeys.mineOne(id), o);
      void qc.invalidateQueries({ queryKey: shopKeys.mine() });
    },
  });
}

// ---- console ----

export function useStaffShopOrders(f: { status?: string; q?: string }) {
  return useQuery({
    queryKey: shopKeys.staffList(f),
    queryFn: ({ signal }) => api<Page<TShopOrder>>('/shop/orders', { query: { ...f, limit: 100 }, signal }),
  });
}

export function useStaffShopOrder(id: string | null) {
  return useQuery({
    queryKey: shopKeys.staffOne(id ?? ''),
    queryFn: ({ signal }) => api<TStaffShopOrder>(`/shop/orders/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export type StaffShopAction =
  | { action: 'ship'; body: TShipRequest }
  | { action: 'pickup' | 'deliver' | 'receive-return' }
  | { action: 'cancel'; body: { reason?: string } };

export function useStaffShopAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: StaffShopAction) =>
      api<TShopOrder>(`/shop/orders/${encodeURIComponent(id)}/${v.action}`, {
        method: 'POST',
        body: 'body' in v ? v.body : {},
      }),
    // The order lists and the shipping rate both change.
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKeys.all }),
  });
}

export function useBulkShip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<TBulkShipResult>('/shop/orders/bulk-ship', { method: 'POST', body: form });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKeys.all }),
  });
}

export function useShippingRules() {
  return useQuery({
    queryKey: shopKeys.rules(),
    queryFn: () => api<{ items: TShippingRule[] }>('/shop/shipping-rules'),
  });
}

export function useSaveShippingRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: TShippingRuleInput | { delete: string }) =>
      'delete' in v
        ? api<null>(`/shop/shipping-rules/${encodeURIComponent(v.delete || 'default')}`, { method: 'DELETE' })
        : api<TShippingRule>('/shop/shipping-rules', { method: 'PUT', body: v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: shopKeys.rules() }),
  });
}

export function useShippingRate(from: string, to: string) {
  return useQuery({
    queryKey: shopKeys.rate(from, to),
    queryFn: () => api<TShippingRate>('/shop/shipping-rate', { query: { from, to } }),
  });
}
