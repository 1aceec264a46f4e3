import { z } from 'zod';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { searchableNames } from '../catalog/index.js';
import { SHIPPED_FAQS } from './leads.faq.content.js';
import type {
  TFaq,
  TFaqInput,
  TFaqListQuery,
  TFaqSettings,
  TFaqStats,
  TUnansweredList,
} from './leads.faq.contract.js';
import { FAQ_DEFLECTION_GOAL, FAQ_PLACEHOLDERS } from './leads.faq.enums.js';
import * as repo from './leads.faq.repository.js';
import { FAQ_TERMS, FaqIndex, makeDictionary, normalizeQuestion } from './leads.faq.retrieval.js';
import type { LeadFaqRow } from './leads.faq.schema.js';

// The FAQ library: console CRUD (audited), the in-memory retrieval index and the bot's reports.

/** Default confidence threshold: below it the bot offers a person (tuned on the retrieval test set). */
export const DEFAULT_FAQ_THRESHOLD = 0.25;

/** The cache-bus channel that tells other app processes the library changed. */
export const FAQ_CACHE_CHANNEL = 'leads.faq';

export interface LoadedLibrary {
  readonly index: FaqIndex;
  readonly faqs: ReadonlyMap<string, LeadFaqRow>;
  readonly threshold: number;
}

/**
 * The index per database handle (one per app process; tests make one per app). Rebuilt on the next question
 * after a change here, or after another process says so on the cache bus (see watchFaqLibrary).
 */
const libraries = new WeakMap<object, Promise<LoadedLibrary>>();
/** The app context behind a database handle, for live data that needs it (the landed price). */
const contexts = new WeakMap<object, AppContext>();

/** Drops the in-memory index built over `db` (after a change to the library or the threshold). */
export function dropFaqLibrary(db: DbHandle): void {
  libraries.delete(db);
}

/** Called once per app: listens for library changes made by other processes and remembers the context. */
export function watchFaqLibrary(ctx: AppContext): () => void {
  const db = ctx.database.db;
  contexts.set(db, ctx);
  return ctx.cacheBus.subscribe(FAQ_CACHE_CHANNEL, () => dropFaqLibrary(db));
}

export function contextOf(db: DbHandle): AppContext | undefined {
  return contexts.get(db);
}

/** Tells this process and the others that the library changed (the message goes when `tx` commits). */
async function libraryChanged(db: DbHandle, tx: DbHandle): Promise<void> {
  dropFaqLibrary(db);
  await contexts.get(db)?.cacheBus.publish(FAQ_CACHE_CHANNEL, 'changed', tx);
}

/** Loads the shipped FAQs whose key is new (every environment: they are content, not demo data). */
export async function ensureShippedFaqs(db: DbHandle, at: Date): Promise<number> {
  const rows = SHIPPED_FAQS.map((f, i) => ({
    id: newId('faq'),
    seedKey: f.key,
    category: f.category,
    question: f.question,
    answer: f.answer,
    answerEn: null,
    synonyms: [...f.synonyms],
    brandIds: [],
    seriesIds: [],
    trimIds: [],
    status: 'published' as const,
    sortOrder: i,
    updatedBy: null,
    createdAt: at,
    updatedAt: at,
  }));
  const inserted = await repo.insertFaqsIfMissing(db, rows);
  if (inserted > 0) dropFaqLibrary(db);
  return inserted;
}

async function buildLibrary(db: DbHandle, at: Date): Promise<LoadedLibrary> {
  await ensureShippedFaqs(db, at);
  const [rows, names, settings] = await Promise.all([
    repo.publishedFaqs(db),
    searchableNames(db),
    repo.findSettings(db),
  ]);
  const vehicleNames = [
    ...names.brands.flatMap((b) => [b.name, b.nameEn, ...b.aliases]),
    ...names.series.flatMap((s) => [s.name, s.nameEn, ...s.aliases]),
  ].filter((n) => n.trim().length > 0);
  const index = new FaqIndex(
    rows.map((r) => ({ id: r.id, question: r.question, synonyms: r.synonyms, answer: r.answer })),
    makeDictionary([...FAQ_TERMS, ...vehicleNames]),
    vehicleNames,
  );
  return {
    index,
    faqs: new Map(rows.map((r) => [r.id, r])),
    threshold: settings?.threshold ?? DEFAULT_FAQ_THRESHOLD,
  };
}

/** The index over the published FAQs, built on first use. */
export function faqLibrary(db: DbHandle, at: Date): Promise<LoadedLibrary> {
  let loading = libraries.get(db);
  if (!loading) {
    const created = buildLibrary(db, at);
    libraries.set(db, created);
    created.catch(() => {
      if (libraries.get(db) === created) libraries.delete(db);
    });
    loading = created;
  }
  return loading;
}

// ---- console CRUD ----

export function toFaq(row: LeadFaqRow): TFaq {
  return {
    id: row.id,
    seedKey: row.seedKey,
    category: row.category,
    question: row.question,
    answer: row.answer,
    answerEn: row.answerEn,
    synonyms: row.synonyms,
    brandIds: row.brandIds,
    seriesIds: row.seriesIds,
    trimIds: row.trimIds,
    status: row.status,
    sortOrder: row.sortOrder,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(FAQ_PLACEHOLDERS);

/** Refuses an answer with a placeholder the bot cannot fill (it would reach a buyer raw). */
function checkPlaceholders(...answers: (string | null)[]): void {
  for (const answer of answers) {
    for (const m of answer?.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g) ?? []) {
      if (!KNOWN_PLACEHOLDERS.has(m[1] ?? '')) {
        throw new AppError('FAQ_PLACEHOLDER_UNKNOWN', { placeholder: m[1], allowed: [...FAQ_PLACEHOLDERS] });
      }
    }
  }
}

/** Synonyms cleaned: no empty ones, none equal (normalised) to the question or each other. */
function cleanSynonyms(question: string, synonyms: readonly string[]): string[] {
  const seen = new Set([normalizeQuestion(question)]);
  const out: string[] = [];
  for (const s of synonyms) {
    const n = normalizeQuestion(s);
    if (!n || seen.has(n)) continue;
    seen.add(n);
    out.push(s);
  }
  return out;
}

const ZCursor = z.object({ c: z.string(), s: z.number().int(), i: z.string() });

export async function listFaqs(db: DbHandle, query: TFaqListQuery, at: Date) {
  await ensureShippedFaqs(db, at);
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listFaqs(
    db,
    { category: query.category, status: query.status, q: query.q },
    after ? { category: after.c, sortOrder: after.s, id: after.i } : undefined,
    query.limit,
  );
  return toPage(rows, query.limit, toFaq, (r) => ({ c: r.category, s: r.sortOrder, i: r.id }));
}

export async function getFaq(db: DbHandle, id: string): Promise<TFaq> {
  const row = await repo.findFaq(db, id);
  if (!row) throw new AppError('FAQ_NOT_FOUND');
  return toFaq(row);
}

export async function createFaq(db: DbHandle, input: TFaqInput, mutation: Mutation): Promise<TFaq> {
  const staff = staffOf(mutation);
  checkPlaceholders(input.answer, input.answerEn);
  const created = await withTransaction(db, async (tx) => {
    const row = await repo.insertFaq(tx, {
      id: newId('faq'),
      seedKey: null,
      category: input.category,
      question: input.question,
      answer: input.answer,
      answerEn: input.answerEn,
      synonyms: cleanSynonyms(input.question, input.synonyms),
      brandIds: input.brandIds,
      seriesIds: input.seriesIds,
      trimIds: input.trimIds,
      status: input.status,
      sortOrder: input.sortOrder,
      updatedBy: staff.accountId,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    const resolved = input.fromQuestion
      ? await repo.resolveQuestions(tx, normalizeQuestion(input.fromQuestion), mutation.at)
      : 0;
    await audit(tx, mutation, {
      action: 'lead_faq.create',
      entityType: 'lead_faq',
      entityId: row.id,
      after: { ...toFaq(row), resolvedQuestions: resolved },
    });
    await libraryChanged(db, tx);
    return row;
  });
  dropFaqLibrary(db);
  return toFaq(created);
}

export async function updateFaq(
  db: DbHandle,
  id: string,
  input: TFaqInput,
  mutation: Mutation,
): Promise<TFaq> {
  const staff = staffOf(mutation);
  checkPlaceholders(input.answer, input.answerEn);
  const updated = await withTransaction(db, async (tx) => {
    const before = await repo.findFaq(tx, id, true);
    if (!before) throw new AppError('FAQ_NOT_FOUND');
    const row = await repo.updateFaq(tx, id, {
      category: input.category,
      question: input.question,
      answer: input.answer,
      answerEn: input.answerEn,
      synonyms: cleanSynonyms(input.question, input.synonyms),
      brandIds: input.brandIds,
      seriesIds: input.seriesIds,
      trimIds: input.trimIds,
      status: input.status,
      sortOrder: input.sortOrder,
      updatedBy: staff.accountId,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'lead_faq.update',
      entityType: 'lead_faq',
      entityId: id,
      before: toFaq(before),
      after: toFaq(row),
    });
    await libraryChanged(db, tx);
    return row;
  });
  dropFaqLibrary(db);
  return toFaq(updated);
}

/** Removes an FAQ from the bot and the help page; kept (archived) so a shipped FAQ is not loaded again. */
export async function archiveFaq(db: DbHandle, id: string, mutation: Mutation): Promise<TFaq> {
  const staff = staffOf(mutation);
  const archived = await withTransaction(db, async (tx) => {
    const before = await repo.findFaq(tx, id, true);
    if (!before) throw new AppError('FAQ_NOT_FOUND');
    const row = await repo.updateFaq(tx, id, {
      status: 'archived',
      updatedBy: staff.accountId,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'lead_faq.archive',
      entityType: 'lead_faq',
      entityId: id,
      before: { status: before.status },
      after: { status: row.status },
    });
    await libraryChanged(db, tx);
    return row;
  });
  dropFaqLibrary(db);
  return toFaq(archived);
}

/** Adds a buyer's wording to an FAQ (the console's "add as synonym" on an unanswered question). */
export async function addSynonym(
  db: DbHandle,
  id: string,
  synonym: string,
  fromQuestion: string | undefined,
  mutation: Mutation,
): Promise<TFaq> {
  const staff = staffOf(mutation);
  const updated = await withTransaction(db, async (tx) => {
    const before = await repo.findFaq(tx, id, true);
    if (!before) throw new AppError('FAQ_NOT_FOUND');
    const n = normalizeQuestion(synonym);
    if ([before.question, ...before.synonyms].some((s) => normalizeQuestion(s) === n)) {
      throw new AppError('FAQ_SYNONYM_EXISTS');
    }
    const row = await repo.updateFaq(tx, id, {
      synonyms: [...before.synonyms, synonym],
      updatedBy: staff.accountId,
      updatedAt: mutation.at,
    });
    const resolved = await repo.resolveQuestions(tx, normalizeQuestion(fromQuestion ?? synonym), mutation.at);
    await audit(tx, mutation, {
      action: 'lead_faq.add_synonym',
      entityType: 'lead_faq',
      entityId: id,
      before: { synonyms: before.synonyms },
      after: { synonyms: row.synonyms, resolvedQuestions: resolved },
    });
    await libraryChanged(db, tx);
    return row;
  });
  dropFaqLibrary(db);
  return toFaq(updated);
}

// ---- settings and reports ----

export async function getSettings(db: DbHandle): Promise<TFaqSettings> {
  const row = await repo.findSettings(db);
  return {
    threshold: row?.threshold ?? DEFAULT_FAQ_THRESHOLD,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function saveSettings(
  db: DbHandle,
  threshold: number,
  mutation: Mutation,
): Promise<TFaqSettings> {
  const staff = staffOf(mutation);
  const row = await withTransaction(db, async (tx) => {
    const before = await repo.findSettings(tx);
    const saved = await repo.saveSettings(tx, threshold, staff.accountId, mutation.at);
    await audit(tx, mutation, {
      action: 'lead_faq_settings.update',
      entityType: 'lead_faq_settings',
      entityId: 'default',
      before: { threshold: before?.threshold ?? DEFAULT_FAQ_THRESHOLD },
      after: { threshold: saved.threshold },
    });
    await libraryChanged(db, tx);
    return saved;
  });
  dropFaqLibrary(db);
  return { threshold: row.threshold, updatedAt: row.updatedAt.toISOString() };
}

const DAY_MS = 86_400_000;

function shanghaiDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Deflection over the last `days` Shanghai days (today included): bot conversations (asked at least one
 * question) that the bot answered at least once and that were never handed to a person, over all bot
 * conversations; by the day of the conversation's first question.
 */
export async function faqStats(db: DbHandle, days: number, now: Date): Promise<TFaqStats> {
  const today = shanghaiDayOf(now);
  const to = new Date(Date.parse(`${today}T00:00:00+08:00`) + DAY_MS);
  const from = new Date(to.getTime() - days * DAY_MS);
  const [convs, questions, settings] = await Promise.all([
    repo.conversationsByDay(db, from, to),
    repo.questionsByDay(db, from, to),
    getSettings(db),
  ]);
  const rate = (d: number, c: number) => (c > 0 ? Math.round((d / c) * 1000) / 1000 : null);
  const byDay: TFaqStats['byDay'] = [];
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) {
    const day = shanghaiDayOf(new Date(t));
    const c = convs.find((r) => r.day === day);
    const q = questions.find((r) => r.day === day);
    byDay.push({
      day,
      conversations: c?.conversations ?? 0,
      deflected: c?.deflected ?? 0,
      deflectionRate: rate(c?.deflected ?? 0, c?.conversations ?? 0),
      questions: q?.questions ?? 0,
      answeredQuestions: q?.answered ?? 0,
    });
  }
  const sum = (k: 'conversations' | 'deflected' | 'questions' | 'answeredQuestions') =>
    byDay.reduce((s, d) => s + d[k], 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    goal: FAQ_DEFLECTION_GOAL,
    threshold: settings.threshold,
    conversations: sum('conversations'),
    deflected: sum('deflected'),
    deflectionRate: rate(sum('deflected'), sum('conversations')),
    questions: sum('questions'),
    answeredQuestions: sum('answeredQuestions'),
    byDay,
  };
}

export async function unansweredQuestions(db: DbHandle, limit: number, at: Date): Promise<TUnansweredList> {
  const [groups, library] = await Promise.all([repo.unansweredGroups(db, limit), faqLibrary(db, at)]);
  return {
    items: groups.map((g) => ({
      normalized: g.normalized,
      text: g.text,
      count: g.count,
      lastAskedAt: new Date(g.lastAskedAt).toISOString(),
      bestFaqId: g.bestFaqId,
      bestFaqQuestion: g.bestFaqId ? (library.faqs.get(g.bestFaqId)?.question ?? null) : null,
      bestConfidence: Number(g.bestConfidence),
    })),
  };
}

/**
 * Bot conversations whose first question fell in [from, to) and how many of them were deflected (the same
 * definition as faqStats): the analytics dashboard's bot deflection card.
 */
export async function faqDeflectionBetween(
  db: DbHandle,
  from: Date,
  to: Date,
): Promise<{ conversations: number; deflected: number }> {
  const rows = await repo.conversationsByDay(db, from, to);
  return {
    conversations: rows.reduce((sum, r) => sum + r.conversations, 0),
    deflected: rows.reduce((sum, r) => sum + r.deflected, 0),
  };
}
