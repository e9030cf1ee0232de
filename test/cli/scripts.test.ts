import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { parseScript, splitArgs } from './txtar.js';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.txtar'))
  .sort();
const workDirs: string[] = [];
afterAll(() => workDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, path) : [relative(root, path)];
  });
}

describe('splitArgs', () => {
  it('honours quotes', () => {
    expect(splitArgs(`a "b c" 'd e' f\\"g "h\\"i"`)).toEqual(['a', 'b c', 'd e', 'f\\"g', 'h"i']);
  });
});

describe('CLI scripts', () => {
  it('are numbered and there is at least one', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(name).toMatch(/^\d{4}_[a-z0-9_-]+\.txtar$/);
  });

  it.each(scripts)('%s', async (name) => {
    const script = parseScript(readFileSync(join(here, name), 'utf8'), name);
    const work = mkdtempSync(join(tmpdir(), 'drygate-cli-'));
    workDirs.push(work);
    for (const [path, content] of Object.entries(script.files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    const sub = (s: string): string => s.replaceAll('$WORK', work);
    const run = await runCli(script.args.map(sub), {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect({ exit: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      exit: script.exit,
      stdout: sub(script.stdout),
      stderr: sub(script.stderr),
    });
    if (script.ls !== undefined) expect(listFiles(work).sort()).toEqual([...script.ls].sort());
  });
});
