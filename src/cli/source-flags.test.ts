import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';
import { addSourceOptions } from './source-flags.js';

const SOURCE_FLAGS = [
  '--url',
  '--data',
  '--timeout',
  '--retries',
  '--header',
  '--bearer-token-file',
  '--basic-auth-user',
  '--basic-auth-password-file',
  '--ca-file',
];

function parse(argv: string[]): Record<string, unknown> {
  const bare = new Command('x').exitOverride().configureOutput({ writeErr: () => undefined });
  const command = addSourceOptions(bare, { url: 'u', data: 'd' });
  command.parse(argv, { from: 'user' });
  return command.opts();
}

describe('source flags argv', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], { timeout: 30_000, retries: 2 }],
    [['--data', 'd.yml'], { data: 'd.yml', timeout: 30_000, retries: 2 }],
    [
      [
        '--url',
        'https://prom:9090',
        '--timeout',
        '5s',
        '--retries',
        '0',
        '--header',
        'X-Scope-OrgID: a',
        '--header',
        'X-B: b',
        '--bearer-token-file',
        'token',
        '--basic-auth-user',
        'me',
        '--basic-auth-password-file',
        'password',
        '--ca-file',
        'ca.pem',
      ],
      {
        url: 'https://prom:9090',
        timeout: 5_000,
        retries: 0,
        header: ['X-Scope-OrgID: a', 'X-B: b'],
        bearerTokenFile: 'token',
        basicAuthUser: 'me',
        basicAuthPasswordFile: 'password',
        caFile: 'ca.pem',
      },
    ],
  ])('%j', (argv, options) => {
    expect(parse(argv)).toEqual(options);
  });

  it('refuses a bad duration or count', () => {
    expect(() => parse(['--timeout', 'soon'])).toThrow(/expected a duration/);
    expect(() => parse(['--retries', '-1'])).toThrow(/expected a whole number/);
  });
});

describe('drygate decide and backtest', () => {
  const io: CliIo = { out: () => undefined, err: () => undefined, isTty: false };
  const program = createProgram({ io, signal: new AbortController().signal });

  it.each(['decide', 'backtest'])('%s takes every source flag', (name) => {
    const command = program.commands.find((c) => c.name() === name);
    const flags = command?.options.map((o) => o.long) ?? [];
    expect(flags.filter((f) => f !== undefined && SOURCE_FLAGS.includes(f))).toEqual(SOURCE_FLAGS);
  });
});
