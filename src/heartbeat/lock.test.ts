import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockBusyError } from './lock.js';

const lockPath = (): string => join(mkdtempSync(join(tmpdir(), 'drygate-lock-')), '.lock');

describe('acquireLock', () => {
  it('is exclusive: a second holder fails at once without waiting', async () => {
    const path = lockPath();
    const first = await acquireLock(path);
    await expect(acquireLock(path)).rejects.toThrow(
      new LockBusyError(`lock ${path} is held by another writer`),
    );
    first.release();
    first.release(); // twice is harmless
    (await acquireLock(path)).release();
  });

  it('waits for a busy lock and gets it when it is released', async () => {
    const path = lockPath();
    const first = await acquireLock(path);
    setTimeout(() => first.release(), 100);
    const second = await acquireLock(path, { waitMs: 10_000 });
    second.release();
  });

  it('gives up after the wait, naming how long it waited', async () => {
    const path = lockPath();
    const first = await acquireLock(path);
    await expect(acquireLock(path, { waitMs: 50 })).rejects.toThrow(
      `lock ${path} is still held by another writer after waiting 50 ms`,
    );
    first.release();
  });

  it('stops waiting when aborted', async () => {
    const path = lockPath();
    const first = await acquireLock(path);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const started = Date.now();
    await expect(acquireLock(path, { waitMs: 60_000, signal: stop.signal })).rejects.toBeInstanceOf(
      LockBusyError,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    first.release();
  });
});
