/**
 * Builds the `--debug` information of a failing check from the test group's state at the time
 * of the check: the store (input series and rule results so far), the rules and the alert
 * states. What is read is in `debug.ts`; this file decides which expression and which window.
 *
 * @module
 */
import { DrygateError } from '../errors.js';
import type { Expr } from '../promql/ast.js';
import { parseExpr } from '../promql/parse/parse.js';
import type { MemoryStore } from '../promql/store/memory.js';
import type { RuleEvaluator } from '../rules/eval/index.js';
import type { RuleEvalFailure } from '../rules/eval/types.js';
import type { AlertingRule, Rule, RuleGroup } from '../rules/types.js';
import { type DebugInfo, dumpSelectors, type RecordingSource, type SelectorDump } from './debug.js';

/** promtool's engine looks back 5 minutes for instant selectors. */
export const LOOKBACK_MS = 300_000;

function parsedOrUndefined(text: string): Expr | undefined {
  try {
    return parseExpr(text);
  } catch (err) {
    if (err instanceof DrygateError) return undefined;
    throw err;
  }
}

/** Selector dumps, or none when the windows cannot be worked out (the query failed then too). */
function safeDump(
  store: MemoryStore,
  ruleGroups: readonly RuleGroup[],
  expr: Expr,
  source: string,
  first: number,
  last: number,
): SelectorDump[] {
  const recordedBy = new Map<string, RecordingSource[]>();
  for (const g of ruleGroups)
    for (const r of g.rules)
      if (r.kind === 'recording') recordedBy.set(r.name, [...(recordedBy.get(r.name) ?? []), r]);
  try {
    return dumpSelectors(store, expr, source, first, last, LOOKBACK_MS, recordedBy);
  } catch (err) {
    if (err instanceof DrygateError) return [];
    throw err;
  }
}

export function exprTestDebug(
  store: MemoryStore,
  ruleGroups: readonly RuleGroup[],
  text: string,
  at: number,
  mint: number,
): DebugInfo {
  const expr = parsedOrUndefined(text);
  return {
    startMs: mint,
    atMs: at,
    firstMs: at,
    rule: undefined,
    alerts: undefined,
    forMs: undefined,
    selectors: expr === undefined ? [] : safeDump(store, ruleGroups, expr, text, at, at),
  };
}

export function ruleErrorDebug(
  store: MemoryStore,
  ruleGroups: readonly RuleGroup[],
  e: RuleEvalFailure,
  ts: number,
  mint: number,
): DebugInfo | undefined {
  const group = ruleGroups.find((g) => g.name === e.group);
  const rule = group?.rules.find((r) => r.index === e.index);
  if (group === undefined || rule === undefined) return undefined;
  const at = ts - (group.queryOffsetMs ?? 0);
  return {
    startMs: mint,
    atMs: ts,
    firstMs: ts,
    rule: describeRule(rule),
    alerts: undefined,
    forMs: undefined,
    selectors: safeDump(store, ruleGroups, rule.ast, rule.expr, at, at),
  };
}

/** `alert Down (up == 0)`: the rule's kind, name and expression on one line. */
function describeRule(rule: Rule): string {
  const expr = rule.expr.trim().replace(/\s*\n\s*/g, ' ');
  return `${rule.kind === 'alerting' ? 'alert' : 'record'} ${rule.name} (${expr})`;
}

/**
 * For a failed alert check: every instance of the alert (pending and recently resolved ones
 * too), and what each alerting rule of that name read over the evaluations that decide the
 * state now: from `for` + `keep_firing_for` ago up to this evaluation.
 */
export function alertDebug(
  store: MemoryStore,
  evaluator: RuleEvaluator,
  ruleGroups: readonly RuleGroup[],
  alertname: string,
  ts: number,
  mint: number,
): DebugInfo {
  const rules = ruleGroups.flatMap((g) =>
    g.rules
      .filter((r): r is AlertingRule => r.kind === 'alerting' && r.name === alertname)
      .map((rule) => ({ rule, offset: g.queryOffsetMs ?? 0 })),
  );
  // Evaluation times; each evaluation reads `query_offset` earlier.
  const first = (r: AlertingRule): number => Math.max(mint, ts - r.forMs - r.keepFiringForMs);
  const selectors = rules.flatMap(({ rule, offset }) =>
    safeDump(store, ruleGroups, rule.ast, rule.expr, first(rule) - offset, ts - offset),
  );
  const only = rules.length === 1 ? rules[0]?.rule : undefined;
  return {
    startMs: mint,
    atMs: ts,
    firstMs: only === undefined ? ts : first(only),
    rule: only === undefined ? undefined : describeRule(only),
    alerts: evaluator.activeAlerts(alertname, { includeResolved: true }).map((a) => ({
      state: a.state,
      labels: a.labels,
      value: a.value,
      activeAtMs: a.activeAtMs,
      firedAtMs: a.firedAtMs,
      resolvedAtMs: a.resolvedAtMs,
    })),
    forMs: only?.forMs,
    selectors,
  };
}
