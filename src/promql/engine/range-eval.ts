/**
 * Step-wise evaluation (Prometheus's rangeEval): at each step, hand the inputs' vectors to an
 * operation and collect its output samples into series.
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { labelsKey } from '../../model/labels-key.js';
import type { Sample } from '../value.js';
import {
  type EvalContext,
  type RangeSeries,
  SAME_LABELSET,
  isInstant,
  reserveSamples,
  steps,
} from './context.js';
import { type StepSample, StepGatherer } from './gather.js';

export type StepOperation = (vectors: readonly StepSample[][], ts: number) => readonly Sample[];

export function rangeEval(
  ctx: EvalContext,
  inputs: readonly (readonly RangeSeries[])[],
  op: StepOperation,
): RangeSeries[] {
  const gatherers = inputs.map((series) => new StepGatherer(series));
  if (isInstant(ctx)) {
    // One step: keep the operation's order (it matters for sort() and topk()).
    const result = op(
      gatherers.map((g) => g.at(ctx.startMs)),
      ctx.startMs,
    );
    if (!ctx.options.delayedNameRemoval) assertUniqueLabelsets(result);
    reserveSamples(ctx, result.length);
    return result.map((s) => ({
      labels: s.labels,
      points: [{ t: ctx.startMs, f: s.f }],
      dropName: s.dropName === true,
    }));
  }
  const byKey = new Map<string, RangeSeries>();
  for (const ts of steps(ctx)) {
    const result = op(
      gatherers.map((g) => g.at(ts)),
      ts,
    );
    reserveSamples(ctx, result.length);
    for (const sample of result) {
      const key = labelsKey(sample.labels);
      let series = byKey.get(key);
      if (series === undefined) {
        series = { labels: sample.labels, points: [], dropName: sample.dropName === true };
        byKey.set(key, series);
      } else if (series.points[series.points.length - 1]?.t === ts) {
        throw new QueryError(SAME_LABELSET);
      }
      series.points.push({ t: ts, f: sample.f });
    }
  }
  return [...byKey.values()];
}

export function assertUniqueLabelsets(samples: readonly Sample[]): void {
  if (samples.length < 2) return;
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new QueryError(SAME_LABELSET);
    seen.add(key);
  }
}
