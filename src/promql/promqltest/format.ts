/**
 * Text for reports: floats as Go's `%v` prints them (so messages read like the harness's),
 * label sets and results in the series notation of the test files, so that "expected" and
 * "got" can be compared with the script by eye.
 *
 * @module
 */
import { isValidLabelName, type Labels } from '../../model/labels.js';
import type { SequenceValue } from '../series/types.js';
import type { Value } from '../value.js';
import type { EvalCommand } from './types.js';

/** Go's `%v` for a float64: shortest digits, exponent form below 1e-4 and from 1e6 on. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '', exponent = '0'] = f.toExponential().split('e');
  const exp = Number(exponent);
  // Shortest formatting decides with precision 6, so Go prints 1e+06 and 1.5e-05.
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** `name{a="b"}`, or `{a="b"}` without a name, as series lines write a label set. */
export function formatSeriesLabels(labels: Labels): string {
  const name = labels.find((l) => l.name === '__name__')?.value;
  const rest = labels
    .filter((l) => l.name !== '__name__')
    .map((l) => `${isValidLabelName(l.name) ? l.name : quote(l.name)}=${quote(l.value)}`);
  if (name !== undefined && /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name))
    return rest.length === 0 ? name : `${name}{${rest.join(', ')}}`;
  if (name !== undefined) rest.unshift(quote(name));
  return `{${rest.join(', ')}}`;
}

export function formatSequenceValue(value: SequenceValue): string {
  switch (value.kind) {
    case 'float':
      return formatFloat(value.f);
    case 'stale':
      return 'stale';
    case 'omitted':
      return '_';
    case 'histogram':
      return value.text;
  }
}

const NOTHING = '(empty result)';

/**
 * Joins values with runs of three or more equal ones written as `vxN` (`_xN` for gaps, which
 * counts N slots), so long sequences stay readable and remain valid series notation.
 */
export function joinValues(values: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    const v = values[i] as string;
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    const n = j - i;
    if (n < 3) out.push(...values.slice(i, j));
    else out.push(v === '_' ? `_x${n}` : `${v}x${n - 1}`);
    i = j;
  }
  return out.join(' ');
}

/** The expected result of an eval, in the notation of its body lines. */
export function formatExpected(cmd: EvalCommand): string {
  if (cmd.scalar !== null) return formatSequenceValue(cmd.scalar);
  if (cmd.expectedString !== '' || (cmd.excludeFromRangeQuery && !cmd.expectRangeVector))
    return `string ${quote(cmd.expectedString)}`;
  if (cmd.expected.length === 0) return NOTHING;
  return cmd.expected
    .map((s) => `${formatSeriesLabels(s.labels)} ${joinValues(s.values.map(formatSequenceValue))}`)
    .join('\n');
}

/**
 * A query result in the same notation. Matrix points that sit on the eval's step grid are
 * written as a value sequence (`_` for gaps); others as `value@t`.
 */
export function formatValue(value: Value, cmd?: EvalCommand): string {
  switch (value.type) {
    case 'scalar':
      return `scalar ${formatFloat(value.f)}`;
    case 'string':
      return `string ${quote(value.s)}`;
    case 'vector':
      if (value.samples.length === 0) return NOTHING;
      return value.samples
        .map((s) => `${formatSeriesLabels(s.labels)} ${formatFloat(s.f)}`)
        .join('\n');
    case 'matrix':
      if (value.series.length === 0) return NOTHING;
      return value.series
        .map((s) => `${formatSeriesLabels(s.labels)} ${formatPoints(s.points, cmd)}`)
        .join('\n');
  }
}

function formatPoints(points: readonly { t: number; f: number }[], cmd?: EvalCommand): string {
  const grid = cmd !== undefined && cmd.endMs !== null && cmd.stepMs > 0;
  const start = cmd?.startMs ?? 0;
  const step = cmd?.stepMs ?? 0;
  const aligned = grid && points.every((p) => p.t >= start && (p.t - start) % step === 0);
  if (!aligned) return points.map((p) => `${formatFloat(p.f)}@${p.t}`).join(' ');
  const out: string[] = [];
  for (const p of points) {
    const index = (p.t - start) / step;
    while (out.length < index) out.push('_');
    out.push(formatFloat(p.f));
  }
  return joinValues(out);
}
