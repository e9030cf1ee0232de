/**
 * `drygate test rules` beside the real `promtool test rules` (Debian's 2.42) on the same
 * generated suite (test/support/unit-test-suite.ts): corpus data and queries turned into unit-test
 * files, some with rule files, a share of them wrong on purpose, plus the repository's examples.
 * Every file must get the same verdict from both tools, and so must the whole run (exit code).
 *
 * The generator leaves out what only Prometheus 3 can do and what 2.42 answers differently by
 * design (left-open windows, the 3.x algorithm changes), so a disagreement here is drygate's.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promtoolBinary } from '../support/binaries.js';
import { CLI } from '../support/cli.js';
import { corpusFiles } from '../support/corpus.js';
import {
  outputOfFile,
  parseVerdicts,
  type Suite,
  type Verdict,
  writeUnitTestSuite,
} from '../support/unit-test-suite.js';

const promtool = promtoolBinary();
const corpus = corpusFiles();

interface Run {
  readonly code: number | null;
  /** stdout and stderr as one stream, in the order they were written. */
  readonly output: string;
}

/** Runs a command with stdout and stderr on one file, so that per-file output stays in order. */
function runMerged(command: string, args: readonly string[], outFile: string): Promise<Run> {
  const fd = openSync(outFile, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], timeout: 120_000 });
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(fd);
      resolve({ code, output: readFileSync(outFile, 'utf8') });
    });
  });
}

describe.skipIf(promtool.path === undefined || corpus.files === undefined)(
  `test rules beside promtool 2.42 on a generated suite ${promtool.skipReason}${corpus.skipReason}`,
  () => {
    let work = '';
    let suite: Suite;
    let theirs: Run;
    let ours: Run;
    let theirVerdicts: Verdict[] | undefined;
    let ourVerdicts: Verdict[] | undefined;

    const promtoolRun = (files: readonly string[], out: string): Promise<Run> =>
      runMerged(promtool.path as string, ['test', 'rules', ...files], join(work, out));
    const drygateRun = (files: readonly string[], out: string): Promise<Run> =>
      runMerged(process.execPath, [CLI, 'test', 'rules', ...files], join(work, out));

    beforeAll(async () => {
      // Made here, not when the file is collected, so that a skipped run leaves nothing behind.
      work = mkdtempSync(join(tmpdir(), 'drygate-test-rules-vs-promtool-'));
      suite = writeUnitTestSuite(join(work, 'suite'));
      const files = suite.files.map((f) => f.path);
      // One run each over all files, one after the other: the machine has two cores.
      theirs = await promtoolRun(files, 'promtool.out');
      ours = await drygateRun(files, 'drygate.out');
      theirVerdicts = parseVerdicts(theirs.output, files.length);
      ourVerdicts = parseVerdicts(ours.output, files.length);
    });
    afterAll(() => {
      if (work !== '') rmSync(work, { recursive: true, force: true });
    });

    it('has at least 50 files, with several tests each', () => {
      const generated = suite.files.filter((f) => f.expected !== 'unknown');
      expect(generated.length).toBeGreaterThanOrEqual(50);
      const tests = generated.reduce((n, f) => n + f.tests, 0);
      expect(tests / generated.length).toBeGreaterThanOrEqual(3);
      expect(generated.filter((f) => f.rules).length).toBeGreaterThanOrEqual(10);
    });

    it('reads one verdict per file from each tool', () => {
      expect(theirVerdicts, `promtool said:\n${theirs.output}`).toBeDefined();
      expect(ourVerdicts, `drygate said:\n${ours.output}`).toBeDefined();
    });

    it('has at least 10 files of each verdict', () => {
      const count = (v: Verdict): number => (theirVerdicts ?? []).filter((x) => x === v).length;
      expect(count('SUCCESS')).toBeGreaterThanOrEqual(10);
      expect(count('FAILED')).toBeGreaterThanOrEqual(10);
    });

    it('gives every file the verdict promtool gives it', async () => {
      const disagree = suite.files.flatMap((f, i) =>
        theirVerdicts?.[i] === ourVerdicts?.[i] ? [] : [{ file: f, index: i }],
      );
      const reports: string[] = [];
      for (const { file, index } of disagree) {
        // Again one by one, for outputs that are easy to read and exit codes per file.
        const [p, d] = [
          await promtoolRun([file.path], 'one-promtool.out'),
          await drygateRun([file.path], 'one-drygate.out'),
        ];
        reports.push(
          [
            `${file.path} (${file.origin}${file.perturbation === undefined ? '' : `; wrong on purpose: ${file.perturbation}`})`,
            `  promtool: ${theirVerdicts?.[index] ?? '?'}, exit ${p.code}`,
            outputOfFile(p.output, 0),
            `  drygate: ${ourVerdicts?.[index] ?? '?'}, exit ${d.code}`,
            outputOfFile(d.output, 0),
            '  the file:',
            readFileSync(file.path, 'utf8'),
            ...(file.ruleFile === undefined
              ? []
              : ['  its rule file:', readFileSync(file.ruleFile, 'utf8')]),
          ].join('\n'),
        );
      }
      expect(
        disagree.length,
        `${disagree.length} of ${suite.files.length} files get another verdict:\n\n${reports.join('\n\n')}`,
      ).toBe(0);
    });

    it('exits as promtool does over the whole run', () => {
      expect(theirs.code).toBe(1);
      expect(ours.code, ours.output.slice(0, 2000)).toBe(theirs.code);
    });

    it('exits 0 as promtool does when every file passes', async () => {
      const passing = suite.files
        .filter((_, i) => theirVerdicts?.[i] === 'SUCCESS')
        .map((f) => f.path);
      const [p, d] = [
        await promtoolRun(passing, 'pass-promtool.out'),
        await drygateRun(passing, 'pass-drygate.out'),
      ];
      expect(p.code).toBe(0);
      expect(d.code, d.output.slice(0, 2000)).toBe(0);
    });

    it('agrees with the generator on which files were made wrong', () => {
      const wrong = suite.files.flatMap((f, i) => {
        if (f.expected === 'unknown') return [];
        const verdict = f.expected === 'pass' ? 'SUCCESS' : 'FAILED';
        return theirVerdicts?.[i] === verdict
          ? []
          : [`${f.path}: built to ${f.expected}, promtool says\n${outputOfFile(theirs.output, i)}`];
      });
      expect(wrong, wrong.join('\n\n')).toEqual([]);
    });
  },
);
