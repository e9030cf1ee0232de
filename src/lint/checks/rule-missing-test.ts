/**
 * `rule/missing-test`: when unit-test files are among the inputs, every rule is exercised by a
 * test: an alert by an `alert_rule_test` naming it, a recording rule by a `promql_expr_test`
 * that reads its series, or by a tested rule that reads it (directly or through other rules).
 */
import { type Expr, walk } from '../../promql/ast.js';
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

function names(expr: Expr): string[] {
  const out: string[] = [];
  walk(expr, (n) => {
    if (n.kind === 'VectorSelector' && n.name !== '') out.push(n.name);
  });
  return out;
}

export const ruleMissingTest: Check = {
  id: 'rule/missing-test',
  defaultSeverity: 'warning',
  description: 'Every rule is exercised by a unit test, when test files are given.',
  check({ project }) {
    if (project.tests.length === 0) return [];
    const testedAlerts = new Set(project.tests.flatMap((t) => t.alertnames));
    const read = new Set<string>();
    const queue: string[] = project.tests.flatMap((t) => t.exprs.flatMap((e) => names(e.ast)));
    for (const r of project.rules)
      if (r.rule.kind === 'alerting' && testedAlerts.has(r.rule.name))
        queue.push(...names(r.rule.ast));
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (read.has(name)) continue;
      read.add(name);
      for (const r of project.recording.get(name) ?? []) queue.push(...names(r.rule.ast));
    }
    const problems: Problem[] = [];
    for (const r of project.rules) {
      const tested =
        r.rule.kind === 'alerting' ? testedAlerts.has(r.rule.name) : read.has(r.rule.name);
      if (tested) continue;
      const how =
        r.rule.kind === 'alerting'
          ? `an alert_rule_test with alertname: ${r.rule.name}`
          : `a promql_expr_test that reads ${r.rule.name}`;
      problems.push(
        problemAt(
          ruleMissingTest,
          r.rule.fields[r.rule.kind === 'recording' ? 'record' : 'alert'] ?? r.rule.source,
          `${r.rule.kind === 'alerting' ? 'alert' : 'rule'} ${JSON.stringify(r.rule.name)} is not exercised by any unit test given: add ${how}`,
        ),
      );
    }
    return problems;
  },
};
