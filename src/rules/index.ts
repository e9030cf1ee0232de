/**
 * Prometheus rule files: the model (groups of recording and alerting rules with their places
 * in the file), the loader with rulefmt's checks, promtool's duplicate-rules lint, and
 * promtool-style problem text.
 *
 * @example
 * import { loadRuleFile, formatRuleProblem } from 'drygate/rules';
 * const { groups, problems, ruleCount } = loadRuleFile(text, 'rules.yml');
 *
 * @module
 */
export { loadRuleFile } from './load.js';
export type { LoadRuleFileOptions } from './load.js';
export { loadRuleFileBytes, readRuleFile, RuleFileCache } from './read.js';
export { findDuplicateRules } from './duplicates.js';
export { formatRuleProblem } from './format.js';
export type {
  AlertingRule,
  NameValidationScheme,
  RecordingRule,
  Rule,
  RuleField,
  RuleFile,
  RuleGroup,
  RuleProblem,
  RuleProblemCode,
  SourceRef,
} from './types.js';
