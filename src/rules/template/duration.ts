/**
 * Prometheus's `model.ParseDurationAllowNegative`, behind the `parseDuration` template function,
 * with its error texts. It works in nanoseconds (`time.Duration`), unlike drygate's own
 * millisecond durations in `model/duration.ts`.
 *
 * @module
 */
import { goQuote } from './quote.js';

const MS = 1_000_000n;
const UNITS: ReadonlyMap<string, { pos: number; mult: bigint }> = new Map([
  ['ms', { pos: 7, mult: MS }],
  ['s', { pos: 6, mult: 1000n * MS }],
  ['m', { pos: 5, mult: 60_000n * MS }],
  ['h', { pos: 4, mult: 3_600_000n * MS }],
  ['d', { pos: 3, mult: 86_400_000n * MS }],
  ['w', { pos: 2, mult: 604_800_000n * MS }],
  ['y', { pos: 1, mult: 31_536_000_000n * MS }],
]);
const LIMIT = 1n << 63n;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function parse(orig: string): bigint | string {
  if (orig === '0') return 0n;
  if (orig === '') return 'empty duration string';
  const invalid = `not a valid duration string: ${goQuote(orig)}`;
  let s = orig;
  let dur = 0n;
  let lastUnitPos = 0;
  while (s !== '') {
    if (!isDigit(s[0])) return invalid;
    let i = 0;
    while (isDigit(s[i])) i++;
    const v = BigInt(s.slice(0, i));
    if (v >= 1n << 64n) return invalid;
    s = s.slice(i);
    i = 0;
    while (i < s.length && !isDigit(s[i])) i++;
    if (i === 0) return invalid;
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS.get(u);
    if (unit === undefined) return `unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`;
    if (unit.pos <= lastUnitPos) return invalid;
    lastUnitPos = unit.pos;
    if (v > LIMIT / unit.mult) return 'duration out of range';
    dur += v * unit.mult;
    if (dur > LIMIT - 1n) return 'duration out of range';
  }
  return dur;
}

/** Nanoseconds, or the error text; a leading `-` negates. */
export function parseModelDuration(s: string): bigint | string {
  if (!s.startsWith('-')) return parse(s);
  const d = parse(s.slice(1));
  return typeof d === 'string' ? d : -d;
}
