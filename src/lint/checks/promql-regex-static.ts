/**
 * `promql/regex-static`: a regex matcher whose pattern is a plain string (`job=~"api"`) is an
 * equality matcher written the slow way; use `=` (or `!=`). From pint's `promql/regexp`.
 */
import { quoteString } from '../../promql/parse/literals.js';
import { walkProblems } from '../analysis/problems.js';
import { literalOf, stripAnchors } from '../analysis/regex.js';
import type { Check } from '../check.js';

export const promqlRegexStatic: Check = {
  id: 'promql/regex-static',
  defaultSeverity: 'info',
  description: 'Regex matchers without metacharacters are written as = or !=.',
  check({ project }) {
    return walkProblems(promqlRegexStatic, project.exprs, (node, report) => {
      if (node.kind !== 'VectorSelector') return;
      for (const m of node.matchers) {
        if (m.type !== '=~' && m.type !== '!~') continue;
        const literal = literalOf(stripAnchors(m.value));
        if (literal === undefined) continue;
        const op = m.type === '=~' ? '=' : '!=';
        report(
          node.pos,
          `${m.name}${m.type}${quoteString(m.value)} matches one string: write ${m.name}${op}${quoteString(literal)}`,
          'An equality matcher is cheaper and says what it means.',
        );
      }
    });
  },
};
