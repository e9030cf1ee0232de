/**
 * `drygate test rules --coverage`: which rules of each rule file the tests exercised, and which
 * alert states they asserted. promtool has no such report.
 *
 * A rule is exercised **directly** when a test that ran asserts on it:
 * - a recording rule, when a `promql_expr_test` expression has a selector naming its metric
 *   (`__name__="<record>"`, i.e. the metric name written before the braces);
 * - an alerting rule, when an `alert_rule_test` has its `alertname`, or a `promql_expr_test`
 *   selects `ALERTS` or `ALERTS_FOR_STATE` with `alertname="<alert>"`.
 *
 * A rule is exercised **indirectly** when an exercised rule's expression reads it, the same way,
 * transitively (`alert: Down, expr: heartbeat_ok == 0` with Down tested exercises the recording
 * rule `heartbeat_ok` and every recording rule it reads). Indirect rules count towards the
 * coverage, since the asserted values depend on them, and are marked as such.
 *
 * Alert states asserted by an `alert_rule_test` (evaluated at the check, for its alert):
 * - `firing`: exp_alerts is not empty;
 * - `pending`: the alert had a pending instance (promtool compares firing alerts only, so the
 *   test asserts that instance is not firing yet);
 * - `resolved`: exp_alerts is empty, the alert has no pending or firing instance, and it had one
 *   at an earlier evaluation of the same test group.
 *
 * @module
 */
import { resolve } from 'node:path';
import { type Expr, walk } from '../promql/ast.js';
import { parseExpr } from '../promql/parse/parse.js';
import { METRIC_NAME } from '../model/labels.js';
import { DrygateError } from '../errors.js';
import type { Rule, RuleGroup } from '../rules/types.js';

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertStateName = (typeof ALERT_STATES)[number];

/** What one test file's run gives the coverage. */
export interface CoverageInput {
  /** The rule files the test file loaded. */
  readonly ruleFiles: readonly string[];
  readonly ruleGroups: readonly RuleGroup[];
  /** The `promql_expr_test` expressions of the groups that ran. */
  readonly exprs: readonly string[];
  /** The `alertname`s of the `alert_rule_test`s of the groups that ran. */
  readonly alertTests: readonly string[];
  /** Asserted states per alert name. */
  readonly alertStates: ReadonlyMap<string, ReadonlySet<AlertStateName>>;
}

export interface RuleCoverage {
  readonly file: string;
  readonly group: string;
  /** 1-based position in its group. */
  readonly index: number;
  readonly name: string;
  readonly kind: Rule['kind'];
  readonly line: number;
  /** undefined when no test exercised the rule. */
  readonly exercised: 'direct' | 'indirect' | undefined;
  /** For an indirect rule: the exercised rules that read it. */
  readonly via: readonly string[];
  /** For an alerting rule: the states tests asserted, in {@link ALERT_STATES} order. */
  readonly states: readonly AlertStateName[];
}

export interface FileCoverage {
  readonly ruleFiles: readonly string[];
  /** In file order. */
  readonly rules: readonly RuleCoverage[];
}

/** The metric names and alert names an expression reads. */
export function references(expr: Expr): { metrics: Set<string>; alerts: Set<string> } {
  const metrics = new Set<string>();
  const alerts = new Set<string>();
  walk(expr, (node) => {
    if (node.kind !== 'VectorSelector') return;
    const eq = (name: string): string | undefined =>
      node.matchers.find((m) => m.name === name && m.type === '=')?.value;
    const metric = eq(METRIC_NAME);
    if (metric === undefined) return;
    metrics.add(metric);
    const alertname = eq('alertname');
    if ((metric === 'ALERTS' || metric === 'ALERTS_FOR_STATE') && alertname !== undefined)
      alerts.add(alertname);
  });
  return { metrics, alerts };
}

function parsed(text: string): Expr | undefined {
  try {
    return parseExpr(text);
  } catch (err) {
    // A test whose expression does not parse fails on its own; it exercises nothing.
    if (err instanceof DrygateError) return undefined;
    throw err;
  }
}

/** Coverage of the rules one test file loaded. */
export function fileCoverage(input: CoverageInput): FileCoverage {
  const rules = input.ruleGroups.flatMap((g) => g.rules.map((rule) => ({ group: g, rule })));
  const byName = (kind: Rule['kind']): Map<string, number[]> => {
    const map = new Map<string, number[]>();
    rules.forEach(({ rule }, i) => {
      if (rule.kind !== kind) return;
      map.set(rule.name, [...(map.get(rule.name) ?? []), i]);
    });
    return map;
  };
  const recording = byName('recording');
  const alerting = byName('alerting');
  const status = new Map<number, 'direct' | 'indirect'>();
  const via = new Map<number, Set<string>>();
  const queue: number[] = [];
  const markDirect = (ids: readonly number[] | undefined): void => {
    for (const id of ids ?? []) {
      if (status.get(id) === 'direct') continue;
      if (!status.has(id)) queue.push(id);
      status.set(id, 'direct');
    }
  };
  const markRead = (ids: readonly number[] | undefined, from: Rule): void => {
    for (const id of ids ?? []) {
      if (rules[id]?.rule === from || status.get(id) === 'direct') continue;
      via.set(id, (via.get(id) ?? new Set()).add(from.name));
      if (status.has(id)) continue;
      status.set(id, 'indirect');
      queue.push(id);
    }
  };
  // Every direct mark comes first, so that the walk below never demotes a rule to indirect.
  for (const text of input.exprs) {
    const expr = parsed(text);
    if (expr === undefined) continue;
    const refs = references(expr);
    for (const m of refs.metrics) markDirect(recording.get(m));
    for (const a of refs.alerts) markDirect(alerting.get(a));
  }
  for (const name of input.alertTests) markDirect(alerting.get(name));
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const rule = rules[id]?.rule as Rule;
    const refs = references(rule.ast);
    for (const m of refs.metrics) markRead(recording.get(m), rule);
    for (const a of refs.alerts) markRead(alerting.get(a), rule);
  }

  const out: RuleCoverage[] = rules.map(({ group, rule }, i) => {
    const asserted = rule.kind === 'alerting' ? input.alertStates.get(rule.name) : undefined;
    return {
      file: rule.source.file,
      group: group.name,
      index: rule.index,
      name: rule.name,
      kind: rule.kind,
      line: rule.source.line,
      exercised: status.get(i),
      via: status.get(i) === 'indirect' ? [...(via.get(i) ?? [])].sort() : [],
      states: ALERT_STATES.filter((s) => asserted?.has(s) === true),
    };
  });
  return { ruleFiles: input.ruleFiles, rules: out.sort(byPlace) };
}

function byPlace(a: RuleCoverage, b: RuleCoverage): number {
  return a.file === b.file ? a.line - b.line || a.index - b.index : a.file < b.file ? -1 : 1;
}

export interface RuleFileCoverage {
  readonly file: string;
  readonly rules: readonly RuleCoverage[];
}

export interface CoverageTotals {
  readonly rules: number;
  readonly exercised: number;
  readonly direct: number;
  /** Three per alerting rule. */
  readonly states: number;
  readonly statesAsserted: number;
}

export interface CoverageReport {
  /** In the order the rule files were first loaded. */
  readonly files: readonly RuleFileCoverage[];
  readonly totals: CoverageTotals;
}

/**
 * Merges the coverage of several test files: a rule file loaded by several of them is reported
 * once, each rule exercised if any test file exercised it, with the union of asserted states.
 */
export function mergeCoverage(inputs: readonly FileCoverage[]): CoverageReport {
  const files = new Map<string, { file: string; rules: Map<string, RuleCoverage> }>();
  for (const input of inputs) {
    for (const file of input.ruleFiles) {
      const key = resolve(file);
      if (!files.has(key)) files.set(key, { file, rules: new Map() });
    }
    for (const rule of input.rules) {
      const key = resolve(rule.file);
      let entry = files.get(key);
      if (entry === undefined) {
        entry = { file: rule.file, rules: new Map() };
        files.set(key, entry);
      }
      const ruleKey = `${rule.group}\u0000${rule.index}`;
      const seen = entry.rules.get(ruleKey);
      entry.rules.set(
        ruleKey,
        seen === undefined ? { ...rule, file: entry.file } : merge(seen, rule),
      );
    }
  }
  const out = [...files.values()].map((f) => ({
    file: f.file,
    rules: [...f.rules.values()].sort(byPlace),
  }));
  const all = out.flatMap((f) => f.rules);
  const alerts = all.filter((r) => r.kind === 'alerting');
  return {
    files: out,
    totals: {
      rules: all.length,
      exercised: all.filter((r) => r.exercised !== undefined).length,
      direct: all.filter((r) => r.exercised === 'direct').length,
      states: alerts.length * ALERT_STATES.length,
      statesAsserted: alerts.reduce((n, r) => n + r.states.length, 0),
    },
  };
}

function merge(a: RuleCoverage, b: RuleCoverage): RuleCoverage {
  const exercised =
    a.exercised === 'direct' || b.exercised === 'direct' ? 'direct' : (a.exercised ?? b.exercised);
  const states = new Set([...a.states, ...b.states]);
  return {
    ...a,
    exercised,
    via: exercised === 'indirect' ? [...new Set([...a.via, ...b.via])].sort() : [],
    states: ALERT_STATES.filter((s) => states.has(s)),
  };
}

/** Rule coverage in percent; 100 when there are no rules (nothing is untested). */
export function coveragePercent(totals: CoverageTotals): number {
  return totals.rules === 0 ? 100 : (100 * totals.exercised) / totals.rules;
}

/** Whether the rule coverage is below `minPercent`, compared exactly (no rounding). */
export function belowMinimum(totals: CoverageTotals, minPercent: number): boolean {
  return totals.rules > 0 && 100 * totals.exercised < minPercent * totals.rules;
}

/** One decimal, rounded down, so that a report never shows a threshold as met when it is not. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '100.0%';
  return `${(Math.floor((1000 * part) / whole) / 10).toFixed(1)}%`;
}

function status(rule: RuleCoverage): string {
  if (rule.exercised === 'direct') return 'tested';
  if (rule.exercised === 'indirect') return 'indirect';
  return 'NOT TESTED';
}

function detail(rule: RuleCoverage): string {
  const parts = [`line ${rule.line}`];
  if (rule.exercised === 'indirect') parts.push(`read by ${rule.via.join(', ')}`);
  if (rule.kind === 'alerting' && rule.exercised !== undefined) {
    const missing = ALERT_STATES.filter((s) => !rule.states.includes(s));
    const asserted = rule.states.length === 0 ? 'none' : rule.states.join(', ');
    parts.push(
      `states asserted: ${asserted}` + (missing.length > 0 ? `; not: ${missing.join(', ')}` : ''),
    );
  }
  return parts.join(', ');
}

/**
 * The human report printed after the test results:
 *
 * ```
 * Rule coverage:
 *   rules.yml: 2 of 3 rules exercised (66.7%)
 *     tested      alert   HeartbeatStale  line 9, states asserted: firing; not: pending, resolved
 *     indirect    record  heartbeat_ok    line 4, read by HeartbeatStale
 *     NOT TESTED  record  heartbeat_age   line 6
 *   total: 2 of 3 rules exercised (66.7%), 1 directly; alert states asserted: 1 of 3 (33.3%)
 * ```
 */
export function formatCoverage(report: CoverageReport): string {
  const lines = ['Rule coverage:'];
  for (const file of report.files) {
    const exercised = file.rules.filter((r) => r.exercised !== undefined).length;
    lines.push(
      file.rules.length === 0
        ? `  ${file.file}: no rules`
        : `  ${file.file}: ${exercised} of ${file.rules.length} rules exercised (${formatPercent(exercised, file.rules.length)})`,
    );
    const width = Math.min(40, Math.max(0, ...file.rules.map((r) => r.name.length)));
    for (const r of file.rules) {
      const kind = r.kind === 'recording' ? 'record' : 'alert';
      lines.push(
        `    ${status(r).padEnd(10)}  ${kind.padEnd(6)}  ${r.name.padEnd(width)}  ${detail(r)}`,
      );
    }
  }
  const t = report.totals;
  if (report.files.length === 0) lines.push('  no rule files were loaded');
  const states =
    t.states === 0
      ? ''
      : `; alert states asserted: ${t.statesAsserted} of ${t.states} (${formatPercent(t.statesAsserted, t.states)})`;
  lines.push(
    `  total: ${t.exercised} of ${t.rules} rules exercised (${formatPercent(t.exercised, t.rules)}), ${t.direct} directly${states}`,
  );
  return `${lines.join('\n')}\n`;
}
