/**
 * The evaluator: walks the AST over the context's steps. Every expression of vector or scalar
 * type evaluates to series with points at the step times; the entry point turns that into the
 * query's result and applies the end-of-query name removal.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { compareLabels, dropMetricName } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { assertNever, type Expr, typeOf, walk } from '../ast.js';
import type { Queryable } from '../store/types.js';
import { Annotations, type QueryResult, type Series, type Value } from '../value.js';
import { evalAggregate } from './aggregate.js';
import { Signatures, scalarBinop, setBinop, vectorBinop, vectorScalarBinop } from './binop.js';
import { evalCall } from './calls.js';
import {
  type EvalContext,
  type RangeSeries,
  SAME_LABELSET,
  nameAfterDrop,
  reserveSamples,
  steps,
} from './context.js';
import type { ResolvedEngineOptions } from './options.js';
import { preprocessCached } from './preprocess.js';
import { rangeEval } from './range-eval.js';
import { evalMatrixSelector, evalVectorSelector, sliceWindow } from './selectors.js';
import { evalSubquery } from './subquery.js';

export interface EvalRequest {
  readonly queryable: Queryable;
  readonly options: ResolvedEngineOptions;
  readonly startMs: number;
  readonly endMs: number;
  /** 0 for an instant query. */
  readonly stepMs: number;
  readonly mode: 'instant' | 'range';
}

const TYPE_NAMES = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
} as const;

export function evaluate(parsed: Expr, request: EvalRequest): QueryResult {
  const type = typeOf(parsed);
  if (request.mode === 'range' && type !== 'scalar' && type !== 'vector') {
    throw new QueryError(
      `invalid expression type "${TYPE_NAMES[type]}" for range query, must be Scalar or instant Vector`,
    );
  }
  refuseExtendedSelectors(parsed);
  const query = { startMs: request.startMs, endMs: request.endMs, stepMs: request.stepMs };
  const expr = preprocessCached(parsed, query);
  const annotations = new Annotations();
  const ctx: EvalContext = {
    queryable: request.queryable,
    options: request.options,
    annotations,
    startMs: request.startMs,
    endMs: request.endMs,
    intervalMs: request.mode === 'instant' ? 1 : request.stepMs,
    query,
    budget: { current: 0, read: 0 },
  };
  if (type === 'string') {
    return { value: { type: 'string', t: request.startMs, s: stringValue(expr) }, annotations: [] };
  }
  const series = cleanup(evalExpr(expr, ctx), ctx);
  return {
    value: toValue(series, type, request),
    annotations: annotations.list(),
    stats: { totalQueryableSamples: ctx.budget.read, peakSamples: ctx.budget.current },
  };
}

/** Prometheus's experimental `anchored` / `smoothed` selectors parse, but drygate does not evaluate them. */
// Expressions already walked by refuseExtendedSelectors without finding one.
const plain = new WeakSet<Expr>();

function refuseExtendedSelectors(expr: Expr): void {
  if (plain.has(expr)) return;
  walk(expr, (node) => {
    const vs =
      node.kind === 'VectorSelector'
        ? node
        : node.kind === 'MatrixSelector'
          ? node.vectorSelector
          : null;
    if (vs?.extended !== undefined) {
      throw new QueryError(
        `the ${vs.extended} modifier (an experimental extended range selector) is not supported by drygate`,
      );
    }
  });
  plain.add(expr);
}

function stringValue(expr: Expr): string {
  let e = expr;
  while (e.kind === 'ParenExpr') e = e.expr;
  if (e.kind !== 'StringLiteral') throw new QueryError('unexpected string expression');
  return e.value;
}

/** Delayed name removal: drop names now, then merge series that became equal, or fail. */
function cleanup(series: RangeSeries[], ctx: EvalContext): RangeSeries[] {
  if (!ctx.options.delayedNameRemoval) return series;
  const named = series.map((s) => (s.dropName ? { ...s, labels: dropMetricName(s.labels) } : s));
  const byKey = new Map<string, RangeSeries>();
  let merged = false;
  for (const s of named) {
    const key = labelsKey(s.labels);
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, s);
      continue;
    }
    merged = true;
    const points = [...existing.points, ...s.points].sort((a, b) => a.t - b.t);
    for (let i = 1; i < points.length; i++) {
      if (points[i]?.t === points[i - 1]?.t) throw new QueryError(SAME_LABELSET);
    }
    byKey.set(key, { labels: existing.labels, points, dropName: existing.dropName });
  }
  return merged ? [...byKey.values()] : named;
}

function toValue(
  series: RangeSeries[],
  type: 'scalar' | 'vector' | 'matrix',
  request: EvalRequest,
): Value {
  if (request.mode === 'instant' && type === 'scalar') {
    return { type: 'scalar', t: request.startMs, f: series[0]?.points[0]?.f ?? NaN };
  }
  if (request.mode === 'instant' && type === 'vector') {
    return {
      type: 'vector',
      samples: series.map((s) => ({
        labels: s.labels,
        t: request.startMs,
        f: s.points[0]?.f ?? NaN,
      })),
    };
  }
  const matrix: Series[] = series.map((s) => ({ labels: s.labels, points: s.points }));
  matrix.sort((a, b) => compareLabels(a.labels, b.labels));
  return { type: 'matrix', series: matrix };
}

export function evalExpr(expr: Expr, ctx: EvalContext): RangeSeries[] {
  switch (expr.kind) {
    case 'NumberLiteral':
      return constant(expr.value, ctx);
    case 'StringLiteral':
      throw new QueryError('a string cannot be evaluated as a vector');
    case 'ParenExpr':
      return evalExpr(expr.expr, ctx);
    case 'UnaryExpr': {
      const inner = evalExpr(expr.expr, ctx);
      if (expr.op === '+') return inner;
      const isScalar = typeOf(expr.expr) === 'scalar';
      return inner.map((s) => ({
        labels: isScalar ? s.labels : nameAfterDrop(ctx, s.labels, true),
        points: s.points.map((p) => ({ t: p.t, f: -p.f })),
        dropName: !isScalar || s.dropName,
      }));
    }
    case 'VectorSelector':
      return evalVectorSelector(expr, ctx);
    case 'MatrixSelector':
      if (ctx.startMs !== ctx.endMs)
        throw new QueryError('cannot do range evaluation of matrix selector');
      return evalMatrixSelector(expr, ctx);
    case 'SubqueryExpr':
      return evalSubqueryValue(expr, ctx);
    case 'Call':
      return evalCall(expr, ctx, evalExpr);
    case 'AggregateExpr': {
      const param =
        expr.param === null || expr.param.kind === 'StringLiteral'
          ? null
          : evalExpr(expr.param, ctx);
      return evalAggregate(expr, { input: evalExpr(expr.expr, ctx), param }, ctx);
    }
    case 'BinaryExpr':
      return evalBinary(expr, ctx);
    default:
      return assertNever(expr);
  }
}

function constant(value: number, ctx: EvalContext): RangeSeries[] {
  const points = [...steps(ctx)].map((t) => ({ t, f: value }));
  reserveSamples(ctx, points.length);
  return [{ labels: [], points, dropName: false }];
}

/** A subquery at the top of an instant query: its points in the window, as a range vector. */
function evalSubqueryValue(
  expr: Extract<Expr, { kind: 'SubqueryExpr' }>,
  ctx: EvalContext,
): RangeSeries[] {
  const sub = evalSubquery(expr, ctx, evalExpr);
  const end = sub.windowEnd(ctx.startMs);
  return sub.series
    .map((s) => ({
      labels: s.labels,
      points: sliceWindow(s.points, end - expr.rangeMs, end),
      dropName: s.dropName,
    }))
    .filter((s) => s.points.length > 0);
}

function evalBinary(expr: Extract<Expr, { kind: 'BinaryExpr' }>, ctx: EvalContext): RangeSeries[] {
  const lt = typeOf(expr.lhs);
  const rt = typeOf(expr.rhs);
  const lhs = evalExpr(expr.lhs, ctx);
  const rhs = evalExpr(expr.rhs, ctx);
  if (lt === 'scalar' && rt === 'scalar') {
    return rangeEval(ctx, [lhs, rhs], (v, ts) => [
      { labels: [], t: ts, f: scalarBinop(expr.op, v[0]?.[0]?.f ?? NaN, v[1]?.[0]?.f ?? NaN) },
    ]);
  }
  if (lt === 'vector' && rt === 'vector') {
    const matching = expr.matching;
    if (matching === null)
      throw new QueryError('vector matching is missing for a binary operation between vectors');
    const sigs = new Signatures(matching);
    if (expr.op === 'and' || expr.op === 'or' || expr.op === 'unless') {
      const op = expr.op;
      return rangeEval(ctx, [lhs, rhs], (v) => setBinop(op, v[0] ?? [], v[1] ?? [], sigs));
    }
    return rangeEval(ctx, [lhs, rhs], (v) =>
      vectorBinop(expr.op, v[0] ?? [], v[1] ?? [], matching, expr.returnBool, sigs, ctx),
    );
  }
  if (lt === 'vector' && rt === 'scalar') {
    return rangeEval(ctx, [lhs, rhs], (v) =>
      vectorScalarBinop(expr.op, v[0] ?? [], v[1]?.[0]?.f ?? NaN, false, expr.returnBool, ctx),
    );
  }
  return rangeEval(ctx, [lhs, rhs], (v) =>
    vectorScalarBinop(expr.op, v[1] ?? [], v[0]?.[0]?.f ?? NaN, true, expr.returnBool, ctx),
  );
}
