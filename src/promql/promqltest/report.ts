/**
 * What a promqltest run reports: one entry per eval, totals per file and overall. Plain data,
 * so the CLI, the JSON output and the conformance scoreboard all read the same thing.
 *
 * @module
 */

export type EvalStatus = 'passed' | 'failed' | 'skipped';

export interface EvalReport {
  /** The file as the caller named it. */
  readonly file: string;
  /** Line of the `eval` header, 1-based. */
  readonly line: number;
  readonly query: string;
  readonly status: EvalStatus;
  /** Why it failed or was skipped. */
  readonly reason?: string;
  /** For failures: the expectation and what the engine gave, in the script's notation. */
  readonly expected?: string;
  readonly got?: string;
}

export interface FileReport {
  readonly file: string;
  readonly evals: readonly EvalReport[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Set when the file could not run as a whole (script or PromQL syntax error). */
  readonly error?: string;
  readonly durationMs: number;
}

export interface RunSummary {
  readonly files: readonly FileReport[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function fileReport(
  file: string,
  evals: readonly EvalReport[],
  durationMs: number,
  error?: string,
): FileReport {
  const count = (status: EvalStatus): number => evals.filter((e) => e.status === status).length;
  return {
    file,
    evals,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    ...(error === undefined ? {} : { error }),
    durationMs,
  };
}

export function summarize(files: readonly FileReport[]): RunSummary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const f of files) {
    passed += f.passed;
    failed += f.failed;
    skipped += f.skipped;
  }
  return { files, passed, failed, skipped };
}
