import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type { AdLawTerm } from './adlaw.js';
import type { TAdLawTermOut } from './listings.contract.js';
import { toTerm } from './listings.mappers.js';
import * as repo from './listings.repository.js';

// The ad-law term list (data, edited by compliance); scanning text against it is adlaw.ts.

/** The terms a scan checks against, as they are now. */
export async function currentTerms(db: DbHandle): Promise<AdLawTerm[]> {
  return (await repo.listAdLawTerms(db)).map((t) => ({ term: t.term, severity: t.severity }));
}

export async function listAdLawTerms(db: DbHandle): Promise<TAdLawTermOut[]> {
  return (await repo.listAdLawTerms(db)).map(toTerm);
}

export async function addAdLawTerm(
  db: DbHandle,
  input: { term: string; severity: 'block' | 'warn'; note?: string | null | undefined },
  mutation: Mutation,
): Promise<TAdLawTermOut> {
  const row: repo.AdLawTermRow = {
    term: input.term,
    severity: input.severity,
    note: input.note ?? null,
    createdAt: mutation.at,
  };
  await withTransaction(db, async (tx) => {
    if (!(await repo.insertAdLawTerm(tx, row))) throw new AppError('AD_LAW_TERM_EXISTS');
    await audit(tx, mutation, {
      action: 'catalog.ad_law_term.create',
      entityType: 'catalog_ad_law_term',
      entityId: row.term,
      after: row,
    });
  });
  return toTerm(row);
}

export async function updateAdLawTermEntry(
  db: DbHandle,
  term: string,
  input: { severity?: 'block' | 'warn' | undefined; note?: string | null | undefined },
  mutation: Mutation,
): Promise<TAdLawTermOut> {
  return withTransaction(db, async (tx) => {
    const before = await repo.findAdLawTerm(tx, term);
    if (!before) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    const after = await repo.updateAdLawTerm(tx, term, {
      ...(input.severity ? { severity: input.severity } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    });
    if (!after) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    await audit(tx, mutation, {
      action: 'catalog.ad_law_term.update',
      entityType: 'catalog_ad_law_term',
      entityId: term,
      before,
      after,
    });
    return toTerm(after);
  });
}

export async function removeAdLawTerm(db: DbHandle, term: string, mutation: Mutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await repo.findAdLawTerm(tx, term);
    if (!before || !(await repo.deleteAdLawTerm(tx, term))) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    await audit(tx, mutation, {
      action: 'catalog.ad_law_term.delete',
      entityType: 'catalog_ad_law_term',
      entityId: term,
      before,
    });
  });
}
