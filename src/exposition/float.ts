/**
 * Sample values as the Go reference writers print and parse them, so that our output is
 * byte-identical to `expfmt` and what Go accepts we accept.
 *
 * @module
 */

/**
 * Formats like Go's `strconv.FormatFloat(f, 'g', -1, 64)` with Prometheus's spellings of the
 * specials: the shortest digits that round-trip, in exponent form when the decimal exponent
 * is below -4 or at least 6 (`1.764359239e+09`), and `NaN`, `+Inf`, `-Inf`.
 */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() with no argument gives the shortest round-trip digits, like Go's shortest mode.
  const exponential = f.toExponential();
  const negative = f < 0;
  const ePos = exponential.indexOf('e');
  const mantissa = exponential.slice(negative ? 1 : 0, ePos);
  const exp = Number(exponential.slice(ePos + 1));
  const digits = mantissa.replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = Math.abs(exp);
    const expText = expAbs < 10 ? `0${expAbs}` : String(expAbs);
    return `${sign}${digits[0]}${fraction}e${exp < 0 ? '-' : '+'}${expText}`;
  }
  const pointAt = exp + 1; // digits before the decimal point
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Parses a value the way Go's `strconv.ParseFloat` does for decimal input, including the
 * case-insensitive `Inf`, `Infinity` and `NaN` forms. Returns undefined for anything else.
 */
export function parseFloatStrict(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (special === null) return undefined;
  const word = (special[2] as string).toLowerCase();
  if (word === 'nan') return special[1] === '' ? NaN : undefined;
  return special[1] === '-' ? -Infinity : Infinity;
}
