/**
 * Putting files in place for Prometheus: bytes written to a hidden temp name in the target's
 * own directory, fsynced, renamed over the target, directory fsynced; the target's mode kept.
 * A reader (Prometheus reloading at any moment) sees the old file or the new, never a part.
 *
 * @module
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory, tempNameFor } from '../heartbeat/atomic-write.js';

/**
 * Writes `bytes` to `path` atomically and durably; keeps the mode of a file it replaces and
 * creates missing parent directories.
 */
export function installFile(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // a new file
  }
  const temp = join(dir, tempNameFor(basename(path)));
  const fd = openSync(temp, 'wx', mode);
  let renamed = false;
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      try {
        unlinkSync(temp);
      } catch {
        // nothing to clean up
      }
    }
  }
  fsyncDirectory(dir);
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
