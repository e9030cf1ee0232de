/**
 * Aggregation operators (sum, avg, count, min, max, group, stddev, stdvar, quantile, topk,
 * bottomk, limitk, limit_ratio, count_values) over groups of series, step by step.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import {
  type Labels,
  isValidLabelName,
  keepLabels,
  METRIC_NAME,
  removeLabels,
  setLabel,
} from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import type { AggregateExpr } from '../ast.js';
import type { FPoint, Sample } from '../value.js';
import { type EvalContext, type RangeSeries, reserveSamples, steps } from './context.js';
import type { StepSample } from './gather.js';
import { kahanInc, quantile } from '../functions/float.js';
import { rangeEval } from './range-eval.js';
import { ratioSampleOffset } from './ratio.js';

/** How grouping labels pick the group of a series and its output labels. */
class Grouping {
  private readonly names: ReadonlySet<string>;
  private readonly without: boolean;
  private readonly keys = new WeakMap<Labels, string>();

  constructor(grouping: readonly string[], without: boolean) {
    this.without = without;
    this.names = new Set(without ? [...grouping, METRIC_NAME] : grouping);
  }

  labels(labels: Labels): Labels {
    if (this.without) return removeLabels(labels, this.names);
    return this.names.size === 0 ? [] : keepLabels(labels, this.names);
  }

  key(labels: Labels): string {
    let key = this.keys.get(labels);
    if (key === undefined) {
      key = labelsKey(this.labels(labels));
      this.keys.set(labels, key);
    }
    return key;
  }
}

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  kahanC: number;
  count: number;
  incrementalMean: boolean;
  dropName: boolean;
  values: number[];
}

export interface AggregateInputs {
  readonly input: readonly RangeSeries[];
  /** The parameter's value at each step (topk's k, quantile's φ), when there is one. */
  readonly param: readonly RangeSeries[] | null;
}

/** Go's %g for a warning text. */
function formatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const e = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
  if (e < -4 || e >= 21) return f.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(f);
}

export function evalAggregate(
  expr: AggregateExpr,
  inputs: AggregateInputs,
  ctx: EvalContext,
): RangeSeries[] {
  if (expr.op === 'count_values') return countValues(expr, inputs.input, ctx);
  const grouping = new Grouping(expr.grouping, expr.without);
  const params = paramValues(inputs.param);
  const paramPos = expr.param?.pos;
  if (expr.op === 'quantile') {
    if (params.all.some((q) => Number.isNaN(q)))
      ctx.annotations.warn(`quantile value should be between 0 and 1, got NaN`, paramPos);
    if (params.max > 1)
      ctx.annotations.warn(
        `quantile value should be between 0 and 1, got ${formatG(params.max)}`,
        paramPos,
      );
    if (params.min < 0)
      ctx.annotations.warn(
        `quantile value should be between 0 and 1, got ${formatG(params.min)}`,
        paramPos,
      );
  }
  if (expr.op === 'topk' || expr.op === 'bottomk' || expr.op === 'limitk') {
    if (params.max < 1) return [];
    if (params.hasNaN) throw new QueryError('Parameter value is NaN');
    if (params.min <= -(2 ** 63))
      throw new QueryError(`Scalar value ${formatG(params.min)} underflows int64`);
    if (params.max >= 2 ** 63)
      throw new QueryError(`Scalar value ${formatG(params.max)} overflows int64`);
    return selectK(expr, inputs.input, params.at, grouping, ctx);
  }
  if (expr.op === 'limit_ratio') {
    if (params.max === 0 && params.min === 0) return [];
    if (params.hasNaN) throw new QueryError('Ratio value is NaN');
    if (params.max > 1)
      ctx.annotations.warn(
        `ratio value should be between -1 and 1, got ${formatG(params.max)}, capping to 1`,
        paramPos,
      );
    if (params.min < -1)
      ctx.annotations.warn(
        `ratio value should be between -1 and 1, got ${formatG(params.min)}, capping to -1`,
        paramPos,
      );
    return selectK(expr, inputs.input, params.at, grouping, ctx);
  }
  return aggregateValues(expr, inputs.input, params.at, grouping, ctx);
}

interface Params {
  readonly at: (step: number) => number;
  readonly all: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly hasNaN: boolean;
}

/** The parameter per step, with min/max as Go's math.Min/Max compute them (NaN wins). */
function paramValues(param: readonly RangeSeries[] | null): Params {
  const points = param?.[0]?.points ?? [];
  if (points.length === 0) return { at: () => 0, all: [], min: 0, max: 0, hasNaN: false };
  const byStep = new Map(points.map((p) => [p.t, p.f]));
  let min = Number.MAX_VALUE;
  let max = -Number.MAX_VALUE;
  let hasNaN = false;
  for (const p of points) {
    if (Number.isNaN(p.f)) hasNaN = true;
    min = Number.isNaN(min) || Number.isNaN(p.f) ? NaN : Math.min(min, p.f);
    max = Number.isNaN(max) || Number.isNaN(p.f) ? NaN : Math.max(max, p.f);
  }
  return { at: (ts) => byStep.get(ts) ?? 0, all: points.map((p) => p.f), min, max, hasNaN };
}

function aggregateValues(
  expr: AggregateExpr,
  input: readonly RangeSeries[],
  paramAt: (ts: number) => number,
  grouping: Grouping,
  ctx: EvalContext,
): RangeSeries[] {
  const op = expr.op;
  // Each input series belongs to one group for the whole query: work that out once.
  const groupOf = new Int32Array(input.length);
  const keys = new Map<string, number>();
  const outputs: RangeSeries[] = [];
  input.forEach((series, i) => {
    const key = grouping.key(series.labels);
    let g = keys.get(key);
    if (g === undefined) {
      g = outputs.length;
      keys.set(key, g);
      outputs.push({ labels: grouping.labels(series.labels), points: [], dropName: false });
    }
    groupOf[i] = g;
  });
  // One accumulator per group, reset at each step rather than allocated.
  const groups: Group[] = outputs.map(() => ({
    labels: [],
    value: 0,
    mean: 0,
    kahanC: 0,
    count: 0,
    incrementalMean: false,
    dropName: false,
    values: [],
  }));
  const seenAt = new Float64Array(outputs.length).fill(NaN);
  const seen: number[] = [];
  const cursor = new Int32Array(input.length);
  for (const ts of steps(ctx)) {
    seen.length = 0;
    for (let i = 0; i < input.length; i++) {
      const series = input[i] as RangeSeries;
      const points = series.points;
      let c = cursor[i] as number;
      while (c < points.length && (points[c] as FPoint).t < ts) c++;
      cursor[i] = c;
      const point = points[c];
      if (point === undefined || point.t !== ts) continue;
      const index = groupOf[i] as number;
      const g = groups[index] as Group;
      const f = point.f;
      if (seenAt[index] !== ts) {
        seenAt[index] = ts;
        seen.push(index);
        g.value =
          op === 'stddev' || op === 'stdvar'
            ? Number.isFinite(f)
              ? 0
              : NaN
            : op === 'group'
              ? 1
              : f;
        g.mean = f;
        g.kahanC = 0;
        g.count = 1;
        g.incrementalMean = false;
        g.dropName = series.dropName;
        if (op === 'quantile') g.values = [f];
        continue;
      }
      if (series.dropName) g.dropName = true;
      addToGroup(op, g, f);
    }
    const param = paramAt(ts);
    for (const index of seen) {
      const g = groups[index] as Group;
      const out = outputs[index] as RangeSeries;
      out.dropName = g.dropName;
      out.points.push({ t: ts, f: finishGroup(op, g, param) });
    }
    reserveSamples(ctx, seen.length);
  }
  return outputs.filter((s) => s.points.length > 0);
}

function addToGroup(op: AggregateExpr['op'], g: Group, f: number): void {
  switch (op) {
    case 'sum': {
      // kahanInc inlined: this runs once per series and step.
      const t = g.value + f;
      if (!Number.isFinite(t) && !Number.isNaN(t)) g.kahanC = 0;
      else if (Math.abs(g.value) >= Math.abs(f)) g.kahanC += g.value - t + f;
      else g.kahanC += f - t + g.value;
      g.value = t;
      return;
    }
    case 'avg': {
      g.count++;
      if (!g.incrementalMean) {
        const [v, c] = kahanInc(f, g.value, g.kahanC);
        if (Number.isNaN(v) || Number.isFinite(v)) {
          g.value = v;
          g.kahanC = c;
          return;
        }
        // The running sum overflowed: switch to an incremental mean.
        g.incrementalMean = true;
        g.mean = g.value / (g.count - 1);
        g.kahanC /= g.count - 1;
      }
      const q = (g.count - 1) / g.count;
      [g.mean, g.kahanC] = kahanInc(f / g.count, q * g.mean, q * g.kahanC);
      return;
    }
    case 'max':
      if (g.value < f || Number.isNaN(g.value)) g.value = f;
      return;
    case 'min':
      if (g.value > f || Number.isNaN(g.value)) g.value = f;
      return;
    case 'count':
      g.count++;
      return;
    case 'group':
      return;
    case 'stddev':
    case 'stdvar': {
      g.count++;
      const delta = f - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (f - g.mean);
      return;
    }
    case 'quantile':
      g.values.push(f);
      return;
    default:
      throw new QueryError(`expected aggregation operator but got "${op}"`);
  }
}

function finishGroup(op: AggregateExpr['op'], g: Group, param: number): number {
  switch (op) {
    case 'sum':
      return g.value + g.kahanC;
    case 'avg':
      return g.incrementalMean ? g.mean + g.kahanC : g.value / g.count + g.kahanC / g.count;
    case 'count':
      return g.count;
    case 'stdvar':
      return g.value / g.count;
    case 'stddev':
      return Math.sqrt(g.value / g.count);
    case 'quantile':
      return quantile(param, g.values);
    default:
      return g.value;
  }
}

/** topk, bottomk, limitk, limit_ratio: they pass input samples through, so names stay. */
function selectK(
  expr: AggregateExpr,
  input: readonly RangeSeries[],
  paramAt: (ts: number) => number,
  grouping: Grouping,
  ctx: EvalContext,
): RangeSeries[] {
  const op = expr.op;
  const total = input.length;
  return rangeEval(ctx, [input], (vectors, ts) => {
    const param = paramAt(ts);
    const vector = vectors[0] ?? [];
    const groups = new Map<string, StepSample[]>();
    if (op === 'limit_ratio') {
      if (param === 0) return [];
      const r = Math.max(-1, Math.min(1, param));
      for (const s of vector) {
        if (!ratioAccepts(r, s.labels)) continue;
        const key = grouping.key(s.labels);
        const list = groups.get(key);
        if (list === undefined) groups.set(key, [s]);
        else list.push(s);
      }
      return [...groups.values()].flat();
    }
    const k = Math.min(Math.trunc(param), total);
    if (k < 1) return [];
    for (const s of vector) {
      const key = grouping.key(s.labels);
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [s]);
      else if (op !== 'limitk' || list.length < k) list.push(s);
    }
    const out: Sample[] = [];
    for (const list of groups.values()) {
      if (op === 'limitk') {
        out.push(...list.slice(0, k));
        continue;
      }
      out.push(...topOf(list, k, op === 'topk'));
    }
    return out;
  });
}

/**
 * The k largest (or smallest) samples, best first. This replays Prometheus's container/heap
 * steps and final insertion sort exactly, so that ties pick the same series in the same order.
 */
function topOf(samples: readonly StepSample[], k: number, largest: boolean): StepSample[] {
  // Heap order: the worst kept sample on top; NaN is the worst of all.
  const less = (a: StepSample, b: StepSample): boolean => {
    if (Number.isNaN(a.f)) return true;
    return largest ? a.f < b.f : a.f > b.f;
  };
  const heap: StepSample[] = [];
  const swap = (i: number, j: number): void => {
    const t = heap[i] as StepSample;
    heap[i] = heap[j] as StepSample;
    heap[j] = t;
  };
  const up = (from: number): void => {
    let j = from;
    for (;;) {
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !less(heap[j] as StepSample, heap[i] as StepSample)) break;
      swap(i, j);
      j = i;
    }
  };
  const down = (i0: number): boolean => {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= heap.length) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < heap.length && less(heap[j2] as StepSample, heap[j1] as StepSample)) j = j2;
      if (!less(heap[j] as StepSample, heap[i] as StepSample)) break;
      swap(i, j);
      i = j;
    }
    return i > i0;
  };
  for (const s of samples) {
    if (heap.length < k) {
      heap.push(s);
      up(heap.length - 1);
      continue;
    }
    const top = heap[0] as StepSample;
    const better = largest ? top.f < s.f : top.f > s.f;
    if (better || (Number.isNaN(top.f) && !Number.isNaN(s.f))) {
      heap[0] = s;
      if (k > 1 && !down(0)) up(0);
    }
  }
  // sort.Sort(sort.Reverse(heap)): an insertion sort for the small k of practice.
  for (let i = 1; i < heap.length; i++) {
    for (let j = i; j > 0 && less(heap[j - 1] as StepSample, heap[j] as StepSample); j--)
      swap(j, j - 1);
  }
  return heap;
}

function ratioAccepts(ratio: number, labels: Labels): boolean {
  const offset = ratioSampleOffset(labels);
  return ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
}

function countValues(
  expr: AggregateExpr,
  input: readonly RangeSeries[],
  ctx: EvalContext,
): RangeSeries[] {
  const param = expr.param;
  const valueLabel = param !== null && param.kind === 'StringLiteral' ? param.value : '';
  if (!isValidLabelName(valueLabel)) throw new QueryError(`invalid label name "${valueLabel}"`);
  const names = expr.without ? expr.grouping : [...expr.grouping, valueLabel];
  const grouping = new Grouping(names, expr.without);
  const result = rangeEval(ctx, [input], (vectors) => {
    const counts = new Map<string, { labels: Labels; count: number }>();
    for (const s of vectors[0] ?? []) {
      const labels = setLabel(s.labels, valueLabel, formatCountValue(s.f));
      const key = labelsKey(grouping.labels(labels));
      const group = counts.get(key);
      if (group === undefined) counts.set(key, { labels: grouping.labels(labels), count: 1 });
      else group.count++;
    }
    return [...counts.values()].map((g) => ({ labels: g.labels, t: 0, f: g.count }));
  });
  return result;
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
export function formatCountValue(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (Object.is(f, -0)) return '-0';
  const text = String(f);
  if (!/e/.test(text)) return text;
  const [mantissa = '', expText = '0'] = text.split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point =
    (mantissa.replace('-', '').indexOf('.') < 0
      ? mantissa.replace('-', '').length
      : mantissa.replace('-', '').indexOf('.')) + exp;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body;
}
