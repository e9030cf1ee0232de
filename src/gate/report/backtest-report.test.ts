import { describe, expect, it } from 'vitest';
import { loadDataFile } from '../../promql/data/load.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestResult } from '../backtest/types.js';
import { EmbeddedSource } from '../source/embedded.js';
import { loadGateSpec } from '../spec/load.js';
import { renderBacktestHtml } from './backtest-html.js';
import { renderBacktestJson } from './backtest-json.js';
import { MAX_RUNS, renderLanes } from './backtest-lanes.js';
import { renderBacktestTable } from './backtest-table.js';

const M = 60_000;
const SCRIPT = '<script>window.__pwned=1</script>';

const DATA = `interval: 1m
input_series:
  - series: 'hb_ok{metric_realm="prod"}'
    values: '1x10 0x4 1x15'
  - series: 'ratio{metric_realm="prod"}'
    values: '0.995x4 0.98x1 0.995x23'
  - series: 'flappy{metric_realm="prod"}'
    values: '${'1 0 '.repeat(15).trim()}'
`;
const SPEC = `apiVersion: drygate/v1
name: demo
require: {metric_realm: prod}
gates:
  - {name: hb, query: hb_ok, condition: == 1}
  - {name: ratio, query: ratio, condition: '>= 0.99'}
  - {name: flappy, query: flappy, condition: == 1, required: false}
  - name: q
    kind: quorum
    min: 1
    gates:
      - {name: qa, query: hb_ok, condition: == 1, hold: 2m}
      - {name: smoke-in-quorum, kind: command, command: ["true"]}
  - {name: smoke, kind: command, command: ["true"]}
`;

async function demo(): Promise<BacktestResult> {
  const data = loadDataFile(DATA, 'data.yml');
  return backtest(loadGateSpec(SPEC, 'gates.yml'), {
    source: new EmbeddedSource(data.store, 'data.yml'),
    sinceMs: 0,
    untilMs: 25 * M,
    stepMs: M,
  });
}

describe('renderBacktestTable', () => {
  it('prints the timeline, time per decision, gates, flapping and sensitivity', async () => {
    const text = renderBacktestTable(await demo(), { color: false });
    // By hand: hb fails 11-15m; ratio 5-6m; q (1 of: qa = hb held 2m, a command that counts as
    // no data) is undecided at 0-1m (nothing before the data) and 16-17m (qa still held down).
    expect(text)
      .toBe(`drygate backtest demo from 1970-01-01T00:00:00Z to 1970-01-01T00:25:00Z every 1m: 26 steps (source: data.yml)
Not replayed, left out of every decision: smoke (command)
Not replayed, counted as no data in their quorum: q/smoke-in-quorum (command)

DECISION      FROM                  TO                    FOR
INCONCLUSIVE  1970-01-01T00:00:00Z  1970-01-01T00:02:00Z  2m
GO            1970-01-01T00:02:00Z  1970-01-01T00:05:00Z  3m
NO-GO         1970-01-01T00:05:00Z  1970-01-01T00:07:00Z  2m
GO            1970-01-01T00:07:00Z  1970-01-01T00:11:00Z  4m
NO-GO         1970-01-01T00:11:00Z  1970-01-01T00:16:00Z  5m
INCONCLUSIVE  1970-01-01T00:16:00Z  1970-01-01T00:18:00Z  2m
GO            1970-01-01T00:18:00Z  1970-01-01T00:25:00Z  7m

Flips: 6. Time: GO 14m (56.0%), NO-GO 7m (28.0%), INCONCLUSIVE 4m (16.0%).
Each decision stands until the next step; the window ends at the last step.

GATE               REQ  PASS  FAIL  NODATA  ERROR  CHANGES/H     BLAME NO-GO  SOLE  BLAME INCONCLUSIVE
hb                 yes  20m   5m    0s      0s     4.8           5m           5m    0s
ratio              yes  23m   2m    0s      0s     4.8           2m           2m    0s
flappy             no   13m   12m   0s      0s     60            0s           0s    0s
q                  yes  16m   0s    9m      0s     7.2           0s           0s    4m
  qa                    16m   7m    2m      0s     7.2           0s           0s    4m
  smoke-in-quorum       0s    0s    25m     0s     not replayed  0s           0s    4m
Blame: time a gate was a failing (or undecided) required gate while the decision was NO-GO (or
INCONCLUSIVE); SOLE: the only one. A sub-gate shares its quorum's blame when it did not pass.

Flapping (more than 1 change per hour): hb (4.8/h), ratio (4.8/h), flappy (60/h), q (7.2/h), q/qa (7.2/h).

Threshold sensitivity: the smallest relaxation of each query threshold that removes more than half
of the decision flips the gate caused (re-judged from the values already fetched).
GATE   CONDITION  FLIPS CAUSED  SUGGESTION  CHANGE  NOTE
ratio  >= 0.99    2             >= 0.98     -0.01   >= 0.98 removes 2 of the 2 flips it caused (6 → 4)
`);
  });

  it('colours decisions only when asked, and cuts long timelines', async () => {
    const result = await demo();
    expect(renderBacktestTable(result, { color: true })).toContain('\x1b[31mNO-GO');
    const cut = renderBacktestTable(result, { color: false, maxIntervals: 2 });
    expect(cut).toContain('… 5 more intervals (-o json lists them all)\n');
    expect(cut.split('\n').filter((l) => /^(GO|NO-GO|INCONCLUSIVE) /.test(l))).toHaveLength(2);
  });
});

describe('renderBacktestJson', () => {
  it('times as RFC 3339, durations in ms, a versioned schema', async () => {
    const json = JSON.parse(renderBacktestJson(await demo())) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'spec',
      'source',
      'since',
      'until',
      'first',
      'stepMs',
      'steps',
      'maxPoints',
      'flapThreshold',
      'excluded',
      'flips',
      'timeInDecisionMs',
      'decisions',
      'gates',
      'sensitivity',
      'queries',
      'errors',
      'durationMs',
    ]);
    expect(json['schemaVersion']).toBe('drygate.backtest/v1');
    expect(json['until']).toBe('1970-01-01T00:25:00.000Z');
    expect((json['decisions'] as unknown[])[2]).toEqual({
      decision: 'NO-GO',
      start: '1970-01-01T00:05:00.000Z',
      end: '1970-01-01T00:07:00.000Z',
      steps: 2,
      durationMs: 2 * M,
    });
    const gates = json['gates'] as { path: string[]; blameMs: unknown; intervals: unknown[] }[];
    expect(gates.map((g) => g.path.join('/'))).toEqual([
      'hb',
      'ratio',
      'flappy',
      'q',
      'q/qa',
      'q/smoke-in-quorum',
    ]);
    expect(gates[0]?.blameMs).toEqual({ noGoMs: 5 * M, soleNoGoMs: 5 * M, inconclusiveMs: 0 });
  });
});

describe('renderBacktestHtml', () => {
  it('one lane per gate and the decision, every string escaped, nothing that runs', async () => {
    const result = await demo();
    const hostile: BacktestResult = {
      ...result,
      source: `http://x/${SCRIPT}`,
      errors: [{ gate: 'hb', startMs: 0, endMs: M, message: `bad "answer" ${SCRIPT} & more` }],
    };
    const html = renderBacktestHtml(hostile);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('bad &quot;answer&quot;');
    expect(html).not.toMatch(/<script|<img|<iframe|\son\w+=/i);
    expect(html).toContain('default-src &#39;none&#39;');
    const lanes = [...html.matchAll(/data-lane="([^"]*)"/g)].map((m) => m[1]);
    expect(lanes).toEqual([
      'decision',
      'hb',
      'ratio',
      'flappy',
      'q',
      'q/qa',
      'q/smoke-in-quorum',
      'smoke',
    ]);
    expect(html).toContain('not replayed (command): left out of the decision');
    expect(html).toContain('data-sensitivity="ratio"');
  });

  it('draws a lane with more runs than pixels as the worst state per pixel', () => {
    const runs = Array.from({ length: MAX_RUNS * 2 }, (_, i) => ({
      cls: i % 2 === 0 ? 's-pass' : 's-fail',
      severity: i % 2,
      startMs: i * M,
      endMs: (i + 1) * M,
      label: 'x',
    }));
    const svg = renderLanes([{ key: 'g', label: 'g', depth: 0, kind: 'gate', runs }], {
      id: 't',
      title: 't',
      description: 'd',
      startMs: 0,
      endMs: MAX_RUNS * 2 * M,
    }).html;
    const rects = [...svg.matchAll(/<rect class="(s-\w+)"/g)].map((m) => m[1]);
    expect(rects.length).toBeLessThan(MAX_RUNS);
    expect(new Set(rects)).toEqual(new Set(['s-fail']));
  });
});
