import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { getTrimDetail } from '../catalog/index.js';
import { listCities } from '../dealers/index.js';
import { getMyOrder, getOrder, recordOrderNote, type TOrder } from '../orders/index.js';
import type {
  TCompletionBlocker,
  TEmissionCheck,
  TTitleTransfer,
  TTitleTransferBoardQuery,
  TUpdateTitleTransferRequest,
} from './fulfilment.aftersales.contract.js';
import {
  EMISSION_LABELS,
  EMISSION_STANDARDS,
  type EmissionStandard,
  type TitleTransferItem,
} from './fulfilment.aftersales.enums.js';
import { AftersalesEvents } from './fulfilment.aftersales.events.js';
import { titleTransferMachine } from './fulfilment.aftersales.machine.js';
import * as repo from './fulfilment.aftersales.repository.js';
import type { NewTitleTransferRow, TitleTransferRow } from './fulfilment.aftersales.schema.js';

// Used-car title transfer (过户): a checklist per used-car order (documents from both sides, the emission check
// for the destination city, the appointment at the vehicle administration, the new registration certificate,
// the transfer date); completing it is what lets the order complete (titleTransferGate).

/** Reads a parameter sheet's emission text (国VI, 国6b, 国五, 京V ...) as a stage; null when unreadable. */
export function parseEmissionStandard(text: string): EmissionStandard | null {
  const m = text.toUpperCase().match(/(VI|IV|III|V|6|5|4|3|六|五|四|三)/);
  const map: Record<string, EmissionStandard> = {
    VI: 'china_6',
    '6': 'china_6',
    六: 'china_6',
    V: 'china_5',
    '5': 'china_5',
    五: 'china_5',
    IV: 'china_4',
    '4': 'china_4',
    四: 'china_4',
    III: 'china_3',
    '3': 'china_3',
    三: 'china_3',
  };
  return m?.[1] ? (map[m[1]] ?? null) : null;
}

/** The car's stage as the catalog knows it: zero-emission energy types are exempt. */
async function catalogEmission(db: DbHandle, trimId: string): Promise<EmissionStandard | null> {
  const trim = await getTrimDetail(db, trimId);
  if (trim.series.energyType === 'bev' || trim.series.energyType === 'fcev') return 'exempt';
  for (const group of trim.parameters) {
    const item = group.items.find((i) => i.key === 'engine.emission');
    if (item && item.value.type === 'text') return parseEmissionStandard(item.value.value);
  }
  return null;
}

const rank = (s: EmissionStandard) => EMISSION_STANDARDS.indexOf(s);

/** Whether `actual` meets `required` (pure; exempt meets everything). */
export function meetsEmissionRule(actual: EmissionStandard, required: EmissionStandard): boolean {
  return rank(actual) >= rank(required);
}

async function emissionCheck(
  db: DbHandle,
  row: TitleTransferRow,
  at: Date,
  lang: Lang,
): Promise<TEmissionCheck> {
  const rule = await repo.emissionRuleOn(db, row.destinationCityCode, shanghaiDay(at));
  if (!rule) throw new AppError('EMISSION_RULE_MISSING');
  // The city as the reader says it (the rule's own name when the dealers' list lacks it).
  const known = (await listCities(db)).find((c) => c.code === row.destinationCityCode);
  const city =
    (lang === 'en' ? known?.nameEn : known?.name) ??
    (rule.cityCode === row.destinationCityCode ? rule.cityName : row.destinationCityCode);
  const actual = row.emissionStandard;
  const outcome =
    actual === null ? 'unknown' : meetsEmissionRule(actual, rule.minStandard) ? 'ok' : 'blocked';
  const req = EMISSION_LABELS[rule.minStandard];
  const act = actual ? EMISSION_LABELS[actual] : null;
  const message =
    lang === 'en'
      ? outcome === 'ok'
        ? `${act?.en} meets ${city}'s ${req.en} requirement for used cars moving in`
        : outcome === 'blocked'
          ? `${city} requires ${req.en} or better of used cars moving in; this car is ${act?.en}: it cannot be registered there`
          : `${city} requires ${req.en} or better; the car's emission standard is not known yet`
      : outcome === 'ok'
        ? `${act?.zh}，符合${city}二手车迁入${req.zh}要求`
        : outcome === 'blocked'
          ? `${city}要求迁入二手车达到${req.zh}及以上，本车为${act?.zh}，无法迁入${city}`
          : `${city}要求迁入二手车达到${req.zh}及以上，本车排放标准待确认`;
  return {
    destinationCityCode: row.destinationCityCode,
    destinationCityName: city,
    required: rule.minStandard,
    actual,
    source: row.emissionSource,
    outcome,
    ruleEffectiveFrom: rule.effectiveFrom,
    message,
  };
}

function missingItems(row: TitleTransferRow, check: TEmissionCheck): TitleTransferItem[] {
  const open: TitleTransferItem[] = [];
  if (!row.sellerDocumentsAt) open.push('seller_documents');
  if (!row.buyerDocumentsAt) open.push('buyer_documents');
  if (check.outcome !== 'ok') open.push('emission_check');
  if (!row.appointmentAt) open.push('appointment');
  if (!row.certificatePhotoUrl) open.push('new_certificate');
  if (!row.completedOn) open.push('completed_on');
  return open;
}

async function toTitleTransfer(
  db: DbHandle,
  row: TitleTransferRow,
  at: Date,
  lang: Lang,
): Promise<TTitleTransfer> {
  const emission = await emissionCheck(db, row, at, lang);
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    dealerId: row.dealerId,
    vehicleTitle: row.vehicleTitle,
    vin: row.vin,
    status: row.status,
    sellerDocumentsAt: row.sellerDocumentsAt?.toISOString() ?? null,
    buyerDocumentsAt: row.buyerDocumentsAt?.toISOString() ?? null,
    appointmentAt: row.appointmentAt?.toISOString() ?? null,
    appointmentOffice: row.appointmentOffice,
    certificatePhotoUrl: row.certificatePhotoUrl,
    completedOn: row.completedOn,
    emission,
    missing: missingItems(row, emission),
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function assertOrderScope(order: TOrder, mutation: Mutation): void {
  const staff = staffOf(mutation);
  if (staff.dealerId !== null && staff.dealerId !== order.dealerId)
    throw new AppError('TITLE_TRANSFER_NOT_FOUND');
}

/** Opens the order's transfer if it has none (the car's stage from the catalog), then locks it. */
async function ensureTransfer(tx: DbHandle, order: TOrder, mutation: Mutation): Promise<TitleTransferRow> {
  if (order.listingKind !== 'used') throw new AppError('TITLE_TRANSFER_NEW_CAR');
  const existing = await repo.lockTransferOfOrder(tx, order.id);
  if (existing) return existing;
  const emission = await catalogEmission(tx, order.trimId);
  const row: NewTitleTransferRow = {
    id: newId('ttr'),
    orderId: order.id,
    orderNumber: order.orderNumber,
    dealerId: order.dealerId,
    vehicleTitle: order.vehicleTitle,
    vin: order.vin,
    destinationCityCode: order.cityCode,
    emissionStandard: emission,
    emissionSource: emission ? 'catalog' : null,
    status: 'open',
    createdAt: mutation.at,
    updatedAt: mutation.at,
  };
  await repo.insertTransferIfAbsent(tx, row);
  await audit(tx, mutation, {
    action: 'title_transfer.create',
    entityType: 'title_transfer',
    entityId: row.id,
    after: { orderId: order.id, destinationCityCode: row.destinationCityCode, emissionStandard: emission },
  });
  const locked = await repo.lockTransferOfOrder(tx, order.id);
  if (!locked) throw new AppError('TITLE_TRANSFER_NOT_FOUND');
  return locked;
}

/** Staff record checklist items on a used-car order's transfer (opening it the first time). */
export function updateTitleTransfer(
  db: DbHandle,
  orderId: string,
  input: TUpdateTitleTransferRequest,
  mutation: Mutation,
): Promise<TTitleTransfer> {
  return withTransaction(db, async (tx) => {
    const order = await getOrder(tx, orderId);
    assertOrderScope(order, mutation);
    const row = await ensureTransfer(tx, order, mutation);
    if (row.status === 'completed') throw new AppError('TITLE_TRANSFER_DONE');
    const stamp = (flag: boolean | undefined, current: Date | null) =>
      flag === undefined ? current : flag ? (current ?? mutation.at) : null;
    const set: Partial<NewTitleTransferRow> = {
      sellerDocumentsAt: stamp(input.sellerDocuments, row.sellerDocumentsAt),
      buyerDocumentsAt: stamp(input.buyerDocuments, row.buyerDocumentsAt),
      updatedAt: mutation.at,
    };
    if (input.destinationCityCode !== undefined) set.destinationCityCode = input.destinationCityCode;
    if (input.emissionStandard !== undefined) {
      set.emissionStandard = input.emissionStandard;
      set.emissionSource = input.emissionStandard === null ? null : 'staff';
    }
    if (input.appointmentAt !== undefined)
      set.appointmentAt = input.appointmentAt === null ? null : new Date(input.appointmentAt);
    if (input.appointmentOffice !== undefined) set.appointmentOffice = input.appointmentOffice;
    if (input.certificatePhotoUrl !== undefined) set.certificatePhotoUrl = input.certificatePhotoUrl;
    if (input.completedOn !== undefined) set.completedOn = input.completedOn;
    const after = await repo.updateTransfer(tx, row.id, set);
    await audit(tx, mutation, {
      action: 'title_transfer.update',
      entityType: 'title_transfer',
      entityId: row.id,
      before: row,
      after,
    });
    return toTitleTransfer(tx, after, mutation.at, mutation.lang);
  });
}

/**
 * Completes the transfer: every checklist item done and the car meeting the destination city's emission
 * rule (TITLE_TRANSFER_EMISSION_BLOCKED names both stages), then a note on the order's timeline.
 */
export function completeTitleTransfer(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TTitleTransfer> {
  return withTransaction(db, async (tx) => {
    const order = await getOrder(tx, orderId);
    assertOrderScope(order, mutation);
    const row = await repo.lockTransferOfOrder(tx, orderId);
    if (!row) throw new AppError('TITLE_TRANSFER_NOT_FOUND');
    const view = await toTitleTransfer(tx, row, mutation.at, mutation.lang);
    if (view.emission.outcome === 'blocked') {
      throw new AppError('TITLE_TRANSFER_EMISSION_BLOCKED', {
        city: view.emission.destinationCityName,
        required: view.emission.required,
        actual: view.emission.actual,
      });
    }
    if (row.status === 'open' && view.missing.length > 0)
      throw new AppError('TITLE_TRANSFER_INCOMPLETE', { missing: view.missing });
    const { after } = await applyTransition(tx, titleTransferMachine, row.id, 'complete', mutation);
    await recordOrderNote(
      tx,
      {
        orderId,
        note: {
          zh: `过户已办结（${after.completedOn}），新行驶证/登记证书已登记`,
          en: `Title transfer completed (${after.completedOn}); the new registration certificate is on file`,
        },
      },
      mutation,
    );
    await publish(
      tx,
      AftersalesEvents.titleTransferCompleted,
      row.id,
      { transferId: row.id, orderId, completedOn: after.completedOn ?? '' },
      mutation.at,
    );
    return toTitleTransfer(tx, after, mutation.at, mutation.lang);
  });
}

export async function getTitleTransfer(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TTitleTransfer> {
  const order = await getOrder(db, orderId);
  assertOrderScope(order, mutation);
  const row = await repo.findTransferOfOrder(db, orderId);
  if (!row) throw new AppError('TITLE_TRANSFER_NOT_FOUND');
  return toTitleTransfer(db, row, mutation.at, mutation.lang);
}

/** The buyer's view of their order's transfer. */
export async function getMyTitleTransfer(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TTitleTransfer> {
  await getMyOrder(db, orderId, mutation);
  const row = await repo.findTransferOfOrder(db, orderId);
  if (!row) throw new AppError('TITLE_TRANSFER_NOT_FOUND');
  return toTitleTransfer(db, row, mutation.at, mutation.lang);
}

/** The console and dealer board: newest first (dealer staff see their dealer's). */
export async function titleTransferBoard(
  db: DbHandle,
  query: TTitleTransferBoardQuery,
  mutation: Mutation,
): Promise<{ items: TTitleTransfer[] }> {
  const staff = staffOf(mutation);
  const rows = await repo.transferBoard(db, { status: query.status, dealerId: staff.dealerId }, query.limit);
  const items: TTitleTransfer[] = [];
  for (const row of rows) items.push(await toTitleTransfer(db, row, mutation.at, mutation.lang));
  return { items };
}

/**
 * Completion gate: null when the order needs no transfer (a new car) or its transfer is completed; otherwise
 * the blocker naming what is still open. The fulfilment gates call it before an order may complete.
 */
export async function titleTransferGate(
  tx: DbHandle,
  orderId: string,
  at: Date = new Date(),
): Promise<TCompletionBlocker | null> {
  const order = await getOrder(tx, orderId);
  if (order.listingKind !== 'used') return null;
  const row = await repo.findTransferOfOrder(tx, orderId);
  if (row?.status === 'completed') return null;
  const missing = row ? missingItems(row, await emissionCheck(tx, row, at, 'zh-CN')) : ['not_started'];
  return {
    code: 'TITLE_TRANSFER_OPEN',
    message: {
      zh: '二手车过户尚未办结，订单不能完成',
      en: 'The used car’s title transfer is not completed yet',
    },
    details: { orderId, transferId: row?.id ?? null, missing },
  };
}
