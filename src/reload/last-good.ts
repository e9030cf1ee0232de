/**
 * The last-known-good copy: which one a rollback would use, and adopting what Prometheus runs
 * as the first copy when it matches the files on disk.
 *
 * @module
 */
import type { Inputs } from './inputs.js';
import type { ReloadPlan } from './plan.js';
import type { Recorder } from './recorder.js';
import { loadSnapshot, saveSnapshot, type Snapshot, type SnapshotOrigin } from './state.js';
import type { CurrentState } from './types.js';

export function snapshotOf(plan: ReloadPlan, origin: SnapshotOrigin): Snapshot {
  return {
    origin,
    savedAtMs: Date.now(),
    config: { path: plan.config.path, bytes: plan.config.bytes },
    ruleFiles: plan.files.map((f) => ({ path: f.path, bytes: f.bytes })),
  };
}

/** The last-known-good copy to roll back to; adopts what runs now when there is none yet. */
export function lastGoodCopy(
  inputs: Inputs,
  current: CurrentState,
  onDisk: ReloadPlan,
  record: Recorder['record'],
): Snapshot | undefined {
  const loaded = loadSnapshot(inputs.stateDir, 'last-good');
  if (loaded.kind === 'damaged') {
    record(
      'last-good',
      'failed',
      `the last-known-good copy is damaged (${loaded.reason}): not used`,
    );
    return undefined;
  }
  if (loaded.kind === 'ok') {
    if (loaded.snapshot.config.path === inputs.configPath) return loaded.snapshot;
    record(
      'last-good',
      'info',
      `the copy in ${inputs.stateDir} is of ${loaded.snapshot.config.path}, not of this config: not used`,
    );
    return undefined;
  }
  if (!current.inSync) return undefined;
  const adopted = snapshotOf(onDisk, 'adopted');
  saveSnapshot(inputs.stateDir, 'last-good', adopted);
  record(
    'last-good',
    'ok',
    'no copy yet: the files Prometheus runs now are saved as last-known-good',
  );
  return adopted;
}
