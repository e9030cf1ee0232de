/**
 * Prometheus's number-to-text functions (`template/template.go` and
 * `prometheus/common/helpers/templates`): `humanize` (SI prefixes, `%.4g`), `humanize1024`,
 * `humanizeDuration`, `humanizePercentage`, `humanizeTimestamp`, and the conversions `toTime`
 * and `toDuration`. They accept floats, ints, numeric strings and durations, like Go's
 * `ConvertToFloat`.
 *
 * @module
 */
import { FuncError } from './errors.js';
import { sprintf } from './printf.js';
import { parseGoFloat } from './numbers.js';
import { goQuote } from './quote.js';
import { timeString } from './time.js';
import type { GoValue } from './values.js';
import { GoDuration, GoInt, GoTime, typeName } from './values.js';

/** float64(math.MaxInt64) and float64(math.MinInt64): Go's int64 limits rounded to doubles. */
const INT64_MAX_FLOAT = 2 ** 63;
const INT64_MIN_FLOAT = -(2 ** 63);

/** Go's `ConvertToFloat`. */
export function convertToFloat(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const f = parseGoFloat(v);
    if (typeof f === 'string')
      throw new FuncError(`strconv.ParseFloat: parsing ${goQuote(v)}: ${f}`);
    return f;
  }
  if (v instanceof GoInt && ['int', 'uint', 'int64', 'uint64'].includes(v.type)) {
    return Number(v.value);
  }
  if (v instanceof GoDuration && !v.pointer) {
    return Number(v.ns / 1_000_000_000n) + Number(v.ns % 1_000_000_000n) / 1e9;
  }
  throw new FuncError(
    `can't convert ${v === undefined || v === null ? '<nil>' : typeName(v)} to float`,
  );
}

const g4 = (v: number, suffix = ''): string => sprintf(`%.4g${suffix}`, [v]);

const SI_UP = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_DOWN = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
const IEC = ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

/** Multiplies by 1000 until |v| >= 1, returning the SI prefix of the last step. */
function scaleUp(v: number): [number, string] {
  let prefix = '';
  for (const p of SI_DOWN) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

export function humanize(i: GoValue): string {
  let v = convertToFloat(i);
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of SI_UP) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  const [scaled, prefix] = scaleUp(v);
  return g4(scaled) + prefix;
}

export function humanize1024(i: GoValue): string {
  let v = convertToFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of IEC) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

/** Go's `int64(v)` for |v| >= 1: truncation toward zero. */
function truncInt(v: number): bigint {
  return v >= INT64_MAX_FLOAT ? (1n << 63n) - 1n : BigInt(Math.trunc(v));
}

export function humanizeDuration(i: GoValue): string {
  let v = convertToFloat(i);
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    const duration = truncInt(v);
    const seconds = duration % 60n;
    const minutes = (duration / 60n) % 60n;
    const hours = (duration / 3600n) % 24n;
    const days = duration / 86_400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return sign + g4(v, 's');
  }
  const [scaled, prefix] = scaleUp(v);
  return `${g4(scaled)}${prefix}s`;
}

export function humanizePercentage(i: GoValue): string {
  return g4(convertToFloat(i) * 100, '%%');
}

/**
 * Go's `FloatToTime`: seconds to a UTC time with millisecond precision (Prometheus goes through
 * `model.Time`, which truncates toward zero). Undefined for NaN and infinities.
 */
function floatToTime(v: number): bigint | undefined {
  if (!Number.isFinite(v)) return undefined;
  const timestamp = v * 1e9;
  if (timestamp > INT64_MAX_FLOAT || timestamp < INT64_MIN_FLOAT) {
    throw new FuncError(
      `${sprintf('%v', [v])} cannot be represented as a nanoseconds timestamp since it overflows int64`,
    );
  }
  // float64(MaxInt64) itself passes the check; int64() of it wraps to MinInt64 on amd64.
  const ns = timestamp === INT64_MAX_FLOAT ? -(1n << 63n) : BigInt(Math.trunc(timestamp));
  return (ns / 1_000_000n) * 1_000_000n;
}

export function humanizeTimestamp(i: GoValue): string {
  const v = convertToFloat(i);
  const ns = floatToTime(v);
  return ns === undefined ? g4(v) : timeString(ns);
}

export function toTime(i: GoValue): GoValue {
  const ns = floatToTime(convertToFloat(i));
  if (ns === undefined) throw new FuncError('value is NaN or Inf');
  return new GoTime(ns, true);
}

export function toDuration(i: GoValue): GoValue {
  const ns = convertToFloat(i) * 1e9;
  // Go converts out-of-range floats to the minimum int64 on amd64.
  const inRange = Number.isFinite(ns) && ns < INT64_MAX_FLOAT && ns >= INT64_MIN_FLOAT;
  return new GoDuration(inRange ? BigInt(Math.trunc(ns)) : -(1n << 63n), true);
}
