/**
 * `drygate test rules FILE...`: runs promtool unit-test files and prints promtool 3's report:
 * `  SUCCESS` on stdout, or `  FAILED:` and each message on stderr. Exit 1 when any file failed.
 */
import { readFile } from 'node:fs/promises';
import { readErrorReason } from '../../model/files.js';
import { InputError } from '../../errors.js';
import { runUnitTestText } from '../../unittest/run.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export interface TestRulesOptions {
  readonly run?: readonly string[];
  readonly ignoreUnknownFields?: boolean;
}

function compile(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p);
    } catch (err) {
      throw new InputError(`--run ${JSON.stringify(p)}: ${(err as Error).message}`);
    }
  });
}

export async function testRules(
  files: readonly string[],
  options: TestRulesOptions,
  io: CliIo,
): Promise<void> {
  const run = compile(options.run ?? []);
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const why = readErrorReason(err);
      io.err(`  FAILED:\ncannot read ${file}: ${why}\n`);
      io.out('\n\n');
      failed = true;
      continue;
    }
    const result = await runUnitTestText(text, file, {
      run,
      ignoreUnknownFields: options.ignoreUnknownFields === true,
    });
    for (const w of result.warnings) io.err(`${w}\n`);
    if (result.passed) {
      io.out('  SUCCESS\n\n');
      continue;
    }
    failed = true;
    io.err('  FAILED:\n');
    for (const message of [...result.fileErrors, ...result.groups.flatMap((g) => g.errors)]) {
      io.err(`${message}\n`);
      io.out('\n');
    }
    io.out('\n');
  }
  if (failed) throw new ExitError(ExitCode.Failed);
}
