/**
 * An exclusive flock(2) on a lock file: the same lock `flock(1)` takes, so a shell cron job
 * (`flock -n LOCK cmd`) and drygate exclude each other.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type FsExt from 'fs-ext';
import { OperationError } from '../errors.js';

// fs-ext is a native addon: loaded on the first lock, not by every command that imports this.
let fsExt: typeof FsExt | undefined;
function loadFsExt(): typeof FsExt {
  fsExt ??= createRequire(import.meta.url)('fs-ext') as typeof FsExt;
  return fsExt;
}

/** The lock is held by someone else and did not come free in time. */
export class LockBusyError extends OperationError {
  override name = 'LockBusyError';
}

export interface LockHandle {
  readonly path: string;
  /** Releases the lock; safe to call twice. */
  release(): void;
}

export interface AcquireOptions {
  /** How long to wait for a busy lock; 0 (the default) fails at once. */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

function isBusy(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

/**
 * Takes the lock once, without waiting. Returns undefined when another process holds it.
 * Like flock(1) it opens read-only and creates the file if needed; it never deletes it, since
 * deleting a lock file lets two writers lock two different files.
 */
function tryAcquire(path: string): LockHandle | undefined {
  const flock = loadFsExt(); // before the lock file is created
  const fd = openSync(path, constants.O_RDONLY | constants.O_CREAT | constants.O_NOCTTY, 0o644);
  try {
    flock.flockSync(fd, 'exnb');
  } catch (err) {
    closeSync(fd);
    if (isBusy(err)) return undefined;
    throw err;
  }
  // If the file was replaced while we waited, we hold a lock nobody else sees: start over.
  let current: number | undefined;
  try {
    current = statSync(path).ino;
  } catch {
    current = undefined;
  }
  if (current !== fstatSync(fd).ino) {
    closeSync(fd);
    return tryAcquire(path);
  }
  let open = true;
  return {
    path,
    release() {
      if (!open) return;
      open = false;
      closeSync(fd); // closing the only descriptor releases the flock
    },
  };
}

/**
 * Acquires the exclusive lock, polling with a short jittered back-off while it is busy.
 *
 * @throws LockBusyError when it is still held after `waitMs`.
 * @example
 * const lock = await acquireLock('/var/lib/node_exporter/.heartbeat.lock', { waitMs: 5000 });
 * try { ... } finally { lock.release(); }
 */
export async function acquireLock(path: string, options: AcquireOptions = {}): Promise<LockHandle> {
  const waitMs = options.waitMs ?? 0;
  const deadline = Date.now() + waitMs;
  let pauseMs = 2;
  for (;;) {
    const handle = tryAcquire(path);
    if (handle !== undefined) return handle;
    const left = deadline - Date.now();
    if (left <= 0 || options.signal?.aborted === true) {
      throw new LockBusyError(
        waitMs > 0
          ? `lock ${path} is still held by another writer after waiting ${waitMs} ms`
          : `lock ${path} is held by another writer`,
      );
    }
    const pause = Math.min(left, pauseMs * (0.5 + Math.random()));
    await sleep(
      pause,
      undefined,
      options.signal === undefined ? {} : { signal: options.signal },
    ).catch(() => undefined);
    pauseMs = Math.min(pauseMs * 2, 50);
  }
}
