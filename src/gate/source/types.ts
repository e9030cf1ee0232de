/**
 * Where gate queries are answered: a Prometheus-compatible server, or drygate's own engine
 * over a data file. Both speak the same two calls, so a decision replays exactly.
 *
 * @module
 */
import type { Value } from '../../promql/value.js';

export interface SourceResult {
  readonly value: Value;
  /** Warnings that mean the answer may be incomplete (a partial response, say). */
  readonly warnings: readonly string[];
}

export interface MetricsSource {
  /** What the source is, safe to print: a URL without credentials, or the data file. */
  readonly description: string;
  instant(query: string, timeMs: number): Promise<SourceResult>;
  range(query: string, startMs: number, endMs: number, stepMs: number): Promise<SourceResult>;
}
