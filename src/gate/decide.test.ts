import { describe, expect, it } from 'vitest';
import { loadDataFile } from '../promql/data/load.js';
import { decide } from './decide.js';
import type { DecisionResult, GateResult } from './result.js';
import { EmbeddedSource } from './source/embedded.js';
import { loadGateSpec } from './spec/load.js';

// 30 minutes of data at 1m: the heartbeat beats until 20m, then stops.
const DATA = `interval: 1m
input_series:
  - series: 'hb_ok{metric_realm="prod", instance="a"}'
    values: '1x20 0x10'
  - series: 'hb_ok{metric_realm="prod", instance="b"}'
    values: '1x30'
  - series: 'hb_ok{metric_realm="staging", instance="a"}'
    values: '0x30'
  - series: 'hb_seq{metric_realm="prod"}'
    values: '1+1x20 21x10'
  - series: 'dr_last_success_timestamp_seconds{metric_realm="prod"}'
    values: '600x30'
  - series: 'odd{metric_realm="prod"}'
    values: '${'NaN '.repeat(31).trim()}'
  - series: 'http_requests_total{metric_realm="prod", code="200"}'
    values: '0+100x30'
  - series: 'http_requests_total{metric_realm="prod", code="500"}'
    values: '0+1x15 15+50x15'
`;

function spec(gates: string): ReturnType<typeof loadGateSpec> {
  return loadGateSpec(
    `apiVersion: drygate/v1\nname: t\nrequire: {metric_realm: prod}\ngates:\n${gates}`,
    'gates.yml',
  );
}

async function decideAt(gates: string, minute: number, lookback = 0): Promise<DecisionResult> {
  const data = loadDataFile(DATA, 'data.yml');
  const source = new EmbeddedSource(data.store, 'data.yml');
  const { result } = await decide(spec(gates), {
    source,
    atMs: minute * 60_000,
    lookbackMs: lookback,
  });
  return result;
}

function gate(result: DecisionResult, name: string): GateResult {
  const found = result.gates.find((g) => g.gate === name);
  if (found === undefined) throw new Error(`no gate ${name}`);
  return found;
}

describe('decide on embedded data', () => {
  const HEARTBEAT = '  - {name: hb, query: hb_ok, condition: == 1}\n';

  it('says GO while every prod heartbeat is 1, and NO-GO naming the gate once one is 0', async () => {
    const go = await decideAt(HEARTBEAT, 10);
    expect(go.decision).toBe('GO');
    expect(gate(go, 'hb').queries[0]?.query).toBe('hb_ok{metric_realm="prod"}');
    expect(gate(go, 'hb').values.map((v) => v.value)).toEqual([1, 1]);
    const nogo = await decideAt(HEARTBEAT, 25);
    expect(nogo.decision).toBe('NO-GO');
    expect(nogo.reason).toContain('hb');
    expect(gate(nogo, 'hb').reason).toBe(
      '1 of 2 values not == 1: {instance="a", metric_realm="prod"} 0',
    );
  });

  it('match any and count >= k', async () => {
    const result = await decideAt(
      '  - {name: any, query: hb_ok, condition: == 1, match: any}\n  - {name: two, query: hb_ok, condition: == 1, match: count >= 2}\n',
      25,
    );
    expect(gate(result, 'any').state).toBe('pass');
    expect(gate(result, 'two').state).toBe('fail');
    expect(gate(result, 'two').reason).toMatch(/^1 of 2 values == 1, need at least 2/);
  });

  it('is INCONCLUSIVE on no data, and uses the fallback only then', async () => {
    const nodata = await decideAt('  - {name: x, query: missing_metric, condition: == 1}\n', 10);
    expect(nodata.decision).toBe('INCONCLUSIVE');
    expect(gate(nodata, 'x')).toMatchObject({ state: 'nodata', outcome: 'inconclusive' });
    const fallback = await decideAt(
      '  - {name: x, query: missing_metric, condition: == 1, fallback: "clamp_max(changes(hb_seq[6m]), 1)"}\n',
      10,
    );
    expect(fallback.decision).toBe('GO');
    expect(gate(fallback, 'x').decidedBy).toBe('fallback');
    expect(gate(fallback, 'x').queries.map((q) => q.role)).toEqual(['primary', 'fallback']);
    const primary = await decideAt(
      '  - {name: x, query: hb_ok, condition: == 1, fallback: "clamp_max(changes(hb_seq[6m]), 1)"}\n',
      10,
    );
    expect(gate(primary, 'x').decidedBy).toBe('primary');
    expect(gate(primary, 'x').queries.map((q) => q.role)).toEqual(['primary']);
  });

  it('never says GO on NaN unless on_nodata says pass', async () => {
    const nan = await decideAt('  - {name: n, query: odd, condition: "!= 0"}\n', 10);
    expect(nan.decision).toBe('INCONCLUSIVE');
    expect(gate(nan, 'n').reason).toBe('no data: the value is NaN');
    const allowed = await decideAt(
      '  - {name: n, query: odd, condition: "!= 0", on_nodata: pass}\n',
      10,
    );
    expect(allowed.decision).toBe('GO');
    const failing = await decideAt(
      '  - {name: n, query: odd, condition: "!= 0", on_nodata: fail}\n',
      10,
    );
    expect(failing.decision).toBe('NO-GO');
  });

  it('hold: the condition must have held at every step of the window', async () => {
    const gates = '  - {name: h, query: hb_ok, condition: == 1, hold: 5m}\n';
    expect((await decideAt(gates, 19)).decision).toBe('GO');
    // hb_ok{instance="a"} is 1 up to 20m and 0 from 21m: at 24m it has not held for 5m.
    const failed = await decideAt(gates, 24);
    expect(failed.decision).toBe('NO-GO');
    expect(gate(failed, 'h').reason).toMatch(
      /^did not hold for 5m: at 1970-01-01T00:21:00.000Z 1 of 2 values not == 1/,
    );
  });

  it('advisory gates never decide', async () => {
    const result = await decideAt(
      `${HEARTBEAT}  - {name: adv, query: hb_ok, condition: == 2, required: false}\n`,
      10,
    );
    expect(result.decision).toBe('GO');
    expect(gate(result, 'adv').outcome).toBe('fail');
  });

  it('freshness: a timestamp within max_age of the decision time', async () => {
    const gates =
      '  - {name: dr, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 10m}\n';
    const fresh = await decideAt(gates, 20);
    expect(fresh.decision).toBe('GO');
    expect(gate(fresh, 'dr').values[0]?.value).toBe(600);
    const stale = await decideAt(gates, 21);
    expect(stale.decision).toBe('NO-GO');
    expect(gate(stale, 'dr').values[0]).toMatchObject({
      value: 660,
      passed: false,
      note: 'age 11m',
    });
  });

  it('burn-rate: fails only when both windows of a pair burn faster than the factor', async () => {
    const gates =
      '  - name: budget\n    kind: burn-rate\n    objective: 0.99\n    errors: \'http_requests_total{code="500"}\'\n    total: http_requests_total\n    windows: [{long: 10m, short: 2m, factor: 5}]\n';
    // Before 15m the error ratio is 1/101 (burn ~0.99); from 15m it is 50/150 (burn ~33).
    const calm = await decideAt(gates, 14);
    expect(gate(calm, 'budget').state).toBe('pass');
    const early = await decideAt(gates, 17);
    // 2m window burns at 33, the 10m window at (2*50+8*1)/(2*150+8*101) /0.01 = 9.7: fires.
    expect(gate(early, 'budget').state).toBe('fail');
    expect(early.decision).toBe('NO-GO');
  });

  it('burn-rate: no error series yet is no errors, not no data', async () => {
    const gates =
      '  - {name: budget, kind: burn-rate, objective: 0.99, errors: \'http_requests_total{code="404"}\', total: http_requests_total, windows: [{long: 10m, short: 2m, factor: 5}]}\n';
    const result = await decideAt(gates, 14);
    expect(gate(result, 'budget').state).toBe('pass');
    expect(gate(result, 'budget').values.map((v) => v.value)).toEqual([0]);
    const noTraffic = await decideAt(
      gates.replace('total: http_requests_total', 'total: no_such_total'),
      14,
    );
    expect(gate(noTraffic, 'budget').state).toBe('nodata');
  });

  it('a quorum undecided because a sub-gate is in error is in error, whatever on_nodata says', async () => {
    const result = await decideAt(
      `  - name: q
    kind: quorum
    min: 2
    on_nodata: pass
    gates:
      - {name: ok, query: 'hb_ok{instance="b"}', condition: == 1}
      - {name: broken, kind: command, command: [/nonexistent/program]}
`,
      10,
    );
    expect(gate(result, 'q')).toMatchObject({ state: 'error', outcome: 'inconclusive' });
    expect(result.decision).toBe('INCONCLUSIVE');
  });

  it('no required gate is INCONCLUSIVE, not GO', async () => {
    const result = await decideAt(
      '  - {name: adv, query: hb_ok, condition: == 1, required: false}\n',
      10,
    );
    expect(result.decision).toBe('INCONCLUSIVE');
  });

  it('freshness: a timestamp far in the future is not fresh', async () => {
    const result = await decideAt(
      '  - {name: dr, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 1h}\n',
      0,
    );
    // At 0s the last success (600 s) lies 10 minutes ahead: a broken clock or metric.
    expect(gate(result, 'dr').state).toBe('fail');
  });

  it('quorum: k of n sub-gates', async () => {
    const gates = `  - name: canary
    kind: quorum
    min: 2
    gates:
      - {name: a, query: 'hb_ok{instance="a"}', condition: == 1}
      - {name: b, query: 'hb_ok{instance="b"}', condition: == 1}
      - {name: c, query: 'hb_ok{instance="c"}', condition: == 1}
`;
    const ok = await decideAt(gates, 10);
    expect(gate(ok, 'canary')).toMatchObject({
      state: 'pass',
      reason: '2 of 3 passed, need 2',
    });
    const undecided = await decideAt(gates, 25);
    // a fails, b passes, c has no data: c could still make the quorum, so it is undecided.
    expect(gate(undecided, 'canary').state).toBe('nodata');
    expect(undecided.decision).toBe('INCONCLUSIVE');
    const strict = gates.replace(
      'instance="c"}\', condition: == 1}',
      'instance="c"}\', condition: == 1, on_nodata: fail}',
    );
    expect(strict).not.toBe(gates);
    const failed = await decideAt(strict, 25);
    expect(gate(failed, 'canary')).toMatchObject({
      state: 'fail',
      reason: '1 of 3 passed, need 2; failed: a, c',
    });
    expect(failed.decision).toBe('NO-GO');
    expect(gate(undecided, 'canary').gates?.map((g) => g.state)).toEqual([
      'fail',
      'pass',
      'nodata',
    ]);
  });

  it('command gates pass on exit 0 and keep their output', async () => {
    const result = await decideAt(
      `  - {name: ok, kind: command, command: [node, -e, "console.log('smoke ok')"]}\n  - {name: bad, kind: command, command: [node, -e, "process.exit(3)"], required: false}\n  - {name: slow, kind: command, command: [node, -e, "setTimeout(() => {}, 10000)"], timeout: 200ms, required: false}\n  - {name: missing, kind: command, command: [/nonexistent/program], required: false}\n`,
      10,
    );
    expect(gate(result, 'ok')).toMatchObject({ state: 'pass', output: 'smoke ok\n' });
    expect(gate(result, 'bad')).toMatchObject({ state: 'fail', reason: 'exited with status 3' });
    expect(gate(result, 'slow')).toMatchObject({
      state: 'fail',
      reason: 'timed out after 200ms and was killed',
    });
    expect(gate(result, 'missing')).toMatchObject({
      state: 'error',
      reason: 'cannot run /nonexistent/program: ENOENT',
    });
  });

  it('probability: Beta posterior per gate, product, sensitivity and the weakest gate', async () => {
    // Over the last 10m at 25m (11 steps, 15m..25m): hb passes up to 20m (6 steps), fails after.
    const result = await decideAt(
      `${HEARTBEAT}  - {name: dr, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 1h}\n`,
      25,
      600_000,
    );
    const p = result.probability;
    expect(p).not.toBeNull();
    const hb = p?.gates.find((g) => g.gate === 'hb');
    const dr = p?.gates.find((g) => g.gate === 'dr');
    expect(hb).toMatchObject({ basis: 'history', steps: 11, passes: 6, alpha: 7, beta: 6 });
    expect(hb?.p).toBeCloseTo(7 / 13, 12);
    expect(dr).toMatchObject({ steps: 11, passes: 11, alpha: 12, beta: 1 });
    expect(p?.pGo).toBeCloseTo((7 / 13) * (12 / 13), 12);
    expect(hb?.sensitivity).toBeCloseTo(12 / 13, 12);
    expect(dr?.sensitivity).toBeCloseTo(7 / 13, 12);
    expect(p?.weakest).toBe('hb');
    expect(p?.empirical).toBeCloseTo(6 / 11, 12);
  });
});

describe('range evaluation sends a fallback only where the primary lacks data', () => {
  it('over a window where the primary always has data, the fallback is not sent', async () => {
    const { runPlanRange } = await import('./evaluate/run-plan.js');
    const { planFor } = await import('./evaluate/plan.js');
    const data = loadDataFile(DATA, 'data.yml');
    const sent: string[] = [];
    const inner = new EmbeddedSource(data.store, 'data.yml');
    const source = {
      description: 'counting',
      instant: inner.instant.bind(inner),
      range: (q: string, s: number, e: number, st: number) => {
        sent.push(q);
        return inner.range(q, s, e, st);
      },
    };
    const gates = spec(
      '  - {name: x, query: hb_ok, condition: == 1, fallback: "clamp_max(changes(hb_seq[6m]), 1)"}\n  - {name: y, query: missing_metric, condition: == 1, fallback: "clamp_max(changes(hb_seq[6m]), 1)"}\n',
    ).gates;
    const [x, y] = gates;
    if (x?.kind !== 'query' || y?.kind !== 'query') throw new Error('query gates expected');
    await runPlanRange(planFor(x), source, 0, 600_000);
    expect(sent).toEqual(['hb_ok{metric_realm="prod"}']);
    sent.length = 0;
    const timeline = await runPlanRange(planFor(y), source, 0, 600_000);
    expect(sent).toHaveLength(2);
    expect(timeline.steps.every((s) => s.judgement.decidedBy === 'fallback')).toBe(true);
  });
});

describe('range evaluation over more than 11,000 steps', () => {
  it('is split into range queries Prometheus accepts, and judges every step', async () => {
    const { runPlanRange, runPlanAt } = await import('./evaluate/run-plan.js');
    const { planFor } = await import('./evaluate/plan.js');
    const data = loadDataFile(DATA, 'data.yml');
    const inner = new EmbeddedSource(data.store, 'data.yml');
    const calls: [number, number, number][] = [];
    const source = {
      description: 'counting',
      instant: inner.instant.bind(inner),
      range: (q: string, s: number, e: number, st: number) => {
        calls.push([s, e, st]);
        return inner.range(q, s, e, st);
      },
    };
    const [g] = spec('  - {name: x, query: hb_ok, condition: == 1, step: 100ms}\n').gates;
    if (g?.kind !== 'query') throw new Error('a query gate expected');
    const plan = planFor(g);
    const timeline = await runPlanRange(plan, source, 0, 1_800_000);
    expect(timeline.steps).toHaveLength(18_001);
    expect(calls.map(([s, e, st]) => (e - s) / st + 1)).toEqual([11_000, 7_001]);
    for (const step of [
      timeline.steps[0],
      timeline.steps[10_999],
      timeline.steps[11_000],
      timeline.steps[18_000],
    ]) {
      if (step === undefined) throw new Error('missing step');
      const now = await runPlanAt(plan, source, step.t);
      expect(step.judgement.state, `at ${step.t}`).toBe(now.judgement.state);
      expect(step.judgement.values.map((v) => v.value)).toEqual(
        now.judgement.values.map((v) => v.value),
      );
    }
  });
});

describe('range evaluation without explanations', () => {
  it('judges every step as with them, only without the reason text', async () => {
    const { runPlanRange } = await import('./evaluate/run-plan.js');
    const { planFor } = await import('./evaluate/plan.js');
    const data = loadDataFile(DATA, 'data.yml');
    const source = new EmbeddedSource(data.store, 'data.yml');
    const gates = spec(
      [
        '  - {name: q, query: hb_ok, condition: == 1, hold: 3m}',
        '  - {name: f, query: missing_metric, condition: == 1, fallback: "clamp_max(changes(hb_seq[6m]), 1)"}',
        '  - {name: t, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 20m}',
        '  - {name: b, kind: burn-rate, objective: 0.99, errors: \'http_requests_total{code="500"}\', total: http_requests_total}',
      ].join('\n') + '\n',
    ).gates;
    const seen = new Set<string>();
    for (const gate of gates) {
      if (gate.kind !== 'query' && gate.kind !== 'freshness' && gate.kind !== 'burn-rate')
        throw new Error('a planned gate expected');
      const plan = planFor(gate);
      const full = await runPlanRange(plan, source, 0, 1_800_000);
      const lean = await runPlanRange(plan, source, 0, 1_800_000, { explain: false });
      const strip = (steps: typeof full.steps) =>
        steps.map(({ t, judgement: j }) => ({
          t,
          state: j.state,
          decidedBy: j.decidedBy,
          values: j.values.map((v) => ({ labels: v.labels, value: v.value, passed: v.passed })),
        }));
      expect(strip(lean.steps), gate.name).toEqual(strip(full.steps));
      for (const s of full.steps) seen.add(`${gate.name} ${s.judgement.state}`);
      expect(
        full.steps.every((s) => s.judgement.reason !== ''),
        gate.name,
      ).toBe(true);
      expect(
        lean.steps.every((s) => s.judgement.reason === ''),
        gate.name,
      ).toBe(true);
    }
    // Every kind of step was compared: passing and failing, held and not, fallback, nodata.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'b fail',
        'b pass',
        'f pass',
        'q fail',
        'q pass',
        't fail',
        't pass',
      ]),
    );
  });
});
