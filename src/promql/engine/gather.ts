/**
 * Walks intermediate results step by step: at each step, the samples of every series that has a
 * point there (Prometheus's gatherVector), in series order.
 *
 * @module
 */
import type { Sample } from '../value.js';
import type { RangeSeries } from './context.js';

export interface StepSample extends Sample {
  /** Index of the series in the input, for per-series bookkeeping. */
  readonly series: number;
}

/** A cursor over many series that yields each step's vector in time order. */
export class StepGatherer {
  private readonly series: readonly RangeSeries[];
  private readonly cursor: Int32Array;

  constructor(series: readonly RangeSeries[]) {
    this.series = series;
    this.cursor = new Int32Array(series.length);
  }

  /** The samples at `ts`; steps must be asked for in increasing order. */
  at(ts: number): StepSample[] {
    const out: StepSample[] = [];
    for (let i = 0; i < this.series.length; i++) {
      const s = this.series[i] as RangeSeries;
      let c = this.cursor[i] as number;
      while (c < s.points.length && (s.points[c]?.t as number) < ts) c++;
      this.cursor[i] = c;
      const p = s.points[c];
      if (p !== undefined && p.t === ts)
        out.push({ labels: s.labels, t: ts, f: p.f, dropName: s.dropName, series: i });
    }
    return out;
  }
}
