/**
 * `drygate heartbeat`: one beat (for cron) or a beat every interval (`--every`).
 */
import { formatDuration } from '../../model/duration.js';
import { type BeatResult, beatOnce } from '../../heartbeat/beat.js';
import { resolveHeartbeatConfig } from '../../heartbeat/config.js';
import { runHeartbeatDaemon } from '../../heartbeat/daemon.js';
import { InputError } from '../../errors.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export interface HeartbeatOptions {
  readonly dir: string;
  readonly prefix?: string;
  readonly realm?: string;
  readonly label?: readonly string[];
  readonly lock?: string;
  readonly wait?: number;
  readonly every?: number;
  readonly count?: number;
  readonly verbose?: boolean;
}

const PREFIX = 'drygate heartbeat: ';

function describeBeat(result: BeatResult): string {
  return `seq=${result.seq} ts=${new Date(result.timestampMs).toISOString()}\n`;
}

function reportNotices(result: BeatResult, io: CliIo): void {
  for (const notice of result.notices) io.err(`${PREFIX}${notice}\n`);
  if (result.removedTempFiles.length > 0) {
    io.err(
      `${PREFIX}removed temp files left by a crashed writer: ${result.removedTempFiles.join(', ')}\n`,
    );
  }
}

/** Permission and read-only errors mean the directory is not writable: the user's to fix. */
function asInputError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new InputError(`cannot write: ${(err as Error).message}`);
  }
  return err;
}

export async function heartbeat(
  options: HeartbeatOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<void> {
  if (options.count !== undefined && options.every === undefined) {
    throw new InputError('--count needs --every (it limits the number of beats in daemon mode)');
  }
  if (options.every === 0) throw new InputError('--every must be longer than 0s');
  const config = resolveHeartbeatConfig({
    dir: options.dir,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    ...(options.realm === undefined ? {} : { realm: options.realm }),
    ...(options.label === undefined ? {} : { labels: options.label }),
    ...(options.lock === undefined ? {} : { lockPath: options.lock }),
  });

  if (options.every === undefined) {
    let result: BeatResult;
    try {
      result = await beatOnce(config, { waitMs: options.wait ?? 0 });
    } catch (err) {
      throw asInputError(err);
    }
    reportNotices(result, io);
    if (options.verbose === true) io.out(describeBeat(result));
    return;
  }

  const summary = await runHeartbeatDaemon(config, {
    everyMs: options.every,
    ...(options.count === undefined ? {} : { count: options.count }),
    ...(options.wait === undefined ? {} : { waitMs: options.wait }),
    ...(signal === undefined ? {} : { signal }),
    onBeat: (result) => {
      reportNotices(result, io);
      if (options.verbose === true) io.out(describeBeat(result));
    },
    onFailure: (err, failures) => {
      io.err(
        `${PREFIX}beat failed (${failures} so far), trying again in ${formatDuration(options.every ?? 0)}: ${(err as Error).message}\n`,
      );
    },
  });
  io.err(`${PREFIX}stopped: ${summary.beats} beats written, ${summary.failures} failed\n`);
  // A bounded run (--count) reports failed beats in its exit code; a stop by signal is clean.
  if (options.count !== undefined && summary.failures > 0) throw new ExitError(ExitCode.Failed);
}
