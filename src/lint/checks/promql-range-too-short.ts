/**
 * `promql/range-too-short`: a range selector shorter than four scrape intervals. `rate()` needs
 * two samples in the window, and one missed scrape or a little jitter leaves fewer; four
 * intervals is the usual safety margin. The interval is `lint.scrape_interval` (default 1m,
 * Prometheus's default). pint's `promql/rate` asks the server for it; this reads the config.
 */
import { formatDuration } from '../../model/duration.js';
import { walkProblems } from '../analysis/problems.js';
import type { Check } from '../check.js';

export const MIN_SCRAPES = 4;

export const promqlRangeTooShort: Check = {
  id: 'promql/range-too-short',
  defaultSeverity: 'warning',
  description: 'Range selectors span at least four scrape intervals.',
  check({ project, config }) {
    const min = MIN_SCRAPES * config.scrapeIntervalMs;
    return walkProblems(promqlRangeTooShort, project.exprs, (node, report) => {
      // A duration expression (`[2 * step()]`) is only known at query time.
      if (node.kind !== 'MatrixSelector' || node.rangeExpr !== null || node.rangeMs >= min) return;
      report(
        node.pos,
        `range [${formatDuration(node.rangeMs)}] covers fewer than ${MIN_SCRAPES} scrape intervals of ${formatDuration(config.scrapeIntervalMs)}: use at least [${formatDuration(min)}]`,
        `With few samples in the window one missed scrape empties it. Set lint.scrape_interval if your interval is not ${formatDuration(config.scrapeIntervalMs)}.`,
      );
    });
  },
};
