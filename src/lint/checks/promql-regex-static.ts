/**
 * `promql/regex-static`: a regex matcher whose pattern is a plain string (`job=~"api"`) is an
 * equality matcher written the slow way; use `=` (or `!=`). From pint's `promql/regexp`.
 */
import { walk } from '../../promql/ast.js';
import { quoteString } from '../../promql/parse/literals.js';
import { exprProblem, ownerOf } from '../analysis/project.js';
import { literalOf } from '../analysis/regex.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'promql/regex-static';

export const promqlRegexStatic: Check = {
  id: ID,
  defaultSeverity: 'info',
  description: 'Regex matchers without metacharacters are written as = or !=.',
  check({ project }) {
    const problems: Problem[] = [];
    for (const expr of project.exprs) {
      walk(expr.ast, (node) => {
        if (node.kind !== 'VectorSelector') return;
        for (const m of node.matchers) {
          if (m.type !== '=~' && m.type !== '!~') continue;
          const literal = literalOf(m.value.replace(/^\^/, '').replace(/\$$/, ''));
          if (literal === undefined) continue;
          const op = m.type === '=~' ? '=' : '!=';
          problems.push(
            exprProblem(
              ID,
              'info',
              expr,
              node.pos,
              `${m.name}${m.type}${quoteString(m.value)} matches one string: write ${m.name}${op}${quoteString(literal)}`,
              `In ${ownerOf(expr)}. An equality matcher is cheaper and says what it means.`,
            ),
          );
        }
      });
    }
    return problems;
  },
};
