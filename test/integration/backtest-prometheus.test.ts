/**
 * Issue 8, acceptance 2: a 10-gate backtest over 7 days at 1-minute steps against the real
 * Prometheus 2.42. The data (bench/backtest.mjs --write-data: 28 series, one sample a minute,
 * incidents that make the decision flip) is backfilled with
 * `promtool tsdb create-blocks-from openmetrics` and served on 127.0.0.1.
 *
 * - It completes: 10,081 decision steps, every range query within Prometheus's 11,000 points
 *   per series, one query per gate query (the whole week fits in one chunk), no error, and the
 *   drygate process's peak RSS stays under a bound.
 * - Chunking changes nothing: --max-points 2000 cuts every query into 6 chunks and gives the
 *   identical result (hold windows and lookbacks see across the chunk edges).
 * - Replay equals live: the same backtest via --data (drygate's engine on the same file) gives
 *   the same decision timeline, gate timelines, blame, flapping and sensitivity.
 *
 * Samples sit 17 s past the minute and decisions 30 s past it, so Prometheus 2's closed windows
 * and drygate's left-open ones (Prometheus 3) see the same samples.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusBinary, promtoolBinary } from '../support/binaries.js';
import { CLI } from '../support/cli.js';
import { type RunningServer, startBackfilledPrometheus } from '../support/processes.js';

const BENCH = fileURLToPath(new URL('../../bench/backtest.mjs', import.meta.url));
const prometheus = prometheusBinary();
const promtool = promtoolBinary();
const skipReason = [prometheus.skipReason, promtool.skipReason].filter((r) => r !== '').join('; ');

/** The drygate process's own peak RSS, printed as it exits. */
const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("drygate-maxrss-kib="+process.resourceUsage().maxRSS+"\\n"))';
/** Generous for 7 days of 28 series: the point is that it does not grow with the window. */
const MAX_RSS_MIB = 400;

interface Window {
  readonly startMs: number;
  readonly endMs: number;
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly samples: number;
  readonly series: number;
}

interface Report {
  readonly steps: number;
  readonly flips: number;
  readonly source: string;
  readonly decisions: { decision: string; start: string; end: string; steps: number }[];
  readonly gates: {
    path: string[];
    depth: number;
    flapping: boolean;
    blameMs: Record<string, number>;
    intervals: unknown[];
  }[];
  readonly excluded: unknown[];
  readonly sensitivity: { path: string[]; flipsCaused: number; suggestion: unknown }[];
  readonly queries: { gate: string; role: string; points: number; start: string; end: string }[];
  readonly errors: unknown[];
}

interface Run {
  readonly report: Report;
  readonly rssMiB: number;
  readonly wallMs: number;
}

function backtestRun(args: readonly string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', RSS_HOOK, CLI, 'backtest', ...args, '-o', 'json'],
      { timeout: 300_000, maxBuffer: 256 * 2 ** 20 },
      (err, stdout, stderr) => {
        if (err !== null) return reject(new Error(`backtest failed: ${err.message}\n${stderr}`));
        const rss = /drygate-maxrss-kib=(\d+)/.exec(stderr);
        resolve({
          report: JSON.parse(stdout) as Report,
          rssMiB: Number(rss?.[1]) / 1024,
          wallMs: performance.now() - started,
        });
      },
    );
  });
}

/**
 * What must not depend on chunking or the source. Between sources, the sensitivity's numbers
 * of distinct deciding values may differ: Prometheus 2.42 and drygate (Prometheus 3) sum and
 * average in a different order, so values equal in one may differ in the last bit in the other.
 * The flips, the suggestion (printed to 6 digits) and its effect must agree.
 */
function outcome(report: Report, acrossSources = false): unknown {
  return {
    steps: report.steps,
    flips: report.flips,
    decisions: report.decisions,
    gates: report.gates,
    excluded: report.excluded,
    sensitivity: acrossSources
      ? report.sensitivity.map((s) => ({
          path: s.path,
          flipsCaused: s.flipsCaused,
          suggestion: s.suggestion === null ? null : pick(s.suggestion),
        }))
      : report.sensitivity,
    errors: report.errors,
  };
}

function pick(suggestion: unknown): unknown {
  const { condition, flips, removed } = suggestion as Record<string, unknown>;
  return { condition, flips, removed };
}

describe.skipIf(skipReason !== '')(
  `backtest: 10 gates, 7 days at 1m against the real Prometheus ${skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-backtest-prometheus-'));
    let server: RunningServer | undefined;
    let window: Window;
    let gates: string;
    let range: string[];
    let live: Run;

    beforeAll(async () => {
      const written = spawnSync(process.execPath, [BENCH, '--write-data', dir, '--days', '7'], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (written.status !== 0) throw new Error(`data generation failed: ${written.stderr}`);
      window = JSON.parse(written.stdout) as Window;
      // The backfilled week only, kept whatever its age.
      server = await startBackfilledPrometheus(
        { promtool: promtool.path as string, prometheus: prometheus.path as string },
        dir,
        join(dir, 'data.om'),
      );
      gates = join(dir, 'gates.yml');
      range = [
        '--since',
        new Date(window.sinceMs).toISOString(),
        '--until',
        new Date(window.untilMs).toISOString(),
        '--step',
        '1m',
      ];
      live = await backtestRun([gates, '--url', server.url, ...range]);
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('completes: 10,081 steps, one range query per gate query, within the points limit', () => {
      const { report } = live;
      expect(window.series).toBe(28);
      expect(report.steps).toBe(10_081);
      expect(report.errors).toEqual([]);
      expect(report.source).toBe(server?.url);
      expect(report.gates.filter((g) => g.depth === 0)).toHaveLength(10);
      // 10 gates: 2 heartbeat queries, 3 canaries, 4 burn-rate windows, ... The heartbeat
      // fallback is not sent: its primary has data at every step.
      expect(report.queries).toHaveLength(15);
      expect(report.queries.some((q) => q.role === 'fallback')).toBe(false);
      expect(new Set(report.queries.map((q) => `${q.gate} ${q.role}`)).size).toBe(15);
      for (const q of report.queries) {
        expect(q.points).toBeLessThanOrEqual(11_000);
        expect(q.points).toBeGreaterThanOrEqual(10_081);
      }
      // The data makes the decision flip, and every kind of finding shows up.
      expect(report.flips).toBeGreaterThan(10);
      expect(report.gates.some((g) => g.flapping)).toBe(true);
      expect(report.sensitivity.some((s) => s.suggestion !== null)).toBe(true);
      expect(live.rssMiB).toBeGreaterThan(0);
      expect(live.rssMiB).toBeLessThan(MAX_RSS_MIB);
    });

    it('gives the identical result in chunks of at most 2,000 points', async () => {
      const chunked = await backtestRun([
        gates,
        '--url',
        server?.url ?? '',
        ...range,
        '--max-points',
        '2000',
      ]);
      const perQuery = new Map<string, number>();
      for (const q of chunked.report.queries) {
        expect(q.points).toBeLessThanOrEqual(2000);
        const key = `${q.gate} ${q.role}`;
        perQuery.set(key, (perQuery.get(key) ?? 0) + 1);
      }
      expect(perQuery.size).toBe(15);
      expect(new Set(perQuery.values())).toEqual(new Set([6]));
      expect(outcome(chunked.report)).toEqual(outcome(live.report));
      expect(chunked.rssMiB).toBeLessThan(MAX_RSS_MIB);
    });

    it('gives the same result via --data on the same data (replay equals live)', async () => {
      const replay = await backtestRun([gates, '--data', join(dir, 'data.om'), ...range]);
      expect(replay.report.source).toBe('data.om');
      expect(outcome(replay.report, true)).toEqual(outcome(live.report, true));
      expect(replay.rssMiB).toBeLessThan(MAX_RSS_MIB);
    });
  },
);
