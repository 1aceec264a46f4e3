import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
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
import { DealerEvents } from './dealers.events.js';
import { type DealerStatusAction, dealerStatusMachine } from './dealers.machine.js';
import { addDays, toCity, toDealer, toQualification, toStore } from './dealers.mappers.js';
import * as repo from './dealers.repository.js';
import type { DealerRow, StoreRow } from './dealers.schema.js';

// Writes take the request's Mutation last: its staff actor is both who is checked (permission scope,
// dealer scope) and who the audit row names, so the two cannot disagree.

const ZIdCursor = z.object({ id: z.string() });

async function assertCityExists(db: DbHandle, cityCode: string): Promise<void> {
  if (!(await repo.findCity(db, cityCode))) throw new AppError('CITY_NOT_FOUND', { cityCode });
}

/** Platform-only actions (creating, suspending dealers) are refused to anyone who belongs to a dealer. */
function assertPlatformStaff(mutation: Mutation): void {
  if (staffOf(mutation).dealerId !== null) throw new AppError('FORBIDDEN');
}

/** The dealer a portal caller belongs to; platform staff have none and cannot use the portal. */
function portalDealerId(actor: StaffActor): string {
  if (actor.dealerId === null) throw new AppError('DEALER_SCOPE_REQUIRED');
  return actor.dealerId;
}

async function loadDealer(db: DbHandle, id: string): Promise<TDealer> {
  const view = await repo.findDealerView(db, id);
  if (!view) throw new AppError('DEALER_NOT_FOUND');
  return toDealer(view);
}

async function loadStore(db: DbHandle, id: string): Promise<TStore> {
  const view = await repo.findStoreView(db, id);
  if (!view) throw new AppError('STORE_NOT_FOUND');
  return toStore(view);
}

async function loadQualifications(db: DbHandle, dealerId: string, now: Date): Promise<TQualification[]> {
  const today = shanghaiDay(now);
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
export async function listCities(db: DbHandle): Promise<TCity[]> {
  return (await repo.listCities(db)).map(toCity);
}

/** Open stores of active dealers, filtered and paged by id. */
export async function listPublicStores(
  db: DbHandle,
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
export async function getPublicStore(db: DbHandle, id: string): Promise<TStore> {
  const view = await repo.findStoreView(db, id);
  if (!view) throw new AppError('STORE_NOT_FOUND');
  if (view.store.status !== 'active' || view.dealer.status !== 'active')
    throw new AppError('STORE_NOT_FOUND');
  return toStore(view);
}

// ---- console ----

export async function listDealers(
  db: DbHandle,
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
        : addDays(shanghaiDay(now), query.expiringWithinDays),
    onlyDealerId: actor.dealerId ?? undefined,
    afterId: after?.id,
    limit: query.limit,
  });
  return toPage(rows, query.limit, toDealer, (r) => ({ id: r.dealer.id }));
}

/** A dealer with its qualifications and all its stores (closed ones too). */
export async function getDealer(
  db: DbHandle,
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

/** Creates an active dealer (platform staff only); USCC_TAKEN when another dealer has its USCC. */
export async function createDealer(
  db: DbHandle,
  input: TCreateDealerRequest,
  mutation: Mutation,
): Promise<TDealer> {
  assertPlatformStaff(mutation);
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
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await mapUsccConflict(() => repo.insertDealer(tx, row));
    await audit(tx, mutation, {
      action: 'dealer.create',
      entityType: 'dealer',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publish(tx, DealerEvents.dealerCreated, row.id, { dealerId: row.id }, mutation.at);
    return loadDealer(tx, row.id);
  });
}

/** Changes a dealer's details (dealer staff: their own dealer only); the status has its own actions. */
export async function updateDealer(
  db: DbHandle,
  id: string,
  input: TUpdateDealerRequest,
  mutation: Mutation,
): Promise<TDealer> {
  assertDealerScope(staffOf(mutation), id);
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
      updatedAt: mutation.at,
    };
    await mapUsccConflict(() => repo.updateDealer(tx, id, set));
    await audit(tx, mutation, {
      action: 'dealer.update',
      entityType: 'dealer',
      entityId: id,
      before,
      after: { ...before, ...set },
    });
    const fields = Object.keys(set).filter((k) => k !== 'updatedAt');
    await publish(tx, DealerEvents.dealerUpdated, id, { dealerId: id, fields }, mutation.at);
    return loadDealer(tx, id);
  });
}

/**
 * Suspends or reinstates a dealer through dealerStatusMachine: status, audit row (`dealer.suspend`,
 * `dealer.reinstate`) and event in one transaction; a move the machine does not allow is a 409
 * INVALID_TRANSITION.
 */
export async function changeDealerStatus(
  db: DbHandle,
  id: string,
  action: DealerStatusAction,
  mutation: Mutation,
): Promise<TDealer> {
  assertPlatformStaff(mutation);
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, dealerStatusMachine, id, action, mutation);
    return loadDealer(tx, id);
  });
}

/** Adds a licence or authorisation to a dealer (dealer staff: their own dealer only). */
export async function addQualification(
  db: DbHandle,
  dealerId: string,
  input: TAddQualificationRequest,
  mutation: Mutation,
): Promise<TQualification> {
  assertDealerScope(staffOf(mutation), dealerId);
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
      createdAt: mutation.at,
    };
    await repo.insertQualification(tx, row);
    await audit(tx, mutation, {
      action: 'dealer.qualification_add',
      entityType: 'dealer_qualification',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publish(
      tx,
      DealerEvents.qualificationAdded,
      dealerId,
      { dealerId, qualificationId: row.id, kind: row.kind, validUntil: row.validUntil },
      mutation.at,
    );
    return toQualification(row, shanghaiDay(mutation.at));
  });
}

/** Opens a store for a dealer (dealer staff: their own dealer only). */
export async function createStore(
  db: DbHandle,
  input: TCreateStoreRequest,
  mutation: Mutation,
): Promise<TStore> {
  assertDealerScope(staffOf(mutation), input.dealerId);
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
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await repo.insertStore(tx, row);
    await audit(tx, mutation, {
      action: 'store.create',
      entityType: 'store',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publish(
      tx,
      DealerEvents.storeCreated,
      row.id,
      { storeId: row.id, dealerId: row.dealerId, cityCode: row.cityCode },
      mutation.at,
    );
    return loadStore(tx, row.id);
  });
}

async function applyStoreUpdate(
  tx: DbHandle,
  before: StoreRow,
  set: Partial<Omit<StoreRow, 'id' | 'dealerId' | 'createdAt'>>,
  action: 'store.update' | 'store.portal_update',
  mutation: Mutation,
): Promise<TStore> {
  const full = { ...set, updatedAt: mutation.at };
  await repo.updateStore(tx, before.id, full);
  await audit(tx, mutation, {
    action,
    entityType: 'store',
    entityId: before.id,
    before,
    after: { ...before, ...full },
  });
  await publish(
    tx,
    DealerEvents.storeUpdated,
    before.id,
    { storeId: before.id, dealerId: before.dealerId, fields: Object.keys(set) },
    mutation.at,
  );
  return loadStore(tx, before.id);
}

/** Changes any field of a store, status included (dealer staff: their own dealer's stores only). */
export async function updateStore(
  db: DbHandle,
  id: string,
  input: TUpdateStoreRequest,
  mutation: Mutation,
): Promise<TStore> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const before = await repo.lockStore(tx, id, actor.dealerId ?? undefined);
    if (!before) throw new AppError('STORE_NOT_FOUND');
    if (input.cityCode !== undefined) await assertCityExists(tx, input.cityCode);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<
      Omit<StoreRow, 'id' | 'dealerId' | 'createdAt'>
    >;
    return applyStoreUpdate(tx, before, set, 'store.update', mutation);
  });
}

// ---- dealer portal: everything scoped to actor.dealerId, never to an id from the client ----

export async function getPortalDealer(db: DbHandle, actor: StaffActor, now: Date): Promise<TPortalDealer> {
  const dealerId = portalDealerId(actor);
  const dealer = await loadDealer(db, dealerId);
  return { ...dealer, qualifications: await loadQualifications(db, dealerId, now) };
}

export async function listPortalStores(db: DbHandle, actor: StaffActor): Promise<TStore[]> {
  const dealerId = portalDealerId(actor);
  return (await repo.listStores(db, { dealerId, publicOnly: false })).map(toStore);
}

/** Dealer staff change phone, hours or services of one of their own stores; others' are not found. */
export async function updatePortalStore(
  db: DbHandle,
  id: string,
  input: TPortalUpdateStoreRequest,
  mutation: Mutation,
): Promise<TStore> {
  const dealerId = portalDealerId(staffOf(mutation));
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
    return applyStoreUpdate(tx, before, set, 'store.portal_update', mutation);
  });
}
