/**
 * The executable: bin/drygate.cjs runs the bundle with the code cache the build wrote; a cache V8
 * refuses, or none, only costs start-up time; the bundle needs nothing from node_modules for the
 * offline commands; and the unbundled entry (dist/cli/main.js) behaves the same.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = join(root, 'examples', 'l4-dry-run');
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;

function node(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : Number(err.code), stdout, stderr });
    });
  });
}

const exampleTests = ['test', 'rules', join(example, 'tests', 'heartbeat.test.yml')];

describe('bin/drygate.cjs', () => {
  it('loads the bundle with a code cache V8 accepts', async () => {
    const probe = [
      `const l = require(${JSON.stringify(CLI)});`,
      `const s = l.compileBundle(require('node:fs').readFileSync(l.CACHE));`,
      'console.log(JSON.stringify({ rejected: s.cachedDataRejected }));',
    ].join('\n');
    const { code, stdout } = await node(['-e', probe]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ rejected: false });
  });

  it('runs commands from the bundle', async () => {
    expect(await node([CLI, '--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(await node([CLI, ...exampleTests])).toMatchObject({ code: 0, stdout: '  SUCCESS\n\n' });
  });

  describe('copied without node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-launcher-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'bin'), { recursive: true });
    copyFileSync(CLI, join(dir, 'bin', 'drygate.cjs'));
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(root, 'dist/bin/drygate.cjs'), join(dir, 'dist/bin/drygate.cjs'));
    const launcher = join(dir, 'bin', 'drygate.cjs');

    it('runs with a cache V8 refuses', async () => {
      writeFileSync(join(dir, 'dist/bin/drygate.cache'), 'not a V8 code cache');
      expect(await node([launcher, '--version'])).toMatchObject({
        code: 0,
        stdout: `${version}\n`,
      });
      expect(await node([launcher, ...exampleTests])).toMatchObject({ code: 0 });
    });

    it('says to build when the bundle is missing (exit 2, no stack trace)', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'drygate-launcher-unbuilt-'));
      try {
        mkdirSync(join(empty, 'bin'));
        copyFileSync(CLI, join(empty, 'bin', 'drygate.cjs'));
        const run = await node([join(empty, 'bin', 'drygate.cjs'), '--version']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
          /^drygate: cannot read .*drygate\.cjs \(ENOENT\): run npm run build\n$/,
        );
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    it('runs without a cache', async () => {
      rmSync(join(dir, 'dist/bin/drygate.cache'), { force: true });
      const run = await node([launcher, ...exampleTests, '--coverage']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('  SUCCESS');
      expect(run.stdout).toContain('4 of 4 rules exercised');
    });
  });
});

describe('dist/cli/main.js (the unbundled entry)', () => {
  const main = join(root, 'dist', 'cli', 'main.js');

  it('gives the same results as the bundle', async () => {
    expect(await node([main, '--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const [bundled, unbundled] = await Promise.all([
      node([CLI, ...exampleTests, '--coverage']),
      node([main, ...exampleTests, '--coverage']),
    ]);
    expect(unbundled).toEqual(bundled);
  });
});
