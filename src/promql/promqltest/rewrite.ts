/**
 * The harness's step-invariance variants (`atModifierTestCases`): pin every selector and
 * subquery without `@` to the eval time, then expect the same answer at other times. Done on
 * the AST rather than by printing and re-parsing, so annotation positions still refer to the
 * query as written.
 *
 * @module
 */
import { type AtModifier, assertNever, type Expr } from '../ast.js';
import { TIME_DEPENDENT_FUNCTIONS } from '../functions/signatures.js';

/**
 * Sets `@ ms` on every vector selector, matrix selector and subquery that has none. Does not
 * descend into subqueries: the outermost one is pinned and its contents stay relative to it.
 * `timeDependent` tells whether a call outside subqueries depends on the evaluation time
 * (`time()`, `timestamp()`, ...), in which case the harness skips the variants.
 */
export function pinAtModifier(expr: Expr, ms: number): { expr: Expr; timeDependent: boolean } {
  const at: AtModifier = { kind: 'timestamp', ms };
  let timeDependent = false;
  const pin = (e: Expr): Expr => {
    switch (e.kind) {
      case 'VectorSelector':
        return e.at === null ? { ...e, at } : e;
      case 'MatrixSelector':
        return e.vectorSelector.at === null
          ? { ...e, vectorSelector: { ...e.vectorSelector, at } }
          : e;
      case 'SubqueryExpr':
        return e.at === null ? { ...e, at } : e;
      case 'Call':
        if (TIME_DEPENDENT_FUNCTIONS.has(e.func)) timeDependent = true;
        return { ...e, args: e.args.map(pin) };
      case 'AggregateExpr':
        return { ...e, expr: pin(e.expr), param: e.param === null ? null : pin(e.param) };
      case 'BinaryExpr':
        return { ...e, lhs: pin(e.lhs), rhs: pin(e.rhs) };
      case 'ParenExpr':
      case 'UnaryExpr':
        return { ...e, expr: pin(e.expr) };
      case 'NumberLiteral':
      case 'StringLiteral':
        return e;
      default:
        return assertNever(e);
    }
  };
  const pinned = pin(expr);
  return { expr: pinned, timeDependent };
}

/** The times the harness evaluates the pinned query at: -10T, 0, T/5, T, 10T, or ±1s at T = 0. */
export function variantTimes(evalMs: number): number[] {
  if (evalMs === 0) return [-1000, 0, 1000];
  return [-10 * evalMs, 0, Math.trunc(evalMs / 5), evalMs, 10 * evalMs];
}

/**
 * The step-invariance variants of an instant eval at `evalMs`: the pinned query and the times
 * to run it at, or none when the query calls a time-dependent function.
 */
export function stepInvariantVariants(
  expr: Expr,
  evalMs: number,
): { expr: Expr; timeMs: number }[] {
  const { expr: pinned, timeDependent } = pinAtModifier(expr, evalMs);
  if (timeDependent) return [];
  return variantTimes(evalMs).map((timeMs) => ({ expr: pinned, timeMs }));
}

/** The harness skips the range-mode cross-check for queries that use these (a text match). */
export const QUERY_CONTEXT_FUNCTIONS = /(start|end|range|step)\(\)/;
