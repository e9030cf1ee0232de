/**
 * Prometheus durations (`30s`, `1h30m`, `500ms`, `2d`) as integer milliseconds.
 *
 * @module
 */

/** A span of time in milliseconds. */
export type Duration = number;

const UNIT_MS: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

// Units must appear from largest to smallest, each at most once, as in Prometheus's model.ParseDuration.
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/**
 * Parses a Prometheus duration. Returns undefined when the text is not one, so callers can
 * report the error in their own terms.
 *
 * @example parseDuration('1m30s') // 90000
 */
export function parseDuration(text: string): Duration | undefined {
  if (text === '0') return 0;
  if (text.length === 0) return undefined;
  let total = 0;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (match === null) return undefined;
    const unit = match[2] as string;
    const order = UNIT_ORDER.indexOf(unit);
    if (order <= lastUnit) return undefined;
    lastUnit = order;
    total += Number(match[1]) * (UNIT_MS[unit] as number);
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Formats milliseconds the way Prometheus prints durations (`1h30m`, `500ms`, `0s`). */
export function formatDuration(ms: Duration): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit] as number;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
