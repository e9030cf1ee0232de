import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusGroup, listCorpusFiles } from './corpus.js';

const root = mkdtempSync(join(tmpdir(), 'drygate-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('corpusDir', () => {
  it('defaults to ../shared/corpus/promqltest beside the package', () => {
    expect(corpusDir({})).toMatch(/[/\\]shared[/\\]corpus[/\\]promqltest$/);
  });

  it('takes $DRYGATE_CORPUS, or its promqltest subfolder when it has one', () => {
    expect(corpusDir({ DRYGATE_CORPUS: root })).toBe(root);
    mkdirSync(join(root, 'promqltest'));
    expect(corpusDir({ DRYGATE_CORPUS: root })).toBe(join(root, 'promqltest'));
  });
});

describe('listCorpusFiles', () => {
  it('lists *.test files sorted, and undefined for a missing folder', () => {
    const dir = join(root, 'files');
    mkdirSync(dir);
    for (const f of ['b.test', 'a.test', 'notes.md']) writeFileSync(join(dir, f), '');
    expect(listCorpusFiles(dir)).toEqual([join(dir, 'a.test'), join(dir, 'b.test')]);
    expect(listCorpusFiles(join(root, 'nope'))).toBeUndefined();
  });
});

describe('corpusGroup', () => {
  it('sorts files into the stable set, native histograms and experimental', () => {
    expect(corpusGroup('operators.test')).toBe('stable');
    expect(corpusGroup('native_histograms.test')).toBe('native-histograms');
    expect(corpusGroup('fill-modifier.test')).toBe('experimental');
  });
});
