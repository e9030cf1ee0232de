/**
 * The one number per step that decides a query gate for any threshold. For an ordering
 * condition (`< <= > >=`) and a match rule, whether the values judged at a step pass depends on
 * the threshold only through one order statistic of them:
 *
 * - `match: all`: the smallest value for `>`/`>=`, the largest for `<`/`<=` (a NaN among them
 *   fails for every threshold);
 * - `match: any`: the largest for `>`/`>=`, the smallest for `<`/`<=`;
 * - `match: count >= k`: the k-th largest for `>`/`>=`, the k-th smallest for `<`/`<=` (fewer
 *   than k numbers fail for every threshold).
 *
 * So the step passes a threshold t exactly when `satisfies(critical, {op, t})`, and a backtest
 * can re-judge every step against any candidate threshold from one float per step, without
 * keeping the values or asking again. NaN stands for "fails whatever the threshold".
 *
 * @module
 */
import type { GateValue } from '../result.js';
import type { ComparisonOp, MatchRule } from '../spec/types.js';

/**
 * The deciding value of the values judged at one step (which must not be "no data").
 *
 * @example criticalValue([{ value: 3 }, { value: 5 }], '>=', { kind: 'all' }) // 3
 */
export function criticalValue(
  values: readonly Pick<GateValue, 'value'>[],
  op: ComparisonOp,
  match: MatchRule,
): number {
  const upward = op === '>' || op === '>=';
  const numbers: number[] = [];
  for (const v of values) {
    if (Number.isNaN(v.value)) {
      // match: all needs every value to pass, and a NaN never does.
      if (match.kind === 'all') return NaN;
    } else numbers.push(v.value);
  }
  // Passing values first: descending for > and >=, ascending for < and <=.
  numbers.sort((a, b) => (upward ? b - a : a - b));
  const k = match.kind === 'all' ? numbers.length : match.kind === 'any' ? 1 : match.min;
  if (k <= 0) return upward ? Infinity : -Infinity;
  return numbers[k - 1] ?? NaN;
}
