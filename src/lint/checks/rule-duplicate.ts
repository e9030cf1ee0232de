/**
 * `rule/duplicate`: two rules with the same expression and labels compute the same thing twice
 * (one of them is probably a copy that will drift); two recording rules with the same name and
 * labels write the same series, which then flaps between their values (promtool's
 * `duplicate-rules`). Compared across every rule file given, with the group's labels merged in.
 */
import { printExpr } from '../../promql/print.js';
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { LintRule } from '../model.js';
import type { Problem } from '../types.js';

function labelsKey(r: LintRule): string {
  const merged = new Map<string, string>();
  for (const l of r.group.labels ?? []) merged.set(l.name, l.value);
  for (const l of r.rule.labels) merged.set(l.name, l.value);
  return JSON.stringify([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const where = (r: LintRule): string => `${r.file}:${r.rule.source.line}`;

export const ruleDuplicate: Check = {
  id: 'rule/duplicate',
  defaultSeverity: 'warning',
  description: 'No two rules share expression and labels, or record the same series.',
  check({ project }) {
    const byExpr = new Map<string, LintRule>();
    const bySeries = new Map<string, LintRule>();
    const problems: Problem[] = [];
    for (const r of project.rules) {
      const labels = labelsKey(r);
      const at = r.rule.fields[r.rule.kind === 'recording' ? 'record' : 'alert'] ?? r.rule.source;
      const exprKey = JSON.stringify([
        r.rule.kind,
        printExpr(r.rule.ast),
        labels,
        r.rule.kind === 'alerting' ? r.rule.name : '',
      ]);
      const sameExpr = byExpr.get(exprKey);
      if (sameExpr !== undefined) {
        problems.push(
          problemAt(
            ruleDuplicate,
            at,
            `${r.rule.kind === 'recording' ? 'rule' : 'alert'} ${JSON.stringify(r.rule.name)} has the same expression and labels as ${JSON.stringify(sameExpr.rule.name)} at ${where(sameExpr)}: remove one, or record once and reuse the series`,
          ),
        );
        continue;
      }
      byExpr.set(exprKey, r);
      if (r.rule.kind !== 'recording') continue;
      const seriesKey = JSON.stringify([r.rule.name, labels]);
      const sameSeries = bySeries.get(seriesKey);
      if (sameSeries !== undefined)
        problems.push(
          problemAt(
            ruleDuplicate,
            at,
            `rule ${JSON.stringify(r.rule.name)} writes the same series as the rule at ${where(sameSeries)} with a different expression: the series will flap between the two; rename one or give it distinguishing labels`,
          ),
        );
      else bySeries.set(seriesKey, r);
    }
    return problems;
  },
};
