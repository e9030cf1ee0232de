import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, QueryError } from '../../errors.js';
import { loadDataFile } from '../../promql/data/load.js';
import { EmbeddedSource } from '../source/embedded.js';
import type { MetricsSource, SourceResult } from '../source/types.js';
import { loadGateSpec, readGateSpec } from '../spec/load.js';
import { backtest } from './backtest.js';
import { candidateThresholds, niceAbove, niceBelow } from './sensitivity.js';
import type { LeafNode } from './tree.js';
import type { BacktestOptions, BacktestResult, GateBacktest } from './types.js';

const M = 60_000;
const EXAMPLE = fileURLToPath(new URL('../../../examples/l4-dry-run/', import.meta.url));

function spec(gates: string): ReturnType<typeof loadGateSpec> {
  return loadGateSpec(
    `apiVersion: drygate/v1\nname: t\nrequire: {metric_realm: prod}\ngates:\n${gates}`,
    'gates.yml',
  );
}

function source(data: string): EmbeddedSource {
  return new EmbeddedSource(loadDataFile(data, 'data.yml').store, 'data.yml');
}

function gate(result: BacktestResult, path: string): GateBacktest {
  const found = result.gates.find((g) => g.path.join('/') === path);
  if (found === undefined) throw new Error(`no gate ${path}`);
  return found;
}

describe('backtest of the l4-dry-run example', () => {
  it('the NO-GO while the heartbeat stopped, blame, and the gates it cannot replay', async () => {
    const data = loadDataFile(readFileSync(`${EXAMPLE}replay/dry-run.yml`, 'utf8'), 'dry-run.yml');
    const spec = await readGateSpec(`${EXAMPLE}gates.yml`);
    const result = await backtest(spec, {
      source: new EmbeddedSource(data.store, 'dry-run.yml'),
      sinceMs: data.startMs,
      untilMs: data.endMs,
      stepMs: 5 * M,
    });
    const at = (minutes: number): number => data.startMs + minutes * M;
    expect(result.steps).toBe(37);
    expect(result.decisions).toEqual([
      { decision: 'NO-GO', startMs: at(0), endMs: at(5), steps: 1 },
      { decision: 'GO', startMs: at(5), endMs: at(105), steps: 20 },
      { decision: 'NO-GO', startMs: at(105), endMs: at(120), steps: 3 },
      { decision: 'GO', startMs: at(120), endMs: at(180), steps: 13 },
    ]);
    expect(result.flips).toBe(3);
    expect(result.timeInDecision).toEqual({ GO: 160 * M, 'NO-GO': 20 * M, INCONCLUSIVE: 0 });
    // 13:45-14:00 both heartbeat gates fail; at 12:00 only heartbeat-ok (its first value is 0).
    expect(gate(result, 'heartbeat-ok').blame).toEqual({
      noGoMs: 20 * M,
      soleNoGoMs: 5 * M,
      inconclusiveMs: 0,
    });
    expect(gate(result, 'heartbeat-fresh').blame).toEqual({
      noGoMs: 15 * M,
      soleNoGoMs: 0,
      inconclusiveMs: 0,
    });
    // Advisory gates never decide.
    expect(gate(result, 'heartbeat-changes').blame.noGoMs).toBe(0);
    expect(gate(result, 'canary-quorum/canary-ap').timeInState.fail).toBe(10 * M);
    expect(gate(result, 'canary-quorum').timeInState.fail).toBe(0);
    // The example's command and check gates cannot be replayed: left out of every decision.
    expect(result.excluded).toEqual(
      spec.gates
        .filter((g) => g.kind === 'command' || g.kind === 'check')
        .map((g) => ({
          gate: g.name,
          path: [g.name],
          kind: g.kind,
          treatment: 'left out of the decision',
        })),
    );
    expect(result.excluded.map((e) => e.gate)).toContain('sandbox-smoke');
    // One range query per query of each gate: the whole window fits in one chunk. The
    // heartbeat-ok fallback is not sent: the primary has data at every step.
    const perGate = new Map<string, number>();
    for (const q of result.queries) perGate.set(q.gate, (perGate.get(q.gate) ?? 0) + 1);
    expect(Object.fromEntries(perGate)).toEqual({
      'heartbeat-ok': 1,
      'heartbeat-fresh': 1,
      'heartbeat-changes': 1,
      'canary-quorum/canary-eu': 1,
      'canary-quorum/canary-us': 1,
      'canary-quorum/canary-ap': 1,
      'dr-rehearsal': 1,
      'error-budget': 4,
    });
    expect(result.queries.every((q) => q.points === 37)).toBe(true);
  });
});

// The ratio dips below 0.99 three times: to 0.985 (2m), 0.98 (3m), 0.97 (2m).
const DIPS = `interval: 1m
input_series:
  - series: 'ratio{metric_realm="prod"}'
    values: '0.995x4 0.985x1 0.995x4 0.98x2 0.995x4 0.97x1 0.995x8'
  - series: 'other{metric_realm="prod"}'
    values: '1x5 0x3 1x20'
`;
const DIP_WINDOW = { sinceMs: 0, untilMs: 28 * M, stepMs: M };

describe('threshold sensitivity', () => {
  it('finds the smallest relaxation that removes most of the flips a gate caused', async () => {
    const result = await backtest(spec('  - {name: r, query: ratio, condition: ">= 0.99"}\n'), {
      source: source(DIPS),
      ...DIP_WINDOW,
    });
    expect(result.flips).toBe(6);
    expect(result.sensitivity).toEqual([
      {
        gate: 'r',
        path: ['r'],
        condition: '>= 0.99',
        op: '>=',
        threshold: 0.99,
        flipsCaused: 6,
        // >= 0.985 removes only the first dip (2 flips of 6); >= 0.98 the first two.
        suggestion: {
          threshold: 0.98,
          change: 0.98 - 0.99,
          condition: '>= 0.98',
          flips: 2,
          removed: 4,
        },
        candidates: 2,
        note: '>= 0.98 removes 4 of the 6 flips it caused (6 → 2)',
      },
    ]);
  });

  it('a strict condition gets the roundest threshold between two deciding values', async () => {
    const result = await backtest(spec('  - {name: r, query: ratio, condition: "> 0.99"}\n'), {
      source: source(DIPS),
      ...DIP_WINDOW,
    });
    expect(result.sensitivity[0]?.suggestion).toMatchObject({ threshold: 0.97, flips: 2 });
  });

  it('looks through hold windows and quorums, and counts only the flips the gate caused', async () => {
    const gates = `  - name: q
    kind: quorum
    min: 2
    gates:
      - {name: r, query: ratio, condition: ">= 0.99", hold: 2m}
      - {name: always, query: vector(1), condition: "== 1"}
  - {name: o, query: other, condition: "== 1"}
`;
    const result = await backtest(spec(gates), { source: source(DIPS), ...DIP_WINDOW });
    const r = result.sensitivity.find((s) => s.gate === 'r');
    // The dips are at 5-6m, 12-14m and 20-21m; with the 2m hold each fails 2 steps longer,
    // and the first two steps have no data before them. `other` fails 6-9m, overlapping the
    // first dip: relaxing `r` removes 4 of the 7 flips, and only relaxing it past all three
    // dips removes more than half of those (>= 0.98 leaves the last dip: 2 of 4).
    expect(gate(result, 'q/r').intervals.map((i) => [i.state, i.steps])).toEqual([
      ['nodata', 2],
      ['pass', 3],
      ['fail', 4],
      ['pass', 3],
      ['fail', 5],
      ['pass', 3],
      ['fail', 4],
      ['pass', 5],
    ]);
    expect(result.flips).toBe(7);
    expect(r).toMatchObject({
      flipsCaused: 4,
      suggestion: { threshold: 0.97, flips: 3, removed: 4 },
      candidates: 3,
    });
  });

  it('says so when a gate caused no flips or no threshold helps', async () => {
    const result = await backtest(
      spec(
        '  - {name: r, query: ratio, condition: ">= 0.9"}\n  - {name: o, query: other, condition: "== 1"}\n',
      ),
      { source: source(DIPS), ...DIP_WINDOW },
    );
    expect(result.sensitivity).toMatchObject([
      {
        gate: 'r',
        flipsCaused: 0,
        suggestion: null,
        note: 'relaxing it removes none of the 2 flips of the decision',
      },
    ]);
  });

  it('values a rounding error apart are one candidate, so sources that round apart agree', () => {
    const leaf = (values: number[]): LeafNode =>
      ({
        critical: Float64Array.from(values),
        raw: new Uint8Array(values.length),
      }) as unknown as LeafNode;
    const condition = { op: '<' as const, threshold: 0.9, text: '< 0.9' };
    // 0.96225 as one engine computes it, a last bit off as another might, and 0.97: without
    // merging, the first candidate would be squeezed into the gap between the first two.
    const nearly = 0.96225 * (1 + 1e-15);
    expect(nearly).not.toBe(0.96225);
    expect(candidateThresholds(leaf([0.96225, nearly, 0.97]), condition)).toEqual([0.97, 1]);
    expect(candidateThresholds(leaf([nearly, 0.97]), condition)).toEqual([0.97, 1]);
  });

  it('niceBelow and niceAbove pick the roundest number in the gap, nearest the value', () => {
    expect(niceBelow(0.99, 0.98)).toBe(0.98);
    expect(niceBelow(0.985, 0.98)).toBe(0.98);
    expect(niceBelow(1500, 1400)).toBe(1499);
    expect(niceBelow(1.1, 1.05)).toBe(1.09);
    expect(niceBelow(5, -Infinity)).toBe(4);
    expect(niceAbove(0.2, 0.3)).toBe(0.3);
    expect(niceAbove(0.21, 0.22)).toBe(0.22);
    expect(niceAbove(7, Infinity)).toBe(8);
  });
});

describe('flapping', () => {
  it('a gate changing more often per hour than the threshold flaps', async () => {
    const data = `interval: 1m\ninput_series:\n  - series: 'x{metric_realm="prod"}'\n    values: '${'1 0 '.repeat(30).trim()}'\n`;
    const options = { source: source(data), sinceMs: 0, untilMs: 60 * M, stepMs: M };
    const gates = spec('  - {name: x, query: x, condition: "== 1"}\n');
    const result = await backtest(gates, options);
    expect(gate(result, 'x')).toMatchObject({ changes: 59, changesPerHour: 59, flapping: true });
    const lenient = await backtest(gates, { ...options, flapThreshold: 100 });
    expect(gate(lenient, 'x').flapping).toBe(false);
  });
});

/** A source that answers from a function; counts range queries. */
type Answer = (query: string, startMs: number, endMs: number, stepMs: number) => SourceResult;

class FakeSource implements MetricsSource {
  readonly description = 'fake';
  ranges = 0;
  private readonly answer: Answer;
  constructor(answer: Answer) {
    this.answer = answer;
  }
  instant(): Promise<SourceResult> {
    return Promise.reject(new Error('a backtest sends no instant query'));
  }
  range(query: string, startMs: number, endMs: number, stepMs: number): Promise<SourceResult> {
    this.ranges++;
    // A throw in the executor rejects the promise, as a failed request would.
    return new Promise((resolve) => resolve(this.answer(query, startMs, endMs, stepMs)));
  }
}

function ones(
  startMs: number,
  endMs: number,
  stepMs: number,
  warnings: string[] = [],
): SourceResult {
  const points = [];
  for (let t = startMs; t <= endMs; t += stepMs) points.push({ t, f: 1 });
  return { value: { type: 'matrix', series: [{ labels: [], points }] }, warnings };
}

describe('failures and warnings', () => {
  const gates = spec(
    '  - {name: a, query: a, condition: "== 1"}\n  - {name: b, query: b, condition: "== 1", on_error: fail}\n',
  );
  const window: Omit<BacktestOptions, 'source'> = {
    sinceMs: 0,
    untilMs: 9 * M,
    stepMs: M,
    maxPoints: 4,
  };

  it('a failed chunk puts its gate in error over that chunk, and says why', async () => {
    const fake = new FakeSource((query, startMs, endMs, stepMs) => {
      if (query.startsWith('b') && startMs === 4 * M) throw new QueryError('boom');
      return ones(startMs, endMs, stepMs);
    });
    const result = await backtest(gates, { source: fake, ...window });
    // 10 steps in chunks of 4: 0-3, 4-7, 8-9; b fails in the second chunk.
    expect(fake.ranges).toBe(6);
    expect(result.errors).toEqual([{ gate: 'b', startMs: 4 * M, endMs: 7 * M, message: 'boom' }]);
    expect(gate(result, 'b').intervals.map((i) => [i.state, i.outcome, i.steps])).toEqual([
      ['pass', 'pass', 4],
      ['error', 'fail', 4],
      ['pass', 'pass', 2],
    ]);
    expect(result.decisions.map((d) => [d.decision, d.steps])).toEqual([
      ['GO', 4],
      ['NO-GO', 4],
      ['GO', 2],
    ]);
  });

  it('warnings taint the passes of their chunk (an answer that may be incomplete)', async () => {
    const fake = new FakeSource((query, startMs, endMs, stepMs) =>
      ones(startMs, endMs, stepMs, query.startsWith('a') && startMs === 0 ? ['partial'] : []),
    );
    const result = await backtest(gates, { source: fake, ...window });
    expect(gate(result, 'a').intervals.map((i) => [i.state, i.steps])).toEqual([
      ['error', 4],
      ['pass', 6],
    ]);
    expect(result.decisions[0]).toMatchObject({ decision: 'INCONCLUSIVE', steps: 4 });
  });

  it('no range query succeeding at all is an error, not a report', async () => {
    const fake = new FakeSource(() => {
      throw new QueryError('connection refused');
    });
    await expect(backtest(gates, { source: fake, ...window })).rejects.toThrow(
      new QueryError('no range query succeeded; the first failed: connection refused'),
    );
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const fake = new FakeSource((_q, startMs, endMs, stepMs) => {
      controller.abort();
      return ones(startMs, endMs, stepMs);
    });
    await expect(
      backtest(gates, { source: fake, ...window, signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    const fake = new FakeSource((_q, s, e, st) => ones(s, e, st));
    await backtest(gates, {
      source: fake,
      ...window,
      onProgress: (p) => seen.push(p.done / p.total),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('rejects a bad window', async () => {
    const fake = new FakeSource((_q, s, e, st) => ones(s, e, st));
    await expect(
      backtest(gates, { source: fake, sinceMs: 10, untilMs: 0, stepMs: M }),
    ).rejects.toThrow(InputError);
    await expect(
      backtest(gates, { source: fake, sinceMs: 0, untilMs: 10, stepMs: 0 }),
    ).rejects.toThrow(InputError);
    await expect(
      backtest(gates, { source: fake, sinceMs: 0, untilMs: 365 * 86_400_000, stepMs: 1000 }),
    ).rejects.toThrow(/more than 5,000,000 steps/);
    await expect(
      backtest(gates, { source: fake, sinceMs: 0, untilMs: M, stepMs: M, maxPoints: 0 }),
    ).rejects.toThrow(InputError);
  });
});

describe('command and check gates', () => {
  it('are left out at the top and count as no data inside a quorum', async () => {
    const gates = spec(`  - {name: smoke, kind: command, command: ["true"]}
  - name: q
    kind: quorum
    min: 2
    gates:
      - {name: a, query: vector(1), condition: "== 1"}
      - {name: cmd, kind: command, command: ["true"], on_nodata: pass}
      - {name: chk, kind: check, check: lint, files: [x.yml]}
`);
    const result = await backtest(gates, {
      source: source('interval: 1m\ninput_series: []\n'),
      sinceMs: 0,
      untilMs: 2 * M,
      stepMs: M,
    });
    expect(result.excluded.map((e) => [e.path.join('/'), e.treatment])).toEqual([
      ['smoke', 'left out of the decision'],
      ['q/cmd', 'counted as no data in its quorum'],
      ['q/chk', 'counted as no data in its quorum'],
    ]);
    // a passes and cmd counts as pass (on_nodata: pass): 2 of 3.
    expect(result.decisions).toMatchObject([{ decision: 'GO', steps: 3 }]);
    expect(gate(result, 'q/cmd')).toMatchObject({
      replayed: false,
      timeInOutcome: { pass: 2 * M },
    });
    expect(result.gates.map((g) => g.path.join('/'))).toEqual(['q', 'q/a', 'q/cmd', 'q/chk']);
  });
});
