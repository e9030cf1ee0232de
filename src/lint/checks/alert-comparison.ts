/**
 * `alert/comparison`: every series an alert's expression returns is a firing alert. Without a
 * condition (`errors_total > 10`) the alert fires whatever the value, even 0. Conditions count
 * anywhere they filter the result: `x > 1`, `a and b > 0`, `sum(x > 0)`, `absent(x)`. An
 * expression that is only `vector(1)` is taken as a deliberate always-firing alert
 * (a watchdog). From pint's `alerts/comparison`.
 */
import type { Expr } from '../../promql/ast.js';
import { COMPARISON_OPS } from '../../promql/ast.js';
import { exprProblem } from '../analysis/problems.js';
import type { Check } from '../check.js';

/** Whether the expression filters its result by a condition. */
export function hasCondition(e: Expr): boolean {
  switch (e.kind) {
    case 'BinaryExpr':
      if ((COMPARISON_OPS as readonly string[]).includes(e.op)) return !e.returnBool;
      if (e.op === 'or') return hasCondition(e.lhs) && hasCondition(e.rhs);
      return hasCondition(e.lhs) || hasCondition(e.rhs);
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return hasCondition(e.expr);
    case 'AggregateExpr':
      return hasCondition(e.expr);
    case 'Call':
      return e.func === 'absent' || e.func === 'absent_over_time' || e.args.some(hasCondition);
    default:
      return false;
  }
}

export const alertComparison: Check = {
  id: 'alert/comparison',
  defaultSeverity: 'warning',
  description: 'Alert expressions filter by a condition.',
  check({ project }) {
    return project.rules
      .filter((r) => r.rule.kind === 'alerting' && !hasCondition(r.rule.ast))
      .filter((r) => !(r.rule.ast.kind === 'Call' && r.rule.ast.func === 'vector'))
      .map((r) =>
        exprProblem(
          alertComparison,
          r.expr,
          r.rule.ast.pos,
          `alert ${JSON.stringify(r.rule.name)} has no condition, so it fires for every series returned, whatever the value: add one, such as "> 0"`,
        ),
      );
  },
};
