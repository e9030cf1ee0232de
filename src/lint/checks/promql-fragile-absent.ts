/**
 * `promql/fragile-absent`: `absent()` returns the labels of its selector's equality matchers, so
 * an alert on `absent(up{job="api"})` says which job is missing. Around an aggregation, a
 * binary operation or a function (`absent(sum(up{job="api"}))`) those labels are lost and the
 * alert carries none. Put `absent()` around the selector itself.
 */
import { stripParens } from '../analysis/ast.js';
import { walkProblems } from '../analysis/problems.js';
import type { Check } from '../check.js';

export const promqlFragileAbsent: Check = {
  id: 'promql/fragile-absent',
  defaultSeverity: 'warning',
  description: 'absent() wraps a selector, not an aggregation or operation that loses its labels.',
  check({ project }) {
    return walkProblems(promqlFragileAbsent, project.exprs, (node, report) => {
      if (node.kind !== 'Call' || (node.func !== 'absent' && node.func !== 'absent_over_time'))
        return;
      const arg = node.args[0] === undefined ? undefined : stripParens(node.args[0]);
      if (arg === undefined || arg.kind === 'VectorSelector' || arg.kind === 'MatrixSelector')
        return;
      if (arg.kind === 'SubqueryExpr' && stripParens(arg.expr).kind === 'VectorSelector') return;
      const what =
        arg.kind === 'AggregateExpr'
          ? `${arg.op}()`
          : arg.kind === 'BinaryExpr'
            ? `a "${arg.op}" operation`
            : arg.kind === 'Call'
              ? `${arg.func}()`
              : 'an expression';
      report(
        node.pos,
        `${node.func}() over ${what} returns no labels: put ${node.func}() around the selector itself`,
        `absent() copies the labels of its selector's equality matchers to the result; through ${what} they are lost, so the alert cannot say what is missing.`,
      );
    });
  },
};
