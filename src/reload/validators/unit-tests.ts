/**
 * Rule unit tests (promtool's test format) run by drygate's own runner. The tests' `rule_files`
 * are resolved relative to each test file, as promtool does: point them at the candidates.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { readErrorReason } from '../../model/files.js';
import { runUnitTestText } from '../../unittest/run.js';
import { step, type Validator } from '../validate.js';

/** Reads every test file first, so that a missing one is an input error before anything runs. */
export async function readTestFiles(files: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, await readFile(file, 'utf8'));
    } catch (err) {
      throw new InputError(`--tests ${file}: ${readErrorReason(err)}`);
    }
  }
  return texts;
}

const NAME = 'unit tests';

export function unitTestsValidator(files: readonly string[]): Validator {
  return {
    name: NAME,
    async validate() {
      if (files.length === 0) return [step(NAME, 'skipped', 'no --tests given')];
      const texts = await readTestFiles(files);
      const details: string[] = [];
      let failed = 0;
      for (const [file, text] of texts) {
        const result = await runUnitTestText(text, file);
        details.push(...result.warnings.map((w) => `${file}: ${w.trim()}`));
        if (result.passed) continue;
        failed++;
        for (const m of [...result.fileErrors, ...result.groups.flatMap((g) => g.errors)])
          details.push(`${file}: ${m}`);
      }
      const n = `${texts.size} file${texts.size === 1 ? '' : 's'}`;
      return [
        failed > 0
          ? step(NAME, 'failed', `${failed} of ${n} failed`, details)
          : step(NAME, 'passed', `${n} passed`, details),
      ];
    },
  };
}
