/**
 * The check interface and the registry: every check, in the order their problems are listed
 * for one place. A check is one object in one file (`checks/<group>-<name>.ts`), with its id,
 * default severity and a one-line description; its documentation is
 * `docs/checks/<group>/<name>.md`.
 *
 * @module
 */
import type { ProjectAnalysis } from './analysis/project.js';
import type { LintConfig } from './config.js';
import type { LintProject } from './model.js';
import type { CheckMeta, Problem } from './types.js';
import { alertAnnotationRequired } from './checks/alert-annotation-required.js';
import { alertComparison } from './checks/alert-comparison.js';
import { alertForMissing } from './checks/alert-for-missing.js';
import { alertTemplate } from './checks/alert-template.js';
import { groupInterval } from './checks/group-interval.js';
import { inputParse } from './checks/input-parse.js';
import { labelRealmConsistency } from './checks/label-realm-consistency.js';
import { labelRequiredMatcher } from './checks/label-required-matcher.js';
import { lintComment } from './checks/lint-comment.js';
import { promqlCounterWithoutRate } from './checks/promql-counter-without-rate.js';
import { promqlFragileAbsent } from './checks/promql-fragile-absent.js';
import { promqlImpossible } from './checks/promql-impossible.js';
import { promqlRangeTooShort } from './checks/promql-range-too-short.js';
import { promqlRateOnNonCounter } from './checks/promql-rate-on-non-counter.js';
import { promqlRegexAnchors } from './checks/promql-regex-anchors.js';
import { promqlRegexStatic } from './checks/promql-regex-static.js';
import { promqlSyntax } from './checks/promql-syntax.js';
import { ruleDependency } from './checks/rule-dependency.js';
import { ruleDuplicate } from './checks/rule-duplicate.js';
import { ruleLabelRequired } from './checks/rule-label-required.js';
import { ruleMissingTest } from './checks/rule-missing-test.js';
import { ruleNameConvention } from './checks/rule-name-convention.js';
import { ruleNormalizedGate } from './checks/rule-normalized-gate.js';
import { ruleRawVsNormalized } from './checks/rule-raw-vs-normalized.js';

export interface CheckContext {
  readonly project: LintProject;
  readonly config: LintConfig;
  readonly analysis: ProjectAnalysis;
  /** Every check id, for checks that read ids written by users. */
  readonly knownChecks: ReadonlySet<string>;
}

export interface Check extends CheckMeta {
  /** Finds problems; never throws for bad input. Problems carry the default severity. */
  check(ctx: CheckContext): Problem[];
}

/** Every check drygate has. */
export const CHECKS: readonly Check[] = [
  inputParse,
  promqlSyntax,
  labelRequiredMatcher,
  labelRealmConsistency,
  promqlRateOnNonCounter,
  promqlCounterWithoutRate,
  promqlRangeTooShort,
  promqlFragileAbsent,
  promqlRegexAnchors,
  promqlRegexStatic,
  promqlImpossible,
  ruleNameConvention,
  ruleNormalizedGate,
  ruleRawVsNormalized,
  ruleDuplicate,
  ruleMissingTest,
  ruleDependency,
  ruleLabelRequired,
  groupInterval,
  alertForMissing,
  alertTemplate,
  alertAnnotationRequired,
  alertComparison,
  lintComment,
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS.map((c) => c.id));
