import type { Fen } from '../../kernel/money.js';

// Chinese capital numerals for amounts (人民币大写), as contracts and invoices write them, so an amount cannot
// be altered by adding a stroke.

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** 0..9999 in capitals, with 零 for inner zero runs (1005 -> 壹仟零伍). */
function groupInWords(group: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS.charAt(digit) + (PLACES[place] ?? '');
  }
  return out;
}

function integerInWords(value: number): string {
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let zero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] ?? 0;
    if (group === 0) {
      zero = out !== '';
      continue;
    }
    // A lower group under 1000 after a higher one reads with 零 (100,050 -> 壹拾万零伍拾).
    if (out !== '' && (zero || group < 1000)) out += '零';
    zero = false;
    out += groupInWords(group) + (GROUPS[i] ?? '');
  }
  return out;
}

/** An amount in fen as 人民币大写: 18980000 -> 壹拾捌万玖仟捌佰元整, 1050 -> 壹拾元伍角. */
export function amountInWords(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  if (fen < 0) return `负${amountInWords(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? `${integerInWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out || '零元'}整`;
  if (jiao > 0) out += `${DIGITS.charAt(jiao)}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS.charAt(cents)}分`;
  return out;
}
