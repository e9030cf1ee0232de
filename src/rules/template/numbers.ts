/**
 * Go's `strconv` number parsing (`ParseInt`/`ParseUint` with base 0, `ParseFloat`), used for number
 * literals in templates and for the string arguments that `humanize` and friends accept.
 *
 * @module
 */
import type { NumberNode } from './ast.js';
import { goQuote, unquoteCharConstant } from './quote.js';

export type NumError = 'invalid syntax' | 'value out of range';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's `underscoreOK`: underscores only between digits or right after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go's `strconv.ParseUint(s, 0, 64)` / `ParseInt(s, 0, 64)`. */
export function parseGoInt(text: string, signed: boolean): bigint | NumError {
  let s = text;
  let negative = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return 'invalid syntax';
  let base = 10;
  let digits = s;
  if (s[0] === '0' && s.length > 1) {
    const p = (s[1] as string).toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  if (s.includes('_') && !underscoreOK(s)) return 'invalid syntax';
  digits = digits.replaceAll('_', '');
  if (digits === '') return base === 8 ? 0n : 'invalid syntax';
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (valid === undefined || !valid.test(digits)) return 'invalid syntax';
  let value = 0n;
  for (const d of digits) value = value * BigInt(base) + BigInt(parseInt(d, 16));
  if (negative) value = -value;
  if (signed ? value > INT64_MAX || value < INT64_MIN : value > UINT64_MAX) {
    return 'value out of range';
  }
  return value;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

/** Go's `strconv.ParseFloat(s, 64)`, without the rarely used digit-separating underscores. */
export function parseGoFloat(s: string): number | NumError {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  let value: number;
  if (DECIMAL_FLOAT.test(s)) {
    value = Number(s);
  } else {
    const hex = HEX_FLOAT.exec(s);
    if (hex === null) return 'invalid syntax';
    const intPart = hex[2] as string;
    const frac = hex[3] ?? '';
    if (intPart === '' && frac === '') return 'invalid syntax';
    const mantissa = parseInt(`${intPart}${frac}` || '0', 16);
    value = mantissa * 2 ** (Number(hex[4]) - 4 * frac.length);
    if (hex[1] === '-') value = -value;
  }
  return Number.isFinite(value) ? value : 'value out of range';
}

/**
 * Builds a number node the way Go's `newNumber` does, or returns the error text the parser
 * reports (`illegal number syntax: "1x"`). Complex numbers are not supported.
 */
export function newNumber(
  pos: number,
  text: string,
  type: 'number' | 'charConstant' | 'complex',
): NumberNode | string {
  if (type === 'charConstant') {
    const rune = unquoteCharConstant(text);
    if (typeof rune === 'string') return rune;
    const r = BigInt(rune);
    return {
      kind: 'number',
      pos,
      text,
      isInt: true,
      isUint: true,
      isFloat: true,
      int64: r,
      uint64: r,
      float64: rune,
    };
  }
  if (type === 'complex' || text.endsWith('i')) {
    return `complex number ${goQuote(text)} is not supported`;
  }
  let isInt = false;
  let isUint = false;
  let isFloat = false;
  let int64 = 0n;
  let uint64 = 0n;
  let float64 = 0;
  const u = parseGoInt(text, false);
  if (typeof u === 'bigint') {
    isUint = true;
    uint64 = u;
  }
  const i = parseGoInt(text, true);
  if (typeof i === 'bigint') {
    isInt = true;
    int64 = i;
    if (i === 0n) {
      isUint = true; // -0
      uint64 = 0n;
    }
  }
  if (isInt) {
    isFloat = true;
    float64 = Number(int64);
  } else if (isUint) {
    isFloat = true;
    float64 = Number(uint64);
  } else {
    const f = parseGoFloat(text);
    if (typeof f === 'number' && !/^[+-]?(inf|infinity|nan)$/i.test(text)) {
      // Parsed as a float but looks like an integer: a huge integer, which Go rejects.
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      isFloat = true;
      float64 = f;
      if (Number.isInteger(f) && BigInt(f) >= INT64_MIN && BigInt(f) <= INT64_MAX) {
        isInt = true;
        int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && BigInt(f) <= UINT64_MAX) {
        isUint = true;
        uint64 = BigInt(f);
      }
    }
  }
  if (!isInt && !isUint && !isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return { kind: 'number', pos, text, isInt, isUint, isFloat, int64, uint64, float64 };
}
