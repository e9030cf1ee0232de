import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreFiles } from './rollback.js';
import type { Snapshot } from './state.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('restoreFiles', () => {
  it('puts the snapshot back and keeps every file it replaces or moves', () => {
    const root = mkdtempSync(join(tmpdir(), 'drygate-rollback-'));
    roots.push(root);
    mkdirSync(join(root, 'rules'));
    const config = join(root, 'prometheus.yml');
    writeFileSync(config, 'rule_files: [rules/*.yml]\n# edited\n');
    writeFileSync(join(root, 'rules/a.yml'), 'groups: [] # new a\n');
    writeFileSync(join(root, 'rules/new.yml'), 'groups: [] # candidate\n');
    const snapshot: Snapshot = {
      origin: 'verified-reload',
      savedAtMs: 0,
      config: { path: config, bytes: Buffer.from('rule_files: [rules/*.yml]\n') },
      ruleFiles: [
        { path: join(root, 'rules/a.yml'), bytes: Buffer.from('groups: [] # old a\n') },
        { path: join(root, 'rules/gone.yml'), bytes: Buffer.from('groups: [] # deleted since\n') },
      ],
    };
    const kept = join(root, 'rejected');
    const result = restoreFiles(snapshot, { config, pathMap: [] }, kept);
    expect(result).toEqual({
      restored: [config, join(root, 'rules/a.yml'), join(root, 'rules/gone.yml')],
      movedAside: [join(root, 'rules/new.yml')],
    });
    expect(readFileSync(config, 'utf8')).toBe('rule_files: [rules/*.yml]\n');
    expect(readFileSync(join(root, 'rules/a.yml'), 'utf8')).toBe('groups: [] # old a\n');
    expect(readFileSync(join(root, 'rules/gone.yml'), 'utf8')).toBe('groups: [] # deleted since\n');
    expect(existsSync(join(root, 'rules/new.yml'))).toBe(false);
    // Nothing of the user's is lost.
    const at = (p: string): string => readFileSync(join(kept, root, p), 'utf8');
    expect(at('prometheus.yml')).toBe('rule_files: [rules/*.yml]\n# edited\n');
    expect(at('rules/a.yml')).toBe('groups: [] # new a\n');
    expect(at('rules/new.yml')).toBe('groups: [] # candidate\n');
    // A second run has nothing left to do.
    expect(restoreFiles(snapshot, { config, pathMap: [] }, kept)).toEqual({
      restored: [],
      movedAside: [],
    });
  });
});
