/**
 * Putting files in place for Prometheus: bytes written to a hidden temp name in the target's
 * own directory, fsynced, renamed over the target, directory fsynced; the target's mode kept.
 * A reader (Prometheus reloading at any moment) sees the old file or the new, never a part.
 *
 * @module
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from '../model/atomic-write.js';

/**
 * Writes `bytes` to `path` atomically and durably; keeps the mode of a file it replaces and
 * creates missing parent directories.
 */
export function installFile(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(dirname(path), basename(path), bytes, { keepMode: true });
}

/** Moves `path` to `to` (creating its directory), durably; false when `path` was gone. */
export function moveFile(path: string, to: string): boolean {
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(path, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    // Another file system: copy, then remove.
    installFile(to, readFileSync(path));
    unlinkSync(path);
  }
  fsyncDirectory(dirname(path));
  fsyncDirectory(dirname(to));
  return true;
}
