import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendJournal, loadSnapshot, saveSnapshot, type Snapshot } from './state.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
const stateDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'drygate-state-'));
  roots.push(d);
  return join(d, 'state');
};

const snapshot = (n: number): Snapshot => ({
  origin: 'verified-reload',
  savedAtMs: 1_700_000_000_000 + n,
  config: { path: '/p/prometheus.yml', bytes: Buffer.from(`config ${n}\n`) },
  ruleFiles: [
    { path: '/p/rules/a.yml', bytes: Buffer.from(`a ${n}\n`) },
    { path: '/p/rules/x/a.yml', bytes: Buffer.from(`xa ${n}\n`) },
  ],
});

describe('snapshots', () => {
  it('round-trips, and a newer save replaces the older as a whole', () => {
    const dir = stateDir();
    expect(loadSnapshot(dir, 'last-good')).toEqual({ kind: 'none' });
    saveSnapshot(dir, 'last-good', snapshot(1));
    saveSnapshot(dir, 'last-good', snapshot(2));
    expect(loadSnapshot(dir, 'last-good')).toEqual({ kind: 'ok', snapshot: snapshot(2) });
    expect(readdirSync(dir).sort()).toEqual(['last-good']);
  });

  it('refuses a copy whose content does not match its sha256', () => {
    const dir = stateDir();
    saveSnapshot(dir, 'last-good', snapshot(1));
    writeFileSync(join(dir, 'last-good', 'files', '1-a.yml'), 'tampered');
    const loaded = loadSnapshot(dir, 'last-good');
    expect(loaded.kind).toBe('damaged');
  });

  it('recovers the previous copy after a crash between the two renames', () => {
    const dir = stateDir();
    saveSnapshot(dir, 'last-good', snapshot(1));
    renameSync(join(dir, 'last-good'), join(dir, '.last-good.old-123-abcd'));
    writeFileSync(join(dir, '.last-good.new-123-abcd'), 'half written');
    expect(loadSnapshot(dir, 'last-good')).toEqual({ kind: 'ok', snapshot: snapshot(1) });
    expect(readdirSync(dir).sort()).toEqual(['last-good']);
  });
});

describe('journal', () => {
  it('appends one line per event with time and pid', () => {
    const dir = stateDir();
    saveSnapshot(dir, 'before', snapshot(0));
    appendJournal(dir, 'lock ok: acquired', Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    appendJournal(dir, 'two\nlines', Date.UTC(2026, 0, 2, 3, 4, 5, 7));
    expect(readFileSync(join(dir, 'journal.log'), 'utf8')).toBe(
      `2026-01-02T03:04:05.006Z pid=${process.pid} lock ok: acquired\n` +
        `2026-01-02T03:04:05.007Z pid=${process.pid} two lines\n`,
    );
  });
});
