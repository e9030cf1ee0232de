/**
 * Go's `fmt` float verbs with a precision (`%.2g`, `%f`), `%q` and RFC 3339 times, for the
 * annotation and error texts that must match Prometheus word for word. JavaScript's
 * `toFixed`/`toPrecision` round ties away from zero; Go rounds the exact binary value half to
 * even, so digits are taken from the exact decimal expansion here.
 *
 * @module
 */
import { formatFloat } from '../../exposition/float.js';

/** A finite positive double as `0.<digits> × 10^dp`, digits without trailing zeros. */
interface Decimal {
  digits: string;
  dp: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal value of a finite double > 0 (every double is a finite decimal). */
function exactDecimal(x: number): Decimal {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2 = biased - 1075;
  if (biased === 0) exp2 = -1074;
  else mantissa |= 1n << 52n;
  let text: string;
  let dp: number;
  if (exp2 >= 0) {
    text = (mantissa << BigInt(exp2)).toString();
    dp = text.length;
  } else {
    // m / 2^k = m * 5^k / 10^k
    text = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = text.length + exp2;
  }
  return { digits: text.replace(/0+$/, ''), dp };
}

/** Rounds to `nd` significant digits, half to even on the exact value (Go's decimal.Round). */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  const exactHalf = next === 5 && nd + 1 === d.digits.length;
  const up =
    next > 5 ||
    (next === 5 && !exactHalf) ||
    (exactHalf && nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1);
  if (!up) return { digits: d.digits.slice(0, nd).replace(/0+$/, ''), dp: d.dp };
  let i = nd - 1;
  while (i >= 0 && d.digits[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  return { digits: d.digits.slice(0, i) + String(d.digits.charCodeAt(i) - 47), dp: d.dp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? (d.digits[i] as string) : '0';
}

function formatE(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  out += digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function formatF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

function decimalOf(x: number): Decimal {
  return x === 0 ? { digits: '', dp: 0 } : exactDecimal(Math.abs(x));
}

/** Go's `%.<prec>f`. */
export function goFixed(x: number, prec: number): string {
  const s = special(x);
  if (s !== undefined) return s;
  const d = roundDecimal(decimalOf(x), decimalOf(x).dp + prec);
  return formatF(x < 0 || Object.is(x, -0), d, prec);
}

/** Go's `%.<prec>g`; without a precision, the shortest form (`%g`). */
export function goG(x: number, prec?: number): string {
  if (prec === undefined) return formatFloat(x);
  const s = special(x);
  if (s !== undefined) return s;
  const p = prec === 0 ? 1 : prec;
  const d = roundDecimal(decimalOf(x), p);
  const neg = x < 0 || Object.is(x, -0);
  let eprec = p;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  const exp = d.dp - 1;
  if (d.digits !== '' && (exp < -4 || exp >= eprec)) {
    return formatE(neg, d, Math.min(p, d.digits.length) - 1);
  }
  const fprec = p > d.dp ? d.digits.length : p;
  return formatF(neg, d, Math.max(fprec - d.dp, 0));
}

export { goQuote } from '../../model/quote.js';

/** Go's `time.Unix(ms/1000, 0).UTC().Format(time.RFC3339)` for years 0 to 9999. */
export function rfc3339(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
