import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import { context, labels, sample } from './testing.case.js';
import { civilTime, daysInMonth, type CivilTime } from './time.js';
import type { InstantFunction } from './types.js';

function instant(name: string): InstantFunction {
  const impl = FUNCTIONS[name];
  if (impl?.kind !== 'instant') throw new Error(`${name} is not an instant function`);
  return impl;
}

describe('civilTime', () => {
  const cases: [string, number, Omit<CivilTime, 'weekday'> & { weekday: number }][] = [
    [
      'the epoch, a Thursday',
      0,
      { year: 1970, month: 1, day: 1, yearDay: 1, weekday: 4, hour: 0, minute: 0 },
    ],
    [
      '2006-01-02 22:04:05, a Monday',
      1136239445,
      { year: 2006, month: 1, day: 2, yearDay: 2, weekday: 1, hour: 22, minute: 4 },
    ],
    [
      '2016-02-29 23:59:59',
      1456790399,
      { year: 2016, month: 2, day: 29, yearDay: 60, weekday: 1, hour: 23, minute: 59 },
    ],
    [
      '2016-03-01 00:00:00',
      1456790400,
      { year: 2016, month: 3, day: 1, yearDay: 61, weekday: 2, hour: 0, minute: 0 },
    ],
    [
      '2016-12-31 13:37:00, day 366',
      1483191420,
      { year: 2016, month: 12, day: 31, yearDay: 366, weekday: 6, hour: 13, minute: 37 },
    ],
    [
      '2022-12-31 13:37:00, day 365',
      1672493820,
      { year: 2022, month: 12, day: 31, yearDay: 365, weekday: 6, hour: 13, minute: 37 },
    ],
    [
      'one second before the epoch',
      -1,
      { year: 1969, month: 12, day: 31, yearDay: 365, weekday: 3, hour: 23, minute: 59 },
    ],
    [
      '2000-02-29, a leap day of a century year',
      951782400,
      { year: 2000, month: 2, day: 29, yearDay: 60, weekday: 2, hour: 0, minute: 0 },
    ],
    [
      '9999-12-31 23:59:59',
      253402300799,
      { year: 9999, month: 12, day: 31, yearDay: 365, weekday: 5, hour: 23, minute: 59 },
    ],
    [
      '0001-01-01, a Monday',
      -62135596800,
      { year: 1, month: 1, day: 1, yearDay: 1, weekday: 1, hour: 0, minute: 0 },
    ],
    [
      '0000-12-31 (year 0 is a leap year)',
      -62135596801,
      { year: 0, month: 12, day: 31, yearDay: 366, weekday: 0, hour: 23, minute: 59 },
    ],
  ];
  it.each(cases)('%s', (_name, seconds, expected) => {
    expect(civilTime(seconds)).toEqual(expected);
  });

  it('repeats every 400 years, also beyond 2^53 seconds', () => {
    const cycle = 12622780800; // seconds in 400 Gregorian years
    // An even second: above 2^53 only even integers are doubles.
    const base = civilTime(1456790398);
    const farSeconds = 1456790398 + cycle * 1_000_000;
    expect(farSeconds).toBeGreaterThan(2 ** 53);
    expect(Number.isSafeInteger(farSeconds)).toBe(false);
    const far = civilTime(farSeconds);
    expect(far).toEqual({ ...base, year: base.year + 400_000_000 });
  });

  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});

describe('calendar functions with a vector argument', () => {
  const cases: [string, number, number][] = [
    ['year', 1136239445, 2006],
    ['month', 1456790399, 2],
    ['day_of_month', 1456790399, 29],
    ['day_of_week', 1136239445, 1],
    ['day_of_year', 1483191420, 366],
    ['days_in_month', 1454284800, 29],
    ['days_in_month', 1485907200, 28],
    ['hour', 1136239445, 22],
    ['minute', 1136239445, 4],
    // Fractions are truncated toward zero, as Go's int64(f) does.
    ['minute', 59.9, 0],
    ['minute', -0.5, 0],
    ['minute', -1.5, 59],
    ['year', NaN, NaN],
    ['year', Infinity, NaN],
  ];
  it.each(cases)('%s(vector(%s)) = %s', (name, seconds, expected) => {
    const out = instant(name).call(
      [[sample({ __name__: 'm', a: 'b' }, seconds)]],
      context(name, 1, { ts: 9000 }),
    );
    expect(out).toEqual([
      { labels: labels({ __name__: 'm', a: 'b' }), t: 9000, f: expected, dropName: true },
    ]);
  });

  it('returns one output per input sample', () => {
    const out = instant('hour').call(
      [[sample({ a: '1' }, 0), sample({ a: '2' }, 3600)]],
      context('hour', 1),
    );
    expect(out.map((s) => s.f)).toEqual([0, 1]);
  });
});

describe('calendar functions without an argument', () => {
  it('use the evaluation time, as an unlabelled sample', () => {
    const ctx = context('hour', 0, { ts: 1136239445_999 });
    expect(instant('hour').call([], ctx)).toEqual([{ labels: [], t: 1136239445_999, f: 22 }]);
    expect(instant('minute').call([], ctx)[0]?.f).toBe(4);
    expect(instant('year').call([], context('year', 0))[0]?.f).toBe(1970);
  });

  it('truncate a negative evaluation time toward zero', () => {
    // -1.5 s becomes -1 s, 23:59:59 on 1969-12-31.
    expect(instant('minute').call([], context('minute', 0, { ts: -1500 }))[0]?.f).toBe(59);
    expect(instant('day_of_month').call([], context('day_of_month', 0, { ts: -1500 }))[0]?.f).toBe(
      31,
    );
  });
});

describe('time', () => {
  it('is the evaluation time in seconds', () => {
    expect(instant('time').call([], context('time', 0, { ts: 1500 }))).toEqual([
      { labels: [], t: 1500, f: 1.5 },
    ]);
  });
});
