/**
 * Runs one `eval` the way the harness does (`execInstantEval` / `execRangeEval`): the query,
 * its step-invariance variants, and the range-mode cross-check for instant evals; failure and
 * annotation expectations; then the result comparison. The first difference fails the eval.
 *
 * @module
 */
import { DrygateError, InternalError } from '../../errors.js';
import { type Expr, typeOf } from '../ast.js';
import type { Engine } from '../engine/engine.js';
import { NATIVE_HISTOGRAMS_UNSUPPORTED } from '../series/types.js';
import type { QueryResult, Sample, Value } from '../value.js';
import { assertMatrixSorted, compareResult, type Mismatch } from './compare.js';
import { formatExpected, formatValue } from './format.js';
import { checkAnnotations, checkExpectedFailure, describeExpectedFailure } from './expectations.js';
import { QUERY_CONTEXT_FUNCTIONS, stepInvariantVariants } from './rewrite.js';
import { type EvalCommand, isFailExpected, isOrdered } from './types.js';

/** How an eval ended; a skip carries its reason. */
export type EvalOutcome =
  | { readonly status: 'passed' }
  | { readonly status: 'skipped'; readonly reason: string }
  | ({ readonly status: 'failed' } & Mismatch);

class Skip {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

type Attempt = { ok: true; result: QueryResult } | { ok: false; message: string };

/** Runs a query; errors become data, except bugs and unsupported native histograms. */
function attempt(run: () => QueryResult): Attempt | Skip | Mismatch {
  try {
    return { ok: true, result: run() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.includes(NATIVE_HISTOGRAMS_UNSUPPORTED)) return new Skip(message);
    if (err instanceof InternalError || !(err instanceof DrygateError)) {
      const cause =
        err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return {
        message: `internal error: ${message}${cause}`,
        expected: '(no crash)',
        got: message,
      };
    }
    return { ok: false, message };
  }
}

/** Prometheus refuses range queries whose expression is not a scalar or instant vector. */
function rangeTypeError(expr: Expr): string | undefined {
  const type = typeOf(expr);
  if (type === 'scalar' || type === 'vector') return undefined;
  const documented = type === 'matrix' ? 'range vector' : type;
  return `invalid expression type "${documented}" for range query, must be Scalar or instant Vector`;
}

export function runEval(engine: Engine, cmd: EvalCommand, expr: Expr): EvalOutcome {
  const outcome = cmd.range ? runRange(engine, cmd, expr) : runInstant(engine, cmd, expr);
  if (outcome === undefined) return { status: 'passed' };
  if (outcome instanceof Skip) return { status: 'skipped', reason: outcome.reason };
  return { status: 'failed', ...outcome };
}

/** Handles the error / no-error split that both kinds of eval share. */
function checkOutcome(
  cmd: EvalCommand,
  run: Attempt | Skip | Mismatch,
  what: string,
): QueryResult | Skip | Mismatch | 'done' {
  if (run instanceof Skip || !('ok' in run)) return run;
  const q = JSON.stringify(cmd.expr);
  if (!run.ok) {
    if (isFailExpected(cmd)) return checkExpectedFailure(cmd, run.message) ?? 'done';
    return {
      message: `error evaluating query ${q} (line ${cmd.line})${what}: ${run.message}`,
      expected: formatExpected(cmd),
      got: `error ${JSON.stringify(run.message)}`,
    };
  }
  if (isFailExpected(cmd))
    return {
      message: `expected error evaluating query ${q} (line ${cmd.line})${what} but got none`,
      expected: describeExpectedFailure(cmd),
      got: formatValue(run.result.value, cmd),
    };
  return run.result;
}

function runRange(engine: Engine, cmd: EvalCommand, expr: Expr): Mismatch | Skip | undefined {
  const typeError = rangeTypeError(expr);
  const run =
    typeError === undefined
      ? attempt(() => engine.rangeQuery(expr, cmd.startMs, cmd.endMs ?? cmd.startMs, cmd.stepMs))
      : ({ ok: false, message: typeError } as const);
  const result = checkOutcome(cmd, run, '');
  if (result === 'done') return undefined;
  if (result instanceof Skip || !('value' in result)) return result;
  return checkAnnotations(cmd, result.annotations) ?? compareResult(cmd, result.value);
}

function runInstant(engine: Engine, cmd: EvalCommand, expr: Expr): Mismatch | Skip | undefined {
  const runs = [{ expr, timeMs: cmd.evalMs }, ...stepInvariantVariants(expr, cmd.evalMs)];
  for (const [i, run] of runs.entries()) {
    const problem = runInstantQuery(engine, cmd, run.expr, run.timeMs);
    if (problem === undefined) continue;
    if (problem instanceof Skip || i === 0) return problem;
    return {
      ...problem,
      message: `with every selector pinned to @ ${cmd.evalMs / 1000} and evaluated at ${run.timeMs / 1000}s: ${problem.message}`,
    };
  }
  return undefined;
}

function runInstantQuery(
  engine: Engine,
  cmd: EvalCommand,
  expr: Expr,
  timeMs: number,
): Mismatch | Skip | undefined {
  const result = checkOutcome(
    cmd,
    attempt(() => engine.instantQuery(expr, timeMs)),
    '',
  );
  if (result === 'done') return undefined;
  if (result instanceof Skip || !('value' in result)) return result;
  const problem = checkAnnotations(cmd, result.annotations) ?? compareResult(cmd, result.value);
  if (problem !== undefined) return problem;
  if (cmd.excludeFromRangeQuery || QUERY_CONTEXT_FUNCTIONS.test(cmd.expr)) return undefined;
  return crossCheckRange(engine, cmd, expr, timeMs, result.value);
}

/** Runs the query as a range query around `timeMs` and compares its point at `timeMs`. */
function crossCheckRange(
  engine: Engine,
  cmd: EvalCommand,
  expr: Expr,
  timeMs: number,
  instant: Value,
): Mismatch | Skip | undefined {
  const q = JSON.stringify(cmd.expr);
  const inRangeMode = (message: string, got: string): Mismatch => ({
    message: `error evaluating query ${q} (line ${cmd.line}) in range mode: ${message}`,
    expected: formatExpected(cmd),
    got,
  });
  const typeError = rangeTypeError(expr);
  if (typeError !== undefined) return inRangeMode(typeError, `error ${JSON.stringify(typeError)}`);
  const run = attempt(() => engine.rangeQuery(expr, timeMs - 60_000, timeMs + 60_000, 60_000));
  if (run instanceof Skip || !('ok' in run)) return run;
  if (!run.ok) return inRangeMode(run.message, `error ${JSON.stringify(run.message)}`);
  // Range results are always sorted by labels, so an expected order cannot be checked here.
  if (isOrdered(cmd)) return undefined;
  const value = run.result.value;
  if (value.type !== 'matrix')
    return inRangeMode(`a range query returned a ${value.type}`, formatValue(value, cmd));
  const unsorted = assertMatrixSorted(value.series);
  if (unsorted !== undefined) return inRangeMode(unsorted, formatValue(value));
  const samples: Sample[] = [];
  for (const series of value.series) {
    const point = series.points.find((p) => p.t === timeMs);
    if (point !== undefined) samples.push({ labels: series.labels, t: point.t, f: point.f });
  }
  let atT: Value = { type: 'vector', samples };
  if (instant.type === 'scalar') {
    const first = samples[0];
    if (first === undefined)
      return inRangeMode(`no point at ${timeMs} ms for a scalar query`, formatValue(value));
    atT = { type: 'scalar', t: timeMs, f: first.f };
  }
  const problem = compareResult(cmd, atT);
  if (problem === undefined) return undefined;
  return { ...problem, message: `in range mode (point at ${timeMs / 1000}s): ${problem.message}` };
}
