/**
 * Gate queries answered by drygate's engine over an in-memory store (a replay data file).
 *
 * @module
 */
import { Engine } from '../../promql/engine/engine.js';
import type { EngineOptions } from '../../promql/engine/options.js';
import type { Queryable } from '../../promql/store/types.js';
import type { QueryResult } from '../../promql/value.js';
import type { MetricsSource, SourceResult } from './types.js';

export class EmbeddedSource implements MetricsSource {
  readonly description: string;
  private readonly engine: Engine;

  constructor(queryable: Queryable, description: string, options: EngineOptions = {}) {
    this.engine = new Engine(queryable, options);
    this.description = description;
  }

  instant(query: string, timeMs: number): Promise<SourceResult> {
    return settle(() => this.engine.instantQuery(query, timeMs));
  }

  range(query: string, startMs: number, endMs: number, stepMs: number): Promise<SourceResult> {
    return settle(() => this.engine.rangeQuery(query, startMs, endMs, stepMs));
  }
}

async function settle(run: () => QueryResult): Promise<SourceResult> {
  // A macrotask first, so that gates evaluated "in parallel" still let timers and I/O run.
  await new Promise((resolve) => setImmediate(resolve));
  const result = run();
  return {
    value: result.value,
    warnings: result.annotations.filter((a) => a.kind === 'warning').map((a) => a.message),
  };
}
