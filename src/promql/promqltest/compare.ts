/**
 * Result comparison, as the harness's `compareResult`: type first, then series identity by
 * exact label set, then values with a relative tolerance of 1e-6, NaN equal to NaN and a
 * staleness marker equal only to another. Messages follow the harness's wording.
 *
 * @module
 */
import { compareLabels, type Labels, sortLabels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { SequenceValue } from '../series/types.js';
import type { Matrix, Sample, Series, Value } from '../value.js';
import { formatExpected, formatFloat, formatSeriesLabels, formatValue } from './format.js';
import { type EvalCommand, type ExpectedSeries, isOrdered } from './types.js';

/** Why an eval failed: the harness-style message and both sides in series notation. */
export interface Mismatch {
  readonly message: string;
  readonly expected: string;
  readonly got: string;
}

export const DEFAULT_EPSILON = 1e-6;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Prometheus `almost.Equal` for a result value. The engine never returns a staleness marker,
 * so an expected `stale` matches nothing; `_` compares as 0, as the harness's zero value does.
 */
export function almostEqual(
  expected: SequenceValue,
  got: number,
  epsilon = DEFAULT_EPSILON,
): boolean {
  if (expected.kind === 'stale' || expected.kind === 'histogram') return false;
  return floatsAlmostEqual(expected.kind === 'float' ? expected.f : 0, got, epsilon);
}

export function floatsAlmostEqual(a: number, b: number, epsilon = DEFAULT_EPSILON): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** Prometheus `labels.Compare`: label by label, name then value, a prefix first. */
export const compareLabelSets = compareLabels;

/** The identity of a label set: sorted, empty values dropped (they mean "no such label"). */
export function identity(labels: Labels): string {
  return labelsKey(sortLabels(labels.filter((l) => l.value !== '')));
}

export function assertMatrixSorted(matrix: Matrix): string | undefined {
  for (let i = 0; i + 1 < matrix.length; i++) {
    const a = (matrix[i] as Series).labels;
    const b = (matrix[i + 1] as Series).labels;
    if (compareLabelSets(a, b) > 0)
      return `matrix results should always be sorted by labels, but matrix is not sorted: series at index ${i + 1} with labels ${formatSeriesLabels(b)} sorts before series at index ${i} with labels ${formatSeriesLabels(a)}`;
  }
  return undefined;
}

function seriesResult(series: Series): string {
  const n = series.points.length;
  const points = series.points.map((p) => `${formatFloat(p.f)} @[${p.t}]`).join(' ');
  return `${n} float point${n === 1 ? '' : 's'} [${points}] and 0 histogram points []`;
}

/**
 * Compares a query result with the eval's expectations.
 *
 * @returns undefined when it matches, else the first difference.
 */
export function compareResult(cmd: EvalCommand, value: Value): Mismatch | undefined {
  const message = compareValue(cmd, value);
  if (message === undefined) return undefined;
  return { message, expected: formatExpected(cmd), got: formatValue(value, cmd) };
}

function compareValue(cmd: EvalCommand, value: Value): string | undefined {
  const expectScalar = cmd.scalar !== null;
  const expected = new Map<string, ExpectedSeries>(
    cmd.expected.map((e) => [identity(e.labels), e]),
  );
  switch (value.type) {
    case 'matrix': {
      if (isOrdered(cmd)) return 'expected ordered result, but query returned a matrix';
      if (expectScalar) return 'expected scalar result, but got matrix';
      const unsorted = assertMatrixSorted(value.series);
      if (unsorted !== undefined) return unsorted;
      const seen = new Set<string>();
      for (const series of value.series) {
        const key = identity(series.labels);
        const exp = expected.get(key);
        const name = formatSeriesLabels(series.labels);
        if (exp === undefined)
          return `unexpected metric ${name} in result, has ${seriesResult(series)}`;
        seen.add(key);
        const message = compareSeries(cmd, exp, series, name);
        if (message !== undefined) return message;
      }
      for (const [key, exp] of expected)
        if (!seen.has(key)) return `expected metric ${formatSeriesLabels(exp.labels)} not found`;
      return undefined;
    }
    case 'vector': {
      if (expectScalar) return 'expected scalar result, but got vector';
      const seen = new Set<string>();
      for (const [pos, sample] of value.samples.entries()) {
        const key = identity(sample.labels);
        const exp = expected.get(key);
        const name = formatSeriesLabels(sample.labels);
        if (exp === undefined)
          return `unexpected metric ${name} in result, has value ${formatFloat(sample.f)}`;
        if (isOrdered(cmd) && exp.pos !== pos + 1)
          return `expected metric ${name} with [${describeValues(exp)}] at position ${exp.pos} but was at ${pos + 1}`;
        const message = compareSample(exp, sample, name);
        if (message !== undefined) return message;
        seen.add(key);
      }
      for (const [key, exp] of expected)
        if (!seen.has(key))
          return `expected metric ${formatSeriesLabels(exp.labels)} with [${describeValues(exp)}] not found`;
      return undefined;
    }
    case 'scalar': {
      if (cmd.scalar === null)
        return `expected vector or matrix result, but got scalar ${formatFloat(value.f)}`;
      if (cmd.scalar.kind === 'histogram')
        return `expected histogram ${cmd.scalar.text} but got scalar ${formatFloat(value.f)}`;
      if (!almostEqual(cmd.scalar, value.f))
        return `expected scalar ${formatFloat(cmd.scalar.kind === 'float' ? cmd.scalar.f : 0)} but got ${formatFloat(value.f)}`;
      return undefined;
    }
    case 'string':
      if (cmd.expectedString !== value.s)
        return `expected string ${JSON.stringify(cmd.expectedString)} but got ${JSON.stringify(value.s)}`;
      return undefined;
  }
}

function describeValues(exp: ExpectedSeries): string {
  return exp.values
    .map((v) => (v.kind === 'float' ? formatFloat(v.f) : v.kind === 'histogram' ? v.text : v.kind))
    .join(' ');
}

function compareSample(exp: ExpectedSeries, sample: Sample, name: string): string | undefined {
  const first = exp.values[0];
  if (first === undefined)
    return `expected metric ${name} has no value to compare with ${formatFloat(sample.f)}`;
  if (first.kind === 'histogram')
    return `expected histogram ${first.text} for ${name} but got float value ${formatFloat(sample.f)}`;
  if (!almostEqual(first, sample.f))
    return `expected ${describeValues({ ...exp, values: [first] })} for ${name} but got ${formatFloat(sample.f)}`;
  return undefined;
}

function compareSeries(
  cmd: EvalCommand,
  exp: ExpectedSeries,
  series: Series,
  name: string,
): string | undefined {
  const floats: { t: number; value: SequenceValue }[] = [];
  let histograms = 0;
  for (const [i, value] of exp.values.entries()) {
    const t = cmd.startMs + i * cmd.stepMs;
    if (cmd.endMs === null || t > cmd.endMs)
      return `expected ${exp.values.length} points for ${name}, but query time range cannot return this many points`;
    if (value.kind === 'histogram') histograms++;
    else if (value.kind !== 'omitted') floats.push({ t, value });
  }
  if (floats.length !== series.points.length || histograms !== 0)
    return `expected ${floats.length} float points and ${histograms} histogram points for ${name}, but got ${seriesResult(series)}`;
  for (const [i, want] of floats.entries()) {
    const got = series.points[i] as { t: number; f: number };
    if (want.t !== got.t)
      return `expected float value at index ${i} for ${name} to have timestamp ${want.t}, but it had timestamp ${got.t} (result has ${seriesResult(series)})`;
    if (!almostEqual(want.value, got.f))
      return `expected float value at index ${i} (t=${got.t}) for ${name} to be ${describeValues({ ...exp, values: [want.value] })}, but got ${formatFloat(got.f)} (result has ${seriesResult(series)})`;
  }
  return undefined;
}
