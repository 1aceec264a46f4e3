import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Db, DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { listCities } from '../dealers/index.js';
import { activeStaffContacts } from '../identity/index.js';
import { type DashboardSource, type TDashboard, ZDashboard } from './analytics.dashboard.contract.js';
import { REVIEW_KINDS, type ReviewKind } from './analytics.enums.js';
import type {
  TMyReviewSubscriptions,
  TReview,
  TReviewDetail,
  TReviewListQuery,
} from './analytics.reviews.contract.js';
import { type ExportLang, type ReviewForExport, reviewCsv, reviewTitle } from './analytics.reviews.export.js';
import { reviewStatusMachine } from './analytics.reviews.machine.js';
import { renderReviewPdf } from './analytics.reviews.pdf.js';
import {
  isClosed,
  lastClosedPeriod,
  periodLabel,
  periodStartingOn,
  type ReviewPeriod,
} from './analytics.reviews.periods.js';
import * as repo from './analytics.reviews.repository.js';
import type { ReviewRow } from './analytics.reviews.schema.js';
import { summarizeReview } from './analytics.reviews.summary.js';

// The review reports (复盘): generated from a dashboard snapshot of a closed period by the schedule (platform
// wide) or on demand by a manager, kept, listed, exported as CSV and PDF, and emailed to subscribed staff.
// Platform reports are the whole business: dealer staff see their own numbers on the dealer dashboard
// instead, and every review route answers them REVIEWS_PLATFORM_ONLY.

const PLATFORM = 'platform';

function scopeOf(dealerId: string | null): string {
  return dealerId ?? PLATFORM;
}

/** Refuses dealer staff: the reports are platform-wide. */
function assertPlatformStaff(actor: StaffActor): void {
  if (actor.dealerId !== null) throw new AppError('REVIEWS_PLATFORM_ONLY');
}

function toReview(row: ReviewRow, lang: ExportLang): TReview {
  return {
    id: row.id,
    kind: row.kind,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    title: periodLabel(row.kind, { start: row.periodStart, end: row.periodEnd }, lang),
    dealerId: row.dealerId,
    status: row.status,
    generatedAt: row.generatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toReviewDetail(row: ReviewRow, lang: ExportLang): TReviewDetail {
  return {
    ...toReview(row, lang),
    figures: row.figures ?? null,
    summaryZh: row.summaryZh,
    summaryEn: row.summaryEn,
    failure: row.failure,
  };
}

/** The period of `kind` starting on `periodStart`, refused unless it is a whole, ended period. */
export function closedPeriod(kind: ReviewKind, periodStart: string, now: Date): ReviewPeriod {
  const period = periodStartingOn(kind, periodStart);
  if (!period) throw new AppError('REVIEW_PERIOD_INVALID', { kind, periodStart });
  if (!isClosed(period, now))
    throw new AppError('REVIEW_PERIOD_OPEN', { kind, periodStart, periodEnd: period.end });
  return period;
}

/** Why a source failed, short enough to store and show. */
function failureText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

/**
 * Generates (or regenerates) the report of one closed period from a dashboard source: the row is created or
 * moved back to `generating` first, the figures are computed outside any transaction, then stored with the
 * summaries and the report becomes `ready` (or `failed`, with the reason). Unique per (kind, period, scope):
 * a regeneration replaces the figures of the same row (late events), it never adds a second report.
 */
export async function generateReview(
  db: Db,
  kind: ReviewKind,
  periodStart: string,
  source: DashboardSource,
  mutation: Mutation,
  dealerId: string | null = null,
): Promise<ReviewRow> {
  const period = closedPeriod(kind, periodStart, mutation.at);
  const scope = scopeOf(dealerId);
  const id = await withTransaction(db, async (tx) => {
    const fresh = {
      id: newId('rvw'),
      kind,
      periodStart: period.start,
      periodEnd: period.end,
      dealerId,
      scope,
      status: 'generating' as const,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    const { created } = await repo.insertReviewIfAbsent(tx, fresh);
    if (created) {
      await audit(tx, mutation, {
        action: 'review.create',
        entityType: 'review',
        entityId: fresh.id,
        after: { kind, periodStart: period.start, periodEnd: period.end, scope },
      });
      return fresh.id;
    }
    const existing = await repo.findReviewOfPeriod(tx, kind, period.start, scope);
    if (!existing) throw new Error(`review ${kind} ${period.start} ${scope} vanished`);
    // A report left `generating` (a crashed run, or one running now) is taken over as it is: the last
    // writer's figures win, and both computed the same period.
    if (existing.status !== 'generating') {
      await applyTransition(tx, reviewStatusMachine, existing.id, 'regenerate', mutation);
    }
    return existing.id;
  });

  let figures: TDashboard;
  try {
    figures = ZDashboard.parse(
      await source({ from: period.start, to: period.end }, { dealerId, lang: 'zh-CN' }),
    );
  } catch (error) {
    await withTransaction(db, async (tx) => {
      await repo.updateReview(tx, id, { failure: failureText(error), updatedAt: mutation.at });
      await applyTransition(tx, reviewStatusMachine, id, 'fail', mutation);
    });
    return (await repo.findReview(db, id)) as ReviewRow;
  }

  await withTransaction(db, async (tx) => {
    await repo.updateReview(tx, id, {
      figures,
      summaryZh: summarizeReview(kind, period, figures, 'zh-CN'),
      summaryEn: summarizeReview(kind, period, figures, 'en'),
      failure: null,
      generatedAt: mutation.at,
      updatedAt: mutation.at,
    });
    await applyTransition(tx, reviewStatusMachine, id, 'complete', mutation);
  });
  return (await repo.findReview(db, id)) as ReviewRow;
}

/**
 * The schedule's work: for each kind, the last period that has closed by `now` (yesterday, last week, last
 * month, last quarter, last year) gets its platform report unless it already has a ready one. Running it
 * again the same day does nothing new; a failed report is tried again.
 */
export async function generateClosedReviews(
  db: Db,
  source: DashboardSource,
  mutation: Mutation,
): Promise<ReviewRow[]> {
  const out: ReviewRow[] = [];
  for (const kind of REVIEW_KINDS) {
    const period = lastClosedPeriod(kind, mutation.at);
    const existing = await repo.findReviewOfPeriod(db, kind, period.start, PLATFORM);
    if (existing?.status === 'ready') continue;
    out.push(await generateReview(db, kind, period.start, source, mutation));
  }
  return out;
}

/** A manager's on-demand (re)generation of a platform report. */
export async function generateReviewOnDemand(
  db: Db,
  actor: StaffActor,
  input: { kind: ReviewKind; periodStart: string },
  source: DashboardSource,
  mutation: Mutation,
): Promise<TReviewDetail> {
  assertPlatformStaff(actor);
  const row = await generateReview(db, input.kind, input.periodStart, source, mutation);
  return toReviewDetail(row, mutation.lang);
}

const ZCursor = z.object({ periodStart: z.string(), id: z.string() });

export async function listReviews(
  db: DbHandle,
  actor: StaffActor,
  query: TReviewListQuery,
  lang: ExportLang,
) {
  assertPlatformStaff(actor);
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listReviews(db, { scope: PLATFORM, kind: query.kind }, query.limit, after);
  return toPage(
    rows,
    query.limit,
    (r) => toReview(r, lang),
    (r) => ({ periodStart: r.periodStart, id: r.id }),
  );
}

async function platformReview(db: DbHandle, actor: StaffActor, id: string): Promise<ReviewRow> {
  assertPlatformStaff(actor);
  const row = await repo.findReview(db, id);
  if (!row || row.scope !== PLATFORM) throw new AppError('REVIEW_NOT_FOUND');
  return row;
}

export async function getReview(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  lang: ExportLang,
): Promise<TReviewDetail> {
  return toReviewDetail(await platformReview(db, actor, id), lang);
}

async function forExport(db: DbHandle, row: ReviewRow, lang: ExportLang): Promise<ReviewForExport> {
  if (row.status !== 'ready' || !row.figures || !row.generatedAt) {
    throw new AppError('REVIEW_NOT_READY', { status: row.status });
  }
  const cities = await listCities(db);
  return {
    kind: row.kind,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    generatedAt: row.generatedAt,
    figures: row.figures,
    summary: (lang === 'zh-CN' ? row.summaryZh : row.summaryEn) ?? '',
    cityNames: new Map(cities.map((c) => [c.code, lang === 'zh-CN' ? c.name : c.nameEn])),
  };
}

/** The file name of an export, ASCII (kind and period start), e.g. review-weekly-2026-11-30.csv. */
function exportFileName(row: ReviewRow, ext: 'csv' | 'pdf'): string {
  return `review-${row.kind}-${row.periodStart}.${ext}`;
}

export async function reviewCsvExport(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  lang: ExportLang,
): Promise<{ fileName: string; body: string }> {
  const row = await platformReview(db, actor, id);
  return { fileName: exportFileName(row, 'csv'), body: reviewCsv(await forExport(db, row, lang), lang) };
}

export async function reviewPdfExport(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  lang: ExportLang,
): Promise<{ fileName: string; body: Buffer }> {
  const row = await platformReview(db, actor, id);
  return {
    fileName: exportFileName(row, 'pdf'),
    body: await renderReviewPdf(await forExport(db, row, lang), lang),
  };
}

export async function mySubscriptions(db: DbHandle, actor: StaffActor): Promise<TMyReviewSubscriptions> {
  assertPlatformStaff(actor);
  return { kinds: (await repo.subscriptionsOfStaff(db, actor.accountId)).map((s) => s.kind) };
}

export async function subscribe(
  db: DbHandle,
  actor: StaffActor,
  kind: ReviewKind,
  mutation: Mutation,
): Promise<TMyReviewSubscriptions> {
  assertPlatformStaff(actor);
  await withTransaction(db, async (tx) => {
    await repo.insertSubscription(tx, {
      staffAccountId: actor.accountId,
      kind,
      lang: mutation.lang,
      createdAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'review.subscribe',
      entityType: 'staff',
      entityId: actor.accountId,
      after: { kind, lang: mutation.lang },
    });
  });
  return mySubscriptions(db, actor);
}

export async function unsubscribe(
  db: DbHandle,
  actor: StaffActor,
  kind: ReviewKind,
  mutation: Mutation,
): Promise<TMyReviewSubscriptions> {
  assertPlatformStaff(actor);
  await withTransaction(db, async (tx) => {
    await repo.deleteSubscription(tx, actor.accountId, kind);
    await audit(tx, mutation, {
      action: 'review.unsubscribe',
      entityType: 'staff',
      entityId: actor.accountId,
      before: { kind },
    });
  });
  return mySubscriptions(db, actor);
}

/** Every subscription with the staff member's contact (managers see who receives what). */
export async function listSubscriptions(db: DbHandle, actor: StaffActor) {
  assertPlatformStaff(actor);
  const subs = await repo.subscriptionsOfKinds(db, REVIEW_KINDS);
  const contacts = new Map(
    (await activeStaffContacts(db, [...new Set(subs.map((s) => s.staffAccountId))])).map((c) => [c.id, c]),
  );
  return {
    items: subs.map((s) => ({
      staffAccountId: s.staffAccountId,
      email: contacts.get(s.staffAccountId)?.email ?? null,
      displayName: contacts.get(s.staffAccountId)?.displayName ?? null,
      kind: s.kind,
      lang: s.lang,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}

/**
 * Emails a ready platform report to the staff subscribed to its kind: active platform staff only (a
 * disabled account or dealer staff get nothing), each in the language they subscribed in, with the summary
 * and a link to the report in the console (the email adapter sends plain text, no attachments: the CSV and
 * PDF are one click away there). One email per subscriber and ready event (`dedupKey`).
 */
export async function emailReviewToSubscribers(
  db: Db,
  reviewId: string,
  eventId: string,
  at: Date,
  publicUrl: string,
): Promise<number> {
  const row = await repo.findReview(db, reviewId);
  if (!row || row.scope !== PLATFORM || row.status !== 'ready') return 0;
  const subs = await repo.subscriptionsOfKinds(db, [row.kind]);
  const contacts = await activeStaffContacts(
    db,
    subs.map((s) => s.staffAccountId),
  );
  const langOf = new Map(subs.map((s) => [s.staffAccountId, s.lang]));
  const link = `${publicUrl.replace(/\/$/, '')}/console/analytics/reviews/${row.id}`;
  let sent = 0;
  for (const c of contacts) {
    if (c.dealerId !== null) continue;
    const lang = langOf.get(c.id) ?? 'zh-CN';
    await notify(db, {
      recipient: { kind: 'staff', id: c.id, email: c.email },
      templateKey: 'analytics.review_ready',
      params: {
        title: reviewTitle(row, lang),
        summary: (lang === 'zh-CN' ? row.summaryZh : row.summaryEn) ?? '',
        link,
      },
      channels: ['email'],
      lang,
      link: `/console/analytics/reviews/${row.id}`,
      at,
      dedupKey: `review:${eventId}:${c.id}`,
    });
    sent++;
  }
  return sent;
}
