/**
 * Replay equals live (issue 7, acceptance 3): the example's replay data
 * (`examples/l4-dry-run/replay/dry-run.yml`) is loaded with drygate's own loader, written out as
 * timestamped OpenMetrics, backfilled into a real Prometheus 2.42 TSDB with
 * `promtool tsdb create-blocks-from openmetrics`, and served on 127.0.0.1. Then the example's
 * gates are decided at the same times via `--data` (drygate's engine) and via `--url` (the real
 * Prometheus), and the two JSON reports must agree: the decision, the reason, every gate's state,
 * reason and values (within 1e-9), the probability and the history behind it.
 *
 * `--data` clips the lookback to the data's start (steps before it would only say "no data");
 * a server does not know where "the data" starts, so the `--url` runs pass the same clipped
 * lookback explicitly. The last case shows what differs without that: only the probability.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpositionSample, MetricFamily } from '../../src/exposition/types.js';
import { writeExposition } from '../../src/exposition/write.js';
import { loadDataFile } from '../../src/promql/data/load.js';
import { prometheusBinary, promtoolBinary } from '../support/binaries.js';
import { CLI, type CliRun } from '../support/cli.js';
import { type RunningServer, startBackfilledPrometheus } from '../support/processes.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/l4-dry-run/', import.meta.url));
const GATES = join(EXAMPLE, 'gates.yml');
const DATA = join(EXAMPLE, 'replay', 'dry-run.yml');
/** The CLI's default lookback, given explicitly to the `--data` runs. */
const LOOKBACK_MS = 24 * 3600_000;

const prometheus = prometheusBinary();
const promtool = promtoolBinary();
const skipReason = [prometheus.skipReason, promtool.skipReason].filter((r) => r !== '').join('; ');

/** The whole store as one OpenMetrics dump with timestamps, one `unknown` family per name. */
function toOpenMetrics(text: string): { dump: string; startMs: number; endMs: number } {
  const data = loadDataFile(text, DATA);
  const all = data.store.select(
    [{ name: '__name__', type: '=~', value: '.+' }],
    -Infinity,
    Infinity,
  );
  const families = new Map<string, ExpositionSample[]>();
  for (const series of all) {
    const name = series.labels.find((l) => l.name === '__name__')?.value as string;
    const labels = series.labels.filter((l) => l.name !== '__name__');
    let samples = families.get(name);
    if (samples === undefined) families.set(name, (samples = []));
    for (let i = 0; i < series.t.length; i++) {
      // OpenMetrics has no staleness markers; this data file has none either.
      if (series.stale[i] === 1)
        throw new Error(`${name}: a staleness marker cannot be backfilled with promtool`);
      samples.push({
        name,
        labels,
        value: series.f[i] as number,
        timestampMs: series.t[i] as number,
      });
    }
  }
  const list: MetricFamily[] = [...families].map(([name, samples]) => ({
    name,
    type: 'untyped',
    samples,
  }));
  expect(list.reduce((n, f) => n + f.samples.length, 0)).toBe(data.samples);
  return {
    dump: writeExposition(list, { format: 'openmetrics' }),
    startMs: data.startMs,
    endMs: data.endMs,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where two reports differ: paths with both values. Timings and the source name are skipped. */
function differences(a: Json, b: Json, path = '', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(Math.abs(a - b) <= 1e-9)) out.push(`${path}: --data ${a}, --url ${b}`);
  } else if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    if (a !== b) out.push(`${path}: --data ${JSON.stringify(a)}, --url ${JSON.stringify(b)}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: --data ${a.length} items, --url ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      differences(a[i] as Json, b[i] as Json, `${path}[${i}]`, out);
  } else {
    const x = a as Record<string, Json>;
    const y = b as Record<string, Json>;
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (key === 'durationMs' || key === 'source') continue;
      if (!(key in x) || !(key in y))
        out.push(`${path}.${key}: only in ${key in x ? '--data' : '--url'}`);
      else differences(x[key] as Json, y[key] as Json, `${path}.${key}`, out);
    }
  }
  return out;
}

function report(run: CliRun): { [key: string]: Json } {
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { [key: string]: Json };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** runCli with room for a 24 h history in JSON (over 1 MiB, execFile's default buffer). */
function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { timeout: 120_000, maxBuffer: 64 * 2 ** 20 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(skipReason !== '')(
  `decide --data equals decide --url on the backfilled replay ${skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-decide-replay-'));
    let server: RunningServer | undefined;
    let startMs = 0;
    let endMs = 0;

    beforeAll(async () => {
      const om = toOpenMetrics(readFileSync(DATA, 'utf8'));
      ({ startMs, endMs } = om);
      writeFileSync(join(dir, 'replay.om'), om.dump);
      // 3 h of data: promtool cuts it into 2 h blocks aligned to the epoch (12-14 h, 14-16 h).
      server = await startBackfilledPrometheus(
        { promtool: promtool.path as string, prometheus: prometheus.path as string },
        dir,
        join(dir, 'replay.om'),
      );
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Both runs at `atMs` (undefined: `--data` picks its last sample, `--url` gets that time). */
    async function both(
      atMs: number | undefined,
      extra: readonly string[] = ['--no-commands'],
      urlLookbackMs?: number,
    ): Promise<{ data: CliRun; url: CliRun }> {
      const at = atMs ?? endMs;
      const clipped = Math.max(0, Math.min(LOOKBACK_MS, at - startMs));
      const common = [...extra, '-o', 'json'];
      const [data, url] = await Promise.all([
        runCli([
          'decide',
          GATES,
          '--data',
          DATA,
          ...(atMs === undefined ? [] : ['--at', iso(atMs)]),
          '--lookback',
          `${LOOKBACK_MS / 1000}s`,
          ...common,
        ]),
        runCli([
          'decide',
          GATES,
          '--url',
          server?.url ?? '',
          '--at',
          iso(at),
          '--lookback',
          `${(urlLookbackMs ?? clipped) / 1000}s`,
          ...common,
        ]),
      ]);
      return { data, url };
    }

    function expectSame(data: CliRun, url: CliRun): { [key: string]: Json } {
      const a = report(data);
      const b = report(url);
      expect(b['source']).toBe(server?.url);
      expect(differences(a, b)).toEqual([]);
      expect(url.code).toBe(data.code);
      return a;
    }

    const minute = 60_000;
    // Minutes from the data's start (12:00 UTC): the start itself (no history yet), early burn
    // windows, the last good beat and the outage (13:39-13:59), the NO-GO time 13:50 of the
    // example, the recovery, the ap canary dip (14:20-14:29), and a time off the minute grid.
    const cases: readonly (readonly [string, number, string])[] = [
      ['12:00, the first sample', 0, 'NO-GO'],
      ['12:05, burn windows longer than the data', 5, 'INCONCLUSIVE'],
      ['13:39:30, between samples', 99.5, 'INCONCLUSIVE'],
      ['13:41, both writers stopped', 101, 'NO-GO'],
      ['13:50, the example NO-GO time', 110, 'NO-GO'],
      ['14:06, recovered', 126, 'INCONCLUSIVE'],
      ['14:25, the ap canary dips', 145, 'INCONCLUSIVE'],
    ];

    for (const [name, minutes, decision] of cases) {
      it(`agrees at ${name} (--no-commands: the smoke gate has no data)`, async () => {
        const { data, url } = await both(startMs + minutes * minute);
        const result = expectSame(data, url);
        expect(result['decision']).toBe(decision);
      });
    }

    it('agrees at the end (15:00, --data without --at), commands run: GO', async () => {
      const { data, url } = await both(undefined, []);
      const result = expectSame(data, url);
      expect(result['decision']).toBe('GO');
      expect(data.code).toBe(0);
      expect((result['probability'] as { lookbackMs: number }).lookbackMs).toBe(3 * 3600_000);
    });

    it('agrees at 13:50 with commands run: NO-GO naming the heartbeat gates', async () => {
      const { data, url } = await both(startMs + 110 * minute, []);
      const result = expectSame(data, url);
      expect(result['decision']).toBe('NO-GO');
      expect(result['reason']).toBe('required gates failed: heartbeat-ok, heartbeat-fresh');
      expect(data.code).toBe(1);
    });

    it('without the clipped lookback, --url differs only in the probability and history', async () => {
      const at = startMs + 110 * minute;
      const { data, url } = await both(at, ['--no-commands'], LOOKBACK_MS);
      const a = report(data);
      const b = report(url);
      const { probability: pa, history: ha, ...restA } = a;
      const { probability: pb, history: hb, ...restB } = b;
      expect(differences(restA, restB)).toEqual([]);
      // --data looked back 110 m (to 12:00), --url the full 24 h, most of it before the data.
      expect((pa as { lookbackMs: number }).lookbackMs).toBe(110 * minute);
      expect((pb as { lookbackMs: number }).lookbackMs).toBe(LOOKBACK_MS);
      expect(differences(pa as Json, pb as Json)).not.toEqual([]);
      expect(differences(ha as Json, hb as Json)).not.toEqual([]);
    });
  },
);
