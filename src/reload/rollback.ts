/**
 * Rolling back: put the snapshot's config and rule files back, move every other file the
 * config's patterns would load out of Prometheus's way (into the state dir, never deleted:
 * the user's edits are kept), reload, verify.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFile, moveFile } from './files.js';
import { buildPlan } from './plan.js';
import {
  type ConfirmContext,
  describeVerification,
  readStatusOrEmpty,
  reloadAndConfirm,
} from './confirm.js';
import { rejectedDir, type Snapshot } from './state.js';
import type { RollbackReport } from './types.js';

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Where a file taken out of the way is kept: its absolute path under the rejected dir. */
function keptAt(dir: string, path: string): string {
  return join(dir, path.replace(/^\/+/, ''));
}

/**
 * Puts the snapshot's files back on disk. Returns what was restored and what was moved aside.
 *
 * @throws Error from the file system; the caller reports the rollback as failed.
 */
export function restoreFiles(
  snapshot: Snapshot,
  context: Pick<ConfirmContext, 'config' | 'pathMap'>,
  dir: string,
): { restored: string[]; movedAside: string[] } {
  const restored: string[] = [];
  const movedAside: string[] = [];
  const keepCopy = (path: string, bytes: Buffer): void => installFile(keptAt(dir, path), bytes);

  const currentConfig = readOrUndefined(snapshot.config.path);
  if (currentConfig === undefined || !currentConfig.equals(snapshot.config.bytes)) {
    if (currentConfig !== undefined) keepCopy(snapshot.config.path, currentConfig);
    installFile(snapshot.config.path, snapshot.config.bytes);
    restored.push(snapshot.config.path);
  }
  const wanted = new Set(snapshot.ruleFiles.map((f) => f.path));
  for (const f of buildPlan({ config: context.config, pathMap: context.pathMap }).files) {
    if (wanted.has(f.path)) continue;
    if (moveFile(f.path, keptAt(dir, f.path))) movedAside.push(f.path);
  }
  for (const f of snapshot.ruleFiles) {
    const current = readOrUndefined(f.path);
    if (current !== undefined && current.equals(f.bytes)) continue;
    if (current !== undefined) keepCopy(f.path, current);
    installFile(f.path, f.bytes);
    restored.push(f.path);
  }
  return { restored, movedAside };
}

export async function rollBack(
  target: { readonly kind: 'last-good' | 'before'; readonly snapshot: Snapshot },
  context: ConfirmContext,
  stateDir: string,
  record: (step: string, status: 'ok' | 'failed' | 'info', detail: string) => void,
): Promise<RollbackReport> {
  const dir = rejectedDir(stateDir);
  const base = {
    target: target.kind,
    targetSavedAtMs: target.snapshot.savedAtMs,
    rejectedDir: dir,
  };
  let files: { restored: string[]; movedAside: string[] };
  try {
    files = restoreFiles(target.snapshot, context, dir);
  } catch (err) {
    const detail = `cannot restore the files: ${(err as Error).message}`;
    record('rollback-restore', 'failed', detail);
    return {
      ...base,
      restored: [],
      movedAside: [],
      restoreError: detail,
      reload: undefined,
      verification: undefined,
      ok: false,
    };
  }
  record(
    'rollback-restore',
    'ok',
    `${files.restored.length} restored, ${files.movedAside.length} moved aside to ${dir}`,
  );
  const before = await readStatusOrEmpty(context.client);
  const result = await reloadAndConfirm(context, before, (trigger) =>
    record('rollback-reload', trigger.ok ? 'ok' : 'failed', trigger.detail),
  );
  record(
    'rollback-verify',
    result.verification.ok ? 'ok' : 'failed',
    describeVerification(result.verification),
  );
  return {
    ...base,
    ...files,
    restoreError: undefined,
    reload: result.trigger.detail,
    verification: result.verification,
    ok: result.verification.ok,
  };
}
