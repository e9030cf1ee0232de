/** Engine settings, with Prometheus's defaults. */
export interface EngineOptions {
  /** How far back an instant selector looks for a sample. Default 5m. */
  readonly lookbackDeltaMs?: number;
  /** Step of subqueries written without one (`x[5m:]`). Default 1m. */
  readonly defaultSubqueryStepMs?: number;
  /**
   * Prometheus 3's `promql-delayed-name-removal`: drop `__name__` at the end of the query
   * instead of at each function. Default false, as in Prometheus; the conformance corpus sets it.
   */
  readonly delayedNameRemoval?: boolean;
  /** Most samples a query may hold at once. Default 50,000,000. */
  readonly maxSamples?: number;
}

export interface ResolvedEngineOptions {
  readonly lookbackDeltaMs: number;
  readonly defaultSubqueryStepMs: number;
  readonly delayedNameRemoval: boolean;
  readonly maxSamples: number;
}

export function resolveEngineOptions(options: EngineOptions = {}): ResolvedEngineOptions {
  return {
    lookbackDeltaMs: options.lookbackDeltaMs ?? 300_000,
    defaultSubqueryStepMs: options.defaultSubqueryStepMs ?? 60_000,
    delayedNameRemoval: options.delayedNameRemoval ?? false,
    maxSamples: options.maxSamples ?? 50_000_000,
  };
}
