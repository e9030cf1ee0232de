/**
 * Replaces a file so that a reader sees the old content or the new, never a part: write a temp
 * file in the same directory under a name node_exporter ignores, fsync, rename over the
 * target, fsync the directory.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The temp name for a target: hidden, and ending in `.tmp` rather than `.prom`, so the textfile
 * collector never reads it.
 */
export function tempNameFor(target: string): string {
  return `.${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function isTempOf(name: string, target: string): boolean {
  return name.startsWith(`.${target}.`) && name.endsWith('.tmp');
}

export interface AtomicWriteOptions {
  /** Keep the mode of the file being replaced (a new file gets 0644). */
  readonly keepMode?: boolean;
}

/** Writes `content` to `dir/target` atomically and durably. */
export function writeFileAtomic(
  dir: string,
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const tempPath = join(dir, tempNameFor(target));
  let mode = 0o644;
  if (options.keepMode === true) {
    try {
      mode = statSync(join(dir, target)).mode & 0o7777;
    } catch {
      // a new file
    }
  }
  const fd = openSync(tempPath, 'wx', mode);
  let renamed = false;
  try {
    // The umask may have narrowed the mode at open: a kept mode is kept exactly.
    if (options.keepMode === true) fchmodSync(fd, mode);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tempPath, join(dir, target));
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      try {
        unlinkSync(tempPath);
      } catch {
        // nothing to clean up
      }
    }
  }
  fsyncDirectory(dir);
}

/** Makes a rename in `dir` durable. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes temp files of `targets` left behind by a writer that crashed. Call it only while
 * holding the writers' lock: then no live writer can own such a file.
 *
 * @returns the names removed.
 */
export function removeStaleTempFiles(dir: string, targets: readonly string[]): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!targets.some((t) => isTempOf(name, t))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return removed;
}
