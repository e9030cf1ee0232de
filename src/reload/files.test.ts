import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installFile, moveFile } from './files.js';

const root = mkdtempSync(join(tmpdir(), 'drygate-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('installFile', () => {
  it('writes bytes exactly, creating directories, leaving no temp file', () => {
    const path = join(root, 'rules', 'team', 'a.yml');
    installFile(path, Buffer.from([0x67, 0xc3, 0xa9, 0x0a]));
    expect(readFileSync(path)).toEqual(Buffer.from([0x67, 0xc3, 0xa9, 0x0a]));
    expect(readdirSync(join(root, 'rules', 'team'))).toEqual(['a.yml']);
  });

  it('keeps the mode of the file it replaces', () => {
    const path = join(root, 'b.yml');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    installFile(path, Buffer.from('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});

describe('moveFile', () => {
  it('moves into a new directory, and says false for a file already gone', () => {
    const from = join(root, 'c.yml');
    writeFileSync(from, 'c');
    expect(moveFile(from, join(root, 'aside', 'deep', 'c.yml'))).toBe(true);
    expect(readFileSync(join(root, 'aside', 'deep', 'c.yml'), 'utf8')).toBe('c');
    expect(moveFile(from, join(root, 'aside', 'c2.yml'))).toBe(false);
  });
});
