import { stringify } from 'csv-stringify/sync';

// CSV injection (OWASP "CSV Injection"): a spreadsheet opening a CSV runs a cell that starts with = + - @
// (or tab / CR, which some strip before looking) as a formula, e.g. =HYPERLINK(...) or a DDE call such as
// @SUM(1+1)*cmd|' /C calc'!A0. Every CSV the platform writes goes through `toCsvText`, which prefixes such
// cells with a single quote so they are shown as text. The fullwidth forms ＝ ＋ － ＠ are treated the same:
// some spreadsheet locales and IMEs fold them to ASCII, and the cost of quoting them is one character.
// Plain numbers (-5, +3.5) and a lone "-" are left alone: they cannot call anything, and quoting them would
// turn every negative value and every "not fitted" dash in an export into text.

const TRIGGER = /^'*[=+\-@\t\r＝＋－＠]/;
const HARMLESS = /^(?:[-+]?\d+(?:\.\d+)?|-)$/;

/** A cell as written to CSV: quoted with a leading `'` when a spreadsheet would run it as a formula. */
export function csvSafeCell(value: string): string {
  // Leading quotes count too, so `'=x` is written `''=x` and `csvUnescapeCell` gives back exactly `'=x`.
  return TRIGGER.test(value) && !HARMLESS.test(value) ? `'${value}` : value;
}

/** The inverse of `csvSafeCell`, for importing our own exports: drops the one quote it added. */
export function csvUnescapeCell(value: string): string {
  return value.startsWith("'") && TRIGGER.test(value.slice(1)) ? value.slice(1) : value;
}

/** Rows of cells as CSV text (RFC 4180 quoting by csv-stringify), every cell passed through `csvSafeCell`. */
export function toCsvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(csvSafeCell)));
}
