import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { isUniqueViolation } from '../../kernel/db/constraint-errors.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { fieldError } from '../../kernel/http/validation.contract.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { coloursOfTrims, findTrimFacts } from '../catalog/index.js';
import { getPublicStore, listCities } from '../dealers/index.js';
import { scanAdLaw } from './adlaw.js';
import { currentTerms } from './listings.adlaw.js';
import {
  LISTING_FIELD_LABELS,
  type ListingField,
  type TChangePriceRequest,
  type TCreateListingRequest,
  type TListing,
  type TUpdateListingRequest,
  type TUsedFactsInput,
} from './listings.contract.js';
import { ListingEvents } from './listings.events.js';
import { toListing } from './listings.mappers.js';
import { assertVisible, EDITABLE, loadView } from './listings.read.js';
import * as repo from './listings.repository.js';
import { normalizeVin, type VinProblem, vinProblem } from './vin.js';

const VIN_PROBLEMS: Record<VinProblem, { zh: string; en: string }> = {
  length: { zh: '应为 17 位', en: 'it must have 17 characters' },
  characters: {
    zh: '只能包含数字和除 I、O、Q 以外的字母',
    en: 'only digits and letters other than I, O and Q',
  },
  check_digit: { zh: '第 9 位校验码不正确', en: 'the check digit (9th character) is wrong' },
};

/** A service-side field error (placed on the editor's field), in both languages. */
function fieldProblem(field: ListingField, zh: string, en: string) {
  const label = LISTING_FIELD_LABELS[field];
  return fieldError(`body.${field}`, { zh: `${label.zh}：${zh}`, en: `${label.en}: ${en}` });
}

function checkUsedFacts(used: TUsedFactsInput, now: Date): TUsedFactsInput {
  const vin = normalizeVin(used.vin);
  const problem = vinProblem(vin);
  if (problem) {
    const p = VIN_PROBLEMS[problem];
    throw new AppError('VIN_INVALID', {
      problem,
      reason: p,
      fields: [fieldProblem('used.vin', p.zh, p.en)],
    });
  }
  if (used.firstRegistrationDate > shanghaiDay(now) || used.firstRegistrationDate < '1980-01-01') {
    const reason = {
      zh: '首次上牌日期须在 1980 年至今天之间',
      en: 'the first registration must be between 1980 and today',
    };
    throw new AppError('USED_FACTS_INVALID', {
      reason,
      fields: [
        fieldProblem(
          'used.firstRegistrationDate',
          '须在 1980 年至今天之间',
          'must be between 1980 and today',
        ),
      ],
    });
  }
  if (used.transferCount >= used.ownersCount) {
    const reason = { zh: '过户次数须少于车主数', en: 'transfers must be fewer than owners' };
    throw new AppError('USED_FACTS_INVALID', {
      reason,
      fields: [fieldProblem('used.transferCount', '须少于车主数', 'must be fewer than the number of owners')],
    });
  }
  return { ...used, vin };
}

async function resolvePlace(
  db: DbHandle,
  dealerId: string,
  storeId: string | null | undefined,
  cityCode: string | undefined,
): Promise<{ storeId: string | null; cityCode: string }> {
  if (storeId) {
    let store: Awaited<ReturnType<typeof getPublicStore>>;
    try {
      store = await getPublicStore(db, storeId);
    } catch (e) {
      if (e instanceof AppError) throw new AppError('LISTING_STORE_INVALID', { storeId });
      throw e;
    }
    if (store.dealer.id !== dealerId) {
      throw new AppError('LISTING_STORE_INVALID', {
        storeId,
        fields: [fieldProblem('storeId', '不属于该经销商', 'not a store of this dealer')],
      });
    }
    return { storeId, cityCode: store.city.code };
  }
  if (!cityCode) {
    const label = LISTING_FIELD_LABELS.cityCode;
    throw new AppError('LISTING_INCOMPLETE', {
      missing: {
        zh: `${LISTING_FIELD_LABELS.storeId.zh}或${label.zh}`,
        en: `${LISTING_FIELD_LABELS.storeId.en} or ${label.en}`,
      },
      fields: [fieldProblem('cityCode', '未选门店时必须选择城市', 'choose a city when no store is chosen')],
    });
  }
  const cities = await listCities(db);
  if (!cities.some((c) => c.code === cityCode)) {
    throw new AppError('LISTING_CITY_INVALID', {
      cityCode,
      fields: [fieldProblem('cityCode', '不在可选城市中', 'not one of the cities')],
    });
  }
  return { storeId: null, cityCode };
}

async function checkColours(
  db: DbHandle,
  trimId: string,
  exterior: string | null | undefined,
  interior: string | null | undefined,
): Promise<void> {
  const colours = await coloursOfTrims(db, [trimId]);
  for (const [kind, colour] of [
    ['exterior', exterior],
    ['interior', interior],
  ] as const) {
    if (!colour) continue;
    const offered = colours.filter((c) => c.kind === kind);
    if (offered.length > 0 && !offered.some((c) => c.name === colour)) {
      throw new AppError('LISTING_COLOUR_INVALID', {
        colour,
        fields: [
          fieldProblem(
            kind === 'exterior' ? 'exteriorColour' : 'interiorColour',
            `“${colour}”不是该车型的可选颜色`,
            `"${colour}" is not offered for this trim`,
          ),
        ],
      });
    }
  }
}

function mapVinConflict(e: unknown): never {
  if (isUniqueViolation(e)) {
    throw new AppError('VIN_TAKEN', {
      fields: [fieldProblem('used.vin', '该车辆已在平台上', 'this vehicle is already on the platform')],
    });
  }
  throw e;
}

/** Creates a draft (new-car offer or used car); ad-law flags are computed right away for the editor. */
export async function createListing(
  db: DbHandle,
  actor: StaffActor,
  input: TCreateListingRequest,
  mutation: Mutation,
): Promise<TListing> {
  const dealerId = actor.dealerId ?? input.dealerId;
  if (!dealerId) {
    throw new AppError('LISTING_DEALER_REQUIRED', {
      fields: [fieldProblem('dealerId', '请选择', 'choose one')],
    });
  }
  if (input.dealerId) assertDealerScope(actor, input.dealerId);
  if ((input.kind === 'used') !== (input.used !== undefined)) throw new AppError('LISTING_KIND_MISMATCH');
  const trim = await findTrimFacts(db, input.trimId);
  if (!trim) throw new AppError('LISTING_TRIM_UNKNOWN', { trimId: input.trimId });
  const place = await resolvePlace(db, dealerId, input.storeId, input.cityCode);
  await checkColours(db, trim.id, input.exteriorColour, input.interiorColour);
  const used = input.used ? checkUsedFacts(input.used, mutation.at) : undefined;
  const flags = scanAdLaw(input, await currentTerms(db));
  const id = newId('lst');
  const row: repo.NewListingRow = {
    id,
    kind: input.kind,
    trimId: trim.id,
    dealerId,
    storeId: place.storeId,
    cityCode: place.cityCode,
    title: input.title,
    description: input.description,
    priceFen: input.priceFen,
    exteriorColour: input.exteriorColour ?? null,
    interiorColour: input.interiorColour ?? null,
    status: 'draft',
    reviewFlags: flags,
    inventoryRef: null,
    createdAt: mutation.at,
    updatedAt: mutation.at,
    version: 1,
  };
  await withTransaction(db, async (tx) => {
    await repo.insertListing(tx, row);
    if (used) {
      await repo
        .insertUsedVehicle(tx, {
          listingId: id,
          vin: used.vin,
          firstRegistrationDate: used.firstRegistrationDate,
          mileageKm: used.mileageKm,
          ownersCount: used.ownersCount,
          transferCount: used.transferCount,
          conditionGrade: null,
          accidentHistory: used.accidentHistory,
          floodHistory: used.floodHistory,
          fireHistory: used.fireHistory,
          disclosureNote: used.disclosureNote ?? null,
          plateCity: used.plateCity ?? null,
        })
        .catch(mapVinConflict);
    }
    await audit(tx, mutation, {
      action: 'catalog.listing.create',
      entityType: 'catalog_listing',
      entityId: id,
      before: null,
      after: { ...row, used: used ?? null },
    });
    await publish(tx, ListingEvents.listingChanged, id, { listingId: id, status: 'draft' }, mutation.at);
  });
  return toListing(await loadView(db, id));
}

/** Edits a draft, rejected or delisted listing (optimistic `version`); a rejected one becomes a draft. */
export async function updateListing(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  input: TUpdateListingRequest,
  mutation: Mutation,
): Promise<TListing> {
  await withTransaction(db, async (tx) => {
    const before = assertVisible(actor, await repo.lockListing(tx, id));
    if (!EDITABLE.includes(before.status)) {
      throw new AppError('INVALID_TRANSITION', { machine: 'listing', from: before.status, action: 'edit' });
    }
    if (before.version !== input.version) throw new AppError('CONFLICT', { version: before.version });
    if (input.used && before.kind !== 'used') throw new AppError('LISTING_KIND_MISMATCH');
    const place =
      input.storeId !== undefined || input.cityCode !== undefined
        ? await resolvePlace(tx, before.dealerId, input.storeId, input.cityCode ?? before.cityCode)
        : { storeId: before.storeId, cityCode: before.cityCode };
    await checkColours(
      tx,
      before.trimId,
      input.exteriorColour === undefined ? before.exteriorColour : input.exteriorColour,
      input.interiorColour === undefined ? before.interiorColour : input.interiorColour,
    );
    const title = input.title ?? before.title;
    const description = input.description ?? before.description;
    const patch: Partial<repo.NewListingRow> = {
      ...place,
      title,
      description,
      priceFen: input.priceFen ?? before.priceFen,
      ...(input.exteriorColour !== undefined ? { exteriorColour: input.exteriorColour } : {}),
      ...(input.interiorColour !== undefined ? { interiorColour: input.interiorColour } : {}),
      reviewFlags: scanAdLaw({ title, description }, await currentTerms(tx)),
      status: before.status === 'rejected' ? 'draft' : before.status,
      updatedAt: mutation.at,
    };
    const after = await repo.updateListingVersioned(tx, id, input.version, patch);
    if (!after) throw new AppError('CONFLICT');
    let usedAfter: TUsedFactsInput | null = null;
    if (input.used) {
      usedAfter = checkUsedFacts(input.used, mutation.at);
      const u = usedAfter;
      await repo
        .updateUsedVehicle(tx, id, {
          vin: u.vin,
          firstRegistrationDate: u.firstRegistrationDate,
          mileageKm: u.mileageKm,
          ownersCount: u.ownersCount,
          transferCount: u.transferCount,
          accidentHistory: u.accidentHistory,
          floodHistory: u.floodHistory,
          fireHistory: u.fireHistory,
          disclosureNote: u.disclosureNote ?? null,
          plateCity: u.plateCity ?? null,
        })
        .catch(mapVinConflict);
    }
    await audit(tx, mutation, {
      action: 'catalog.listing.update',
      entityType: 'catalog_listing',
      entityId: id,
      before,
      after: { ...after, used: usedAfter },
    });
    await publish(tx, ListingEvents.listingChanged, id, { listingId: id, status: after.status }, mutation.at);
  });
  return toListing(await loadView(db, id));
}

/**
 * A new price for a listing on sale (调价): it stays listed (no new review), audited, event published. The
 * pricing module hears the event: it keeps the price history, tells subscribers of a drop and sends an abnormal
 * move back to review.
 */
export async function changeListingPrice(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  input: TChangePriceRequest,
  mutation: Mutation,
): Promise<TListing> {
  await withTransaction(db, async (tx) => {
    const before = assertVisible(actor, await repo.lockListing(tx, id));
    if (before.status !== 'listed') {
      throw new AppError('INVALID_TRANSITION', {
        machine: 'listing',
        from: before.status,
        action: 'change_price',
      });
    }
    if (before.version !== input.version) throw new AppError('CONFLICT', { version: before.version });
    const after = await repo.updateListingVersioned(tx, id, input.version, {
      priceFen: input.priceFen,
      updatedAt: mutation.at,
    });
    if (!after) throw new AppError('CONFLICT');
    await audit(tx, mutation, {
      action: 'catalog.listing.change_price',
      entityType: 'catalog_listing',
      entityId: id,
      before: { priceFen: before.priceFen, version: before.version },
      after: { priceFen: after.priceFen, version: after.version, reason: input.reason ?? null },
    });
    await publish(tx, ListingEvents.listingChanged, id, { listingId: id, status: after.status }, mutation.at);
  });
  return toListing(await loadView(db, id));
}
