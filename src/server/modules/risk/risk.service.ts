import { z } from 'zod';
import type { Config } from '../../config.js';
import { keyedHash } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { maskMainlandPhone, normalizePhone } from '../crm/index.js';
import type {
  TRiskCase,
  TRiskCaseListQuery,
  TRiskCaseSignals,
  TRiskFlag,
  TRiskRule,
  TUpdateRiskRuleRequest,
} from './risk.contract.js';
import type { RiskDecision, RiskRuleName, RiskSubjectType, VelocityRule } from './risk.enums.js';
import { RiskEvents } from './risk.events.js';
import { DECISION_ACTION, decisionMachine } from './risk.machine.js';
import { toRiskCase, toRiskRule } from './risk.mappers.js';
import * as repo from './risk.repository.js';
import { DEFAULT_RISK_RULES } from './risk.rules-data.js';
import type { RiskRuleRow } from './risk.schema.js';

// The risk module's rules (000 §9.1 交易风险: fake orders, malicious refunds, card theft, abnormal payments).
// A flag never blocks by itself: it opens a case and the order waits for a person (orderUnderReview).

/** What the orders flow hands over at checkout. */
export interface CheckoutSignals {
  /** The order id. */
  subjectId: string;
  buyerUserId: string;
  /** The buyer's phone as typed or stored; only its keyed hash and a masked form are kept. */
  phone: string;
  deviceId: string | null;
  ip: string | null;
  amountFen: number;
  at: Date;
}

/** What assessCheckout found: the flags (empty when the checkout looks normal) and the case they opened. */
export interface CheckoutAssessment {
  flags: TRiskFlag[];
  riskCase: TRiskCase | null;
}

export interface OpenRiskCaseInput {
  subjectType: RiskSubjectType;
  subjectId: string;
  orderId: string;
  rule: RiskRuleName;
  /** What the opener saw (amounts, payment or refund ids); no plain personal data. */
  details: Record<string, unknown>;
}

export interface DecideRiskCaseInput {
  caseId: string;
  decision: RiskDecision;
  note: string;
}

// ---- rules

/**
 * Writes the built-in velocity rules that are missing (never overwrites an operator's edit); idempotent.
 * Called by the seed step and on first use, so every database has them, production included.
 */
export async function ensureDefaultRiskRules(db: DbHandle, at: Date): Promise<number> {
  return repo.insertRulesIfMissing(
    db,
    DEFAULT_RISK_RULES.map((r) => ({ ...r, enabled: true, updatedAt: at, updatedBy: null })),
  );
}

/** The velocity rules as stored, writing the defaults first when a rule is missing. */
async function rulesInForce(db: DbHandle, at: Date): Promise<RiskRuleRow[]> {
  const rows = await repo.listRules(db);
  if (rows.length >= DEFAULT_RISK_RULES.length) return rows;
  await ensureDefaultRiskRules(db, at);
  return repo.listRules(db);
}

export async function listRiskRules(db: DbHandle, at: Date): Promise<{ items: TRiskRule[] }> {
  return { items: (await rulesInForce(db, at)).map(toRiskRule) };
}

export async function getRiskRule(db: DbHandle, rule: VelocityRule, at: Date): Promise<TRiskRule> {
  const row = (await rulesInForce(db, at)).find((r) => r.rule === rule);
  if (!row) throw new AppError('RISK_RULE_NOT_FOUND');
  return toRiskRule(row);
}

/** An operator changes a rule's threshold, window or switch; audited with before and after. */
export function updateRiskRule(
  db: DbHandle,
  rule: VelocityRule,
  input: TUpdateRiskRuleRequest,
  mutation: Mutation,
): Promise<TRiskRule> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    await ensureDefaultRiskRules(tx, mutation.at);
    const before = await repo.lockRule(tx, rule);
    if (!before) throw new AppError('RISK_RULE_NOT_FOUND');
    const after = await repo.updateRule(tx, rule, {
      maxCount: input.limit,
      windowMinutes: input.windowMinutes,
      enabled: input.enabled,
      updatedAt: mutation.at,
      updatedBy: staff.accountId,
    });
    if (!after) throw new AppError('RISK_RULE_NOT_FOUND');
    await audit(tx, mutation, {
      action: 'risk_rule.update',
      entityType: 'risk_rule',
      entityId: rule,
      before: { limit: before.maxCount, windowMinutes: before.windowMinutes, enabled: before.enabled },
      after: { limit: after.maxCount, windowMinutes: after.windowMinutes, enabled: after.enabled },
    });
    return toRiskRule(after);
  });
}

// ---- checkout assessment

/** The phone in one canonical form, so "+86 138 1234 5678" and "13812345678" count as one. */
function canonicalPhone(phone: string): string {
  return normalizePhone(phone) ?? phone.trim().replace(/[\s\-().]/g, '');
}

function maskPhone(phone: string): string {
  return phone.length >= 7 ? maskMainlandPhone(phone) : '****';
}

/**
 * Records a checkout's signals (the phone as a keyed hash) and runs every enabled velocity rule, one
 * aggregate count each over the rule's window ending at `signals.at` (this order included). A count over
 * the limit is a flag; any flag opens one case on the order (status open) naming the first flag's rule.
 * Re-assessing the same order counts it once and finds the case already open. `keys` supplies the secret
 * of the phone hash (the app's config).
 */
export function assessCheckout(
  db: DbHandle,
  signals: CheckoutSignals,
  mutation: Mutation,
  keys: Pick<Config, 'sessionSecret'>,
): Promise<CheckoutAssessment> {
  return withTransaction(db, async (tx) => {
    const phone = canonicalPhone(signals.phone);
    const phoneHash = keyedHash(keys, 'risk-phone', phone);
    await repo.insertSignal(tx, {
      id: newId('rsg'),
      subjectId: signals.subjectId,
      buyerUserId: signals.buyerUserId,
      phoneHash,
      deviceId: signals.deviceId,
      ip: signals.ip,
      amountFen: signals.amountFen,
      at: signals.at,
    });
    const values = { phone: phoneHash, device: signals.deviceId, ip: publicIp(signals.ip) };
    const flags: TRiskFlag[] = [];
    for (const rule of await rulesInForce(tx, mutation.at)) {
      const value = values[rule.signal];
      if (!rule.enabled || value === null) continue;
      const n = await repo.countSignals(tx, rule.signal, value, rule.windowMinutes, signals.at);
      if (n > rule.maxCount) {
        flags.push({ rule: rule.rule, count: n, limit: rule.maxCount, windowMinutes: rule.windowMinutes });
      }
    }
    const [first] = flags;
    if (!first) return { flags, riskCase: null };
    const shown: TRiskCaseSignals = {
      buyerUserId: signals.buyerUserId,
      phoneMasked: maskPhone(phone),
      deviceId: signals.deviceId,
      ip: signals.ip,
      amountFen: signals.amountFen,
      at: signals.at.toISOString(),
    };
    const riskCase = await openRiskCase(
      tx,
      {
        subjectType: 'order',
        subjectId: signals.subjectId,
        orderId: signals.subjectId,
        rule: first.rule,
        details: { flags, signals: shown },
      },
      mutation,
    );
    return { flags, riskCase };
  });
}

/**
 * The address IP velocity counts: loopback, private and link-local addresses are a proxy's or the
 * machine's own (every buyer behind it would share one), never a buyer's, so they count nothing.
 */
export function publicIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (/^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4)) return null;
  if (v4 === '::1' || /^f[cd]/i.test(v4) || /^fe80:/i.test(v4)) return null;
  return ip;
}

// ---- cases

/**
 * Opens a case (status open) on an order, payment or refund and announces it (risk.case_opened). When a
 * case for the same subject and rule is already open, returns that one and announces nothing, so a
 * repeated report (an event delivered twice) opens one case.
 */
export function openRiskCase(db: DbHandle, input: OpenRiskCaseInput, mutation: Mutation): Promise<TRiskCase> {
  return withTransaction(db, async (tx) => {
    const row = await repo.insertCaseIfNoneOpen(tx, {
      id: newId('rsk'),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      orderId: input.orderId,
      rule: input.rule,
      status: 'open',
      details: input.details,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    if (!row) {
      const existing = await repo.findOpenCase(tx, input.subjectType, input.subjectId, input.rule);
      if (!existing) throw new Error('risk case conflict without an open case');
      return toRiskCase(existing);
    }
    await audit(tx, mutation, {
      action: 'risk_case.open',
      entityType: 'risk_case',
      entityId: row.id,
      after: { status: row.status, rule: row.rule, subjectType: row.subjectType, subjectId: row.subjectId },
    });
    await publish(
      tx,
      RiskEvents.caseOpened,
      row.id,
      {
        caseId: row.id,
        orderId: row.orderId,
        rule: row.rule,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
      },
      mutation.at,
    );
    return toRiskCase(row);
  });
}

/** A person decides an open case once: cleared (go on) or rejected; a second decision is a 409. */
export function decideRiskCase(
  db: DbHandle,
  input: DecideRiskCaseInput,
  mutation: Mutation,
): Promise<TRiskCase> {
  staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const { after } = await applyTransition(
      tx,
      decisionMachine(input.note),
      input.caseId,
      DECISION_ACTION[input.decision],
      mutation,
    );
    return toRiskCase(after);
  });
}

/** True while the order has an open case: it waits for a person (checkout, payment or refund stops). */
export function orderUnderReview(db: DbHandle, orderId: string): Promise<boolean> {
  return repo.hasOpenCaseForOrder(db, orderId);
}

export async function getRiskCase(db: DbHandle, id: string): Promise<TRiskCase> {
  const row = await repo.findCase(db, id);
  if (!row) throw new AppError('RISK_CASE_NOT_FOUND');
  return toRiskCase(row);
}

const ZCursor = z.object({ createdAt: z.string(), id: z.string() });

/** The queue: oldest first, so the case waiting longest is on top. */
export async function listRiskCases(db: DbHandle, query: TRiskCaseListQuery) {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listCases(db, { status: query.status, orderId: query.orderId }, query.limit, after);
  return toPage(rows, query.limit, toRiskCase, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
}

/** Deletes checkout signals older than the retention (personal data kept no longer than needed). */
export function purgeOldSignals(db: DbHandle, now: Date, retentionDays: number): Promise<number> {
  return repo.deleteSignalsBefore(db, new Date(now.getTime() - retentionDays * 86_400_000));
}
