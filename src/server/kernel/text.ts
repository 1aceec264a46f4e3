import { z } from 'zod';

// Human-entered names and titles. Shared with the web app through the contracts: zod only, nothing
// server-only. A name made of zero-width spaces or wrapped in bidi overrides looks empty or reversed to
// the next reader (review queues, search results, exports), so every name/title field cleans it the same
// way and requires something a person can see.

/** Bidi embedding/override/isolate controls and marks (U+202A-202E, U+2066-2069, LRM, RLM, ALM): removed everywhere. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Zero-width space, word joiner, BOM: no visible effect in a name, removed everywhere. (ZWJ/ZWNJ stay inside: emoji, scripts.) */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
/**
 * Letters and symbols that render blank (Hangul fillers, braille blank, Mongolian vowel separator): they
 * are not \p{C} or \p{Z}, so they are named here.
 */
const BLANK_LOOKING = '\\u115F\\u1160\\u3164\\uFFA0\\u2800\\u180E';
/** Whitespace, separators, ZWJ/ZWNJ and blank-looking characters at either end. */
const EDGES = new RegExp(
  `^[\\s\\p{Z}\\u200C\\u200D${BLANK_LOOKING}]+|[\\s\\p{Z}\\u200C\\u200D${BLANK_LOOKING}]+$`,
  'gu',
);
/** A character a reader can see: not whitespace/separator, not a control/format/unassigned/private-use, not a lone mark. */
const VISIBLE = new RegExp(`[^\\s\\p{Z}\\p{C}\\p{M}${BLANK_LOOKING}]`, 'u');

/** NFC, bidi controls and zero-width spaces removed, whitespace and joiners trimmed from both ends. */
export function cleanVisibleText(value: string): string {
  return value.normalize('NFC').replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '').replace(EDGES, '');
}

/** True when the text holds at least one character a reader can see. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/**
 * A name or title typed by a person: cleaned by `cleanVisibleText`, then `min`..`max` characters, with at
 * least one visible character. `min: 0` keeps an optional field's empty string (it cleans to '' and
 * passes); anything else left after cleaning must be visible. Still a ZodString, so `.optional()`,
 * `.nullable()` chain as usual.
 */
export function ZVisibleText({ min = 1, max }: { min?: number; max: number }) {
  return z
    .string()
    .overwrite(cleanVisibleText)
    .min(min)
    .max(max)
    .refine((v) => (min === 0 && v === '') || hasVisibleText(v), 'must contain visible text');
}
