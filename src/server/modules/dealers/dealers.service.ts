import { z } from 'zod';
import { recordAudit } from '../../kernel/audit/audit.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import type {
  TAddQualificationRequest,
  TCity,
  TCreateDealerRequest,
  TCreateStoreRequest,
  TDealer,
  TDealerDetail,
  TDealerListQuery,
  TPortalDealer,
  TPortalUpdateStoreRequest,
  TQualification,
  TStore,
  TStoreListQuery,
  TUpdateDealerRequest,
  TUpdateStoreRequest,
} from './dealers.contract.js';
import { addDays, shanghaiDate, toCity, toDealer, toQualification, toStore } from './dealers.mappers.js';
import * as repo from './dealers.repository.js';
import type { DealerRow, StoreRow } from './dealers.schema.js';

type Handle = Db | Tx;

/** Who/when/where of a staff mutation, for the audit row and the event. */
import type { MutationMeta } from '../../kernel/http/mutation-meta.js';

export type { MutationMeta };

/** Events this module publishes (payloads carry ids; subscribers read what they need). */
export const DealerEvents = {
  dealerCreated: 'dealer.created',
  dealerUpdated: 'dealer.updated',
  dealerSuspended: 'dealer.suspended',
  dealerReinstated: 'dealer.reinstated',
  qualificationAdded: 'dealer.qualification_added',
  storeCreated: 'store.created',
  storeUpdated: 'store.updated',
} as const;

/** Dealer status machine: action -> the states it may start from and the state it leads to. */
const DEALER_TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
} as const satisfies Record<string, { from: readonly string[]; to: string }>;

const ZIdCursor = z.object({ id: z.string() });

async function audit(
  tx: Tx,
  actor: StaffActor,
  meta: MutationMeta,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor,
    action,
    entityType,
    entityId,
    before,
    after,
    requestId: meta.requestId ?? null,
    ip: meta.ip ?? null,
    at: meta.at,
  });
}

async function assertCityExists(db: Handle, cityCode: string): Promise<void> {
  if (!(await repo.findCity(db, cityCode))) throw new AppError('CITY_NOT_FOUND', { cityCode });
}

/** Platform-only actions (creating dealers) are refused to anyone who belongs to a dealer. */
function assertPlatformStaff(actor: StaffActor): void {
  if (actor.dealerId !== null) throw new AppError('FORBIDDEN');
}

/** The dealer a portal caller belongs to; platform staff have none and cannot use the portal. */
function portalDealerId(actor: StaffActor): string {
  if (actor.dealerId === null) throw new AppError('DEALER_SCOPE_REQUIRED');
  return actor.dealerId;
}

async function loadDealer(db: Handle, id: string): Promise<TDealer> {
  const view = await repo.findDealerView(db, id);
  if (!view) throw new AppError('DEALER_NOT_FOUND');
  return toDealer(view);
}

async function loadStore(db: Handle, id: string): Promise<TStore> {
  const view = await repo.findStoreView(db, id);
  if (!view) throw new AppError('STORE_NOT_FOUND');
  return toStore(view);
}

async function loadQualifications(db: Handle, dealerId: string, now: Date): Promise<TQualification[]> {
  const today = shanghaiDate(now);
  return (await repo.listQualifications(db, dealerId)).map((q) => toQualification(q, today));
}

/** A USCC unique violation from the insert/update becomes USCC_TAKEN, anything else propagates. */
async function mapUsccConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (repo.isUniqueViolation(e)) throw new AppError('USCC_TAKEN');
    throw e;
  }
}

// ---- public ----

/** Every city, hot cities first, then by pinyin. */
export async function listCities(db: Handle): Promise<TCity[]> {
  return (await repo.listCities(db)).map(toCity);
}

/** Open stores of active dealers, filtered and paged by id. */
export async function listPublicStores(
  db: Handle,
  query: TStoreListQuery,
): Promise<{ items: TStore[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ZIdCursor);
  const rows = await repo.listStores(db, {
    cityCode: query.cityCode,
    dealerId: query.dealerId,
    brand: query.brand,
    service: query.service,
    publicOnly: true,
    afterId: after?.id,
    limit: query.limit,
  });
  return toPage(rows, query.limit, toStore, (r) => ({ id: r.store.id }));
}

/** One store as the public sees it: closed stores and suspended dealers' stores are not found. */
export async function getPublicStore(db: Handle, id: string): Promise<TStore> {
  const view = await repo.findStoreView(db, id);
  if (!view) throw new AppError('STORE_NOT_FOUND');
  if (view.store.status !== 'active' || view.dealer.status !== 'active')
    throw new AppError('STORE_NOT_FOUND');
  return toStore(view);
}

// ---- console ----

export async function listDealers(
  db: Handle,
  actor: StaffActor,
  query: TDealerListQuery,
  now: Date,
): Promise<{ items: TDealer[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ZIdCursor);
  const rows = await repo.listDealers(db, {
    q: query.q,
    cityCode: query.cityCode,
    brand: query.brand,
    status: query.status,
    qualificationUntilOnOrBefore:
      query.expiringWithinDays === undefined
        ? undefined
        : addDays(shanghaiDate(now), query.expiringWithinDays),
    onlyDealerId: actor.dealerId ?? undefined,
    afterId: after?.id,
    limit: query.limit,
  });
  return toPage(rows, query.limit, toDealer, (r) => ({ id: r.dealer.id }));
}

/** A dealer with its qualifications and all its stores (closed ones too). */
export async function getDealer(
  db: Handle,
  actor: StaffActor,
  id: string,
  now: Date,
): Promise<TDealerDetail> {
  if (actor.dealerId !== null && actor.dealerId !== id) throw new AppError('DEALER_NOT_FOUND');
  const dealer = await loadDealer(db, id);
  // Sequential on purpose: `db` may be a transaction, whose single connection runs one query at a time.
  const qualifications = await loadQualifications(db, id, now);
  const storeRows = await repo.listStores(db, { dealerId: id, publicOnly: false });
  return { ...dealer, qualifications, stores: storeRows.map(toStore) };
}

export async function createDealer(
  db: Handle,
  actor: StaffActor,
  input: TCreateDealerRequest,
  meta: MutationMeta,
): Promise<TDealer> {
  assertPlatformStaff(actor);
  return withTransaction(db, async (tx) => {
    await assertCityExists(tx, input.cityCode);
    const row: DealerRow = {
      id: newId('dlr'),
      name: input.name,
      legalName: input.legalName,
      uscc: input.uscc,
      brands: input.brands,
      cityCode: input.cityCode,
      status: 'active',
      contactPhone: input.contactPhone,
      createdAt: meta.at,
      updatedAt: meta.at,
    };
    await mapUsccConflict(() => repo.insertDealer(tx, row));
    await audit(tx, actor, meta, 'dealer.create', 'dealer', row.id, null, row);
    await publishEvent(
      tx,
      {
        type: DealerEvents.dealerCreated,
        aggregateType: 'dealer',
        aggregateId: row.id,
        payload: { dealerId: row.id },
      },
      meta.at,
    );
    return loadDealer(tx, row.id);
  });
}

export async function updateDealer(
  db: Handle,
  actor: StaffActor,
  id: string,
  input: TUpdateDealerRequest,
  meta: MutationMeta,
): Promise<TDealer> {
  assertDealerScope(actor, id);
  return withTransaction(db, async (tx) => {
    const before = await repo.lockDealer(tx, id);
    if (!before) throw new AppError('DEALER_NOT_FOUND');
    if (input.cityCode !== undefined) await assertCityExists(tx, input.cityCode);
    const set = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.legalName !== undefined && { legalName: input.legalName }),
      ...(input.uscc !== undefined && { uscc: input.uscc }),
      ...(input.brands !== undefined && { brands: input.brands }),
      ...(input.cityCode !== undefined && { cityCode: input.cityCode }),
      ...(input.contactPhone !== undefined && { contactPhone: input.contactPhone }),
      updatedAt: meta.at,
    };
    await mapUsccConflict(() => repo.updateDealer(tx, id, set));
    await audit(tx, actor, meta, 'dealer.update', 'dealer', id, before, { ...before, ...set });
    await publishEvent(
      tx,
      {
        type: DealerEvents.dealerUpdated,
        aggregateType: 'dealer',
        aggregateId: id,
        payload: { dealerId: id, fields: Object.keys(set).filter((k) => k !== 'updatedAt') },
      },
      meta.at,
    );
    return loadDealer(tx, id);
  });
}

/** Suspends or reinstates a dealer per DEALER_TRANSITIONS; an illegal move is INVALID_TRANSITION. */
export async function changeDealerStatus(
  db: Handle,
  actor: StaffActor,
  id: string,
  action: keyof typeof DEALER_TRANSITIONS,
  meta: MutationMeta,
): Promise<TDealer> {
  assertPlatformStaff(actor);
  const rule = DEALER_TRANSITIONS[action];
  return withTransaction(db, async (tx) => {
    const before = await repo.lockDealer(tx, id);
    if (!before) throw new AppError('DEALER_NOT_FOUND');
    if (!(rule.from as readonly string[]).includes(before.status)) {
      throw new AppError('INVALID_TRANSITION', { from: before.status, action });
    }
    await repo.updateDealer(tx, id, { status: rule.to, updatedAt: meta.at });
    await audit(tx, actor, meta, `dealer.${action}`, 'dealer', id, before, {
      ...before,
      status: rule.to,
      updatedAt: meta.at,
    });
    await publishEvent(
      tx,
      {
        type: action === 'suspend' ? DealerEvents.dealerSuspended : DealerEvents.dealerReinstated,
        aggregateType: 'dealer',
        aggregateId: id,
        payload: { dealerId: id, status: rule.to },
      },
      meta.at,
    );
    return loadDealer(tx, id);
  });
}

export async function addQualification(
  db: Handle,
  actor: StaffActor,
  dealerId: string,
  input: TAddQualificationRequest,
  meta: MutationMeta,
): Promise<TQualification> {
  assertDealerScope(actor, dealerId);
  return withTransaction(db, async (tx) => {
    // The lock orders concurrent changes to one dealer and proves it exists.
    if (!(await repo.lockDealer(tx, dealerId))) throw new AppError('DEALER_NOT_FOUND');
    const row = {
      id: newId('dq'),
      dealerId,
      kind: input.kind,
      number: input.number,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      createdAt: meta.at,
    };
    await repo.insertQualification(tx, row);
    await audit(tx, actor, meta, 'dealer.qualification_add', 'dealer_qualification', row.id, null, row);
    await publishEvent(
      tx,
      {
        type: DealerEvents.qualificationAdded,
        aggregateType: 'dealer',
        aggregateId: dealerId,
        payload: { dealerId, qualificationId: row.id, kind: row.kind, validUntil: row.validUntil },
      },
      meta.at,
    );
    return toQualification(row, shanghaiDate(meta.at));
  });
}

export async function createStore(
  db: Handle,
  actor: StaffActor,
  input: TCreateStoreRequest,
  meta: MutationMeta,
): Promise<TStore> {
  assertDealerScope(actor, input.dealerId);
  return withTransaction(db, async (tx) => {
    if (!(await repo.lockDealer(tx, input.dealerId))) throw new AppError('DEALER_NOT_FOUND');
    await assertCityExists(tx, input.cityCode);
    const row: StoreRow = {
      id: newId('sto'),
      dealerId: input.dealerId,
      name: input.name,
      cityCode: input.cityCode,
      district: input.district,
      address: input.address,
      latitude: input.latitude,
      longitude: input.longitude,
      phone: input.phone,
      openingHours: input.openingHours,
      services: input.services,
      status: 'active',
      createdAt: meta.at,
      updatedAt: meta.at,
    };
    await repo.insertStore(tx, row);
    await audit(tx, actor, meta, 'store.create', 'store', row.id, null, row);
    await publishEvent(
      tx,
      {
        type: DealerEvents.storeCreated,
        aggregateType: 'store',
        aggregateId: row.id,
        payload: { storeId: row.id, dealerId: row.dealerId, cityCode: row.cityCode },
      },
      meta.at,
    );
    return loadStore(tx, row.id);
  });
}

async function applyStoreUpdate(
  tx: Tx,
  actor: StaffActor,
  before: StoreRow,
  set: Partial<Omit<StoreRow, 'id' | 'dealerId' | 'createdAt'>>,
  action: string,
  meta: MutationMeta,
): Promise<TStore> {
  const full = { ...set, updatedAt: meta.at };
  await repo.updateStore(tx, before.id, full);
  await audit(tx, actor, meta, action, 'store', before.id, before, { ...before, ...full });
  await publishEvent(
    tx,
    {
      type: DealerEvents.storeUpdated,
      aggregateType: 'store',
      aggregateId: before.id,
      payload: { storeId: before.id, dealerId: before.dealerId, fields: Object.keys(set) },
    },
    meta.at,
  );
  return loadStore(tx, before.id);
}

export async function updateStore(
  db: Handle,
  actor: StaffActor,
  id: string,
  input: TUpdateStoreRequest,
  meta: MutationMeta,
): Promise<TStore> {
  return withTransaction(db, async (tx) => {
    const before = await repo.lockStore(tx, id, actor.dealerId ?? undefined);
    if (!before) throw new AppError('STORE_NOT_FOUND');
    if (input.cityCode !== undefined) await assertCityExists(tx, input.cityCode);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<
      Omit<StoreRow, 'id' | 'dealerId' | 'createdAt'>
    >;
    return applyStoreUpdate(tx, actor, before, set, 'store.update', meta);
  });
}

// ---- dealer portal: everything scoped to actor.dealerId, never to an id from the client ----

export async function getPortalDealer(db: Handle, actor: StaffActor, now: Date): Promise<TPortalDealer> {
  const dealerId = portalDealerId(actor);
  const dealer = await loadDealer(db, dealerId);
  return { ...dealer, qualifications: await loadQualifications(db, dealerId, now) };
}

export async function listPortalStores(db: Handle, actor: StaffActor): Promise<TStore[]> {
  const dealerId = portalDealerId(actor);
  return (await repo.listStores(db, { dealerId, publicOnly: false })).map(toStore);
}

/** Dealer staff change phone, hours or services of one of their own stores; others' are not found. */
export async function updatePortalStore(
  db: Handle,
  actor: StaffActor,
  id: string,
  input: TPortalUpdateStoreRequest,
  meta: MutationMeta,
): Promise<TStore> {
  const dealerId = portalDealerId(actor);
  return withTransaction(db, async (tx) => {
    const dealer = await repo.lockDealer(tx, dealerId);
    if (!dealer) throw new AppError('DEALER_NOT_FOUND');
    const before = await repo.lockStore(tx, id, dealerId);
    if (!before) throw new AppError('STORE_NOT_FOUND');
    if (dealer.status !== 'active') throw new AppError('DEALER_SUSPENDED');
    const set = {
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.openingHours !== undefined && { openingHours: input.openingHours }),
      ...(input.services !== undefined && { services: input.services }),
    };
    return applyStoreUpdate(tx, actor, before, set, 'store.portal_update', meta);
  });
}
