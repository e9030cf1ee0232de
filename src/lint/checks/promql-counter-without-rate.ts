/**
 * `promql/counter-without-rate`: a counter's raw value (`errors_total > 10`) only says how many
 * events happened since the process started; it resets on restart. Compare or combine its
 * rate (`rate`, `increase`, `irate`) instead. A counter is a name ending in `_total`, or one
 * declared a counter (`lint.counters`, `# TYPE x counter`). Counters inside range functions
 * (`rate`, `changes`, `resets`, `*_over_time`), set operators (`and`, `or`, `unless`),
 * `timestamp()` and `absent()` are fine, and so is `x_total - x_total offset 1h`.
 */
import type { Expr, VectorSelector } from '../../promql/ast.js';
import { ARITHMETIC_OPS, COMPARISON_OPS } from '../../promql/ast.js';
import { selectorName, stripParens } from '../analysis/ast.js';
import { walkProblems } from '../analysis/problems.js';
import type { ProjectAnalysis } from '../analysis/project.js';
import type { Check } from '../check.js';

/** Calls and aggregations that pass a value through unchanged enough to keep it "raw". */
const PASS_THROUGH = new Set([
  'abs',
  'ceil',
  'floor',
  'round',
  'clamp',
  'clamp_max',
  'clamp_min',
  'label_replace',
  'label_join',
  'sort',
  'sort_desc',
  'sort_by_label',
  'sort_by_label_desc',
  'last_over_time',
]);
const VALUE_OPS = new Set<string>([...ARITHMETIC_OPS, ...COMPARISON_OPS]);

function isCounter(vs: VectorSelector, analysis: ProjectAnalysis): boolean {
  const name = selectorName(vs);
  if (name === undefined) return false;
  if (name.endsWith('_total')) return analysis.metricKind(name) !== 'gauge';
  return analysis.metricKind(name) === 'counter' && !/_(count|sum|bucket)$/.test(name);
}

/** `a - a offset 1h`: the counter's growth, written by hand. */
function isManualIncrease(bin: Expr): boolean {
  if (bin.kind !== 'BinaryExpr' || bin.op !== '-') return false;
  const l = stripParens(bin.lhs);
  const r = stripParens(bin.rhs);
  return (
    l.kind === 'VectorSelector' &&
    r.kind === 'VectorSelector' &&
    l.name === r.name &&
    (r.offsetMs !== 0 || r.offsetExpr !== null || r.at !== null)
  );
}

export const promqlCounterWithoutRate: Check = {
  id: 'promql/counter-without-rate',
  defaultSeverity: 'warning',
  description: 'Counters are used through rate(), increase() or irate(), not raw.',
  check({ project, analysis }) {
    return walkProblems(promqlCounterWithoutRate, project.exprs, (node, report, path) => {
      if (node.kind !== 'VectorSelector' || !isCounter(node, analysis)) return;
      // Walk up to the first operator that consumes the value.
      for (let i = path.length - 1; i >= 0; i--) {
        const up = path[i] as Expr;
        if (up.kind === 'ParenExpr' || up.kind === 'UnaryExpr') continue;
        if (
          up.kind === 'AggregateExpr' &&
          up.op !== 'count' &&
          up.op !== 'group' &&
          up.op !== 'count_values'
        )
          continue;
        if (up.kind === 'Call' && PASS_THROUGH.has(up.func)) continue;
        if (up.kind === 'BinaryExpr' && VALUE_OPS.has(up.op) && !isManualIncrease(up))
          report(
            node.pos,
            `counter ${node.name} is used raw in "${up.op}": use rate(${node.name}[...]) or increase(${node.name}[...]) instead`,
            "A counter's value only says how much happened since the process started, and drops to 0 on restart.",
          );
        return;
      }
    });
  },
};
