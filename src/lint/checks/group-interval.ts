/**
 * `group/interval`: a group evaluated less often than every 5 minutes writes samples further
 * apart than Prometheus's 5 minute lookback, so its series look absent between evaluations.
 * From pint's `group/interval`.
 */
import { formatDuration } from '../../model/duration.js';
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { RuleGroup } from '../../rules/types.js';

export const groupInterval: Check = {
  id: 'group/interval',
  defaultSeverity: 'warning',
  description: 'Rule groups are evaluated at least every 5 minutes.',
  check({ project, config }) {
    const seen = new Set<RuleGroup>();
    const out = [];
    for (const r of project.rules) {
      const g = r.group;
      if (seen.has(g)) continue;
      seen.add(g);
      if (g.intervalMs === undefined || g.intervalMs <= config.maxGroupIntervalMs) continue;
      out.push(
        problemAt(
          groupInterval,
          g.source,
          `group ${JSON.stringify(g.name)} is evaluated every ${formatDuration(g.intervalMs)}, longer than the ${formatDuration(config.maxGroupIntervalMs)} lookback: its series go missing between evaluations; use interval: ${formatDuration(config.maxGroupIntervalMs)} or less`,
        ),
      );
    }
    return out;
  },
};
