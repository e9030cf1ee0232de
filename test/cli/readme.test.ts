import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/<!-- help: drygate (.*?) -->\n\n?```text\n([\s\S]*?)```/g)];

/** Names listed under "Commands:" in a help text (wrapped description lines are indented more). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1]?.split('\n\n')[0] ?? '';
  return [...section.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1] as string);
}

/** Every command and subcommand, depth first, as the argument lists that reach them. */
async function discover(path: readonly string[]): Promise<string[][]> {
  const help = await runCli([...path, '--help']);
  const found: string[][] = [];
  for (const name of commandsIn(help.stdout)) {
    found.push([...path, name], ...(await discover([...path, name])));
  }
  return found;
}

describe('the README command reference', () => {
  it('has a help block for the program and every command', async () => {
    const commands = await discover([]);
    expect(blocks.map((b) => b[1])).toEqual([
      '--help',
      ...commands.map((c) => `${c.join(' ')} --help`),
    ]);
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

describe('the README quick start', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it('is two commands: npm start and npm test', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const commands = [...quickStart.matchAll(/^(npm \w+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(['npm start', 'npm test']);
  });

  it('npm start prints the decision of the example gates on the embedded replay data', async () => {
    const prefix = 'npm run build --silent && node bin/drygate.cjs ';
    const start = pkg.scripts['start'] ?? '';
    expect(start.startsWith(prefix)).toBe(true);
    const args = start.slice(prefix.length).split(' ');
    expect(args.slice(0, 2)).toEqual(['decide', 'examples/l4-dry-run/gates.yml']);
    const cwd = new URL('../..', import.meta.url).pathname;
    const run = await runCli(args, { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Decision: GO (all 8 required gates passed)');
    expect(run.stdout).toMatch(/^P\(GO\) \d+\.\d% /m);
    expect(run.stdout).toMatch(/^Weakest gate: /m);
  });
});
