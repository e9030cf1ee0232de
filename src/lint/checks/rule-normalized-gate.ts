/**
 * `rule/normalized-gate`: a recording rule named `..._ok` or `..._pass` (also as the metric part
 * of `level:metric:operations`, `job:x_ok:max5m`) is a gate signal, and a
 * gate signal is 0 or 1. Its expression must be bounded to [0, 1]: a comparison with `bool`,
 * `clamp`/`clamp_max` against 1 of a non-negative value, `min`/`max`/`avg` of such values, a
 * product of such, `1 - x` of such, or a series recorded by such a rule. A rule that may return
 * 3 (a raw `changes()`) makes every `== 1` condition on it wrong.
 */
import type { Check } from '../check.js';
import { exprProblem } from '../analysis/problems.js';
import { isUnit } from '../analysis/bounds.js';
import { isNormalizedName, SignalAnalysis } from '../analysis/signals.js';
import type { Problem } from '../types.js';

function show(x: number): string {
  return x === Infinity ? '+Inf' : x === -Infinity ? '-Inf' : String(x);
}

export const ruleNormalizedGate: Check = {
  id: 'rule/normalized-gate',
  defaultSeverity: 'error',
  description: 'Rules named ..._ok or ..._pass return only values in [0, 1].',
  check({ project }) {
    const signals = new SignalAnalysis(project);
    const problems: Problem[] = [];
    for (const r of project.rules) {
      if (r.rule.kind !== 'recording' || !isNormalizedName(r.rule.name)) continue;
      const b = signals.bounds(r.rule.ast);
      if (isUnit(b)) continue;
      problems.push(
        exprProblem(
          ruleNormalizedGate,
          r.expr,
          r.rule.ast.pos,
          `rule ${JSON.stringify(r.rule.name)} is named as a 0/1 signal but its value can range over [${show(b.lo)}, ${show(b.hi)}]: bound it, e.g. "... > bool 0" or clamp_max(..., 1), or rename it`,
          'Gate conditions such as "== 1" assume a normalized signal. Use a comparison with bool, clamp_max(x, 1) of a non-negative x, or a product of such terms.',
        ),
      );
    }
    return problems;
  },
};
