/**
 * `promql/fragile-absent`: `absent()` returns the labels of its selector's equality matchers, so
 * an alert on `absent(up{job="api"})` says which job is missing. Around an aggregation, a
 * binary operation or a function (`absent(sum(up{job="api"}))`) those labels are lost and the
 * alert carries none. Put `absent()` around the selector itself.
 */
import { walk } from '../../promql/ast.js';
import { exprProblem, ownerOf } from '../analysis/project.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'promql/fragile-absent';

export const promqlFragileAbsent: Check = {
  id: ID,
  defaultSeverity: 'warning',
  description: 'absent() wraps a selector, not an aggregation or operation that loses its labels.',
  check({ project }) {
    const problems: Problem[] = [];
    for (const expr of project.exprs) {
      walk(expr.ast, (node) => {
        if (node.kind !== 'Call' || (node.func !== 'absent' && node.func !== 'absent_over_time'))
          return;
        let arg = node.args[0];
        while (arg?.kind === 'ParenExpr') arg = arg.expr;
        if (arg === undefined || arg.kind === 'VectorSelector' || arg.kind === 'MatrixSelector')
          return;
        if (arg.kind === 'SubqueryExpr') {
          let inner = arg.expr;
          while (inner.kind === 'ParenExpr') inner = inner.expr;
          if (inner.kind === 'VectorSelector') return;
        }
        const what =
          arg.kind === 'AggregateExpr'
            ? `${arg.op}()`
            : arg.kind === 'BinaryExpr'
              ? `a "${arg.op}" operation`
              : arg.kind === 'Call'
                ? `${arg.func}()`
                : 'an expression';
        problems.push(
          exprProblem(
            ID,
            'warning',
            expr,
            node.pos,
            `${node.func}() over ${what} returns no labels: put ${node.func}() around the selector itself`,
            `In ${ownerOf(expr)}. absent() copies the labels of its selector's equality matchers to the result; through ${what} they are lost, so the alert cannot say what is missing.`,
          ),
        );
      });
    }
    return problems;
  },
};
