/**
 * `promql/range-too-short`: a range selector shorter than four scrape intervals. `rate()` needs
 * two samples in the window, and one missed scrape or a little jitter leaves fewer; four
 * intervals is the usual safety margin. The interval is `lint.scrape_interval` (default 1m,
 * Prometheus's default). pint's `promql/rate` asks the server for it; this reads the config.
 */
import { walk } from '../../promql/ast.js';
import { formatDuration } from '../../model/duration.js';
import { exprProblem, ownerOf } from '../analysis/project.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'promql/range-too-short';
export const MIN_SCRAPES = 4;

export const promqlRangeTooShort: Check = {
  id: ID,
  defaultSeverity: 'warning',
  description: 'Range selectors span at least four scrape intervals.',
  check({ project, config }) {
    const min = MIN_SCRAPES * config.scrapeIntervalMs;
    const problems: Problem[] = [];
    for (const expr of project.exprs) {
      walk(expr.ast, (node) => {
        // A duration expression (`[2 * step()]`) is only known at query time.
        if (node.kind !== 'MatrixSelector' || node.rangeExpr !== null || node.rangeMs >= min)
          return;
        problems.push(
          exprProblem(
            ID,
            'warning',
            expr,
            node.pos,
            `range [${formatDuration(node.rangeMs)}] covers fewer than ${MIN_SCRAPES} scrape intervals of ${formatDuration(config.scrapeIntervalMs)}: use at least [${formatDuration(min)}]`,
            `In ${ownerOf(expr)}. With few samples in the window one missed scrape empties it. Set lint.scrape_interval if your interval is not ${formatDuration(config.scrapeIntervalMs)}.`,
          ),
        );
      });
    }
    return problems;
  },
};
