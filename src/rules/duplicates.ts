/**
 * promtool's `duplicate-rules` lint: two rules that would write series with the same name and
 * labels (the group's labels merged under the rule's), which makes the recorded data flap
 * between two expressions. As in promtool, the expressions are not compared.
 *
 * @module
 */
import { type Labels, labelsFromRecord } from '../model/labels.js';
import { goQuote } from '../model/quote.js';
import type { Rule, RuleGroup, RuleProblem } from './types.js';

/** The labels a rule's output carries: the group's, overridden by the rule's own. */
function outputLabels(group: RuleGroup, rule: Rule): Labels {
  const merged: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const l of group.labels ?? []) merged[l.name] = l.value;
  for (const l of rule.labels) merged[l.name] = l.value;
  return labelsFromRecord(merged);
}

function formatLabels(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${goQuote(l.value)}`).join(', ')}}`;
}

/**
 * A warning for every rule that repeats the name and labels of an earlier rule in the same
 * file, placed at the repeat and naming where the first one is.
 */
export function findDuplicateRules(groups: readonly RuleGroup[]): RuleProblem[] {
  const first = new Map<string, { group: RuleGroup; rule: Rule }>();
  const problems: RuleProblem[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      const labels = outputLabels(group, rule);
      const key = JSON.stringify([rule.name, labels.map((l) => [l.name, l.value])]);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, { group, rule });
        continue;
      }
      const where = `line ${earlier.rule.source.line} (group ${goQuote(earlier.group.name)}, rule ${earlier.rule.index})`;
      problems.push({
        code: 'duplicate-rule',
        severity: 'warning',
        source: rule.fields[rule.kind === 'recording' ? 'record' : 'alert'] ?? rule.source,
        message: `duplicate rule: ${goQuote(rule.name)} with labels ${formatLabels(labels)} is also defined at ${where}; might cause inconsistency while recording expressions`,
        group: group.name,
        rule: { index: rule.index, name: rule.name },
      });
    }
  }
  return problems;
}
