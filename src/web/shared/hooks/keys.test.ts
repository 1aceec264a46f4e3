import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { accessoryKeys } from './accessories.js';
import { brandKeys, catalogKeys, parameterKeys, seriesKeys, trimKeys } from './catalog.js';
import { crmKeys } from './crm.js';
import { dealerKeys } from './dealers.js';
import { identityKeys, resetSessionData } from './identity.js';
import { listingKeys } from './listings.js';
import { platformKeys } from './platform.js';
import { searchKeys } from './search.js';

// The query-key factories: a mutation invalidates a prefix (`brandKeys.all`, `listingKeys.all`), so every
// query it should refresh must sit under that prefix, and nothing of another module may.

/** Caches one query per key and returns the keys whose queries `invalidate` marked stale. */
async function invalidated(keys: QueryKey[], invalidate: QueryKey): Promise<QueryKey[]> {
  const qc = new QueryClient();
  for (const key of keys) qc.setQueryData(key, { cached: true });
  await qc.invalidateQueries({ queryKey: invalidate });
  return keys.filter((key) => qc.getQueryState(key)?.isInvalidated);
}

describe('query-key factories', () => {
  it('invalidating brandKeys.all refreshes the brand index and every brand detail, and nothing else', async () => {
    const keys = [
      brandKeys.index(),
      brandKeys.detail('brd_1'),
      seriesKeys.detail('ser_1'),
      searchKeys.favourites(),
    ];
    expect(await invalidated(keys, brandKeys.all)).toEqual([brandKeys.index(), brandKeys.detail('brd_1')]);
  });

  it('a model-database mutation (catalogKeys.all) refreshes brands, series, trims and parameters', async () => {
    const model = [
      brandKeys.index(),
      brandKeys.detail('b'),
      seriesKeys.detail('s'),
      trimKeys.detail('t'),
      parameterKeys.list(),
    ];
    const others = [searchKeys.results({ q: '汉' }), listingKeys.detail('l'), accessoryKeys.categories()];
    expect(await invalidated([...model, ...others], catalogKeys.all)).toEqual(model);
  });

  it('a listing mutation (listingKeys.all) refreshes lists, details, inspections (staff and public) and the queue', async () => {
    const listings = [
      listingKeys.list({ status: 'draft' }),
      listingKeys.detail('lst_1'),
      listingKeys.inspection('lst_1'),
      listingKeys.publicInspection('lst_1'),
      listingKeys.queue(),
    ];
    const others = [accessoryKeys.managed('draft'), searchKeys.vehicle('lst_1'), brandKeys.index()];
    expect(await invalidated([...listings, ...others], listingKeys.all)).toEqual(listings);
  });

  it('saving an accessory refreshes every managed list whatever its status filter, not the categories', async () => {
    const keys = [accessoryKeys.managed(), accessoryKeys.managed('listed'), accessoryKeys.categories()];
    expect(await invalidated(keys, accessoryKeys.managedLists())).toEqual([
      accessoryKeys.managed(),
      accessoryKeys.managed('listed'),
    ]);
  });

  it('updating a store refreshes the store lists by city and by dealer', async () => {
    const stores = [dealerKeys.storesInCity('110100', 'BYD'), dealerKeys.storesOfDealer('dlr_1')];
    const others = [dealerKeys.cities(), dealerKeys.dealer('dlr_1'), dealerKeys.portalDealer()];
    expect(await invalidated([...stores, ...others], dealerKeys.stores())).toEqual(stores);
  });

  it("a staff mutation (identityKeys.staff) refreshes the console's staff list and the dealer portal's", async () => {
    const keys = [identityKeys.staffList({ q: 'a' }), identityKeys.dealerStaff(), identityKeys.me()];
    expect(await invalidated(keys, identityKeys.staff())).toEqual([
      identityKeys.staffList({ q: 'a' }),
      identityKeys.dealerStaff(),
    ]);
  });

  it("puts every module's keys under its own first segment, so no invalidation crosses modules", () => {
    const byModule: [string, QueryKey[]][] = [
      ['catalog', [brandKeys.index(), seriesKeys.detail('s'), trimKeys.detail('t'), parameterKeys.list()]],
      [
        'search',
        [searchKeys.results({}), searchKeys.vehicle('v'), searchKeys.favourites(), searchKeys.history()],
      ],
      ['listings', [listingKeys.list({}), listingKeys.publicInspection('l'), listingKeys.adLawTerms()]],
      ['accessories', [accessoryKeys.categories(), accessoryKeys.managed()]],
      ['dealers', [dealerKeys.cities(), dealerKeys.storesOfDealer('d'), dealerKeys.portalStores()]],
      ['identity', [identityKeys.me(), identityKeys.dealerStaff(), identityKeys.roles()]],
      ['crm', [crmKeys.profile(), crmKeys.devInbox()]],
      ['platform', [platformKeys.unreadCount(), platformKeys.jobStats(), platformKeys.audit({})]],
    ];
    for (const [module, keys] of byModule) for (const key of keys) expect(key[0]).toBe(module);
  });
});

describe('resetSessionData', () => {
  it('drops every cached query of the previous session except `me`, which it refreshes', async () => {
    const qc = new QueryClient();
    for (const key of [
      identityKeys.me(),
      identityKeys.staffList({}),
      searchKeys.favourites(),
      crmKeys.profile(),
    ])
      qc.setQueryData(key, { cached: true });
    resetSessionData(qc);
    expect(
      qc
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey),
    ).toEqual([identityKeys.me()]);
    expect(qc.getQueryState(identityKeys.me())?.isInvalidated).toBe(true);
  });
});
