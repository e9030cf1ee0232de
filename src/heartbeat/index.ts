/**
 * A heartbeat for the node_exporter textfile collector that never tears or races: one writer at
 * a time under flock(2), atomic replace of each file, a sequence that survives restarts.
 *
 * @module
 */
export { beatOnce, renderHeartbeatFiles } from './beat.js';
export type { BeatOptions, BeatResult } from './beat.js';
export { runHeartbeatDaemon } from './daemon.js';
export type { DaemonOptions, DaemonSummary } from './daemon.js';
export {
  DEFAULT_PREFIX,
  DEFAULT_REALM,
  REALM_LABEL,
  heartbeatNames,
  resolveHeartbeatConfig,
} from './config.js';
export type { HeartbeatConfig, HeartbeatConfigInput } from './config.js';
export { acquireLock, LockBusyError } from './lock.js';
export type { AcquireOptions, LockHandle } from './lock.js';
export { readSequence } from './sequence.js';
export type { SequenceState } from './sequence.js';
export { removeStaleTempFiles, writeFileAtomic } from '../model/atomic-write.js';
