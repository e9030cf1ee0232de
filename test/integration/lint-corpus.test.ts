/**
 * `drygate lint` over real inputs (issue 5, acceptance 3): every file of the promtool corpus
 * (rule files and unit-test files, the deliberately broken ones included) and the examples
 * folder, file by file in process and as one CLI run each: no crash, problems as data, exit
 * 0 or 1 (never the internal-error path).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { parseRequireArg } from '../../src/lint/config.js';
import { DEFAULT_CONFIG } from '../../src/lint/config.js';
import { lintPaths } from '../../src/lint/run.js';
import { corpusDir } from '../../src/promql/promqltest/corpus.js';

const corpus = join(dirname(corpusDir()), 'promtool');
const present = existsSync(corpus);
if (!present && process.env['DRYGATE_REQUIRE_CORPUS'] === '1')
  throw new Error(
    `the promtool corpus is required (DRYGATE_REQUIRE_CORPUS=1) but ${corpus} does not exist`,
  );
const skipReason = present
  ? ''
  : ` (skipped: corpus folder ${corpus} not found; set DRYGATE_CORPUS)`;
const corpusFiles = present
  ? readdirSync(corpus)
      .filter((f) => f.endsWith('.yml'))
      .sort()
  : [];
const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const config = { ...DEFAULT_CONFIG, require: [parseRequireArg('metric_realm=prod')] };

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['lint', ...args], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
  });
  return { code, out, err };
}

describe(`lint over the promtool corpus${skipReason}`, () => {
  it.skipIf(!present)('has the fixtures', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(corpusFiles)('%s', async (name) => {
    const result = await lintPaths([join(corpus, name)], config);
    for (const p of result.problems) {
      expect(p.source.line).toBeGreaterThan(0);
      expect(p.summary).not.toBe('');
    }
  });

  it.skipIf(!present)('the broken fixtures are reported at their line, not thrown', async () => {
    const syntax = await lintPaths([join(corpus, 'bad-rules-syntax.yml')], config);
    expect(
      syntax.problems.filter((p) => p.check === 'promql/syntax').map((p) => p.source.line),
    ).toEqual([7]);
    const extra = await lintPaths([join(corpus, 'rules_extrafields.yml')], config);
    expect(extra.problems.some((p) => p.check === 'input/parse')).toBe(true);
  });

  it.skipIf(!present)('one CLI run over the whole folder, in every format', async () => {
    for (const format of ['human', 'json', 'github', 'sarif']) {
      const r = await cli('--require', 'metric_realm=prod', '--format', format, corpus);
      expect(r.err).toBe('');
      expect([0, 1]).toContain(r.code);
      if (format === 'json' || format === 'sarif')
        expect(() => JSON.parse(r.out) as unknown).not.toThrow();
    }
  });
});

describe('lint over the examples', () => {
  const present = existsSync(examples);
  it.skipIf(!present)(
    `reads every example without an input or syntax error${present ? '' : ' (skipped: no examples folder)'}`,
    async () => {
      const result = await lintPaths([examples], config);
      expect(result.fileCount).toBeGreaterThan(0);
      const broken = result.problems.filter(
        (p) => p.check === 'input/parse' || p.check === 'promql/syntax',
      );
      expect(broken.map((p) => `${p.source.file}:${p.source.line}: ${p.summary}`)).toEqual([]);
      const r = await cli('--require', 'metric_realm=prod', examples);
      expect(r.err).toBe('');
      expect([0, 1]).toContain(r.code);
    },
  );
});
