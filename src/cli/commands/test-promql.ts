/**
 * `drygate test promql [FILE...]`: runs Prometheus promqltest scripts against drygate's
 * engine and reports passed / failed / skipped per file. Without FILE it runs the corpus.
 */
import { readFileSync } from 'node:fs';
import { readErrorReason } from '../../model/files.js';
import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { CORPUS_ENV, corpusDir, listCorpusFiles } from '../../promql/promqltest/corpus.js';
import { renderJson, renderText } from '../../promql/promqltest/render.js';
import { summarize } from '../../promql/promqltest/report.js';
import { runPromqlTestScript } from '../../promql/promqltest/run.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export interface TestPromqlOptions {
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** The files to run with the names reports use: as given, or base names in the corpus. */
function resolveFiles(files: readonly string[]): { path: string; name: string }[] {
  if (files.length > 0) return files.map((path) => ({ path, name: path }));
  const dir = corpusDir();
  const found = listCorpusFiles(dir);
  if (found === undefined)
    throw new InputError(
      `corpus folder ${dir} not found: pass test files, or set ${CORPUS_ENV} to the promqltest folder`,
    );
  if (found.length === 0) throw new InputError(`no *.test files in ${dir}`);
  return found.map((path) => ({ path, name: basename(path) }));
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = readErrorReason(err);
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}

export async function testPromql(
  files: readonly string[],
  options: TestPromqlOptions,
  io: CliIo,
): Promise<void> {
  // Read everything first: an unreadable file is a usage error, before any test runs.
  const inputs = resolveFiles(files).map((f) => ({ ...f, text: read(f.path) }));
  const reports = [];
  for (const input of inputs) {
    reports.push(runPromqlTestScript(input.text, input.name));
    // Let signals and output through between files on long runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const summary = summarize(reports);
  io.out(
    options.json === true ? renderJson(summary) : renderText(summary, options.verbose === true),
  );
  if (summary.failed > 0) throw new ExitError(ExitCode.Failed);
}
