/**
 * Running a plan against a source: now (instant queries, or one range query per role over a
 * hold window) and over a time range (one range query per role, never one per step).
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { formatDuration } from '../../model/duration.js';
import type { Value } from '../../promql/value.js';
import type { SentQuery } from '../result.js';
import type { MetricsSource } from '../source/types.js';
import type { Judgement, Observed } from './judge.js';
import type { PlannedQuery, StepPlan } from './plan.js';

/** The most steps in one range query (Prometheus's limit per series). */
export const MAX_POINTS = 11_000;

export interface PlanRun {
  readonly judgement: Judgement;
  readonly queries: readonly SentQuery[];
  readonly warnings: readonly string[];
}

export interface StepJudgement {
  readonly t: number;
  readonly judgement: Judgement;
}

export interface PlanTimeline {
  readonly steps: readonly StepJudgement[];
  readonly queries: readonly SentQuery[];
  readonly warnings: readonly string[];
}

function instantObserved(value: Value): Observed[] {
  switch (value.type) {
    case 'vector':
      return value.samples.map((s) => ({ labels: s.labels, value: s.f }));
    case 'scalar':
      return [{ labels: [], value: value.f }];
    default:
      throw new QueryError(
        `the query returned a ${value.type === 'matrix' ? 'range vector' : 'string'}; a gate needs an instant vector or a scalar`,
      );
  }
}

function rangeObserved(value: Value): Map<number, Observed[]> {
  if (value.type !== 'matrix')
    throw new QueryError(`a range query returned a ${value.type}, not a matrix`);
  const byTime = new Map<number, Observed[]>();
  for (const series of value.series) {
    for (const p of series.points) {
      let list = byTime.get(p.t);
      if (list === undefined) byTime.set(p.t, (list = []));
      list.push({ labels: series.labels, value: p.f });
    }
  }
  return byTime;
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; durationMs: number }> {
  const start = performance.now();
  const result = await run();
  return { result, durationMs: performance.now() - start };
}

/** The plan judged at `atMs`; a hold window makes it a range evaluation ending there. */
export async function runPlanAt(
  plan: StepPlan,
  source: MetricsSource,
  atMs: number,
): Promise<PlanRun> {
  if (plan.holdMs > 0) {
    const timeline = await runPlanRange(plan, source, atMs, atMs);
    const last = timeline.steps[timeline.steps.length - 1] as StepJudgement;
    return { judgement: last.judgement, queries: timeline.queries, warnings: timeline.warnings };
  }
  const byRole = new Map<string, Observed[]>();
  const roleOrder = (role: string): number => plan.queries.findIndex((q) => q.role === role);
  const queries: SentQuery[] = [];
  const warnings: string[] = [];
  const lazy = plan.queries.filter((q) => q.onlyWhenEmpty !== undefined);
  const eager = plan.queries.filter((q) => q.onlyWhenEmpty === undefined);
  const ask = async (role: string, sent: string): Promise<void> => {
    const { result, durationMs } = await timed(() => source.instant(sent, atMs));
    queries.push({ role, query: sent, durationMs });
    warnings.push(...result.warnings);
    byRole.set(role, instantObserved(result.value));
  };
  await Promise.all(eager.map((q) => ask(q.role, q.sent)));
  queries.sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
  for (const q of lazy) {
    const other = byRole.get(q.onlyWhenEmpty as string) ?? [];
    if (!other.some((o) => !Number.isNaN(o.value))) await ask(q.role, q.sent);
  }
  return { judgement: plan.judge(atMs, byRole), queries, warnings };
}

export interface RangeOptions {
  /** The step; the plan's own by default. */
  readonly stepMs?: number;
  /**
   * Whether each step's judgement carries its reason text (default true). History and backtest
   * use only states and values, and skip the sentences, which cost as much as the judging.
   */
  readonly explain?: boolean;
}

/**
 * The plan judged at every step from `startMs` to `endMs` (on the grid `endMs - k*step`, so
 * that a decision at `endMs` is one of the steps), with the hold window applied at each.
 */
export async function runPlanRange(
  plan: StepPlan,
  source: MetricsSource,
  startMs: number,
  endMs: number,
  options: RangeOptions = {},
): Promise<PlanTimeline> {
  const { stepMs = plan.stepMs, explain = true } = options;
  const first = endMs - Math.floor((endMs - startMs) / stepMs) * stepMs;
  const holdSteps = Math.ceil(plan.holdMs / stepMs);
  const queryStart = first - holdSteps * stepMs;
  // Split into chunks of at most MAX_POINTS steps, cut on the step grid so that no result
  // changes: Prometheus refuses a range query of more than 11,000 points per series.
  const ask = async (q: PlannedQuery) => {
    const byTime = new Map<number, Observed[]>();
    const warnings: string[] = [];
    let durationMs = 0;
    for (let from = queryStart; from <= endMs; from += MAX_POINTS * stepMs) {
      const to = Math.min(endMs, from + (MAX_POINTS - 1) * stepMs);
      const answer = await timed(() => source.range(q.sent, from, to, stepMs));
      durationMs += answer.durationMs;
      warnings.push(...answer.result.warnings);
      for (const [t, observed] of rangeObserved(answer.result.value)) byTime.set(t, observed);
    }
    return { q, durationMs, warnings, byTime };
  };
  const answers = await Promise.all(
    plan.queries.filter((q) => q.onlyWhenEmpty === undefined).map(ask),
  );
  // A fallback is asked only when the role it stands in for lacks usable data at some step.
  for (const q of plan.queries.filter((p) => p.onlyWhenEmpty !== undefined)) {
    const other = answers.find((a) => a.q.role === q.onlyWhenEmpty);
    let needed = other === undefined;
    for (let t = queryStart; !needed && t <= endMs; t += stepMs)
      needed = !(other?.byTime.get(t) ?? []).some((o) => !Number.isNaN(o.value));
    if (needed) answers.push(await ask(q));
  }
  const queries = answers.map((a) => ({
    role: a.q.role,
    query: a.q.sent,
    durationMs: a.durationMs,
  }));
  const warnings = answers.flatMap((a) => a.warnings);
  const raw: StepJudgement[] = [];
  for (let t = queryStart; t <= endMs; t += stepMs) {
    const byRole = new Map<string, readonly Observed[]>();
    for (const a of answers) byRole.set(a.q.role, a.byTime.get(t) ?? []);
    raw.push({ t, judgement: plan.judge(t, byRole, explain) });
  }
  const steps = raw
    .slice(holdSteps)
    .map((step, i) =>
      holdSteps === 0
        ? step
        : { t: step.t, judgement: held(raw.slice(i, i + holdSteps + 1), plan.holdMs, explain) },
    );
  return { steps, queries, warnings };
}

/** The latest judgement, unless some step of the window failed (fail) or had no data (nodata). */
function held(window: readonly StepJudgement[], holdMs: number, explain: boolean): Judgement {
  const last = window[window.length - 1] as StepJudgement;
  const failed = window.find((s) => s.judgement.state === 'fail');
  if (!explain) {
    const state =
      failed !== undefined
        ? 'fail'
        : window.some((s) => s.judgement.state === 'nodata')
          ? 'nodata'
          : last.judgement.state;
    return { ...last.judgement, state };
  }
  const hold = formatDuration(holdMs);
  if (failed !== undefined)
    return {
      ...last.judgement,
      state: 'fail',
      reason: `did not hold for ${hold}: at ${new Date(failed.t).toISOString()} ${failed.judgement.reason}`,
    };
  const missing = window.find((s) => s.judgement.state === 'nodata');
  if (missing !== undefined)
    return {
      ...last.judgement,
      state: 'nodata',
      reason: `cannot tell whether it held for ${hold}: at ${new Date(missing.t).toISOString()} ${missing.judgement.reason}`,
    };
  return {
    ...last.judgement,
    reason: `held for ${hold} (${window.length} steps): ${last.judgement.reason}`,
  };
}
