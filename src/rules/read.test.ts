import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { firstInvalidUtf8, loadRuleFileBytes, readRuleFile, RuleFileCache } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-rules-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firstInvalidUtf8', () => {
  it.each<[string, number[], number]>([
    ['ASCII', [0x61, 0x0a], -1],
    ['two-, three- and four-byte characters', [...Buffer.from('é€😀')], -1],
    ['a stray continuation byte', [0x61, 0x80], 1],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a truncated character', [0x61, 0xe2, 0x82], 1],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['0xff', [0x61, 0x62, 0xff], 2],
  ])('%s', (_, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('loadRuleFileBytes', () => {
  it('reports the first byte that is not UTF-8 at its line and column', () => {
    const bytes = Buffer.concat([Buffer.from('groups:\n- name: é'), Buffer.from([0xfe, 0x0a])]);
    expect(loadRuleFileBytes(bytes, 'r.yml').problems).toMatchObject([
      {
        code: 'yaml',
        source: { file: 'r.yml', line: 2, column: 10 },
        message: 'invalid YAML: invalid UTF-8 byte 0xfe',
      },
    ]);
  });

  it('accepts a byte order mark', () => {
    const file = loadRuleFileBytes(Buffer.from('\ufeffgroups:\n- name: g\n'), 'r.yml');
    expect(file.problems).toEqual([]);
    expect(file.groups.map((g) => g.name)).toEqual(['g']);
  });
});

describe('readRuleFile', () => {
  it('loads a file from disk with its path as the file name', async () => {
    const path = join(dir, 'rules.yml');
    writeFileSync(path, 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n');
    const file = await readRuleFile(path);
    expect(file).toMatchObject({ file: path, ruleCount: 1, problems: [] });
  });

  it('throws InputError for a missing file or a directory', async () => {
    await expect(readRuleFile(join(dir, 'missing.yml'))).rejects.toThrow(
      new InputError(`cannot read ${join(dir, 'missing.yml')}: no such file`),
    );
    await expect(readRuleFile(dir)).rejects.toThrow(`cannot read ${dir}: is a directory`);
  });
});

describe('RuleFileCache', () => {
  const rules = (record: string): string =>
    `groups:\n  - name: g\n    rules:\n      - record: ${record}\n        expr: up\n`;

  it('hands out the loaded file while its bytes are unchanged, and reloads a changed one', () => {
    const file = join(dir, 'cached.yml');
    writeFileSync(file, rules('first'));
    const cache = new RuleFileCache();
    const loaded = cache.readSync(file);
    expect(loaded.groups[0]?.rules[0]?.name).toBe('first');
    expect(cache.readSync(file)).toBe(loaded);
    // Other options are another entry; the same options find it again.
    const lenient = cache.readSync(file, { ignoreUnknownFields: true });
    expect(lenient).not.toBe(loaded);
    expect(cache.readSync(file)).toBe(loaded);
    writeFileSync(file, rules('second'));
    const reloaded = cache.readSync(file);
    expect(reloaded).not.toBe(loaded);
    expect(reloaded.groups[0]?.rules[0]?.name).toBe('second');
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const cache = new RuleFileCache(2);
    const files = ['a', 'b', 'c'].map((name) => {
      const file = join(dir, `cap-${name}.yml`);
      writeFileSync(file, rules(name));
      return file;
    });
    const [a, b, c] = files.map((f) => cache.readSync(f));
    expect(cache.readSync(files[2] as string)).toBe(c);
    expect(cache.readSync(files[1] as string)).toBe(b);
    expect(cache.readSync(files[0] as string)).not.toBe(a);
  });

  it('refuses an unreadable path as an input error', () => {
    expect(() => new RuleFileCache().readSync(join(dir, 'missing.yml'))).toThrow(InputError);
  });
});
