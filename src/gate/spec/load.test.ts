import { describe, expect, it } from 'vitest';
import { GateSpecError, loadGateSpec } from './load.js';

const MINIMAL = `apiVersion: drygate/v1
name: l4-dry-run
require:                # matchers injected into every selector of every query
  metric_realm: prod
gates:
  - name: heartbeat-ok
    query: duri_heartbeat_ok
    condition: "== 1"     # every returned sample must satisfy it; an empty result is NODATA
    fallback: clamp_max(changes(duri_textfile_heartbeat_seq[6m]), 1) * ((time() - duri_textfile_heartbeat_ts) < bool 120)
`;

function problemsOf(text: string): string[] {
  try {
    loadGateSpec(text, 'gates.yml');
  } catch (err) {
    if (err instanceof GateSpecError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected the spec to be refused');
}

describe('loadGateSpec', () => {
  it('loads the minimal form with the required matcher in every selector', () => {
    const spec = loadGateSpec(MINIMAL, 'gates.yml');
    expect(spec.name).toBe('l4-dry-run');
    expect(spec.require).toEqual({ metric_realm: 'prod' });
    const gate = spec.gates[0];
    expect(gate?.kind).toBe('query');
    if (gate?.kind !== 'query') return;
    expect(gate.query.sent).toBe('duri_heartbeat_ok{metric_realm="prod"}');
    expect(gate.fallback?.sent).toBe(
      'clamp_max(changes(duri_textfile_heartbeat_seq{metric_realm="prod"}[6m]), 1) * ((time() - duri_textfile_heartbeat_ts{metric_realm="prod"}) < bool 120)',
    );
    expect(gate.condition).toEqual({ op: '==', threshold: 1, text: '== 1' });
    expect(gate.match).toEqual({ kind: 'all' });
    expect(gate.required).toBe(true);
    expect(gate.onNodata).toBe('inconclusive');
    expect(gate.holdMs).toBe(0);
  });

  it('reads every kind with its defaults', () => {
    const spec = loadGateSpec(
      `apiVersion: drygate/v1
name: all-kinds
gates:
  - {name: q, query: up, condition: ">= 1", match: "count >= 2", hold: 10m, step: 30s, on_nodata: fail, required: false}
  - {name: dr, kind: freshness, query: dr_last_success_timestamp_seconds, max_age: 24h}
  - {name: budget, kind: burn-rate, objective: 0.999, errors: 'http_requests_total{code=~"5.."}', total: http_requests_total}
  - name: canary
    kind: quorum
    min: 2
    gates:
      - {name: eu, query: 'canary_ok{region="eu"}', condition: == 1}
      - {name: us, query: 'canary_ok{region="us"}', condition: == 1}
      - {name: ap, query: 'canary_ok{region="ap"}', condition: == 1}
  - {name: smoke, kind: command, command: [./smoke.sh, --fast], timeout: 60s}
  - {name: unit, kind: check, check: test-rules, files: [tests/*.yml]}
`,
      '/srv/gates/gates.yml',
    );
    const [q, dr, budget, canary, smoke, unit] = spec.gates;
    expect(q).toMatchObject({ holdMs: 600_000, stepMs: 30_000, onNodata: 'fail', required: false });
    expect(q).toMatchObject({ match: { kind: 'count', min: 2 } });
    expect(dr).toMatchObject({ kind: 'freshness', maxAgeMs: 86_400_000 });
    expect(budget?.kind).toBe('burn-rate');
    if (budget?.kind === 'burn-rate') {
      expect(budget.windows.map((w) => [w.longMs, w.shortMs, w.factor])).toEqual([
        [3_600_000, 300_000, 14.4],
        [21_600_000, 1_800_000, 6],
      ]);
      expect(budget.ratioQueries.get(300_000)?.sent).toBe(
        '(sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)) / sum(rate(http_requests_total[5m]))',
      );
      expect([...budget.ratioQueries.keys()].sort((a, b) => a - b)).toEqual([
        300_000, 1_800_000, 3_600_000, 21_600_000,
      ]);
    }
    expect(canary).toMatchObject({ kind: 'quorum', min: 2 });
    expect(smoke).toMatchObject({
      kind: 'command',
      argv: ['./smoke.sh', '--fast'],
      cwd: '/srv/gates',
      timeoutMs: 60_000,
    });
    expect(unit).toMatchObject({ kind: 'check', tool: 'test-rules', baseDir: '/srv/gates' });
  });

  it.each([
    [
      'apiVersion: drygate/v2\nname: x\ngates: [{name: a, query: up, condition: == 1}]\n',
      'gates.yml:1:13: apiVersion: expected the spec version: drygate/v1, got "drygate/v2"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates: [{name: a, query: up}]\n',
      'gates.yml:3:9: gates[0]: missing field "condition"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: up\n    condition: == 1\n    treshold: 2\n',
      'gates.yml:7:5: unknown field "treshold" in gates[0]',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: up\n    condition: "= 1"\n',
      'gates.yml:6:16: gates[0].condition: expected a condition: an operator (== != < <= > >=) and a number, such as "== 1", got "= 1"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: up\n    condition: == 1\n    hold: 10 minutes\n',
      'gates.yml:7:11: gates[0].hold: expected how long the condition must have held: a duration such as 30s, 5m, 1h30m, got "10 minutes"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    kind: qeury\n    query: up\n',
      'gates.yml:5:11: gates[0].kind: expected the gate kind: query, freshness, burn-rate, quorum, command or check, got "qeury"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: sum(rate(x[5m])\n    condition: == 1\n',
      'gates.yml:5:27: parse error: unclosed left parenthesis',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: "up + on() x[5m]"\n    condition: == 1\n',
      'gates.yml:5:23: parse error: binary expression must contain only scalar and instant vector types',
    ],
    [
      'apiVersion: drygate/v1\nname: x\nrequire: {metric_realm: prod}\ngates:\n  - name: a\n    query: up + x{metric_realm="staging"}\n    condition: == 1\n',
      'gates.yml:6:17: x{metric_realm="staging"} has metric_realm="staging", but the spec requires metric_realm="prod" on every selector',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - {name: a, query: up, condition: == 1}\n  - {name: a, query: up, condition: == 1}\n',
      'gates.yml:5:12: gate name "a" is used twice (first at line 4)',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - {name: a, kind: quorum, min: 3, gates: [{name: b, query: up, condition: == 1}]}\n',
      'gates.yml:4:34: min is 3 but the quorum has only 1 gates',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - {name: a, query: "x[5m]", condition: == 1}\n',
      'gates.yml:4:23: the query must return an instant vector or a scalar, not a range vector',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates: [\n',
      'gates.yml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'apiVersion: drygate/v1\nname: x\nrequire: {"bad-label": x}\ngates: [{name: a, query: up, condition: == 1}]\n',
      'gates.yml:3:11: require: "bad-label" is not a valid label name',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - {name: a, query: up, condition: "> 1.2.3"}\n',
      'gates.yml:4:37: gates[0].condition: expected a condition: an operator (== != < <= > >=) and a number, such as "== 1", got "> 1.2.3"',
    ],
    [
      'apiVersion: drygate/v1\nname: x\ngates:\n  - {name: a, query: up, condition: == 1, step: 0s}\n',
      'gates.yml:4:49: step must be more than 0s',
    ],
  ])('refuses %j', (text, first) => {
    expect(problemsOf(text)[0]).toBe(first);
  });
});
