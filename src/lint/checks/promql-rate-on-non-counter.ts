/**
 * `promql/rate-on-non-counter`: `rate`, `irate` and `increase` read a counter; over a gauge
 * they invent resets wherever the value drops. A metric counts as a counter when its name ends
 * in `_total`, `_count`, `_sum` or `_bucket`, when a textfile input declares it `# TYPE x
 * counter`, or when `lint.counters` lists it; `lint.gauges` (or `# TYPE x gauge`) makes it a
 * gauge whatever its name. pint asks Prometheus's metadata API; this is the offline version.
 */
import { selectorName } from '../analysis/ast.js';
import { walkProblems } from '../analysis/problems.js';
import type { Check } from '../check.js';

export const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

export const promqlRateOnNonCounter: Check = {
  id: 'promql/rate-on-non-counter',
  defaultSeverity: 'warning',
  description: 'rate(), irate() and increase() only over counters.',
  check({ project, analysis }) {
    return walkProblems(promqlRateOnNonCounter, project.exprs, (node, report) => {
      if (node.kind !== 'Call' || !COUNTER_FUNCTIONS.has(node.func)) return;
      const arg = node.args[0];
      if (arg?.kind !== 'MatrixSelector') return;
      const name = selectorName(arg.vectorSelector);
      if (name === undefined) return;
      const kind = analysis.metricKind(name);
      if (kind === 'counter' || kind === 'histogram' || kind === 'summary') return;
      const why =
        kind === 'gauge'
          ? 'is declared a gauge'
          : kind === 'recorded'
            ? 'is recorded by a rule (not a counter)'
            : 'does not look like a counter (no _total, _count, _sum or _bucket suffix)';
      const instead = node.func === 'increase' ? 'delta()' : 'deriv()';
      report(
        node.pos,
        `${node.func}() over ${name}, which ${why}: use ${instead} for a gauge, or declare it in lint.counters if it is a counter`,
      );
    });
  },
};
