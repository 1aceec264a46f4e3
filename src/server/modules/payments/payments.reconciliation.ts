import { shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { toCsvText } from '../../kernel/csv.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Mutation } from '../../kernel/mutation.js';
import type { TReconRun } from './payments.contract.js';
import { type MismatchKind, ONLINE_PROVIDERS, type OnlineProvider } from './payments.enums.js';
import { PaymentsEvents } from './payments.events.js';
import type { StatementLine } from './payments.gateway.js';
import { gatewayFor, providerAvailable } from './payments.gateways.js';
import { toReconMismatch, toReconRun } from './payments.mappers.js';
import * as repo from './payments.repository.js';
import type { reconMismatches } from './payments.schema.js';

/** The daily reconciliation job (02:00 Asia/Shanghai, for the day before). */
export const RECONCILE_JOB = 'payments.reconcile';

type MismatchRow = Omit<typeof reconMismatches.$inferInsert, 'id' | 'runId'>;

/**
 * Compares a provider's statement of a day with our books: every statement line must match an intent (a
 * payment) or a refund of ours in amount and status, and every payment and refund we settled that day
 * must be on the statement. Differences are stored as mismatches for finance.
 */
export async function compareStatement(
  db: DbHandle,
  provider: OnlineProvider,
  day: string,
  lines: readonly StatementLine[],
): Promise<{ matched: number; mismatches: MismatchRow[] }> {
  const from = shanghaiDayStart(day);
  const to = new Date(from.getTime() + 86_400_000);
  const mismatches: MismatchRow[] = [];
  let matched = 0;
  const payments = lines.filter((l) => l.kind === 'payment');
  const refunds = lines.filter((l) => l.kind === 'refund');
  const intents = new Map(
    (
      await repo.findIntentsByMerchantNos(
        db,
        payments.map((l) => l.merchantOrderNo),
      )
    ).map((i) => [i.merchantOrderNo, i]),
  );
  for (const line of payments) {
    const intent = intents.get(line.merchantOrderNo);
    const base = { merchantOrderNo: line.merchantOrderNo, theirsFen: line.amountFen };
    if (!intent || intent.provider !== provider) {
      mismatches.push({
        ...base,
        kind: 'missing_ours',
        detail: `${provider} 账单有此交易（${line.providerTradeNo}），我方无此支付单`,
      });
    } else if (!intent.succeededAt) {
      mismatches.push({
        ...base,
        kind: 'status_differs',
        intentId: intent.id,
        oursFen: intent.amountFen,
        detail: `渠道已收款，我方支付单状态为 ${intent.status}`,
      });
    } else if (intent.amountFen !== line.amountFen) {
      mismatches.push({
        ...base,
        kind: 'amount_differs',
        intentId: intent.id,
        oursFen: intent.amountFen,
        detail: '金额不一致',
      });
    } else matched++;
  }
  const seen = new Set(payments.map((l) => l.merchantOrderNo));
  for (const intent of await repo.listSucceededBetween(db, provider, from, to)) {
    if (!seen.has(intent.merchantOrderNo)) {
      mismatches.push({
        kind: 'missing_theirs',
        merchantOrderNo: intent.merchantOrderNo,
        intentId: intent.id,
        oursFen: intent.amountFen,
        detail: `我方记为已支付，${provider} 账单无此交易`,
      });
    }
  }
  const ours = new Map(
    (
      await repo.findRefundsByNos(
        db,
        refunds.flatMap((l) => (l.refundNo ? [l.refundNo] : [])),
      )
    ).map((r) => [r.refundNo, r]),
  );
  for (const line of refunds) {
    const refund = line.refundNo ? ours.get(line.refundNo) : undefined;
    const base = {
      merchantOrderNo: line.merchantOrderNo || (refund ? '' : line.providerTradeNo),
      refundNo: line.refundNo,
      theirsFen: line.amountFen,
    };
    if (!refund)
      mismatches.push({ ...base, kind: 'missing_ours', detail: `${provider} 账单有此退款，我方无此退款` });
    else if (refund.status !== 'succeeded')
      mismatches.push({
        ...base,
        kind: 'status_differs',
        refundId: refund.id,
        oursFen: refund.amountFen,
        detail: `渠道已退款，我方退款状态为 ${refund.status}`,
      });
    else if (refund.amountFen !== line.amountFen)
      mismatches.push({
        ...base,
        kind: 'amount_differs',
        refundId: refund.id,
        oursFen: refund.amountFen,
        detail: '退款金额不一致',
      });
    else matched++;
  }
  const seenRefunds = new Set(refunds.map((l) => l.refundNo));
  for (const refund of await repo.listRefundsSettledBetween(db, provider, from, to)) {
    if (!seenRefunds.has(refund.refundNo)) {
      mismatches.push({
        kind: 'missing_theirs',
        merchantOrderNo: '',
        refundNo: refund.refundNo,
        refundId: refund.id,
        oursFen: refund.amountFen,
        detail: `我方记为已退款，${provider} 账单无此退款`,
      });
    }
  }
  return { matched, mismatches };
}

/** Fetches a provider's statement of `day` and reconciles it; a failed download is a failed run. */
export async function reconcile(
  ctx: AppContext,
  provider: OnlineProvider,
  day: string,
  startedBy: string | null,
  mutation: Mutation,
): Promise<TReconRun> {
  const db = ctx.database.db;
  const run = await repo.insertReconRun(db, {
    id: newId('rcn'),
    provider,
    day,
    status: 'running',
    startedBy,
    startedAt: mutation.at,
  });
  let lines: StatementLine[];
  try {
    const gateway = gatewayFor(ctx, provider);
    lines = gateway.parseStatement(await gateway.downloadStatement(day, mutation.at), day);
  } catch (e) {
    const error =
      e instanceof AppError
        ? `${e.code} ${JSON.stringify(e.details ?? {})}`
        : e instanceof Error
          ? e.message
          : String(e);
    return toReconRun(
      await repo.updateReconRun(db, run.id, {
        status: 'failed',
        error: error.slice(0, 500),
        finishedAt: mutation.at,
      }),
    );
  }
  return withTransaction(db, async (tx) => {
    const { matched, mismatches } = await compareStatement(tx, provider, day, lines);
    await repo.insertMismatches(
      tx,
      mismatches.map((m) => ({ ...m, id: newId('rcm'), runId: run.id })),
    );
    const after = await repo.updateReconRun(tx, run.id, {
      status: mismatches.length > 0 ? 'mismatched' : 'matched',
      statementLines: lines.length,
      matchedLines: matched,
      mismatchCount: mismatches.length,
      finishedAt: mutation.at,
    });
    if (mismatches.length > 0) {
      await publish(
        tx,
        PaymentsEvents.reconciliationMismatched,
        run.id,
        { runId: run.id, provider, day, mismatches: mismatches.length },
        mutation.at,
      );
    }
    return toReconRun(after);
  });
}

/** Reconciles the providers (all available ones unless one is named) for a day. */
export async function reconcileDay(
  ctx: AppContext,
  day: string,
  provider: OnlineProvider | undefined,
  startedBy: string | null,
  mutation: Mutation,
): Promise<TReconRun[]> {
  const providers = provider ? [provider] : ONLINE_PROVIDERS.filter((p) => providerAvailable(ctx, p));
  const runs: TReconRun[] = [];
  for (const p of providers) runs.push(await reconcile(ctx, p, day, startedBy, mutation));
  return runs;
}

/** The day before `at` in Asia/Shanghai (what the 02:00 job reconciles). */
export function previousDay(at: Date): string {
  return shanghaiDay(new Date(at.getTime() - 86_400_000));
}

export async function listReconRuns(db: DbHandle) {
  return { items: (await repo.listReconRuns(db, 100)).map(toReconRun) };
}

export async function getReconRun(db: DbHandle, id: string) {
  const run = await repo.findReconRun(db, id);
  if (!run) throw new AppError('RECON_RUN_NOT_FOUND');
  return { run: toReconRun(run), mismatches: (await repo.listMismatches(db, id)).map(toReconMismatch) };
}

const KIND_LABEL: Record<MismatchKind, string> = {
  missing_ours: '我方缺失',
  missing_theirs: '渠道缺失',
  amount_differs: '金额不符',
  status_differs: '状态不符',
};

/** The mismatches of a run as CSV (for finance's spreadsheet). */
export async function mismatchesCsv(db: DbHandle, id: string): Promise<string> {
  const { run, mismatches } = await getReconRun(db, id);
  return toCsvText([
    ['渠道', '日期', '差异类型', '商户订单号', '退款单号', '我方金额（分）', '渠道金额（分）', '说明'],
    ...mismatches.map((m) => [
      run.provider,
      run.day,
      KIND_LABEL[m.kind],
      m.merchantOrderNo,
      m.refundNo ?? '',
      m.oursFen === null ? '' : String(m.oursFen),
      m.theirsFen === null ? '' : String(m.theirsFen),
      m.detail,
    ]),
  ]);
}
