/**
 * Issue 8, acceptance 1: on random data and random specs (query, freshness, burn-rate and
 * quorum gates, with hold windows, gate steps, fallbacks, match rules and on_nodata/on_error),
 * the backtest's decision at each step, and each gate's state, equals what `decide` says at that
 * step. Every backtest runs twice, with the default chunk limit and with a tiny random one, so
 * chunking is exercised at every property run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadDataFile } from '../../promql/data/load.js';
import { decide } from '../decide.js';
import type { GateResult } from '../result.js';
import { EmbeddedSource } from '../source/embedded.js';
import { loadGateSpec } from '../spec/load.js';
import type { GateSpec } from '../spec/types.js';
import { backtest } from './backtest.js';
import type { BacktestResult } from './types.js';

const MINUTE = 60_000;

/** Series values in promtool notation: numbers, gaps, NaN and staleness markers. */
const gaugeValue = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('0', '0.5', '1', '1', '2') },
  { weight: 1, arbitrary: fc.constant('_') },
  { weight: 1, arbitrary: fc.constant('NaN') },
  { weight: 1, arbitrary: fc.constant('stale') },
);

interface Data {
  readonly text: string;
  readonly minutes: number;
}

/** Values in runs of 1 to 8 equal ones, so that gates hold for a while and then change. */
function gauge(minutes: number): fc.Arbitrary<string[]> {
  return fc
    .array(fc.tuple(gaugeValue, fc.integer({ min: 1, max: 8 })), {
      minLength: minutes,
      maxLength: minutes,
    })
    .map((runs) => runs.flatMap(([v, n]) => Array<string>(n).fill(v)).slice(0, minutes + 1));
}

const data: fc.Arbitrary<Data> = fc.integer({ min: 20, max: 50 }).chain((minutes) =>
  fc
    .record({
      a: gauge(minutes),
      b: gauge(minutes),
      staging: gauge(minutes),
      okRate: fc.integer({ min: 1, max: 50 }),
      errRates: fc.array(fc.constantFrom(0, 0, 1, 5), { minLength: 4, maxLength: 4 }),
      ages: fc.array(fc.constantFrom(0, 30, 90, 200, 400), { minLength: 4, maxLength: 4 }),
    })
    .map(({ a, b, staging, okRate, errRates, ages }) => {
      // Errors and ages change every quarter of the window.
      const quarter = Math.ceil(minutes / 4);
      const ts: string[] = [];
      for (let i = 0; i <= minutes; i++)
        ts.push(String(i * 60 - (ages[Math.min(3, Math.floor(i / quarter))] as number)));
      const text = `interval: 1m
input_series:
  - series: 'g{metric_realm="prod", instance="a"}'
    values: '${a.join(' ')}'
  - series: 'g{metric_realm="prod", instance="b"}'
    values: '${b.join(' ')}'
  - series: 'g{metric_realm="staging", instance="a"}'
    values: '${staging.join(' ')}'
  - series: 'req_total{metric_realm="prod", code="200"}'
    values: '0+${okRate}x${minutes}'
  - series: 'req_total{metric_realm="prod", code="500"}'
    values: '${errorsSeries(errRates, minutes)}'
  - series: 'last_ok_seconds{metric_realm="prod"}'
    values: '${ts.join(' ')}'
`;
      return { text, minutes };
    }),
);

/** A counter growing by `rates[q]` per minute in quarter q of the window. */
function errorsSeries(rates: readonly number[], minutes: number): string {
  const quarter = Math.ceil(minutes / 4);
  const values: number[] = [0];
  for (let i = 1; i <= minutes; i++)
    values.push(
      (values[i - 1] as number) + (rates[Math.min(3, Math.floor(i / quarter))] as number),
    );
  return values.join(' ');
}

const QUERIES = [
  'g',
  'max(g)',
  'min(g)',
  'sum(g)',
  'count(g)',
  'g{instance="a"}',
  'g{instance="b"}',
  'avg_over_time(g[3m])',
  'max_over_time(g[2m])',
  'changes(g[5m])',
  'rate(req_total[3m])',
  'g > 0.5',
  'absent(g{instance="z"})',
  'scalar(max(g))',
  'time() % 600 > bool 300',
  'missing_metric',
];
const THRESHOLDS = ['0', '0.5', '1', '1.5', '2'];
const OPS = ['==', '!=', '<', '<=', '>', '>='];
const durations = (...d: string[]): fc.Arbitrary<string | undefined> =>
  fc.option(fc.constantFrom(...d), { nil: undefined });

type RawGate = Record<string, unknown>;

const common = fc.record(
  {
    required: fc.boolean(),
    on_nodata: fc.constantFrom('fail', 'pass', 'inconclusive'),
    on_error: fc.constantFrom('fail', 'pass', 'inconclusive'),
  },
  { requiredKeys: [] },
);

const queryGate: fc.Arbitrary<RawGate> = fc
  .record({
    query: fc.constantFrom(...QUERIES),
    op: fc.constantFrom(...OPS),
    threshold: fc.constantFrom(...THRESHOLDS),
    match: fc.constantFrom(undefined, 'all', 'any', 'count >= 1', 'count >= 2', 'count >= 3'),
    fallback: fc.option(fc.constantFrom(...QUERIES), { nil: undefined }),
    hold: durations('1m', '2m', '3m', '5m', '90s'),
    step: durations('30s', '1m', '2m', '3m'),
    common,
  })
  .map(({ op, threshold, common, ...rest }) => ({
    kind: 'query',
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    condition: `${op} ${threshold}`,
    ...common,
  }));

const freshnessGate: fc.Arbitrary<RawGate> = fc
  .record({
    query: fc.constantFrom('last_ok_seconds', 'max(last_ok_seconds)', 'missing_seconds'),
    max_age: fc.constantFrom('1m', '2m', '5m'),
    step: durations('30s', '2m'),
    common,
  })
  .map(({ common, step, ...rest }) => ({
    kind: 'freshness',
    ...rest,
    ...(step === undefined ? {} : { step }),
    ...common,
  }));

const burnGate: fc.Arbitrary<RawGate> = fc
  .record({
    objective: fc.constantFrom(0.9, 0.99),
    long: fc.constantFrom('5m', '10m'),
    short: fc.constantFrom('1m', '2m'),
    factor: fc.constantFrom(1, 2, 5),
    common,
  })
  .map(({ long, short, factor, common, ...rest }) => ({
    kind: 'burn-rate',
    ...rest,
    errors: 'req_total{code="500"}',
    total: 'req_total',
    windows: [{ long, short, factor }],
    ...common,
  }));

const leafGate = fc.oneof(
  { weight: 5, arbitrary: queryGate },
  { weight: 1, arbitrary: freshnessGate },
  { weight: 1, arbitrary: burnGate },
);

const { gate: anyGate } = fc.letrec<{ gate: RawGate; quorum: RawGate }>((tie) => ({
  gate: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafGate, tie('quorum')),
  quorum: fc
    .tuple(fc.array(tie('gate'), { minLength: 1, maxLength: 3 }), fc.nat(), common)
    .map(([gates, k, c]) => ({ kind: 'quorum', min: 1 + (k % gates.length), gates, ...c })),
}));

/** Names every gate uniquely, depth first, and makes the YAML text. */
function specText(gates: readonly RawGate[]): string {
  let n = 0;
  const name = (g: RawGate): RawGate => ({
    name: `g${n++}`,
    ...g,
    ...(Array.isArray(g['gates']) ? { gates: (g['gates'] as RawGate[]).map(name) } : {}),
  });
  return stringify({
    apiVersion: 'drygate/v1',
    name: 'random',
    require: { metric_realm: 'prod' },
    gates: gates.map(name),
  });
}

const window = fc.record({
  step: fc.constantFrom(30_000, MINUTE, MINUTE, 90_000, 2 * MINUTE, 5 * MINUTE),
  untilBack: fc.integer({ min: 0, max: 15 }),
  span: fc.integer({ min: 0, max: 40 }),
  offsetS: fc.constantFrom(0, 0, 7, 30),
  maxPoints: fc.integer({ min: 1, max: 12 }),
});

type Window = typeof window extends fc.Arbitrary<infer T> ? T : never;

/** The state of every top-level gate and the decision at each step, from a backtest. */
function perStep(result: BacktestResult): Map<number, { decision: string; gates: string[] }> {
  const steps = new Map<number, { decision: string; gates: string[] }>();
  const each = (interval: { startMs: number; steps: number }, at: (t: number) => void): void => {
    for (let k = 0; k < interval.steps; k++) at(interval.startMs + k * result.stepMs);
  };
  for (const interval of result.decisions)
    each(interval, (t) => steps.set(t, { decision: interval.decision, gates: [] }));
  for (const gate of result.gates.filter((g) => g.depth === 0))
    for (const interval of gate.intervals)
      each(interval, (t) => steps.get(t)?.gates.push(`${gate.gate}=${interval.state}`));
  return steps;
}

function decideStates(gates: readonly GateResult[]): string[] {
  return gates.map((g) => `${g.gate}=${g.state}`);
}

/** What the random cases covered, so that a generator that drifted into trivia is noticed. */
const seen = {
  decisions: new Map<string, number>(),
  flips: 0,
  holdGates: 0,
  quorums: 0,
  fallbacksUsed: 0,
  chunkedQueries: 0,
  wholeQueries: 0,
  steps: 0,
};

async function check(dataFile: Data, spec: GateSpec, w: Window): Promise<void> {
  const loaded = loadDataFile(dataFile.text, 'data.yml');
  const source = new EmbeddedSource(loaded.store, 'data.yml');
  const untilMs = (dataFile.minutes - w.untilBack) * MINUTE + w.offsetS * 1000;
  const sinceMs = Math.max(0, untilMs - w.span * MINUTE);
  const options = { source, sinceMs, untilMs, stepMs: w.step };
  const whole = await backtest(spec, options);
  const chunked = await backtest(spec, { ...options, maxPoints: w.maxPoints });
  const steps = perStep(whole);
  expect(steps.size).toBe(whole.steps);
  expect(perStep(chunked)).toEqual(steps);
  expect(chunked.gates.map((g) => g.intervals)).toEqual(whole.gates.map((g) => g.intervals));
  seen.flips += whole.flips;
  seen.steps += whole.steps;
  seen.chunkedQueries += chunked.queries.length;
  seen.wholeQueries += whole.queries.length;
  seen.holdGates += whole.gates.filter((g) => g.holdMs > 0).length;
  seen.quorums += whole.gates.filter((g) => g.kind === 'quorum').length;
  for (const [t, step] of steps) {
    const { result } = await decide(spec, { source, atMs: t, lookbackMs: 0 });
    seen.decisions.set(result.decision, (seen.decisions.get(result.decision) ?? 0) + 1);
    seen.fallbacksUsed += result.gates.filter((g) => g.decidedBy === 'fallback').length;
    expect({ t, decision: step.decision, gates: step.gates }).toEqual({
      t,
      decision: result.decision,
      gates: decideStates(result.gates),
    });
  }
}

describe('backtest equals decide at every step', () => {
  it('on random data and random specs, chunked or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        data,
        fc.array(anyGate, { minLength: 1, maxLength: 3 }),
        window,
        async (dataFile, gates, w) => {
          const spec = loadGateSpec(specText(gates), 'gates.yml');
          await check(dataFile, spec, w);
        },
      ),
      { numRuns: Number(process.env['DRYGATE_PROPERTY_RUNS'] ?? 100) },
    );
    expect([...seen.decisions.keys()].sort()).toEqual(['GO', 'INCONCLUSIVE', 'NO-GO']);
    expect(seen.flips).toBeGreaterThan(10);
    expect(seen.holdGates).toBeGreaterThan(5);
    expect(seen.quorums).toBeGreaterThan(5);
    expect(seen.fallbacksUsed).toBeGreaterThan(5);
    // The tiny chunk limit made many more (smaller) range queries.
    expect(seen.chunkedQueries).toBeGreaterThan(3 * seen.wholeQueries);
  });
});
