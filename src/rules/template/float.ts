/**
 * Go's `strconv.FormatFloat` for the `e`, `f`, `g` and `x` formats. Rounding works on the exact
 * decimal expansion of the double with round-half-to-even, as Go does; JavaScript's `toFixed` and
 * `toPrecision` round exact ties away from zero, so `%.0f` of 2.5 would print 3 instead of Go's 2.
 *
 * @module
 */

/** Decimal digits: the value is `0.d × 10^dp`; `d` has no leading or trailing zeros. */
interface Decimal {
  d: string;
  dp: number;
}

const view = new DataView(new ArrayBuffer(8));

/** Mantissa and binary exponent: |x| = mant × 2^exp. */
function decompose(x: number): { mant: bigint; exp: number } {
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return expBits === 0
    ? { mant: frac, exp: -1074 }
    : { mant: frac | (1n << 52n), exp: expBits - 1075 };
}

function trimZeros(d: Decimal): Decimal {
  const d2 = d.d.replace(/0+$/, '');
  return d2 === '' ? { d: '', dp: 0 } : { d: d2, dp: d.dp };
}

/** The exact decimal expansion of a finite, non-zero |x|. */
function exactDecimal(x: number): Decimal {
  const { mant, exp } = decompose(x);
  if (exp >= 0) {
    const digits = (mant << BigInt(exp)).toString();
    return trimZeros({ d: digits, dp: digits.length });
  }
  const digits = (mant * 5n ** BigInt(-exp)).toString();
  return trimZeros({ d: digits, dp: digits.length + exp });
}

/** The shortest digits that read back as x (JS and Go agree on these). */
function shortestDecimal(x: number): Decimal {
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  return trimZeros({ d: mantissa.replace('.', ''), dp: Number(exponent) + 1 });
}

/** Rounds to `nd` significant digits, half to even (Go's `decimal.Round`). */
function round(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const next = a.d[nd] as string;
  let up: boolean;
  if (next === '5' && nd + 1 === a.d.length) {
    up = nd > 0 && Number(a.d[nd - 1]) % 2 === 1;
  } else {
    up = next >= '5';
  }
  if (!up) return trimZeros({ d: a.d.slice(0, nd), dp: a.dp });
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String(Number(a.d[i]) + 1), dp: a.dp };
}

function fmtE(neg: boolean, a: Decimal, prec: number, letter: string): string {
  let out = neg ? '-' : '';
  out += a.d === '' ? '0' : (a.d[0] as string);
  if (prec > 0) {
    out += `.${a.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  }
  const exp = a.d === '' ? 0 : a.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${letter}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : String(abs)}`;
}

function fmtF(neg: boolean, a: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (a.dp > 0) {
    const m = Math.min(a.d.length, a.dp);
    out += a.d.slice(0, m) + '0'.repeat(a.dp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      out += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'x' | 'X';

/**
 * Go's `strconv.FormatFloat(x, fmt, prec, 64)`; `prec` -1 means the shortest representation that
 * reads back exactly. Infinities print as `+Inf`/`-Inf` and NaN as `NaN`, as Go does.
 */
export function formatGoFloat(x: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  if (fmt === 'x' || fmt === 'X') return fmtX(x, neg, prec, fmt);
  const shortest = prec < 0;
  let a: Decimal;
  if (x === 0) {
    a = { d: '', dp: 0 };
  } else if (shortest) {
    a = shortestDecimal(x);
  } else {
    a = exactDecimal(x);
    if (fmt === 'e' || fmt === 'E') a = round(a, prec + 1);
    else if (fmt === 'f') a = round(a, a.dp + prec);
    else a = round(a, prec === 0 ? 1 : prec);
  }
  if (shortest) {
    if (fmt === 'e' || fmt === 'E') prec = Math.max(a.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(a.d.length - a.dp, 0);
    else prec = a.d.length;
  } else if ((fmt === 'g' || fmt === 'G') && prec === 0) {
    prec = 1;
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, a, prec, fmt);
    case 'f':
      return fmtF(neg, a, prec);
    default: {
      let eprec = prec;
      if (eprec > a.d.length && a.d.length >= a.dp) eprec = a.d.length;
      // %e is used if the exponent is below -4 or at least the precision (6 when shortest).
      if (shortest) eprec = 6;
      const exp = a.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > a.d.length) prec = a.d.length;
        return fmtE(neg, a, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > a.dp) prec = a.d.length;
      return fmtF(neg, a, Math.max(prec - a.dp, 0));
    }
  }
}

/** `%x`: hexadecimal mantissa and binary exponent, `0x1.8p+01`. */
function fmtX(x: number, neg: boolean, prec: number, fmt: 'x' | 'X'): string {
  let { mant, exp } = decompose(x);
  if (mant === 0n) {
    exp = 0;
  } else {
    while (mant < 1n << 52n) {
      mant <<= 1n;
      exp--;
    }
    exp += 52;
  }
  let frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  let lead = mant === 0n ? 0 : 1;
  if (prec >= 0 && prec < 13) {
    const keep = BigInt(`0x${frac.slice(0, prec) || '0'}`);
    const rest = frac.slice(prec);
    const half = '8'.padEnd(rest.length, '0');
    const up = rest > half || (rest === half && (keep & 1n) === 1n);
    let value = (BigInt(lead) << BigInt(4 * prec)) + keep + (up ? 1n : 0n);
    if (value >> BigInt(4 * prec) > 1n) {
      value >>= 1n;
      exp++;
    }
    lead = Number(value >> BigInt(4 * prec));
    frac =
      prec === 0 ? '' : (value & ((1n << BigInt(4 * prec)) - 1n)).toString(16).padStart(prec, '0');
  } else if (prec < 0) {
    frac = frac.replace(/0+$/, '');
  } else {
    frac = frac.padEnd(prec, '0');
  }
  const abs = Math.abs(exp);
  let out = `${neg ? '-' : ''}0x${lead}${frac === '' ? '' : `.${frac}`}p${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  if (fmt === 'X') out = out.toUpperCase();
  return out;
}
