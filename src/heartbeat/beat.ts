/**
 * One heartbeat: under the writers' lock, read the sequence back, then atomically replace the
 * sequence file and the timestamp file.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeExposition } from '../exposition/write.js';
import type { Labels } from '../model/labels.js';
import { removeStaleTempFiles, writeFileAtomic } from '../model/atomic-write.js';
import { type HeartbeatConfig, heartbeatNames } from './config.js';
import { acquireLock } from './lock.js';
import { readSequence } from './sequence.js';

export interface BeatResult {
  /** The sequence value written. */
  readonly seq: number;
  /** The beat's time, in milliseconds since the epoch; the file holds it in seconds. */
  readonly timestampMs: number;
  /** Things the operator should know, such as a sequence that restarted at 1. */
  readonly notices: readonly string[];
  /** Temp files of a crashed writer that this beat removed. */
  readonly removedTempFiles: readonly string[];
}

export interface BeatOptions {
  /** How long to wait for the lock; 0 (default) fails at once when it is busy. */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
  /** The clock, for tests. */
  readonly now?: () => number;
}

/** The two files' contents: no exposition timestamps, since node_exporter rejects files with them. */
export function renderHeartbeatFiles(
  prefix: string,
  labels: Labels,
  seq: number,
  timestampMs: number,
): { readonly ts: string; readonly seq: string } {
  const names = heartbeatNames(prefix);
  return {
    ts: writeExposition([
      {
        name: names.tsMetric,
        help: 'Unix time in seconds of the last heartbeat written by drygate.',
        type: 'gauge',
        samples: [{ name: names.tsMetric, labels, value: timestampMs / 1000 }],
      },
    ]),
    seq: writeExposition([
      {
        name: names.seqMetric,
        help: 'Heartbeats written since the sequence started; +1 per beat.',
        type: 'counter',
        samples: [{ name: names.seqMetric, labels, value: seq }],
      },
    ]),
  };
}

/**
 * Writes one beat.
 *
 * @throws LockBusyError when another writer holds the lock past `waitMs`; file system errors as
 *   thrown by Node (nothing half-written is left behind).
 * @example
 * const config = resolveHeartbeatConfig({ dir: '/var/lib/node_exporter/textfile' });
 * const { seq } = await beatOnce(config);
 */
export async function beatOnce(
  config: HeartbeatConfig,
  options: BeatOptions = {},
): Promise<BeatResult> {
  const names = heartbeatNames(config.prefix);
  const lock = await acquireLock(config.lockPath, {
    waitMs: options.waitMs ?? 0,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  try {
    const removedTempFiles = removeStaleTempFiles(config.dir, [names.tsFile, names.seqFile]);
    const notices: string[] = [];
    const previous = readSequence(join(config.dir, names.seqFile), names.seqMetric);
    let seq = 1;
    if (previous.kind === 'found') {
      seq = previous.value + 1;
    } else if (previous.kind === 'corrupt') {
      notices.push(
        `${previous.reason}; starting a new sequence at 1 (Prometheus sees a counter reset)`,
      );
    } else if (existsSync(join(config.dir, names.tsFile))) {
      notices.push(
        `${names.seqFile} is missing but ${names.tsFile} exists; starting a new sequence at 1`,
      );
    }
    const timestampMs = (options.now ?? Date.now)();
    const files = renderHeartbeatFiles(config.prefix, config.labels, seq, timestampMs);
    // The sequence goes last: a beat that fails part-way never counts, so the sequence always
    // equals the number of complete beats.
    writeFileAtomic(config.dir, names.tsFile, files.ts);
    writeFileAtomic(config.dir, names.seqFile, files.seq);
    return { seq, timestampMs, notices, removedTempFiles };
  } finally {
    lock.release();
  }
}
