/**
 * `alert/for-missing`: an alert without `for` fires on the first evaluation its expression
 * returns anything. For a noisy expression that pages on a blip. Noisy means: `absent()`
 * (true for a moment after every Prometheus restart, until the first scrape; pint's
 * `alerts/absent` asks for `for` of at least 2 scrape intervals), `irate()`/`idelta()` (two
 * samples), `topk()`/`bottomk()`/`limitk()` (a different series set each time; pint's
 * `promql/fragile`), arithmetic between two aggregations (half-scraped after a restart; also
 * pint's `promql/fragile`), or a comparison on an instant selector (one odd scrape).
 */
import { formatDuration } from '../../model/duration.js';
import { type Expr, walk } from '../../promql/ast.js';
import { ARITHMETIC_OPS, COMPARISON_OPS } from '../../promql/ast.js';
import { stripParens } from '../analysis/ast.js';
import { exprProblem } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const SAMPLING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/**
 * Why an expression is noisy, with the node to point at; undefined when it is not. Series
 * recorded by rules (`isRecorded`, or a name with `:`) are taken as already smoothed.
 */
export function noise(
  expr: Expr,
  isRecorded: (name: string) => boolean,
): { why: string; node: Expr; absent: boolean } | undefined {
  let found: { why: string; node: Expr; absent: boolean } | undefined;
  walk(expr, (node, path) => {
    if (found !== undefined) return;
    if (node.kind === 'Call' && (node.func === 'absent' || node.func === 'absent_over_time'))
      found = {
        why: `${node.func}() is true right after a Prometheus restart, before the first scrape`,
        node,
        absent: true,
      };
    else if (node.kind === 'Call' && (node.func === 'irate' || node.func === 'idelta'))
      found = { why: `${node.func}() looks at the last two samples only`, node, absent: false };
    else if (node.kind === 'AggregateExpr' && SAMPLING.has(node.op))
      found = {
        why: `${node.op}() may return a different set of series on each evaluation`,
        node,
        absent: false,
      };
    else if (
      node.kind === 'BinaryExpr' &&
      (ARITHMETIC_OPS as readonly string[]).includes(node.op) &&
      stripParens(node.lhs).kind === 'AggregateExpr' &&
      stripParens(node.rhs).kind === 'AggregateExpr'
    )
      found = {
        why: 'arithmetic between two aggregations is skewed while targets are still being scraped after a restart',
        node,
        absent: false,
      };
    else if (
      node.kind === 'VectorSelector' &&
      !node.name.includes(':') &&
      !isRecorded(node.name) &&
      !path.some((p) => p.kind === 'MatrixSelector' || p.kind === 'SubqueryExpr')
    ) {
      const parent = path[path.length - 1];
      const cmp =
        parent?.kind === 'BinaryExpr' &&
        (COMPARISON_OPS as readonly string[]).includes(parent.op) &&
        !parent.returnBool;
      if (cmp)
        found = {
          why: `"${node.name} ${parent.op} ..." compares a single scrape`,
          node: parent,
          absent: false,
        };
    }
  });
  return found;
}

export const alertForMissing: Check = {
  id: 'alert/for-missing',
  defaultSeverity: 'warning',
  description: 'Alerts on noisy expressions wait with for: before firing.',
  check({ project, config }) {
    const problems: Problem[] = [];
    const min = 2 * config.scrapeIntervalMs;
    for (const r of project.rules) {
      if (r.rule.kind !== 'alerting') continue;
      const n = noise(r.rule.ast, (name) => project.recording.has(name));
      if (n === undefined) continue;
      if (r.rule.forMs >= (n.absent ? min : 1)) continue;
      const suggest = formatDuration(Math.max(min, 5 * 60_000));
      const summary =
        r.rule.forMs === 0
          ? `alert ${JSON.stringify(r.rule.name)} fires at once (no for:), and ${n.why}: add for: ${suggest} (at least ${formatDuration(min)})`
          : `alert ${JSON.stringify(r.rule.name)} waits for: ${formatDuration(r.rule.forMs)}, under 2 scrape intervals (${formatDuration(min)}), but ${n.why}: use for: ${suggest}`;
      problems.push(exprProblem(alertForMissing, r.expr, n.node.pos, summary));
    }
    return problems;
  },
};
