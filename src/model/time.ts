/**
 * Times given on the command line: RFC 3339, unix seconds, or a duration counted from a base
 * time (the start of the data, for `--data`).
 *
 * @module
 */
import { InputError } from '../errors.js';
import { parseDuration } from './duration.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses a time argument into ms since the epoch.
 *
 * @param baseMs what a bare duration counts from; without it, durations are rejected.
 * @example parseTimeArg('90m', 0) // 5400000
 */
export function parseTimeArg(flag: string, text: string, baseMs?: number): number {
  if (RFC3339.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const duration = parseDuration(text);
  if (duration !== undefined && baseMs !== undefined) return baseMs + duration;
  const forms =
    baseMs === undefined
      ? 'RFC 3339 or unix seconds'
      : 'RFC 3339, unix seconds, or a duration from the start of the data (90m)';
  throw new InputError(`${flag} ${JSON.stringify(text)}: expected a time as ${forms}`);
}
