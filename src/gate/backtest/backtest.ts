/**
 * `backtest`: a gate spec's decision replayed at every step of a past window, with one range
 * query per gate query per chunk (never one per step), and what the reports need: the decision
 * timeline, flips, time per decision, per-gate blame and flapping, threshold sensitivity.
 *
 * The decision at each step is the one `decide --at` that step would give, by construction:
 * each gate's plan is judged at each step exactly as `decide` judges it (range queries evaluate
 * every step as an instant query), hold windows look at the same steps, quorums and the
 * decision combine by the same rules. What cannot be replayed exactly:
 *
 * - Command and check gates run now, not in the past. A top-level one is left out of every
 *   decision (the report lists it); inside a quorum it counts as no data.
 * - Warnings (a possibly incomplete answer) come per range query, not per step: a warning taints
 *   the passes of every step of its chunk, as the decision's history does.
 * - A range query fails or succeeds as a whole: a query error that would hit only some steps
 *   (a many-to-many match at one time, say), or a fallback query that fails where `decide`
 *   would not have sent it (the primary had data), puts the gate in error over the chunk. And
 *   `@ start()` / `@ end()` in a gate query mean the chunk's edges, not the step.
 *
 * Chunks: the window is cut into runs of decision steps such that no gate's range query spans
 * more than `maxPoints` steps (Prometheus refuses more than 11,000 points per series); a gate
 * whose own grid is finer (a hold window at a step that does not divide the decision step) is
 * cut further. Chunk edges lie on each gate's grid and hold windows are applied over the raw
 * states kept across chunks, so chunking changes no result. Memory holds at most one chunk of
 * answers per gate query at a time, plus a few bytes per step and gate for the reports.
 *
 * @module
 */
import { InputError, QueryError } from '../../errors.js';
import type { GateSpec } from '../spec/types.js';
import { combineSteps } from './combine.js';
import { decisionGrid } from './grid.js';
import { advanceLeaf } from './leaf.js';
import { thresholdSensitivity } from './sensitivity.js';
import { countFlips, decisionIntervals, summarizeGates, timeInDecision } from './summary.js';
import { buildTree } from './tree.js';
import {
  type BacktestError,
  type BacktestOptions,
  type BacktestResult,
  DEFAULT_FLAP_THRESHOLD,
  DEFAULT_MAX_POINTS,
  type RangeQueryRecord,
} from './types.js';

/** More decision steps than this is almost certainly a mistake (1 year at 6 s). */
export const MAX_STEPS = 5_000_000;

function validate(options: BacktestOptions): void {
  const { sinceMs, untilMs, stepMs } = options;
  if (![sinceMs, untilMs, stepMs].every(Number.isSafeInteger))
    throw new InputError('since, until and step must be whole milliseconds');
  if (stepMs <= 0) throw new InputError('the step must be longer than 0s');
  if (sinceMs > untilMs) throw new InputError('since is after until: the window is empty');
  if ((untilMs - sinceMs) / stepMs + 1 > MAX_STEPS)
    throw new InputError(
      `more than ${MAX_STEPS.toLocaleString('en-US')} steps: choose a larger step or a shorter window`,
    );
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  if (!Number.isSafeInteger(maxPoints) || maxPoints < 1)
    throw new InputError('the maximum points per query must be a whole number of at least 1');
  const flap = options.flapThreshold ?? DEFAULT_FLAP_THRESHOLD;
  if (!(flap >= 0) || !Number.isFinite(flap))
    throw new InputError('the flap threshold must be a number of changes per hour, 0 or more');
}

/**
 * Replays `spec` over [sinceMs, untilMs] at every `stepMs`.
 *
 * @throws InputError for a bad window; QueryError when no range query succeeded at all.
 * @example
 * const result = await backtest(spec, {
 *   source: new HttpSource({ url: 'http://prometheus:9090' }),
 *   sinceMs: Date.now() - 7 * 86_400_000,
 *   untilMs: Date.now(),
 *   stepMs: 300_000,
 * });
 * console.log(result.flips, result.timeInDecision['NO-GO']);
 */
export async function backtest(spec: GateSpec, options: BacktestOptions): Promise<BacktestResult> {
  validate(options);
  const started = performance.now();
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const flapThreshold = options.flapThreshold ?? DEFAULT_FLAP_THRESHOLD;
  const grid = decisionGrid(options.sinceMs, options.untilMs, options.stepMs);
  const tree = buildTree(spec, grid);
  const decisions = new Uint8Array(grid.count);
  const queries: RangeQueryRecord[] = [];
  const errors: BacktestError[] = [];
  const total = tree.leaves.reduce((n, leaf) => n + leaf.grid.count, 0);
  let done = 0;
  options.onProgress?.({ done, total });
  const context = {
    source: options.source,
    maxPoints,
    decisions: grid.count,
    queries,
    errors,
    signal: options.signal,
    onChunk: (points: number): void => {
      done += points;
      options.onProgress?.({ done, total });
    },
  };
  // Decision steps per window: the gate with the finest grid stays within maxPoints.
  const finest = Math.max(1, ...tree.leaves.map((leaf) => leaf.grid.perDecision));
  const windowSteps = Math.max(1, Math.floor(maxPoints / finest));
  for (let a = 0; a < grid.count; a += windowSteps) {
    const b = Math.min(grid.count - 1, a + windowSteps - 1);
    options.signal?.throwIfAborted();
    await Promise.all(tree.leaves.map((leaf) => advanceLeaf(leaf, b, context)));
    combineSteps(tree, decisions, a, b);
  }
  if (tree.leaves.length > 0 && queries.length === 0 && errors.length > 0)
    throw new QueryError(`no range query succeeded; the first failed: ${errors[0]?.message}`);
  return {
    schemaVersion: 'drygate.backtest/v1',
    spec: spec.name,
    source: options.source.description,
    sinceMs: options.sinceMs,
    untilMs: options.untilMs,
    stepMs: options.stepMs,
    firstMs: grid.firstMs,
    steps: grid.count,
    maxPoints,
    flapThreshold,
    excluded: tree.excluded,
    decisions: decisionIntervals(decisions, grid),
    flips: countFlips(decisions),
    timeInDecision: timeInDecision(decisions, grid),
    gates: summarizeGates(tree, decisions, grid, flapThreshold),
    sensitivity: thresholdSensitivity(tree, decisions),
    queries,
    errors,
    durationMs: performance.now() - started,
  };
}
