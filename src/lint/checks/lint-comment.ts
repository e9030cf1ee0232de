/**
 * `lint/comment`: a `# drygate:` comment that drygate cannot act on: an unknown verb (only
 * `ignore` and `ignore-file` exist), no check id, or an id that is not a check. A typo there
 * silently ignores nothing. From pint's `pint/comment`.
 */
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const VERBS = new Set(['ignore', 'ignore-file']);

export const lintComment: Check = {
  id: 'lint/comment',
  defaultSeverity: 'warning',
  description: 'drygate comments name a known verb and known check ids.',
  check({ project, knownChecks }) {
    const problems: Problem[] = [];
    for (const s of project.suppressions.values()) {
      for (const c of s.comments) {
        if (!VERBS.has(c.verb)) {
          problems.push(
            problemAt(
              lintComment,
              c.source,
              `unknown drygate comment ${JSON.stringify(c.verb)}: write "# drygate: ignore <check-id>" or "# drygate: ignore-file <check-id>"`,
            ),
          );
          continue;
        }
        if (c.checks.length === 0)
          problems.push(
            problemAt(
              lintComment,
              c.source,
              `"# drygate: ${c.verb}" names no check: add the check id, such as label/required-matcher`,
            ),
          );
        for (const id of c.checks)
          if (!knownChecks.has(id))
            problems.push(
              problemAt(
                lintComment,
                c.source,
                `"# drygate: ${c.verb} ${id}": no check is called ${JSON.stringify(id)} (see drygate lint --list-checks)`,
              ),
            );
      }
    }
    return problems;
  },
};
