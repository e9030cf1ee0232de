/**
 * Rule files as lint sees them: the rule loader's model (rulefmt's checks included), each rule's
 * expression tied to its place in the file, and the loader's problems as lint problems.
 *
 * @module
 */
import { loadRuleFile } from '../../rules/load.js';
import type { RuleFile, RuleProblem, RuleProblemCode } from '../../rules/types.js';
import type { LintExpr, LintRule } from '../model.js';
import type { SourceText } from '../source.js';
import type { Problem } from '../types.js';
import { scalarLocation, scalarStyleAfterKey } from './expr.js';

/** Which check reports a loader problem. */
function checkFor(code: RuleProblemCode): string {
  if (code === 'promql') return 'promql/syntax';
  if (code === 'template') return 'alert/template';
  return 'input/parse';
}

export function ruleProblem(p: RuleProblem): Problem {
  const where =
    p.rule === undefined
      ? p.group === undefined
        ? ''
        : `group ${JSON.stringify(p.group)}: `
      : `rule ${JSON.stringify(p.rule.name === '' ? `#${p.rule.index}` : p.rule.name)}: `;
  return {
    check: checkFor(p.code),
    severity: p.severity,
    summary: `${where}${p.message}`,
    details: '',
    source: p.source,
    diagnostics: [],
  };
}

export interface ReadRules {
  readonly file: RuleFile;
  readonly rules: readonly LintRule[];
  readonly problems: readonly Problem[];
}

/** Loads a rule file's text and ties every rule's expression to the file. */
export function readRules(source: SourceText): ReadRules {
  const loaded = loadRuleFile(source.text, source.file);
  const rules: LintRule[] = [];
  for (const group of loaded.groups) {
    for (const rule of group.rules) {
      const keyAt = rule.fields.expr;
      const style =
        keyAt === undefined ? 'PLAIN' : scalarStyleAfterKey(source.text, source.offsetOf(keyAt));
      const entry = { file: source.file, group, rule, expr: undefined as unknown as LintExpr };
      const expr: LintExpr = {
        file: source.file,
        origin: 'rule',
        text: rule.expr,
        ast: rule.ast,
        position: rule.exprPosition,
        location: scalarLocation(source, style, rule.exprPosition),
        rule: entry,
        gate: undefined,
      };
      entry.expr = expr;
      rules.push(entry);
    }
  }
  return { file: loaded, rules, problems: loaded.problems.map(ruleProblem) };
}
