/**
 * Evaluating one query, freshness or burn-rate gate over the backtest, chunk by chunk: one
 * range query per query of the gate per chunk (`runPlanRange` with the hold window taken off,
 * so each raw step is judged as `decide` judges it), at most `maxPoints` steps per chunk, chunk
 * edges on the gate's raw grid. The hold window is applied afterwards over the raw states kept
 * (one byte per raw step), so a window that spans a chunk edge sees both chunks and chunking
 * changes no result. The answers themselves are dropped after each chunk.
 *
 * @module
 */
import { runPlanRange } from '../evaluate/run-plan.js';
import type { MetricsSource } from '../source/types.js';
import { ERROR, WARNED, type WindowCounts, countInto, heldState, stateCode } from './codes.js';
import { criticalValue } from './critical.js';
import { chunkEnd, rawIndex, rawTime } from './grid.js';
import type { LeafNode } from './tree.js';
import type { BacktestError, RangeQueryRecord } from './types.js';

export interface LeafContext {
  readonly source: MetricsSource;
  readonly maxPoints: number;
  readonly decisions: number;
  readonly queries: RangeQueryRecord[];
  readonly errors: BacktestError[];
  readonly signal: AbortSignal | undefined;
  /** Called after each chunk with the raw steps it evaluated. */
  readonly onChunk: (points: number) => void;
}

/**
 * Evaluates the leaf's raw steps at least up to decision step `upTo` and fills its decision
 * states. Chunks are cut at multiples of `maxPoints` on the leaf's own raw grid, so a leaf of n
 * raw steps always takes ceil(n / maxPoints) range queries per query, whatever the windows.
 */
export async function advanceLeaf(
  leaf: LeafNode,
  upTo: number,
  context: LeafContext,
): Promise<void> {
  const target = rawIndex(leaf.grid, upTo);
  while (leaf.nextRaw <= target) {
    context.signal?.throwIfAborted();
    const r0 = leaf.nextRaw;
    const r1 = chunkEnd(r0, leaf.grid.count, context.maxPoints);
    await evaluateChunk(leaf, r0, r1, context);
    context.signal?.throwIfAborted();
    leaf.nextRaw = r1 + 1;
    fillDecisions(leaf, r1, context.decisions);
    context.onChunk(r1 - r0 + 1);
  }
}

async function evaluateChunk(
  leaf: LeafNode,
  r0: number,
  r1: number,
  context: LeafContext,
): Promise<void> {
  const { grid } = leaf;
  const startMs = rawTime(grid, r0);
  const endMs = rawTime(grid, r1);
  const name = leaf.path.join('/');
  try {
    const timeline = await runPlanRange(leaf.rawPlan, context.source, startMs, endMs, {
      stepMs: grid.stepMs,
      explain: false,
    });
    if (timeline.steps.length !== r1 - r0 + 1)
      throw new Error(`expected ${r1 - r0 + 1} steps, got ${timeline.steps.length}`);
    for (const q of timeline.queries)
      context.queries.push({
        gate: name,
        role: q.role,
        query: q.query,
        startMs,
        endMs,
        stepMs: grid.stepMs,
        points: r1 - r0 + 1,
        durationMs: q.durationMs,
      });
    // The server's warnings are per query, not per step: they taint every step of the chunk.
    const warned = timeline.warnings.length > 0 ? WARNED : 0;
    const gate = leaf.gate;
    timeline.steps.forEach(({ judgement }, k) => {
      leaf.raw[r0 + k] = stateCode(judgement.state) | warned;
      if (leaf.critical !== undefined && gate.kind === 'query')
        leaf.critical[r0 + k] =
          judgement.state === 'nodata'
            ? NaN
            : criticalValue(judgement.values, gate.condition.op, gate.match);
    });
  } catch (err) {
    if (context.signal?.aborted === true) throw err;
    leaf.raw.fill(ERROR, r0, r1 + 1);
    context.errors.push({
      gate: name,
      startMs,
      endMs,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

/** Fills the held state of every decision step whose hold window is now fully evaluated. */
function fillDecisions(leaf: LeafNode, lastRaw: number, decisions: number): void {
  const { grid } = leaf;
  while (leaf.nextDecision < decisions) {
    const r = rawIndex(grid, leaf.nextDecision);
    if (r > lastRaw) break;
    const counts: WindowCounts = { error: 0, fail: 0, nodata: 0, warned: 0 };
    for (let j = 0; j <= grid.holdSteps; j++)
      countInto(counts, leaf.raw[r - j * grid.stride] as number);
    leaf.states[leaf.nextDecision] = heldState(counts);
    leaf.nextDecision++;
  }
}
