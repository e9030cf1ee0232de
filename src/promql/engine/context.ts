/**
 * The state one evaluation carries: its time range, the store, settings, annotations and the
 * sample budget. Subqueries evaluate in a child context with their own range and step.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { dropMetricName, type Labels } from '../../model/labels.js';
import type { Queryable } from '../store/types.js';
import type { Annotations, FPoint } from '../value.js';
import type { ResolvedEngineOptions } from './options.js';

export interface EvalContext {
  readonly queryable: Queryable;
  readonly options: ResolvedEngineOptions;
  readonly annotations: Annotations;
  /** First and last step of this (sub)evaluation, ms; `intervalMs` >= 1. */
  readonly startMs: number;
  readonly endMs: number;
  readonly intervalMs: number;
  /** The top-level query's range, for `start()`, `end()`, `range()` and `step()`. */
  readonly query: { readonly startMs: number; readonly endMs: number; readonly stepMs: number };
  /** Samples held (against the limit) and samples read from storage, for the query's stats. */
  readonly budget: { current: number; read: number };
}

/**
 * One series of an intermediate result: points at step times (or raw sample times for range
 * selectors), and whether its name is due to be dropped at the end.
 */
export interface RangeSeries {
  readonly labels: Labels;
  readonly points: FPoint[];
  dropName: boolean;
}

export function stepCount(ctx: EvalContext): number {
  return Math.floor((ctx.endMs - ctx.startMs) / ctx.intervalMs) + 1;
}

/** The step times of the context. */
export function* steps(ctx: EvalContext): Generator<number> {
  const n = stepCount(ctx);
  for (let i = 0; i < n; i++) yield ctx.startMs + i * ctx.intervalMs;
}

export function isInstant(ctx: EvalContext): boolean {
  return ctx.startMs === ctx.endMs;
}

export function childContext(
  ctx: EvalContext,
  startMs: number,
  endMs: number,
  intervalMs: number,
): EvalContext {
  return { ...ctx, startMs, endMs, intervalMs };
}

/** Counts samples held in memory against the query's limit (Prometheus's max samples). */
export function reserveSamples(ctx: EvalContext, n: number): void {
  ctx.budget.current += n;
  if (ctx.budget.current > ctx.options.maxSamples) {
    throw new QueryError(
      'query processing would load too many samples into memory in query execution',
    );
  }
}

/** Counts samples a selector read from storage (Prometheus's totalQueryableSamples). */
export function countRead(ctx: EvalContext, n: number): void {
  ctx.budget.read += n;
}

/** Applies a name drop now when delayed name removal is off; otherwise only flags it. */
export function nameAfterDrop(ctx: EvalContext, labels: Labels, dropName: boolean): Labels {
  return dropName && !ctx.options.delayedNameRemoval ? dropMetricName(labels) : labels;
}

export const SAME_LABELSET = 'vector cannot contain metrics with the same labelset';
