/**
 * Daemon mode: a beat every interval on a fixed schedule (no drift), a failed beat logged and
 * counted without stopping the loop, and a clean stop on abort that lets the beat in flight finish.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type BeatResult, beatOnce } from './beat.js';
import type { HeartbeatConfig } from './config.js';

export interface DaemonOptions {
  readonly everyMs: number;
  /** Stop after this many beats, failed ones included. */
  readonly count?: number;
  /** How long each beat may wait for the lock. Default: the interval. */
  readonly waitMs?: number;
  /** Aborting stops the loop after the beat in flight. */
  readonly signal?: AbortSignal;
  readonly onBeat?: (result: BeatResult) => void;
  readonly onFailure?: (error: unknown, failures: number) => void;
}

export interface DaemonSummary {
  readonly attempts: number;
  readonly beats: number;
  readonly failures: number;
}

/**
 * Runs beats until aborted or `count` is reached.
 *
 * @example
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * await runHeartbeatDaemon(config, { everyMs: 30_000, signal: stop.signal });
 */
export async function runHeartbeatDaemon(
  config: HeartbeatConfig,
  options: DaemonOptions,
): Promise<DaemonSummary> {
  const { everyMs, count, signal } = options;
  const waitMs = options.waitMs ?? everyMs;
  const start = Date.now();
  let attempts = 0;
  let beats = 0;
  let failures = 0;
  let tick = 0;
  const stopped = (): boolean => signal?.aborted === true;
  while (!stopped() && (count === undefined || attempts < count)) {
    try {
      const result = await beatOnce(config, {
        waitMs,
        ...(signal === undefined ? {} : { signal }),
      });
      beats++;
      options.onBeat?.(result);
    } catch (err) {
      if (stopped()) break; // stopped while waiting for the lock: not a failure
      failures++;
      options.onFailure?.(err, failures);
    }
    attempts++;
    if (count !== undefined && attempts >= count) break;
    // Next tick on the fixed schedule; ticks missed while a beat was slow are skipped, not bunched.
    const now = Date.now();
    tick = Math.max(tick + 1, Math.ceil((now - start) / Math.max(everyMs, 1)));
    const delay = start + tick * everyMs - now;
    if (delay > 0) {
      await sleep(delay, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
    }
  }
  return { attempts, beats, failures };
}
