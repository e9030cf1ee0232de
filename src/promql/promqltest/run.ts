/**
 * Runs a promqltest script against drygate's engine: one MemoryStore per file (fresh after
 * `clear`), an Engine with delayed name removal as the corpus assumes, every eval reported as
 * passed, failed or skipped. As upstream, a script or PromQL syntax error fails the whole
 * file and a failing `load` stops it; here the evals that did not run are reported as failed
 * with that reason, so counts stay per eval.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { ParseError } from '../../errors.js';
import type { Expr } from '../ast.js';
import { Engine } from '../engine/engine.js';
import { parseExpr } from '../parse/parse.js';
import { MemoryStore } from '../store/memory.js';
import { runEval } from './eval.js';
import { HistogramSeries } from './histograms.js';
import { type EvalReport, type FileReport, fileReport } from './report.js';
import { parseScript } from './script.js';
import type { EvalCommand, LoadCommand, Script } from './types.js';

const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE =
  /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

export interface RunOptions {
  /** The name reports use for the file; default: the path as given. */
  readonly name?: string;
}

/**
 * Reads and runs one promqltest file. Never prints.
 *
 * @example runPromqlTestFile('../shared/corpus/promqltest/staleness.test').failed
 * @throws the fs error when the file cannot be read.
 */
export function runPromqlTestFile(path: string, options: RunOptions = {}): FileReport {
  return runPromqlTestScript(readFileSync(path, 'utf8'), options.name ?? path);
}

/** Runs a promqltest script given as text; `file` names it in reports and errors. */
export function runPromqlTestScript(text: string, file: string): FileReport {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let script: Script;
  try {
    script = parseScript(text, file);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return notRun(file, scanEvals(text, file), err, elapsed());
  }
  const evals = script.commands.filter((c): c is EvalCommand => c.kind === 'eval');
  const exprs = new Map<EvalCommand, Expr>();
  for (const cmd of evals) {
    try {
      exprs.set(cmd, parseExpr(cmd.expr));
    } catch (err) {
      const reports = evals.map((c) => report(file, c));
      return notRun(file, reports, placeSyntaxError(err, file, cmd), elapsed());
    }
  }
  return fileReport(file, runCommands(file, script, exprs), elapsed());
}

function runCommands(file: string, script: Script, exprs: Map<EvalCommand, Expr>): EvalReport[] {
  const reports: EvalReport[] = [];
  let store = new MemoryStore();
  let engine = new Engine(store, { delayedNameRemoval: true });
  const histograms = new HistogramSeries();
  let stopped: string | undefined;
  for (const cmd of script.commands) {
    if (cmd.kind === 'clear') {
      store = new MemoryStore();
      engine = new Engine(store, { delayedNameRemoval: true });
      histograms.clear();
    } else if (cmd.kind === 'load') {
      if (stopped !== undefined) continue;
      try {
        load(store, cmd);
        histograms.addLoad(cmd);
      } catch (err) {
        stopped = `not run: the load at line ${cmd.line} failed: ${(err as Error).message}`;
      }
    } else if (stopped !== undefined) {
      reports.push({ ...report(file, cmd), status: 'failed', reason: stopped });
    } else {
      reports.push(runOne(file, engine, histograms, cmd, exprs.get(cmd) as Expr));
    }
  }
  return reports;
}

function runOne(
  file: string,
  engine: Engine,
  histograms: HistogramSeries,
  cmd: EvalCommand,
  expr: Expr,
): EvalReport {
  const base = report(file, cmd);
  const inExpected = [cmd.scalar, ...cmd.expected.flatMap((e) => e.values)].some(
    (v) => v?.kind === 'histogram',
  );
  if (inExpected)
    return {
      ...base,
      status: 'skipped',
      reason: 'native histograms are not supported (expected result)',
    };
  const touched = histograms.touchedBy(expr);
  if (touched !== undefined)
    return {
      ...base,
      status: 'skipped',
      reason: `native histograms are not supported (the query reads series loaded at line ${touched.line})`,
    };
  const outcome = runEval(engine, cmd, expr);
  if (outcome.status === 'passed') return { ...base, status: 'passed' };
  if (outcome.status === 'skipped') return { ...base, status: 'skipped', reason: outcome.reason };
  return {
    ...base,
    status: 'failed',
    reason: outcome.message,
    expected: outcome.expected,
    got: outcome.got,
  };
}

/** Appends a load's float samples and staleness markers; histogram values are left out. */
function load(store: MemoryStore, cmd: LoadCommand): void {
  for (const series of cmd.series) {
    series.values.forEach((value, i) => {
      const t = i * cmd.stepMs;
      if (value.kind === 'float') store.append(series.labels, t, value.f);
      else if (value.kind === 'stale') store.appendStale(series.labels, t);
    });
  }
}

function report(file: string, cmd: EvalCommand): EvalReport {
  return { file, line: cmd.line, query: cmd.expr, status: 'failed' };
}

/** A PromQL syntax error, placed at its line and column in the script. */
function placeSyntaxError(err: unknown, file: string, cmd: EvalCommand): ParseError {
  if (err instanceof ParseError)
    return new ParseError(err.reason, {
      file,
      line: cmd.line + err.position.line - 1,
      column:
        err.position.line === 1 ? cmd.exprColumn + err.position.column - 1 : err.position.column,
    });
  const message = err instanceof Error ? err.message : String(err);
  return new ParseError(`parsing the query failed: ${message}`, {
    file,
    line: cmd.line,
    column: cmd.exprColumn,
  });
}

function notRun(
  file: string,
  evals: readonly EvalReport[],
  err: ParseError,
  durationMs: number,
): FileReport {
  const reason = `file not run: ${err.message}`;
  const failed: EvalReport[] = evals.map((e) => ({ ...e, status: 'failed', reason }));
  if (failed.length === 0)
    failed.push({ file, line: err.position.line, query: '', status: 'failed', reason });
  return fileReport(file, failed, durationMs, err.message);
}

/** The eval headers of a script that could not be parsed, found line by line. */
export function scanEvals(text: string, file: string): EvalReport[] {
  const out: EvalReport[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!/^eval/i.test(line)) return;
    const query = PAT_EVAL_INSTANT.exec(line)?.[3] ?? PAT_EVAL_RANGE.exec(line)?.[5] ?? line;
    out.push({ file, line: i + 1, query, status: 'failed' });
  });
  return out;
}
