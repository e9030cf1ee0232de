/**
 * What the checks look at: every input read into one project, with each PromQL expression tied
 * to the place in its file, so a problem points at file:line:col and `--fix` can edit the text.
 *
 * @module
 */
import type { MetricType } from '../exposition/types.js';
import type { Labels } from '../model/labels.js';
import type { Expr } from '../promql/ast.js';
import type { Rule, RuleGroup, SourceRef } from '../rules/types.js';
import type { ScalarStyle } from '../rules/scalar-offsets.js';
import type { TestGroup } from '../unittest/types.js';
import type { Problem } from './types.js';
import type { SourceText } from './source.js';

/** Where an expression's characters sit in the file, for edits; see fix.ts. */
export interface ScalarLocation {
  readonly style: ScalarStyle;
  /** The file offset of `text[i]`; for `i === text.length`, just past the last visible character. */
  readonly offsetOf: (i: number) => number;
}

export interface LintExpr {
  readonly file: string;
  readonly origin: 'rule' | 'gate' | 'test';
  /** The PromQL text, as the YAML value reads. */
  readonly text: string;
  readonly ast: Expr;
  /** Where a character of `text` was written in the file. */
  readonly position: (offset: number) => SourceRef;
  /** How to edit the expression in place; undefined when it cannot be edited (unit tests). */
  readonly location: ScalarLocation | undefined;
  /** The rule, for a rule's expression. */
  readonly rule: LintRule | undefined;
  /** The gate, for a gate's expression. */
  readonly gate: GateQuery | undefined;
}

export interface LintRule {
  readonly file: string;
  readonly group: RuleGroup;
  readonly rule: Rule;
  readonly expr: LintExpr;
}

/** A gate's `condition`, such as `== 1`. */
export interface GateCondition {
  readonly op: string;
  readonly value: number;
  readonly source: SourceRef;
}

export interface GateQuery {
  readonly file: string;
  /** The gate's name, with its parents' (`canary/eu`). */
  readonly gate: string;
  readonly role: 'query' | 'fallback' | 'errors' | 'total';
  readonly condition: GateCondition | undefined;
  readonly expr: LintExpr;
}

/** A label value written somewhere outside PromQL, for realm consistency. */
export interface LabelObservation {
  readonly label: string;
  readonly value: string;
  readonly source: SourceRef;
  /** Where it comes from, in words for messages: `the gate spec's require`, `a heartbeat textfile`. */
  readonly where: string;
  readonly kind: 'heartbeat' | 'scrape' | 'gate' | 'rule-label' | 'test-series';
}

export interface LintGateFile {
  readonly file: string;
  /** Matchers the gate spec injects into every query (`require:`). */
  readonly require: readonly LabelObservation[];
  readonly queries: readonly GateQuery[];
}

export interface LintTestFile {
  readonly file: string;
  /** The parsed file, or undefined when it did not parse (the problem is reported). */
  readonly groups: readonly TestGroup[] | undefined;
  /** `promql_expr_test` expressions that parsed. */
  readonly exprs: readonly LintExpr[];
  /** `alert_rule_test` alert names. */
  readonly alertnames: readonly string[];
  /** Input series labels, where each was written. */
  readonly series: readonly { readonly labels: Labels; readonly source: SourceRef }[];
}

/** A stretch of lines that an in-file ignore comment applies to (a rule, a group, a gate). */
export interface Block {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly ignored: ReadonlySet<string>;
}

/** An in-file `# drygate:` comment, as written. */
export interface DirectiveComment {
  readonly source: SourceRef;
  readonly verb: string;
  readonly checks: readonly string[];
}

export interface FileSuppressions {
  /** Checks ignored for the whole file (`# drygate: ignore-file <id>`). */
  readonly file: ReadonlySet<string>;
  readonly blocks: readonly Block[];
  readonly comments: readonly DirectiveComment[];
}

export interface LintProject {
  /** Every file read, by path (a file that is not UTF-8 has a problem but no source). */
  readonly sources: ReadonlyMap<string, SourceText>;
  /** How many input files were read, of any kind. */
  readonly fileCount: number;
  readonly rules: readonly LintRule[];
  readonly gates: readonly LintGateFile[];
  readonly tests: readonly LintTestFile[];
  /** Every expression that parsed: rules, then gates, then unit tests. */
  readonly exprs: readonly LintExpr[];
  /** Label values written outside PromQL (heartbeat textfiles, scrape targets, gate `require`). */
  readonly observations: readonly LabelObservation[];
  /** Metric types declared by exposition inputs (`# TYPE x counter`). */
  readonly metricTypes: ReadonlyMap<string, MetricType>;
  /** `global.scrape_interval` of a `prometheus.yml` among the inputs. */
  readonly scrapeIntervalMs: number | undefined;
  /** Recording rules by the name they record. */
  readonly recording: ReadonlyMap<string, readonly LintRule[]>;
  /** Problems found while reading the inputs (syntax, structure). */
  readonly inputProblems: readonly Problem[];
  readonly suppressions: ReadonlyMap<string, FileSuppressions>;
}
