/**
 * Numbers the way Prometheus's test formats read them: Go `strconv.ParseInt(s, 0, 64)` first
 * (so `010` is octal and `0x1f` hex), then `strconv.ParseFloat(s, 64)` (`1e3`, `.5`, `Inf`,
 * `NaN`). JavaScript's `Number()` accepts more (spaces, `Infinity`, the empty string), so the
 * text is checked against Go's grammar first.
 *
 * @module
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's rule: an underscore only between digits, or right after a base prefix. */
function underscoresOk(digits: string, afterPrefix: boolean): boolean {
  if (!digits.includes('_')) return true;
  let prev = afterPrefix ? 'digit' : 'start';
  for (const ch of digits) {
    if (ch === '_') {
      if (prev !== 'digit') return false;
      prev = '_';
    } else {
      prev = /[0-9a-zA-Z]/.test(ch) ? 'digit' : 'other';
    }
  }
  return prev !== '_';
}

/** Go `strconv.ParseInt(s, 0, 64)`, or undefined when Go would return an error. */
export function parseGoInt(text: string): number | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  let radix = 10;
  let digits = s;
  let prefixed = false;
  const prefix = s.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
    radix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : 2;
    digits = s.slice(2);
    prefixed = true;
  } else if (s.length > 1 && s.startsWith('0')) {
    radix = 8;
    digits = s.slice(1);
    prefixed = true;
  }
  if (!underscoresOk(digits, prefixed)) return undefined;
  digits = digits.replaceAll('_', '');
  const valid =
    radix === 16
      ? /^[0-9a-fA-F]+$/
      : radix === 8
        ? /^[0-7]+$/
        : radix === 2
          ? /^[01]+$/
          : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefixText = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  let n = BigInt(`${prefixText}${digits}`);
  if (negative) n = -n;
  if (n < INT64_MIN || n > INT64_MAX) return undefined;
  return Number(n);
}

/** Go `strconv.ParseFloat(s, 64)`, or undefined when Go would return an error (out of range too). */
export function parseGoFloat(text: string): number | undefined {
  const special = /^([+-]?)(inf|infinity)$/i.exec(text);
  if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/.exec(text);
  if (hex !== null) {
    const [, sign, int = '', frac = '', exp = ''] = hex;
    if (int + frac === '' || !underscoresOk(int + frac, true)) return undefined;
    const mantissa = (int + frac).replaceAll('_', '');
    const value =
      Number(BigInt(`0x${mantissa}`)) * 2 ** (Number(exp.replaceAll('_', '')) - 4 * frac.length);
    if (!Number.isFinite(value)) return undefined;
    return sign === '-' ? -value : value;
  }
  const dec = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/.exec(text);
  if (dec === null || !/[0-9]/.test(text)) return undefined;
  // An underscore must sit between two digits.
  if (/(?:^|[^0-9])_|_(?:[^0-9]|$)/.test(text)) return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (Number.isNaN(value) || !Number.isFinite(value)) return undefined;
  return value;
}

/** ParseInt with base prefix, else ParseFloat: how promqltest reads a scalar result line. */
export function parseGoNumber(text: string): number | undefined {
  return parseGoInt(text) ?? parseGoFloat(text);
}
