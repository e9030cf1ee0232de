/**
 * `promql/regex-anchors`: Prometheus anchors every regex matcher (`job=~"api.*"` is
 * `^(?:api.*)$`), so a leading `^` or trailing `$` is redundant and suggests the author expected
 * a substring match. Remove them.
 */
import { walk } from '../../promql/ast.js';
import { quoteString } from '../../promql/parse/literals.js';
import { exprProblem, ownerOf } from '../analysis/project.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'promql/regex-anchors';

/** Whether a pattern starts with `^` or ends with an unescaped `$`. */
export function hasAnchors(pattern: string): boolean {
  if (pattern.startsWith('^')) return true;
  const tail = /(\\*)\$$/.exec(pattern);
  return tail !== null && (tail[1] ?? '').length % 2 === 0;
}

export const promqlRegexAnchors: Check = {
  id: ID,
  defaultSeverity: 'warning',
  description: 'Regex matchers do not repeat the anchors Prometheus adds.',
  check({ project }) {
    const problems: Problem[] = [];
    for (const expr of project.exprs) {
      walk(expr.ast, (node) => {
        if (node.kind !== 'VectorSelector') return;
        for (const m of node.matchers) {
          if ((m.type !== '=~' && m.type !== '!~') || !hasAnchors(m.value)) continue;
          const bare = m.value.replace(/^\^/, '').replace(/\$$/, '');
          problems.push(
            exprProblem(
              ID,
              'warning',
              expr,
              node.pos,
              `${m.name}${m.type}${quoteString(m.value)} has redundant anchors: Prometheus anchors regex matchers, write ${m.name}${m.type}${quoteString(bare)}`,
              `In ${ownerOf(expr)}.`,
            ),
          );
        }
      });
    }
    return problems;
  },
};
