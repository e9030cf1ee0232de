/**
 * `@st` lines of a `load` (start timestamps, used by `start_timestamps.test`): offsets from
 * each sample's timestamp, written as signed durations with `x` repetition and `+`/`-` steps.
 * drygate's store has no start timestamps yet, so the runner only checks these lines.
 *
 * @module
 */
import { parseDuration } from '../../model/duration.js';

/** Whether a load line is an `@st` line: its first word ends in `@st`. */
export function isStartTimestampLine(line: string): boolean {
  const space = line.search(/[ \t]/);
  return space >= 0 && line.slice(0, space).endsWith('@st');
}

/** Parses the offsets of an `@st` line (ms, null for `_`), or returns the reason it is bad. */
export function parseStartOffsets(text: string): (number | null)[] | string {
  const out: (number | null)[] = [];
  for (const item of text.split(/\s+/).filter((s) => s !== '')) {
    const prev = [...out].reverse().find((v) => v !== null) ?? 0;
    const values = parseItem(item, prev);
    if (typeof values === 'string') return `invalid ST item ${JSON.stringify(item)}: ${values}`;
    out.push(...values);
  }
  return out;
}

function repeat<T>(value: T, n: number): T[] {
  return Array.from({ length: n }, () => value);
}

function count(text: string): number | undefined {
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

function parseItem(item: string, prev: number): (number | null)[] | string {
  if (item === '_') return [null];
  if (item.startsWith('_x')) {
    const n = count(item.slice(2));
    return n === undefined || n === 0 ? 'invalid repeat count' : repeat(null, n);
  }
  if (item === '*') return [prev];
  if (item.startsWith('*x')) {
    const n = count(item.slice(2));
    return n === undefined ? 'invalid repeat count' : repeat(prev, n + 1);
  }
  const base = durationPrefix(item);
  if (typeof base === 'string') return base;
  const [start, rest] = base;
  if (rest === '') return [start];
  if (rest.startsWith('x')) {
    const n = count(rest.slice(1));
    return n === undefined ? 'invalid repeat count' : repeat(start, n + 1);
  }
  if (!rest.startsWith('+') && !rest.startsWith('-'))
    return `unexpected character ${JSON.stringify(rest[0])} after duration`;
  const step = durationPrefix(rest.slice(1));
  if (typeof step === 'string') return `invalid step duration: ${step}`;
  const [delta, tail] = step;
  if (!tail.startsWith('x')) return "expected 'x<count>' after step duration";
  const n = count(tail.slice(1));
  if (n === undefined) return 'invalid repeat count';
  const sign = rest.startsWith('-') ? -1 : 1;
  return Array.from({ length: n + 1 }, (_, i) => start + i * sign * delta);
}

/** A signed duration at the start of `text`, and what follows it. */
function durationPrefix(text: string): [number, string] | string {
  const m = /^([+-]?)([0-9]+[a-wyzA-WYZ]*)/.exec(text);
  if (m === null) return `expected digits in duration ${JSON.stringify(text)}`;
  const ms = parseDuration(m[2] as string);
  if (ms === undefined) return `invalid duration ${JSON.stringify(m[2])}`;
  return [m[1] === '-' ? -ms : ms, text.slice(m[0].length)];
}
