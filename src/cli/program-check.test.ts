import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';

const checkRules = vi.fn<(files: string[], options: Record<string, unknown>) => Promise<void>>();
vi.mock('./commands/check-rules.js', () => ({
  checkRules: (files: string[], options: Record<string, unknown>) => checkRules(files, options),
}));

const io: CliIo = { out: () => undefined, err: () => undefined, isTty: false };

async function parse(argv: string[]): Promise<[string[], Record<string, unknown>]> {
  checkRules.mockReset();
  checkRules.mockResolvedValue(undefined);
  await createProgram({ io, signal: new AbortController().signal }).parseAsync(argv, {
    from: 'user',
  });
  const call = checkRules.mock.calls[0];
  if (call === undefined) throw new Error('checkRules was not called');
  return [call[0], { ...call[1] }];
}

describe('drygate check rules argv', () => {
  it.each<[string[], string[], Record<string, unknown>]>([
    [['a.yml'], ['a.yml'], { lint: 'duplicate-rules', nameValidationScheme: 'utf8' }],
    [
      ['a.yml', 'b.yml', '--lint-fatal', '--lint', 'all', '--ignore-unknown-fields'],
      ['a.yml', 'b.yml'],
      { lint: 'all', lintFatal: true, ignoreUnknownFields: true, nameValidationScheme: 'utf8' },
    ],
    [
      [
        '--enable-feature',
        'promql-experimental-functions',
        '--enable-feature',
        'promql-binop-fill-modifiers',
        'a.yml',
      ],
      ['a.yml'],
      {
        lint: 'duplicate-rules',
        nameValidationScheme: 'utf8',
        enableFeature: ['promql-experimental-functions', 'promql-binop-fill-modifiers'],
      },
    ],
    [
      ['--name-validation-scheme', 'legacy', 'a.yml'],
      ['a.yml'],
      { lint: 'duplicate-rules', nameValidationScheme: 'legacy' },
    ],
  ])('%j', async (argv, files, options) => {
    expect(await parse(['check', 'rules', ...argv])).toEqual([files, options]);
  });

  it('refuses an unknown name validation scheme', async () => {
    await expect(
      parse(['check', 'rules', '--name-validation-scheme', 'ascii', 'a.yml']),
    ).rejects.toThrow(/Allowed choices are utf8, legacy/);
  });
});
