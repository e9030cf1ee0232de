import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/<!-- help: drygate (.*?) -->\n\n?```text\n([\s\S]*?)```/g)];

describe('the README command reference', () => {
  it('has a help block for the program and every command', async () => {
    const top = await runCli(['--help']);
    const commands = [...top.stdout.matchAll(/^ {2}(\w[\w-]*) \[options\]/gm)].map((m) => m[1]);
    expect(blocks.map((b) => b[1])).toEqual(['--help', ...commands.map((c) => `${c} --help`)]);
  });

  it.each(blocks.map((b) => [b[1] as string, b[2] as string]))(
    'drygate %s matches',
    async (args, text) => {
      const run = await runCli(args.split(' '));
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(text);
    },
  );
});
