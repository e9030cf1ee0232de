/**
 * `promql/regex-anchors`: Prometheus anchors every regex matcher (`job=~"api.*"` is
 * `^(?:api.*)$`), so a leading `^` or trailing `$` is redundant and suggests the author expected
 * a substring match. Remove them.
 */
import { quoteString } from '../../promql/parse/literals.js';
import { walkProblems } from '../analysis/problems.js';
import { stripAnchors } from '../analysis/regex.js';
import type { Check } from '../check.js';

export const promqlRegexAnchors: Check = {
  id: 'promql/regex-anchors',
  defaultSeverity: 'warning',
  description: 'Regex matchers do not repeat the anchors Prometheus adds.',
  check({ project }) {
    return walkProblems(promqlRegexAnchors, project.exprs, (node, report) => {
      if (node.kind !== 'VectorSelector') return;
      for (const m of node.matchers) {
        if (m.type !== '=~' && m.type !== '!~') continue;
        const bare = stripAnchors(m.value);
        if (bare === m.value) continue;
        report(
          node.pos,
          `${m.name}${m.type}${quoteString(m.value)} has redundant anchors: Prometheus anchors regex matchers, write ${m.name}${m.type}${quoteString(bare)}`,
        );
      }
    });
  },
};
