import type { AppContext } from '../../kernel/context.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { searchCaches, termsChanged } from './search.caches.js';
import {
  SEARCH_BODY_TYPES,
  SEARCH_ENERGY_TYPES,
  SEARCH_SEGMENTS,
  SEARCH_SORTS,
  type TCreateQueryTerm,
  type TQueryTerm,
  type TUpdateQueryTerm,
} from './search.contract.js';
import * as repo from './search.repository.js';
import type { SearchQueryTermRow } from './search.schema.js';
import { BUILT_IN_TERMS, type QueryTermFilter } from './search.terms.js';
import { normalizeQuery, understandQuery } from './search.understand.js';

// The console's list of words search understands: built-in terms (read-only) and operators' terms, which
// add to or replace them. Every change reloads the dictionary in every process (cache bus).

const key = (term: string) => normalizeQuery(term).replace(/\s+/g, '');

function toTerm(row: SearchQueryTermRow): TQueryTerm {
  return {
    id: row.id,
    term: row.term,
    filter: row.filter as QueryTermFilter,
    value: row.value,
    soft: row.soft,
    note: row.note,
    builtIn: false,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Built-in terms (those an operator's term does not replace) and operators' terms, by text. */
export async function listQueryTerms(ctx: AppContext): Promise<TQueryTerm[]> {
  const own = (await repo.listQueryTerms(ctx.database.db)).map(toTerm);
  const replaced = new Set(own.map((t) => `${t.term}|${t.filter}`));
  const builtIn = BUILT_IN_TERMS.filter((t) => !replaced.has(`${t.term}|${t.filter}`)).map(
    (t): TQueryTerm => ({
      id: null,
      term: t.term,
      filter: t.filter,
      value: t.value,
      soft: Boolean(t.soft),
      note: null,
      builtIn: true,
      updatedAt: null,
    }),
  );
  return [...own, ...builtIn].sort(
    (a, b) =>
      a.filter.localeCompare(b.filter) ||
      a.term.localeCompare(b.term) ||
      Number(a.builtIn) - Number(b.builtIn),
  );
}

const WHOLE = /^\d{1,9}$/;

/** The value, normalised, if it fits the filter; otherwise QUERY_TERM_VALUE_INVALID. */
async function checkedValue(ctx: AppContext, filter: QueryTermFilter, raw: string): Promise<string> {
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const one = (allowed: readonly string[]) => values.length === 1 && allowed.includes(values[0] ?? '');
  const all = (allowed: readonly string[]) => values.length > 0 && values.every((v) => allowed.includes(v));
  let ok: boolean;
  switch (filter) {
    case 'kind':
      ok = one(['new', 'used']);
      break;
    case 'body':
      ok = all(SEARCH_BODY_TYPES);
      break;
    case 'energy':
      ok = all(SEARCH_ENERGY_TYPES);
      break;
    case 'segment':
      ok = all(SEARCH_SEGMENTS);
      break;
    case 'seats':
      ok = all(['2', '3', '4', '5', '6', '7', '8', '9']);
      break;
    case 'sort':
      ok = one(SEARCH_SORTS.filter((s) => s !== 'popular'));
      break;
    case 'city': {
      const codes = new Set((await searchCaches(ctx).cities(ctx.database.db)).map((c) => c.code));
      ok = all([...codes]);
      break;
    }
    case 'age':
    case 'mileage':
      ok = values.length === 1 && WHOLE.test(values[0] ?? '');
      break;
    case 'ignore':
      ok = values.length === 0;
      break;
  }
  if (!ok) throw new AppError('QUERY_TERM_VALUE_INVALID', { filter, value: raw });
  return values.join(',');
}

export async function createQueryTerm(
  ctx: AppContext,
  input: TCreateQueryTerm,
  m: Mutation,
): Promise<TQueryTerm> {
  const term = key(input.term);
  if (!term)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'term', message: 'empty after normalising' }],
    });
  const value = await checkedValue(ctx, input.filter, input.value);
  const row = await withTransaction(ctx.database.db, async (tx) => {
    const inserted = await repo.insertQueryTerm(tx, {
      id: newId('sqt'),
      term,
      filter: input.filter,
      value,
      soft: input.soft,
      note: input.note ?? null,
      createdAt: m.at,
      updatedAt: m.at,
    });
    if (!inserted) throw new AppError('QUERY_TERM_TAKEN', { term, filter: input.filter });
    await audit(tx, m, {
      action: 'search.term.create',
      entityType: 'search_term',
      entityId: inserted.id,
      before: null,
      after: inserted,
    });
    await termsChanged(ctx, tx);
    return inserted;
  });
  searchCaches(ctx).dropTerms();
  return toTerm(row);
}

export async function updateQueryTerm(
  ctx: AppContext,
  id: string,
  input: TUpdateQueryTerm,
  m: Mutation,
): Promise<TQueryTerm> {
  const row = await withTransaction(ctx.database.db, async (tx) => {
    const before = await repo.lockQueryTerm(tx, id);
    if (!before) throw new AppError('QUERY_TERM_NOT_FOUND', { id });
    const set: Partial<SearchQueryTermRow> = { updatedAt: m.at };
    if (input.value !== undefined)
      set.value = await checkedValue(ctx, before.filter as QueryTermFilter, input.value);
    if (input.soft !== undefined) set.soft = input.soft;
    if (input.note !== undefined) set.note = input.note;
    const after = await repo.updateQueryTerm(tx, id, set);
    await audit(tx, m, {
      action: 'search.term.update',
      entityType: 'search_term',
      entityId: id,
      before,
      after,
    });
    await termsChanged(ctx, tx);
    return after;
  });
  searchCaches(ctx).dropTerms();
  return toTerm(row);
}

export async function deleteQueryTerm(ctx: AppContext, id: string, m: Mutation): Promise<void> {
  await withTransaction(ctx.database.db, async (tx) => {
    const before = await repo.lockQueryTerm(tx, id);
    if (!before) throw new AppError('QUERY_TERM_NOT_FOUND', { id });
    await repo.deleteQueryTerm(tx, id);
    await audit(tx, m, {
      action: 'search.term.delete',
      entityType: 'search_term',
      entityId: id,
      before,
      after: null,
    });
    await termsChanged(ctx, tx);
  });
  searchCaches(ctx).dropTerms();
}

/** How a query would be read now (the console's try-it box). */
export async function explainQuery(ctx: AppContext, q: string) {
  const dictionary = await searchCaches(ctx).dictionary.get(ctx.database.db);
  const u = understandQuery(q, dictionary.lexicon);
  return { understanding: u, dictionary };
}
