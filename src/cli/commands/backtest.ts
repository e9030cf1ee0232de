/**
 * `drygate backtest GATES --since 7d`: replay a gate spec's decision at every step of a past
 * window against a server (`--url`) or a replay file (`--data`), and report flips, time per
 * decision, blame, flapping and threshold sensitivity. A backtest is a report, not a gate: it
 * exits 0 whenever the report was produced, 2 on an input error (or when no query succeeded).
 *
 * Times: `--since` and `--until` take RFC 3339, unix seconds, `now`, or a duration counted back
 * from now; with `--data`, "now" is the data's last sample, and a window reaching before the
 * data's first sample starts there instead (those steps could only say "no data").
 */
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { backtest } from '../../gate/backtest/backtest.js';
import type { BacktestProgress } from '../../gate/backtest/types.js';
import { renderBacktestJson } from '../../gate/report/backtest-json.js';
import { renderBacktestTable } from '../../gate/report/backtest-table.js';
import { readGateSpec } from '../../gate/spec/load.js';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { formatDuration, parseDuration } from '../../model/duration.js';
import { readErrorReason } from '../../model/files.js';
import { parseTimeArg } from '../../model/time.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';
import { type SourceOptions, resolveSource } from './source-options.js';

export interface BacktestCommandOptions extends SourceOptions {
  readonly since: string;
  readonly until?: string;
  readonly step: number;
  readonly maxPoints: number;
  /** Changes per hour, as typed (a decimal number). */
  readonly flapThreshold: string;
  readonly output: 'table' | 'json';
  readonly report?: string;
}

/**
 * A window edge: `now`, a duration back from `nowMs`, RFC 3339 or unix seconds.
 *
 * @example windowTime('--since', '7d', Date.now())
 */
export function windowTime(flag: string, text: string, nowMs: number, now: string): number {
  if (text === 'now') return nowMs;
  const back = parseDuration(text);
  if (back !== undefined) return nowMs - back;
  try {
    return parseTimeArg(flag, text);
  } catch {
    throw new InputError(
      `${flag} ${JSON.stringify(text)}: expected a time as RFC 3339, unix seconds, now, or a duration back from ${now} (7d)`,
    );
  }
}

/** A progress bar on a terminal: one line, redrawn at most every 100 ms, erased at the end. */
export function progressBar(write: (text: string) => void): {
  update(progress: BacktestProgress): void;
  finish(): void;
} {
  let lastMs = -Infinity;
  let shown = false;
  return {
    update({ done, total }) {
      const nowMs = performance.now();
      if (done < total && nowMs - lastMs < 100) return;
      lastMs = nowMs;
      const fraction = total > 0 ? done / total : 1;
      const width = 30;
      const filled = Math.round(fraction * width);
      write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} gate steps`,
      );
      shown = true;
    },
    finish() {
      if (shown) write('\r\x1b[K');
    },
  };
}

export async function backtestCommand(
  specFile: string,
  options: BacktestCommandOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<void> {
  const spec = await readGateSpec(specFile);
  const resolved = resolveSource(options);
  const nowMs =
    resolved.kind === 'url' ? Math.floor(Date.now() / 1000) * 1000 : resolved.data.endMs;
  const now = resolved.kind === 'url' ? 'now' : "the data's last sample";
  if (options.step <= 0) throw new InputError('--step: must be longer than 0s');
  const flapThreshold = Number(options.flapThreshold);
  if (!/^\d+(\.\d+)?$/.test(options.flapThreshold) || !Number.isFinite(flapThreshold))
    throw new InputError(
      `--flap-threshold ${JSON.stringify(options.flapThreshold)}: expected changes per hour, a number such as 1 or 0.5`,
    );
  const untilMs = windowTime('--until', options.until ?? 'now', nowMs, now);
  let sinceMs = windowTime('--since', options.since, nowMs, now);
  if (sinceMs > untilMs)
    throw new InputError(
      `--since is after --until (${new Date(sinceMs).toISOString()} > ${new Date(untilMs).toISOString()})`,
    );
  if (
    resolved.kind === 'data' &&
    sinceMs < resolved.data.startMs &&
    untilMs >= resolved.data.startMs
  ) {
    io.err(
      `drygate: the window starts before the data (${formatDuration(resolved.data.startMs - sinceMs)} earlier): the backtest starts at its first sample\n`,
    );
    sinceMs = resolved.data.startMs;
  }
  const bar = process.stderr.isTTY === true ? progressBar(io.err) : undefined;
  let result;
  try {
    result = await backtest(spec, {
      source: resolved.source,
      sinceMs,
      untilMs,
      stepMs: options.step,
      maxPoints: options.maxPoints,
      flapThreshold,
      ...(bar === undefined ? {} : { onProgress: (p: BacktestProgress) => bar.update(p) }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (err) {
    // Ctrl-C: the first one asks the backtest to stop (a second one exits at once).
    if (signal?.aborted === true)
      throw new ExitError(ExitCode.Usage, 'interrupted: the backtest did not finish, no report');
    throw err;
  } finally {
    bar?.finish();
  }
  if (options.report !== undefined) {
    const { renderBacktestHtml } = await import('../../gate/report/backtest-html.js');
    const path = resolve(options.report);
    try {
      writeFileAtomic(dirname(path), basename(path), renderBacktestHtml(result));
    } catch (err) {
      throw new InputError(`--report ${path}: ${readErrorReason(err)}`);
    }
  }
  io.out(
    options.output === 'json'
      ? renderBacktestJson(result)
      : renderBacktestTable(result, {
          color: io.isTty && (process.env['NO_COLOR'] ?? '') === '',
        }),
  );
}
