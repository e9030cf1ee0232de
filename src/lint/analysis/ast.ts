/**
 * Small questions about a PromQL expression that several checks ask.
 *
 * @module
 */
import type { Expr, VectorSelector } from '../../promql/ast.js';

/** The expression inside any parentheses: `((x))` is `x`. */
export function stripParens(e: Expr): Expr {
  return e.kind === 'ParenExpr' ? stripParens(e.expr) : e;
}

/** The metric name a selector selects, when it names one (`x` or `{__name__="x"}`). */
export function selectorName(vs: VectorSelector): string | undefined {
  if (vs.name !== '') return vs.name;
  return vs.matchers.find((m) => m.name === '__name__' && m.type === '=')?.value;
}
