/**
 * The Prometheus rule-file model: groups of recording and alerting rules, each carrying the
 * place in the file it came from, and the problems found while loading them (as data).
 *
 * @module
 */
import type { Labels } from '../model/labels.js';
import type { Expr } from '../promql/ast.js';

/** A place in a rule file. Lines and columns start at 1; columns count UTF-16 units. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The keys a rule may have, as written in YAML. */
export type RuleField =
  'record' | 'alert' | 'expr' | 'for' | 'keep_firing_for' | 'labels' | 'annotations';

interface RuleBase {
  /** The `record` or `alert` name. */
  readonly name: string;
  /** The PromQL text as the YAML value reads (block scalars keep their line breaks). */
  readonly expr: string;
  /** The parsed expression; its positions are offsets into `expr`. */
  readonly ast: Expr;
  /** Labels added to the result (an alert's may hold templates), sorted by name. */
  readonly labels: Labels;
  /** 1-based position of the rule in its group, as promtool numbers rules. */
  readonly index: number;
  /** Where the rule's mapping starts. */
  readonly source: SourceRef;
  /** Where each key that is present was written, for checks that point at one field. */
  readonly fields: Readonly<Partial<Record<RuleField, SourceRef>>>;
  /** Where the expression's text starts (past a quote or a block header). */
  readonly exprSource: SourceRef;
  /**
   * Where a character of `expr` was written in the file: follows quotes, escapes, folded lines
   * and block indentation, so a problem found at an AST position is reported at file:line:col.
   */
  readonly exprPosition: (offset: number) => SourceRef;
}

export interface RecordingRule extends RuleBase {
  readonly kind: 'recording';
}

export interface AlertingRule extends RuleBase {
  readonly kind: 'alerting';
  /** How long the condition must hold before the alert fires (0: at once). */
  readonly forMs: number;
  /** How long the alert keeps firing after the condition clears (0: not at all). */
  readonly keepFiringForMs: number;
  /** Annotations, sorted by name; values may hold templates. */
  readonly annotations: Labels;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  readonly name: string;
  /** Evaluation interval; absent means the server's global interval. */
  readonly intervalMs?: number;
  /** Most series (or alerts) a rule may produce; 0 or absent means no limit. */
  readonly limit?: number;
  /** How far back in time the group's rules evaluate (Prometheus 3 `query_offset`). */
  readonly queryOffsetMs?: number;
  /** Labels added to every rule of the group (Prometheus 3), sorted by name. */
  readonly labels?: Labels;
  /** The rules that loaded: every rule without an error of its own. */
  readonly rules: readonly Rule[];
  /** Where the group's mapping starts. */
  readonly source: SourceRef;
}

/** What kind of problem: lets callers filter or count without parsing messages. */
export type RuleProblemCode =
  | 'yaml'
  | 'structure'
  | 'unknown-field'
  | 'duration'
  | 'group-name'
  | 'label'
  | 'annotation'
  | 'rule-kind'
  | 'rule-name'
  | 'expr'
  | 'promql'
  | 'recording-field'
  | 'template'
  | 'duplicate-rule'
  | 'multiple-documents';

/** Something wrong with a rule file: an error fails the file, a warning does not. */
export interface RuleProblem {
  readonly code: RuleProblemCode;
  readonly severity: 'error' | 'warning';
  readonly source: SourceRef;
  /** What is wrong, without position or rule context (those are in the other fields). */
  readonly message: string;
  /** The group's name, when the problem is inside a group. */
  readonly group: string | undefined;
  /** The rule, when the problem is inside one: 1-based index and its record/alert name. */
  readonly rule: { readonly index: number; readonly name: string } | undefined;
}

/** A loaded rule file: the groups, and every problem found, in file order. */
export interface RuleFile {
  readonly file: string;
  readonly groups: readonly RuleGroup[];
  readonly problems: readonly RuleProblem[];
  /** Rules in the file, counted as promtool counts them (every entry under `rules`). */
  readonly ruleCount: number;
}

/** Names of metrics and labels: Prometheus 3's UTF-8 rules, or the classic character set. */
export type NameValidationScheme = 'utf8' | 'legacy';
