/**
 * Go's `time.Time` and `time.Duration` as templates see them: `String()`, `Format` with Go's
 * reference-time layouts (`2006-01-02 15:04:05`), and the methods a template can call on the
 * results of `toTime`, `toDuration` and `now | toTime` (`.Format`, `.Add`, `.Unix`, `.Seconds` ...).
 * Times are always UTC, as Prometheus's `toTime` makes them.
 *
 * @module
 */
import type { GoFunc } from './functype.js';
import type { GoValue } from './values.js';
import { GoDuration, GoInt, GoTime } from './values.js';

const NS_PER_SECOND = 1_000_000_000n;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
/** Seconds from Go's zero time (January 1, year 1) to the Unix epoch. */
const ZERO_TO_UNIX = 62_135_596_800n;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

interface Civil {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  weekday: number; // 0 = Sunday
  yday: number; // 1..366
}

function civil(ns: bigint): Civil {
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const days = Number(floorDiv(seconds, 86_400n));
  const secOfDay = Number(seconds - BigInt(days) * 86_400n);
  const date = new Date(days * 86_400_000);
  const year = date.getUTCFullYear();
  const yday = Math.round((days * 86_400_000 - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return {
    year,
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor(secOfDay / 60) % 60,
    second: secOfDay % 60,
    nanosecond: Number(ns - seconds * NS_PER_SECOND),
    weekday: (((days + 4) % 7) + 7) % 7,
    yday,
  };
}

export function monthName(m: bigint): string {
  return MONTHS[Number(m) - 1] ?? `%!Month(${m})`;
}

export function weekdayName(d: bigint): string {
  return DAYS[Number(d)] ?? `%!Weekday(${d})`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** One layout element of Go's reference time, found the way Go's `nextStdChunk` does. */
function nextStd(layout: string, i: number): { len: number; value: (t: Civil) => string } | null {
  const rest = layout.slice(i);
  const lowerNext = (n: number): boolean => /^[a-z]/.test(layout.slice(i + n));
  const c = layout[i];
  const frac = (t: Civil, digits: number, trim: boolean, sep: string): string => {
    if (trim && t.nanosecond === 0) return '';
    let s = String(t.nanosecond).padStart(9, '0').slice(0, digits);
    if (trim) s = s.replace(/0+$/, '');
    return s === '' ? '' : sep + s;
  };
  switch (c) {
    case 'J':
      if (rest.startsWith('January'))
        return { len: 7, value: (t) => MONTHS[t.month - 1] as string };
      if (rest.startsWith('Jan') && !lowerNext(3)) {
        return { len: 3, value: (t) => (MONTHS[t.month - 1] as string).slice(0, 3) };
      }
      return null;
    case 'M':
      if (rest.startsWith('Monday')) return { len: 6, value: (t) => DAYS[t.weekday] as string };
      if (rest.startsWith('Mon') && !lowerNext(3)) {
        return { len: 3, value: (t) => (DAYS[t.weekday] as string).slice(0, 3) };
      }
      if (rest.startsWith('MST')) return { len: 3, value: () => 'UTC' };
      return null;
    case '0': {
      const d = layout[i + 1];
      if (d !== undefined && d >= '1' && d <= '6') {
        const get: Record<string, (t: Civil) => string> = {
          '1': (t) => pad(t.month, 2),
          '2': (t) => pad(t.day, 2),
          '3': (t) => pad(t.hour % 12 === 0 ? 12 : t.hour % 12, 2),
          '4': (t) => pad(t.minute, 2),
          '5': (t) => pad(t.second, 2),
          '6': (t) => pad(((t.year % 100) + 100) % 100, 2),
        };
        return { len: 2, value: get[d] as (t: Civil) => string };
      }
      if (rest.startsWith('002')) return { len: 3, value: (t) => pad(t.yday, 3) };
      return null;
    }
    case '1':
      if (layout[i + 1] === '5') return { len: 2, value: (t) => pad(t.hour, 2) };
      return { len: 1, value: (t) => String(t.month) };
    case '2':
      if (rest.startsWith('2006')) return { len: 4, value: (t) => pad(t.year, 4) };
      return { len: 1, value: (t) => String(t.day) };
    case '_':
      if (layout[i + 1] === '2') {
        if (rest.startsWith('_2006')) return null; // a literal "_" before the year
        return { len: 2, value: (t) => String(t.day).padStart(2, ' ') };
      }
      if (rest.startsWith('__2')) return { len: 3, value: (t) => String(t.yday).padStart(3, ' ') };
      return null;
    case '3':
      return { len: 1, value: (t) => String(t.hour % 12 === 0 ? 12 : t.hour % 12) };
    case '4':
      return { len: 1, value: (t) => String(t.minute) };
    case '5':
      return { len: 1, value: (t) => String(t.second) };
    case 'P':
      return layout[i + 1] === 'M' ? { len: 2, value: (t) => (t.hour >= 12 ? 'PM' : 'AM') } : null;
    case 'p':
      return layout[i + 1] === 'm' ? { len: 2, value: (t) => (t.hour >= 12 ? 'pm' : 'am') } : null;
    case '-':
    case 'Z': {
      const zones: Array<[string, string]> = [
        ['070000', '000000'],
        ['07:00:00', '00:00:00'],
        ['0700', '0000'],
        ['07:00', '00:00'],
        ['07', '00'],
      ];
      for (const [pattern, zero] of zones) {
        if (rest.startsWith(c + pattern)) {
          return { len: pattern.length + 1, value: () => (c === 'Z' ? 'Z' : `+${zero}`) };
        }
      }
      return null;
    }
    case '.':
    case ',': {
      const ch = layout[i + 1];
      if (ch !== '0' && ch !== '9') return null;
      let j = i + 1;
      while (layout[j] === ch) j++;
      const after = layout[j];
      if (after !== undefined && after >= '0' && after <= '9') return null;
      const digits = j - (i + 1);
      return { len: j - i, value: (t) => frac(t, digits, ch === '9', c) };
    }
    default:
      return null;
  }
}

/** Go's `Time.Format(layout)` for a UTC time. */
export function formatTime(ns: bigint, layout: string): string {
  const t = civil(ns);
  let out = '';
  for (let i = 0; i < layout.length;) {
    const std = nextStd(layout, i);
    if (std === null) {
      out += layout[i] as string;
      i++;
      continue;
    }
    out += std.value(t);
    i += std.len;
  }
  return out;
}

/** Go's `Time.String()`: `2015-06-23 13:19:44.128 +0000 UTC`. */
export function timeString(ns: bigint): string {
  return formatTime(ns, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** Go's `Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`. */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  const fraction = (value: bigint, prec: number): [string, bigint] => {
    let s = '';
    let printed = false;
    for (let i = 0; i < prec; i++) {
      const digit = value % 10n;
      printed = printed || digit !== 0n;
      if (printed) s = String(digit) + s;
      value /= 10n;
    }
    return [printed ? `.${s}` : '', value];
  };
  let out: string;
  if (u < NS_PER_SECOND) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) [prec, unit] = [0, 'ns'];
    else if (u < 1_000_000n) [prec, unit] = [3, '\u00b5s'];
    else [prec, unit] = [6, 'ms'];
    const [frac, whole] = fraction(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, seconds] = fraction(u, 9);
    out = `${seconds % 60n}${frac}s`;
    u = seconds / 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

function clamp(ns: bigint): bigint {
  return ns > INT64_MAX ? INT64_MAX : ns < INT64_MIN ? INT64_MIN : ns;
}

function durationRound(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : clamp(d - m + r);
  }
  return r + r < m ? d - r : clamp(d + m - r);
}

const time = (args: GoValue[], i = 0): GoTime => args[i] as GoTime;
const dur = (args: GoValue[], i = 0): bigint => (args[i] as GoDuration).ns;
const int64 = (n: bigint): GoInt => new GoInt(n, 'int64');
const int = (n: number): GoInt => new GoInt(n, 'int');

/** Methods of `time.Time`; the receiver comes first in `args`. */
export const TIME_METHODS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['Format', { params: ['string'], call: (a) => formatTime(time(a).ns, a[1] as string) }],
  ['String', { params: [], call: (a) => timeString(time(a).ns) }],
  ['Unix', { params: [], call: (a) => int64(floorDiv(time(a).ns, NS_PER_SECOND)) }],
  ['UnixMilli', { params: [], call: (a) => int64(floorDiv(time(a).ns, 1_000_000n)) }],
  ['UnixMicro', { params: [], call: (a) => int64(floorDiv(time(a).ns, 1000n)) }],
  ['UnixNano', { params: [], call: (a) => int64(time(a).ns) }],
  ['Add', { params: ['time.Duration'], call: (a) => new GoTime(time(a).ns + dur(a, 1)) }],
  [
    'Sub',
    { params: ['time.Time'], call: (a) => new GoDuration(clamp(time(a).ns - time(a, 1).ns)) },
  ],
  ['UTC', { params: [], call: (a) => new GoTime(time(a).ns) }],
  ['Local', { params: [], call: (a) => new GoTime(time(a).ns) }],
  ['Year', { params: [], call: (a) => int(civil(time(a).ns).year) }],
  ['Month', { params: [], call: (a) => new GoInt(civil(time(a).ns).month, 'time.Month') }],
  ['Day', { params: [], call: (a) => int(civil(time(a).ns).day) }],
  ['Hour', { params: [], call: (a) => int(civil(time(a).ns).hour) }],
  ['Minute', { params: [], call: (a) => int(civil(time(a).ns).minute) }],
  ['Second', { params: [], call: (a) => int(civil(time(a).ns).second) }],
  ['Nanosecond', { params: [], call: (a) => int(civil(time(a).ns).nanosecond) }],
  ['YearDay', { params: [], call: (a) => int(civil(time(a).ns).yday) }],
  ['Weekday', { params: [], call: (a) => new GoInt(civil(time(a).ns).weekday, 'time.Weekday') }],
  ['Before', { params: ['time.Time'], call: (a) => time(a).ns < time(a, 1).ns }],
  ['After', { params: ['time.Time'], call: (a) => time(a).ns > time(a, 1).ns }],
  ['Equal', { params: ['time.Time'], call: (a) => time(a).ns === time(a, 1).ns }],
  [
    'Compare',
    { params: ['time.Time'], call: (a) => int(Math.sign(Number(time(a).ns - time(a, 1).ns))) },
  ],
  ['IsZero', { params: [], call: (a) => time(a).ns === -ZERO_TO_UNIX * NS_PER_SECOND }],
  [
    'Truncate',
    {
      params: ['time.Duration'],
      call: (a) => {
        const d = dur(a, 1);
        if (d <= 0n) return new GoTime(time(a).ns);
        const sinceZero = time(a).ns + ZERO_TO_UNIX * NS_PER_SECOND;
        return new GoTime(time(a).ns - (((sinceZero % d) + d) % d));
      },
    },
  ],
  [
    'Round',
    {
      params: ['time.Duration'],
      call: (a) => {
        const d = dur(a, 1);
        if (d <= 0n) return new GoTime(time(a).ns);
        const sinceZero = time(a).ns + ZERO_TO_UNIX * NS_PER_SECOND;
        const r = ((sinceZero % d) + d) % d;
        return new GoTime(r + r < d ? time(a).ns - r : time(a).ns + d - r);
      },
    },
  ],
]);

/** Methods of `time.Duration`. */
export const DURATION_METHODS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['String', { params: [], call: (a) => durationString(dur(a)) }],
  ['Nanoseconds', { params: [], call: (a) => int64(dur(a)) }],
  ['Microseconds', { params: [], call: (a) => int64(dur(a) / 1000n) }],
  ['Milliseconds', { params: [], call: (a) => int64(dur(a) / 1_000_000n) }],
  ['Seconds', { params: [], call: (a) => unitFloat(dur(a), NS_PER_SECOND) }],
  ['Minutes', { params: [], call: (a) => unitFloat(dur(a), 60n * NS_PER_SECOND) }],
  ['Hours', { params: [], call: (a) => unitFloat(dur(a), 3600n * NS_PER_SECOND) }],
  [
    'Round',
    { params: ['time.Duration'], call: (a) => new GoDuration(durationRound(dur(a), dur(a, 1))) },
  ],
  [
    'Truncate',
    {
      params: ['time.Duration'],
      call: (a) => new GoDuration(dur(a, 1) <= 0n ? dur(a) : dur(a) - (dur(a) % dur(a, 1))),
    },
  ],
  ['Abs', { params: [], call: (a) => new GoDuration(dur(a) < 0n ? clamp(-dur(a)) : dur(a)) }],
]);

/** Go's `Duration.Seconds()` and friends: whole units plus the remainder as a fraction. */
function unitFloat(d: bigint, unit: bigint): number {
  return Number(d / unit) + Number(d % unit) / Number(unit);
}
