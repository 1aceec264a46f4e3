import { pinyin } from 'pinyin-pro';
import type { DbHandle } from '../../kernel/db/client.js';
import { isUniqueViolation } from '../../kernel/db/constraint-errors.js';
import { publish } from '../../kernel/events/define.js';
import { AppError, type ErrorCode } from '../../kernel/http/errors.js';
import { CatalogEvents } from './catalog.events.js';
import type { BrandRow, SeriesRow, TrimRow } from './catalog.schema.js';
import * as repo from './model.repository.js';

// Helpers the model database's use cases share.

export const API_BASE = '/api/v1/catalog';

/** URL of a generated demo picture of a trim. */
export function artUrl(trimId: string, angle: string): string {
  return `${API_BASE}/media/art/${trimId}/${angle}.svg`;
}

export function romanize(name: string): string {
  return pinyin(name, { toneType: 'none', separator: '', nonZh: 'consecutive', v: true })
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function initialOf(pinyinText: string): string {
  const c = pinyinText.charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

/** Publishes `catalog.trim_changed` for one trim (the search index re-reads it). */
export async function publishTrimChanged(tx: DbHandle, trimId: string, at: Date): Promise<void> {
  await publish(tx, CatalogEvents.trimChanged, trimId, { trimId }, at);
}

/** Runs `work`; a unique violation becomes `code` (a taken slug, name or key). */
export async function uniqueOr<T>(
  work: () => Promise<T>,
  code: ErrorCode,
  details?: Record<string, unknown>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(code, details);
    throw e;
  }
}

export async function loadBrand(db: DbHandle, id: string): Promise<BrandRow> {
  const row = await repo.findBrand(db, id);
  if (!row) throw new AppError('BRAND_NOT_FOUND');
  return row;
}

export async function loadSeries(db: DbHandle, id: string): Promise<SeriesRow> {
  const row = await repo.findSeries(db, id);
  if (!row) throw new AppError('SERIES_NOT_FOUND');
  return row;
}

export async function loadTrim(db: DbHandle, id: string): Promise<TrimRow> {
  const row = await repo.findTrim(db, id);
  if (!row) throw new AppError('TRIM_NOT_FOUND');
  return row;
}
