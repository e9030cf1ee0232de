/**
 * Subqueries: the inner expression runs in a child evaluation whose steps are aligned to
 * absolute multiples of the subquery step (not to the query's start), covering every window
 * `(t - offset - range, t - offset]` the outer steps need.
 *
 * @module
 */
import type { SubqueryExpr } from '../ast.js';
import { type EvalContext, type RangeSeries, childContext, stepCount } from './context.js';

export interface SubqueryWindows {
  /** The inner expression's result, points at the subquery's steps. */
  readonly series: RangeSeries[];
  /** The window end for an outer step. */
  readonly windowEnd: (ts: number) => number;
}

/** Evaluates the subquery's inner expression once for all outer steps. */
export function evalSubquery(
  sq: SubqueryExpr,
  ctx: EvalContext,
  evalInner: (expr: SubqueryExpr['expr'], child: EvalContext) => RangeSeries[],
): SubqueryWindows {
  const interval = sq.stepMs > 0 ? sq.stepMs : ctx.options.defaultSubqueryStepMs;
  const pinned = sq.at !== null && sq.at.kind === 'timestamp' ? sq.at.ms : undefined;
  const outerStart = pinned ?? ctx.startMs;
  const outerEnd = pinned ?? ctx.startMs + (stepCount(ctx) - 1) * ctx.intervalMs;
  const from = outerStart - sq.offsetMs - sq.rangeMs;
  // Go integer division truncates toward zero; the first step is the first multiple after `from`.
  let start = interval * Math.trunc(from / interval);
  if (start <= from) start += interval;
  const end = outerEnd - sq.offsetMs;
  const series = end < start ? [] : evalInner(sq.expr, childContext(ctx, start, end, interval));
  return { series, windowEnd: (ts) => (pinned ?? ts) - sq.offsetMs };
}
