/**
 * Conformance: Prometheus's promqltest corpus, read from ../shared/corpus (or $DRYGATE_CORPUS)
 * at run time, against the committed scoreboard of evals that do not pass yet. A failing eval
 * that is not listed is a regression; a listed eval that passes must come off the list
 * (`npm run conformance:update`, which sets DRYGATE_SCOREBOARD_UPDATE=1 and rewrites it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_ENV, corpusDir, corpusGroup } from '../../src/promql/promqltest/corpus.js';
import type { FileReport } from '../../src/promql/promqltest/report.js';
import { runPromqlTestFile } from '../../src/promql/promqltest/run.js';
import {
  buildScoreboard,
  diffScoreboard,
  formatScoreboard,
  parseScoreboard,
  type Scoreboard,
} from '../../src/promql/promqltest/scoreboard.js';
import { corpusFiles } from '../support/corpus.js';

const SCOREBOARD = fileURLToPath(
  new URL('../../conformance/promqltest-scoreboard.json', import.meta.url),
);
const UPDATE = process.env.DRYGATE_SCOREBOARD_UPDATE === '1';
const HINT = 'run `npm run conformance:update` and commit conformance/promqltest-scoreboard.json';

const dir = corpusDir();
const { files } = corpusFiles();

function loadScoreboard(): Scoreboard | undefined {
  if (UPDATE || !existsSync(SCOREBOARD)) return undefined; // an update rewrites it whatever it held
  return parseScoreboard(readFileSync(SCOREBOARD, 'utf8'));
}

function rate(passed: number, failed: number): string {
  const total = passed + failed;
  return `${passed}/${total} passed (${total === 0 ? 'n/a' : `${((100 * passed) / total).toFixed(1)}%`})`;
}

/** Pass rates of the stable float set, experimental files and native-histogram files. */
function passRates(reports: readonly FileReport[], seconds: number): string {
  const groups = new Map<string, { passed: number; failed: number; skipped: number }>();
  for (const r of reports) {
    const group = corpusGroup(basename(r.file));
    const g = groups.get(group) ?? { passed: 0, failed: 0, skipped: 0 };
    g.passed += r.passed;
    g.failed += r.failed;
    g.skipped += r.skipped;
    groups.set(group, g);
  }
  const line = (label: string, key: string): string => {
    const g = groups.get(key) ?? { passed: 0, failed: 0, skipped: 0 };
    return `  ${label}: ${rate(g.passed, g.failed)}, ${g.skipped} native-histogram skips`;
  };
  return [
    `promqltest conformance (${reports.length} files, ${seconds.toFixed(1)}s):`,
    line('stable float set (issue #3)', 'stable'),
    line('experimental files', 'experimental'),
    line('native-histogram files', 'native-histograms'),
  ].join('\n');
}

if (files === undefined) {
  describe('promqltest conformance', () => {
    it.skip(`corpus folder ${dir} not found (set ${CORPUS_ENV} to run it)`, () => {});
  });
} else {
  describe('promqltest conformance', () => {
    const board = loadScoreboard();
    const reports: FileReport[] = [];
    const started = performance.now();

    it.each(files.map((f) => [basename(f), f]))('%s has no regressions', (_, path) => {
      const report = runPromqlTestFile(path, { name: basename(path) });
      reports.push(report);
      if (UPDATE) return;
      expect(board, `no scoreboard at ${SCOREBOARD}: ${HINT}`).toBeDefined();
      const diff = diffScoreboard(board as Scoreboard, [report]);
      const problems = [
        ...diff.regressions.map(
          (e) => `regression: ${e.file}:${e.line} ${e.query}\n    ${e.reason ?? ''}`,
        ),
        ...diff.nowPassing.map(
          (e) => `now passes, take it off the list: ${e.file}:${e.line} (${e.reason})`,
        ),
        ...diff.changed.map(
          (c) =>
            `${c.entry.status} -> ${c.now.status}: ${c.entry.file}:${c.entry.line} ${c.now.query}`,
        ),
        ...diff.missing.map(
          (e) => `listed but not in the corpus: ${e.file}:${e.line} (query ${e.queryHash})`,
        ),
      ];
      expect(problems, `the scoreboard is out of date: fix the regression or ${HINT}`).toEqual([]);
    });

    it('has a scoreboard that lists only corpus files, and reports pass rates', () => {
      const seconds = (performance.now() - started) / 1000;
      console.log(passRates(reports, seconds));
      if (UPDATE) {
        mkdirSync(dirname(SCOREBOARD), { recursive: true });
        writeFileSync(SCOREBOARD, formatScoreboard(buildScoreboard(reports)));
        return;
      }
      // Issue #3's bar: at least 98% of the stable float-only evals pass (skips not counted).
      const stable = reports.filter((r) => corpusGroup(basename(r.file)) === 'stable');
      const passed = stable.reduce((n, r) => n + r.passed, 0);
      const failed = stable.reduce((n, r) => n + r.failed, 0);
      expect(passed + failed).toBeGreaterThan(800);
      expect(passed / (passed + failed)).toBeGreaterThanOrEqual(0.98);
      const names = new Set(files.map((f) => basename(f)));
      const stale = (board?.entries ?? []).filter((e) => !names.has(e.file));
      expect(
        stale.map((e) => `${e.file}:${e.line}`),
        `entries for files not in the corpus: ${HINT}`,
      ).toEqual([]);
    });
  });
}
