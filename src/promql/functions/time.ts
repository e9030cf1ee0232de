/**
 * `time()` and the calendar functions. Calendar fields are UTC in the proleptic Gregorian
 * calendar, as Go's `time` package computes them.
 *
 * The optional argument: `hour(v)` reads each sample's value as Unix seconds and returns one
 * sample per input sample (labels kept, name dropped). `hour()` with the argument left out
 * (the evaluator then passes no argument at all) returns one sample with no labels for the
 * evaluation time `ctx.ts`, truncated to whole seconds. That is the value of
 * `hour(vector(time()))`, but the sample is not marked for name dropping (it has no name).
 *
 * @module
 */
import { perSample, scalarResult } from './args.js';
import type { CallContext, FunctionImpl, InstantFunction } from './types.js';
import type { Sample } from '../value.js';

/** The calendar fields of one instant. `weekday` counts from Sunday = 0. */
export interface CivilTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Day of the year, 1-based. */
  readonly yearDay: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Floor division and modulo for integers held in doubles. */
function floorDivMod(a: number, b: number): [q: number, r: number] {
  const r = ((a % b) + b) % b;
  return [(a - r) / b, r];
}

/**
 * The UTC calendar fields of `seconds` since the Unix epoch, an integer. Exact for every int64
 * (days stay below 2^53), using the days-to-civil algorithm on eras of 400 years.
 */
export function civilTime(seconds: number): CivilTime {
  let days: number;
  let secondOfDay: number;
  if (Math.abs(seconds) < 2 ** 53) {
    [days, secondOfDay] = floorDivMod(seconds, 86400);
  } else {
    // Beyond 2^53 the subtraction in floorDivMod could round; BigInt keeps it exact.
    const big = BigInt(seconds);
    let r = big % 86400n;
    if (r < 0n) r += 86400n;
    days = Number((big - r) / 86400n);
    secondOfDay = Number(r);
  }
  const [era, dayOfEra] = floorDivMod(days + 719468, 146097); // eras start on 0000-03-01
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYearFromMarch =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYearFromMarch + 2) / 153);
  const day = dayOfYearFromMarch - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearDay =
    (DAYS_BEFORE_MONTH[month - 1] as number) + day + (month > 2 && isLeap(year) ? 1 : 0);
  return {
    year,
    month,
    day,
    yearDay,
    weekday: floorDivMod(days + 4, 7)[1], // 1970-01-01 was a Thursday
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
  };
}

/**
 * Go's `int64(f)` for a sample value: truncation toward zero. NaN, ±Inf and values outside
 * int64 have no defined conversion in Go (the result depends on the CPU), so we return NaN.
 */
function unixSeconds(f: number): number | undefined {
  if (Number.isNaN(f) || Math.abs(f) >= 2 ** 63) return undefined;
  return Math.trunc(f);
}

function dateFunction(field: (c: CivilTime) => number): InstantFunction {
  const fromSample = perSample((f) => {
    const seconds = unixSeconds(f);
    return seconds === undefined ? NaN : field(civilTime(seconds));
  });
  return {
    kind: 'instant',
    call(args, ctx: CallContext): Sample[] {
      if (args.length === 0) return scalarResult(field(civilTime(Math.trunc(ctx.ts / 1000))), ctx);
      return fromSample.call(args, ctx);
    },
  };
}

// === time() scalar ===
const time: InstantFunction = {
  kind: 'instant',
  call: (_args, ctx) => scalarResult(ctx.ts / 1000, ctx),
};

export const TIME_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  time,
  // === minute(v=vector(time()) instant-vector) instant-vector ===
  minute: dateFunction((c) => c.minute),
  // === hour(v=vector(time()) instant-vector) instant-vector ===
  hour: dateFunction((c) => c.hour),
  // === day_of_week(v=vector(time()) instant-vector) instant-vector ===
  day_of_week: dateFunction((c) => c.weekday),
  // === day_of_month(v=vector(time()) instant-vector) instant-vector ===
  day_of_month: dateFunction((c) => c.day),
  // === day_of_year(v=vector(time()) instant-vector) instant-vector ===
  day_of_year: dateFunction((c) => c.yearDay),
  // === days_in_month(v=vector(time()) instant-vector) instant-vector ===
  days_in_month: dateFunction((c) => daysInMonth(c.year, c.month)),
  // === month(v=vector(time()) instant-vector) instant-vector ===
  month: dateFunction((c) => c.month),
  // === year(v=vector(time()) instant-vector) instant-vector ===
  year: dateFunction((c) => c.year),
};
