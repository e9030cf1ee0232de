/**
 * Query, freshness and burn-rate gates as plans: the queries to send and how to judge their
 * answers at one step. The same plan is judged now (instant queries), over a hold window, over
 * the probability lookback and over a backtest (range queries), so all of them agree.
 *
 * @module
 */
import { formatDuration } from '../../model/duration.js';
import type { GateValue } from '../result.js';
import type { BurnRateGate, FreshnessGate, QueryGate } from '../spec/types.js';
import { type Judgement, type Observed, judge, satisfies } from './judge.js';

export interface PlannedQuery {
  readonly role: string;
  readonly sent: string;
  /** Sent (now) or used (in a range) only where this other role has no data. */
  readonly onlyWhenEmpty?: string;
}

export interface StepPlan {
  readonly queries: readonly PlannedQuery[];
  /** The gate must have passed at every step of this window. */
  readonly holdMs: number;
  readonly stepMs: number;
  readonly condition: string;
  /**
   * Judges the answers at `atMs`, one list of observed values per role. With `explain` false
   * the judgement has no reason text and its values no notes (see `judge`).
   */
  judge(
    atMs: number,
    byRole: ReadonlyMap<string, readonly Observed[]>,
    explain?: boolean,
  ): Judgement;
}

export type PlannedGate = QueryGate | FreshnessGate | BurnRateGate;

export function planFor(gate: PlannedGate): StepPlan {
  switch (gate.kind) {
    case 'query':
      return queryPlan(gate);
    case 'freshness':
      return freshnessPlan(gate);
    case 'burn-rate':
      return burnRatePlan(gate);
  }
}

function usable(values: readonly Observed[] | undefined): boolean {
  return values !== undefined && values.some((o) => !Number.isNaN(o.value));
}

function queryPlan(gate: QueryGate): StepPlan {
  const queries: PlannedQuery[] = [{ role: 'primary', sent: gate.query.sent }];
  if (gate.fallback !== undefined)
    queries.push({ role: 'fallback', sent: gate.fallback.sent, onlyWhenEmpty: 'primary' });
  const test = (v: number): boolean => satisfies(v, gate.condition);
  const wanted = gate.condition.text;
  return {
    queries,
    holdMs: gate.holdMs,
    stepMs: gate.stepMs,
    condition: gate.condition.text,
    judge(_atMs, byRole, explain = true) {
      const primary = byRole.get('primary') ?? [];
      if (gate.fallback === undefined) return judge(primary, test, wanted, gate.match, explain);
      if (usable(primary))
        return { ...judge(primary, test, wanted, gate.match, explain), decidedBy: 'primary' };
      const fallback = judge(byRole.get('fallback') ?? [], test, wanted, gate.match, explain);
      return {
        ...fallback,
        reason: explain ? `primary query had no data; fallback: ${fallback.reason}` : '',
        decidedBy: 'fallback',
      };
    },
  };
}

const MAX_CLOCK_SKEW_S = 300;

function freshnessPlan(gate: FreshnessGate): StepPlan {
  const maxAgeS = gate.maxAgeMs / 1000;
  const wanted = `within ${formatDuration(gate.maxAgeMs)}`;
  return {
    queries: [{ role: 'primary', sent: gate.query.sent }],
    holdMs: 0,
    stepMs: gate.stepMs,
    condition: `age <= ${formatDuration(gate.maxAgeMs)}`,
    judge(atMs, byRole, explain = true) {
      const ages = (byRole.get('primary') ?? []).map((o) => {
        const age = atMs / 1000 - o.value;
        return explain
          ? { labels: o.labels, value: age, note: `age ${describeAge(age)}` }
          : { labels: o.labels, value: age };
      });
      // A timestamp more than a few minutes in the future is a broken clock or metric, not fresh.
      const fresh = (age: number): boolean => age <= maxAgeS && age >= -MAX_CLOCK_SKEW_S;
      return judge(ages, fresh, wanted, gate.match, explain);
    },
  };
}

function describeAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `${describeAge(-seconds)} in the future`;
  return seconds < 1
    ? `${Math.round(seconds * 1000)}ms`
    : formatDuration(Math.round(seconds) * 1000);
}

export function windowRole(ms: number): string {
  return `ratio ${formatDuration(ms)}`;
}

function burnRatePlan(gate: BurnRateGate): StepPlan {
  const budget = 1 - gate.objective;
  const queries = [...gate.ratioQueries].map(([ms, q]) => ({ role: windowRole(ms), sent: q.sent }));
  const condition = gate.windows
    .map(
      (w) => `burn < ${w.factor} over ${formatDuration(w.longMs)} and ${formatDuration(w.shortMs)}`,
    )
    .join(', ');
  // Each window's labels are the same at every step.
  const windows = gate.windows.map((w) => ({
    window: w,
    labels: [
      { name: 'long', value: formatDuration(w.longMs) },
      { name: 'short', value: formatDuration(w.shortMs) },
    ],
  }));
  return {
    queries,
    holdMs: 0,
    stepMs: gate.stepMs,
    condition,
    judge(_atMs, byRole, explain = true) {
      const burn = (ms: number): number => {
        const values = (byRole.get(windowRole(ms)) ?? []).map((o) => o.value);
        const finite = values.filter((v) => !Number.isNaN(v));
        return finite.length === 0 ? NaN : Math.max(...finite) / budget;
      };
      const values: GateValue[] = windows.map(({ window: w, labels }) => {
        const long = burn(w.longMs);
        const short = burn(w.shortMs);
        // The pair fires when both windows burn faster than the factor: min(long, short) > factor.
        const value = Math.min(long, short);
        const passed = !Number.isNaN(value) && value <= w.factor;
        if (!explain) return { labels, value, passed };
        const note = `burn ${round(long)} over ${formatDuration(w.longMs)}, ${round(short)} over ${formatDuration(w.shortMs)} (factor ${w.factor})`;
        return { labels, value, note, passed };
      });
      const firing = values.filter((v) => !Number.isNaN(v.value) && !v.passed);
      const notes = (vs: readonly GateValue[]): string => vs.map((v) => v.note).join('; ');
      if (firing.length > 0)
        return {
          state: 'fail',
          values,
          reason: explain ? `error budget burning too fast: ${notes(firing)}` : '',
        };
      if (values.some((v) => Number.isNaN(v.value)))
        return {
          state: 'nodata',
          values,
          reason: explain ? 'no data: no events in a window, so no error ratio' : '',
        };
      return {
        state: 'pass',
        values,
        reason: explain ? `burn rates within budget: ${notes(values)}` : '',
      };
    },
  };
}

function round(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(Math.round(x * 100) / 100);
}
