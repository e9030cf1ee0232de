/**
 * The state directory of `drygate reload` (default `.drygate-reload/` beside the config):
 *
 * - `lock`: the flock(2) that lets one reload run at a time (flock(1) sees the same lock);
 * - `last-good/`: the config and rule files of the last verified reload (`manifest.json` with a
 *   sha256 per file, and the copies under `files/`), replaced as a whole by rename;
 * - `before/`: the files as they were before the last transaction that installed candidates;
 * - `rejected/<time>-<pid>/`: files a rollback took out of Prometheus's way, kept for the user;
 * - `journal.log`: one line per step of every transaction, with time and pid.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory } from '../model/atomic-write.js';
import { installFile } from './files.js';

export const DEFAULT_STATE_DIR_NAME = '.drygate-reload';

/** The state directory used when none is given: beside the config file. */
export function defaultStateDir(configPath: string): string {
  return join(dirname(configPath), DEFAULT_STATE_DIR_NAME);
}

export interface SnapshotFile {
  /** Where the file belongs (absolute host path). */
  readonly path: string;
  readonly bytes: Buffer;
}

/** Why a snapshot was taken. */
export type SnapshotOrigin =
  /** After a reload drygate verified. */
  | 'verified-reload'
  /** No copy yet, and what Prometheus runs matched the files on disk when drygate looked. */
  | 'adopted'
  /** The files a transaction was about to replace. */
  | 'before-install';

export interface Snapshot {
  readonly origin: SnapshotOrigin;
  readonly savedAtMs: number;
  readonly config: SnapshotFile;
  readonly ruleFiles: readonly SnapshotFile[];
}

export type SnapshotName = 'last-good' | 'before';

interface ManifestEntry {
  readonly path: string;
  readonly file: string;
  readonly sha256: string;
}

interface Manifest {
  readonly schemaVersion: 1;
  readonly origin: SnapshotOrigin;
  readonly savedAt: string;
  readonly savedAtMs: number;
  readonly config: ManifestEntry;
  readonly ruleFiles: readonly ManifestEntry[];
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * Saves a snapshot as `<stateDir>/<name>/`, replacing the previous one by rename so that a
 * crash leaves the old copy or the new, never a mix. Call it holding the lock.
 */
export function saveSnapshot(stateDir: string, name: SnapshotName, snapshot: Snapshot): void {
  mkdirSync(stateDir, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = join(stateDir, `.${name}.new-${suffix}`);
  mkdirSync(join(fresh, 'files'), { recursive: true });
  const entry = (file: SnapshotFile, i: number): ManifestEntry => {
    const stored = `files/${i}-${basename(file.path)}`;
    installFile(join(fresh, stored), file.bytes);
    return { path: file.path, file: stored, sha256: sha256(file.bytes) };
  };
  const manifest: Manifest = {
    schemaVersion: 1,
    origin: snapshot.origin,
    savedAt: new Date(snapshot.savedAtMs).toISOString(),
    savedAtMs: snapshot.savedAtMs,
    config: entry(snapshot.config, 0),
    ruleFiles: snapshot.ruleFiles.map((f, i) => entry(f, i + 1)),
  };
  installFile(join(fresh, 'manifest.json'), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  const target = join(stateDir, name);
  const old = join(stateDir, `.${name}.old-${suffix}`);
  let moved = false;
  try {
    renameSync(target, old);
    moved = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  renameSync(fresh, target);
  fsyncDirectory(stateDir);
  if (moved) rmSync(old, { recursive: true, force: true });
}

export type LoadedSnapshot =
  | { readonly kind: 'ok'; readonly snapshot: Snapshot }
  | { readonly kind: 'none' }
  | { readonly kind: 'damaged'; readonly reason: string };

/**
 * Loads `<stateDir>/<name>/`, checking every file against its sha256. When a crash happened
 * between the two renames of a save, the previous copy (`.<name>.old-*`) is used. Leftovers
 * of interrupted saves are removed: call it holding the lock.
 */
export function loadSnapshot(stateDir: string, name: SnapshotName): LoadedSnapshot {
  let entries: string[];
  try {
    entries = readdirSync(stateDir);
  } catch {
    return { kind: 'none' };
  }
  for (const e of entries) {
    if (e.startsWith(`.${name}.new-`)) rmSync(join(stateDir, e), { recursive: true, force: true });
  }
  let dir = join(stateDir, name);
  if (!entries.includes(name)) {
    const old = entries.find((e) => e.startsWith(`.${name}.old-`));
    if (old === undefined) return { kind: 'none' };
    renameSync(join(stateDir, old), dir);
    dir = join(stateDir, name);
  } else {
    for (const e of entries) {
      if (e.startsWith(`.${name}.old-`))
        rmSync(join(stateDir, e), { recursive: true, force: true });
    }
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    return { kind: 'damaged', reason: `${join(dir, 'manifest.json')}: ${(err as Error).message}` };
  }
  const read = (e: ManifestEntry): SnapshotFile | string => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, e.file));
    } catch (err) {
      return `${join(dir, e.file)}: ${(err as Error).message}`;
    }
    if (sha256(bytes) !== e.sha256)
      return `${join(dir, e.file)}: content does not match its sha256`;
    return { path: e.path, bytes };
  };
  if (manifest.schemaVersion !== 1 || manifest.config === undefined) {
    return { kind: 'damaged', reason: `${join(dir, 'manifest.json')}: not a drygate manifest` };
  }
  const config = read(manifest.config);
  if (typeof config === 'string') return { kind: 'damaged', reason: config };
  const ruleFiles: SnapshotFile[] = [];
  for (const e of manifest.ruleFiles) {
    const f = read(e);
    if (typeof f === 'string') return { kind: 'damaged', reason: f };
    ruleFiles.push(f);
  }
  return {
    kind: 'ok',
    snapshot: { origin: manifest.origin, savedAtMs: manifest.savedAtMs, config, ruleFiles },
  };
}

/** Appends one line to `<stateDir>/journal.log`: ISO time, pid, event. */
export function appendJournal(stateDir: string, event: string, nowMs = Date.now()): void {
  appendFileSync(
    join(stateDir, 'journal.log'),
    `${new Date(nowMs).toISOString()} pid=${process.pid} ${event.replace(/\n/g, ' ')}\n`,
  );
}

/** A new directory for files a rollback moves out of the way. */
export function rejectedDir(stateDir: string, nowMs = Date.now()): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  return join(stateDir, 'rejected', `${stamp}-${process.pid}`);
}

/** Writes a small text file into the state dir (used for the rejected files' README). */
export function writeStateNote(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
