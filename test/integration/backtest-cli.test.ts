/**
 * `drygate backtest` as a user runs it, on the l4-dry-run example:
 *
 * - its decision and every gate's state at a handful of steps equal what separate
 *   `drygate decide --at` runs say (issue 8, acceptance 1, through the CLI; the library-level
 *   property test covers random data and specs);
 * - the progress bar appears on stderr when it is a terminal (run under `script(1)`) and never
 *   when stderr is piped;
 * - a server that answers no query at all is an error (exit 2), not a report.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CLI, runCli, spawnCli } from '../support/cli.js';
import { findBinary } from '../support/binaries.js';
import { freePort } from '../support/processes.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/l4-dry-run/', import.meta.url));
const DATA = join(EXAMPLE, 'replay', 'dry-run.yml');
const dir = mkdtempSync(join(tmpdir(), 'drygate-backtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example's gates without the command and check gates, which a backtest leaves out. */
function replayableGates(): string {
  const spec = parse(readFileSync(join(EXAMPLE, 'gates.yml'), 'utf8')) as {
    gates: { kind?: string }[];
  };
  spec.gates = spec.gates.filter((g) => g.kind !== 'command' && g.kind !== 'check');
  const file = join(dir, 'gates.yml');
  writeFileSync(file, stringify(spec));
  return file;
}

interface BacktestJson {
  steps: number;
  stepMs: number;
  first: string;
  decisions: { decision: string; start: string; steps: number }[];
  gates: { path: string[]; intervals: { state: string; start: string; steps: number }[] }[];
}

/** What the JSON report says at time t: the decision and each top-level gate's state. */
function at(report: BacktestJson, t: number): { decision: string; gates: string[] } {
  const find = <T extends { start: string; steps: number }>(list: readonly T[]): T => {
    const hit = list.find((i) => {
      const start = Date.parse(i.start);
      return t >= start && t < start + i.steps * report.stepMs;
    });
    if (hit === undefined) throw new Error(`no interval at ${new Date(t).toISOString()}`);
    return hit;
  };
  return {
    decision: (find(report.decisions) as { decision: string }).decision,
    gates: report.gates
      .filter((g) => g.path.length === 1)
      .map((g) => `${g.path[0]}=${find(g.intervals).state}`),
  };
}

describe('drygate backtest --data', () => {
  it('equals drygate decide --at at each step checked (the start, the outage, the ap canary dip, the end)', async () => {
    const gates = replayableGates();
    const run = await runCli([
      'backtest',
      gates,
      '--data',
      DATA,
      '--since',
      '3h',
      '--step',
      '5m',
      '-o',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as BacktestJson;
    expect(report.steps).toBe(37);
    const start = Date.parse(report.first);
    // 12:00 (first sample), 13:40 (writers just stopped), 13:50 (the example's NO-GO),
    // 14:25 (the ap canary dips), 15:00 (the end, GO).
    for (const minutes of [0, 100, 110, 145, 180]) {
      const t = start + minutes * 60_000;
      const decide = await runCli([
        'decide',
        gates,
        '--data',
        DATA,
        '--at',
        new Date(t).toISOString(),
        '--lookback',
        '0s',
        '-o',
        'json',
      ]);
      const result = JSON.parse(decide.stdout) as {
        decision: string;
        gates: { gate: string; state: string }[];
      };
      expect(at(report, t), new Date(t).toISOString()).toEqual({
        decision: result.decision,
        gates: result.gates.map((g) => `${g.gate}=${g.state}`),
      });
    }
    expect(at(report, start + 110 * 60_000).decision).toBe('NO-GO');
    expect(at(report, start + 180 * 60_000).decision).toBe('GO');
  });

  it('shows no progress bar when stderr is piped', async () => {
    const run = await runCli([
      'backtest',
      replayableGates(),
      '--data',
      DATA,
      '--since',
      '3h',
      '--step',
      '10s',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\r');
  });

  const script = findBinary('script', 'bsdutils');
  it.skipIf(script.path === undefined)(
    `shows a progress bar on stderr when it is a terminal, then erases it ${script.skipReason}`,
    () => {
      const command = [
        process.execPath,
        CLI,
        'backtest',
        replayableGates(),
        '--data',
        DATA,
        '--since',
        '3h',
        '--step',
        '10s',
      ]
        .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
        .join(' ');
      const run = spawnSync(script.path as string, ['-qec', command, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 120_000,
      });
      expect(run.status).toBe(0);
      const out = run.stdout;
      expect(out).toMatch(/\r\[\.{30}\] 0% 0\/\d+ gate steps/);
      expect(out).toMatch(/\r\[#{30}\] 100% (\d+)\/\1 gate steps\r/);
      // Erased with "erase to end of line" before the report.
      expect(out).toContain('gate steps\r\u001b[Kdrygate backtest');
      expect(out).toContain('drygate backtest l4-dry-run from 2026-11-28T12:00:00Z');
    },
  );
});

describe('drygate backtest, interrupted', () => {
  it('stops at the next chunk on SIGINT: exit 2, no report', async () => {
    // 3 h at 1s in chunks of 2 steps: thousands of chunks per gate, seconds of work.
    const child = spawnCli([
      'backtest',
      replayableGates(),
      '--data',
      DATA,
      '--since',
      '3h',
      '--step',
      '1s',
      '--max-points',
      '2',
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once the backtest is under way (the data file is loaded in well under a second).
    await sleep(1500);
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'drygate: interrupted: the backtest did not finish, no report\n',
    });
  });
});

describe('drygate backtest --url', () => {
  it('a server that answers no query at all is an error, exit 2', async () => {
    const port = await freePort();
    const run = await runCli([
      'backtest',
      replayableGates(),
      '--url',
      `http://127.0.0.1:${port}`,
      '--since',
      '1h',
      '--retries',
      '0',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^drygate: no range query succeeded; the first failed: http://127\\.0\\.0\\.1:${port}/api/v1/query_range: ECONNREFUSED\\n$`,
      ),
    );
  });
});
