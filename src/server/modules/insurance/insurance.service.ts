import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { type InsurerConnections, insurerConnections } from './insurance.adapters.js';
import type { TInsurer, TInsurerList, TUpdateInsurerRequest } from './insurance.contract.js';
import { INSURER_CODES, type InsurerCode } from './insurance.enums.js';
import { InsuranceEvents } from './insurance.events.js';
import { INSURER_DEFAULTS } from './insurance.insurer-data.js';
import { type InsurerStatusAction, insurerStatusMachine } from './insurance.machine.js';
import { toInsurer } from './insurance.mappers.js';
import * as repo from './insurance.repository.js';
import type { InsurerRow } from './insurance.schema.js';

// Partner insurers as the console manages them. The codes are code (each needs an adapter); a code without a
// row is listed as inactive with its default names, and the first change stores its row.

function defaultRow(code: InsurerCode, status: InsurerRow['status'], at: Date): InsurerRow {
  return { code, ...INSURER_DEFAULTS[code], status, createdAt: at, updatedAt: at };
}

function connectionOf(conn: InsurerConnections, code: InsurerCode) {
  const adapter = conn.adapters.get(code);
  return { connected: adapter !== undefined, sandbox: adapter?.sandbox ?? false };
}

/** Every partner insurer in display order, stored or not, with whether an adapter answers for it. */
export async function listInsurers(ctx: AppContext): Promise<TInsurerList> {
  const conn = insurerConnections(ctx);
  const rows = new Map((await repo.listInsurers(ctx.database.db)).map((r) => [r.code, r]));
  const items: TInsurer[] = INSURER_CODES.map((code) => {
    const row = rows.get(code);
    if (row) return toInsurer(row, connectionOf(conn, code));
    const d = INSURER_DEFAULTS[code];
    return { code, ...d, status: 'inactive', ...connectionOf(conn, code), updatedAt: null };
  });
  items.sort((a, b) => a.displayOrder - b.displayOrder || a.code.localeCompare(b.code));
  return { items };
}

async function loadInsurer(ctx: AppContext, code: InsurerCode): Promise<TInsurer> {
  const { items } = await listInsurers(ctx);
  const found = items.find((i) => i.code === code);
  // Codes are validated at the edge; every code is listed.
  if (!found) throw new Error(`insurer ${code} missing from the list`);
  return found;
}

/** Changes names or display order; audited, with its event. */
export async function updateInsurer(
  ctx: AppContext,
  code: InsurerCode,
  input: TUpdateInsurerRequest,
  mutation: Mutation,
): Promise<TInsurer> {
  await withTransaction(ctx.database.db, async (tx) => {
    await repo.insertInsurerIfAbsent(tx, defaultRow(code, 'inactive', mutation.at));
    const before = await repo.lockInsurer(tx, code);
    if (!before) throw new Error(`insurer ${code} vanished inside its transaction`);
    const set: Partial<Omit<InsurerRow, 'code'>> = {};
    if (input.nameZh !== undefined && input.nameZh !== before.nameZh) set.nameZh = input.nameZh;
    if (input.nameEn !== undefined && input.nameEn !== before.nameEn) set.nameEn = input.nameEn;
    if (input.displayOrder !== undefined && input.displayOrder !== before.displayOrder)
      set.displayOrder = input.displayOrder;
    const fields = Object.keys(set);
    if (fields.length === 0) return;
    await repo.updateInsurer(tx, code, { ...set, updatedAt: mutation.at });
    await audit(tx, mutation, {
      action: 'insurer.update',
      entityType: 'insurer',
      entityId: code,
      before,
      after: { ...before, ...set, updatedAt: mutation.at },
    });
    await publish(tx, InsuranceEvents.insurerUpdated, code, { insurerCode: code, fields }, mutation.at);
  });
  return loadInsurer(ctx, code);
}

/** Activates (it is asked for quotes) or deactivates an insurer through its state machine. */
export async function changeInsurerStatus(
  ctx: AppContext,
  code: InsurerCode,
  action: InsurerStatusAction,
  mutation: Mutation,
): Promise<TInsurer> {
  await withTransaction(ctx.database.db, async (tx) => {
    await repo.insertInsurerIfAbsent(tx, defaultRow(code, 'inactive', mutation.at));
    await applyTransition(tx, insurerStatusMachine, code, action, mutation);
  });
  return loadInsurer(ctx, code);
}

/** The demo's partner insurers, all active (rows that exist are kept). */
export async function seedInsurers(db: DbHandle, at: Date): Promise<void> {
  for (const code of INSURER_CODES) await repo.insertInsurerIfAbsent(db, defaultRow(code, 'active', at));
}
