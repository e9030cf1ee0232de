import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUnitTestText } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-unittest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'rules.yml'),
  [
    'groups:',
    '  - name: second',
    '    rules:',
    '      - record: doubled_plus_one',
    '        expr: doubled + 1',
    '  - name: first',
    '    rules:',
    '      - record: doubled',
    '        expr: x * 2',
    '      - alert: High',
    '        expr: x > 1',
    '        for: 1m',
    '        labels: {severity: page}',
    '        annotations: {summary: "x is {{ $value }} in {{ $externalLabels.env }}"}',
  ].join('\n'),
);
writeFileSync(
  join(dir, 'bad.yml'),
  'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: a + on(k) b\n',
);

async function run(body: string, options = {}) {
  const file = join(dir, 'test.yml');
  return runUnitTestText(body, file, options);
}

describe('runUnitTestText', () => {
  it('orders groups, feeds samples lazily and fires alerts after for', async () => {
    const result = await run(
      [
        'rule_files: [rules.yml, "nothing-*.yml"]',
        'group_eval_order: [first, second]',
        'tests:',
        '  - name: ok',
        '    interval: 1m',
        '    external_labels: {env: prod}',
        '    input_series:',
        '      - series: x',
        "        values: '1 2 3'",
        '    alert_rule_test:',
        '      - eval_time: 1m',
        '        alertname: High',
        '        exp_alerts: []',
        '      - eval_time: 2m',
        '        alertname: High',
        '        exp_alerts:',
        '          - exp_labels: {severity: page}',
        '            exp_annotations: {summary: x is 3 in prod}',
        '    promql_expr_test:',
        '      - expr: doubled_plus_one',
        '        eval_time: 2m',
        '        exp_samples:',
        '          - labels: \'{__name__="doubled_plus_one"}\'',
        '            value: 7',
        '      - expr: scalar(x)',
        '        eval_time: 1m',
        '        exp_samples: [{value: 2}]',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([
      `  WARNING: no file match pattern ${join(dir, 'nothing-*.yml')}`,
    ]);
    // Pending at 1m (x = 2), firing at 2m with $value 3; doubled (first) is read by second.
    expect(result.groups[0]?.errors).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('passes a correct group and reports mismatches in promtool words', async () => {
    const body = [
      'rule_files: [rules.yml]',
      'tests:',
      '  - name: right',
      '    input_series: [{series: x, values: "5"}]',
      '    promql_expr_test:',
      '      - {expr: x, eval_time: 0, exp_samples: [{labels: x, value: 5}]}',
      '  - name: wrong',
      '    input_series: [{series: x, values: "5 6"}]',
      '    promql_expr_test:',
      '      - {expr: x, eval_time: 10m, exp_samples: [{labels: x, value: 6}]}',
      '      - {expr: "x[1m]", eval_time: 0}',
    ].join('\n');
    const result = await run(body);
    expect(result.passed).toBe(false);
    expect(result.groups.map((g) => g.errors)).toEqual([
      [],
      [
        // The last sample (6 at 1m) is older than the 5m lookback at 10m.
        '    expr: "x", time: 10m,\n        exp: {__name__="x"} 6E+00\n        got: nil',
        '    expr: "x[1m]", time: 0s, err: 1:1: rule result is not a vector or scalar',
      ],
    ]);
    expect((await run(body, { run: [/right/] })).passed).toBe(true);
  });

  it('stops a group at a rule evaluation error', async () => {
    const result = await run(
      [
        'rule_files: [bad.yml]',
        'tests:',
        '  - input_series:',
        "      - {series: 'a{k=\"1\"}', values: '_ 1'}",
        '      - {series: \'b{k="1",x="1"}\', values: \'_ 1\'}',
        '      - {series: \'b{k="1",x="2"}\', values: \'_ 1\'}',
        '    promql_expr_test: [{expr: a, eval_time: 5m}]',
      ].join('\n'),
    );
    expect(result.groups[0]?.errors).toHaveLength(1);
    expect(result.groups[0]?.errors[0]).toMatch(
      /^ {4}rule: r, time: 1m0s, err: found duplicate series/,
    );
  });

  it('fails a group that uses native histograms with that reason', async () => {
    const result = await run(
      'tests:\n  - input_series: [{series: h, values: "{{count:1 sum:1}}"}]\n',
    );
    expect(result.groups[0]?.errors[0]).toContain('native histograms are not supported');
  });

  it('reports a file that is not a valid test file', async () => {
    const result = await run('tests:\n  - nme: x\n');
    expect(result.fileErrors).toEqual([
      `${join(dir, 'test.yml')}:2:5: field nme not found in type main.testGroup`,
    ]);
    expect(result.passed).toBe(false);
  });

  it('rejects a repeated group in group_eval_order', async () => {
    const result = await run('group_eval_order: [a, a]\n');
    expect(result.fileErrors).toEqual(['group name repeated in evaluation order: a']);
  });

  it('gives failures as data beside the text, with group indexes', async () => {
    const body = [
      'rule_files: [rules.yml]',
      'tests:',
      '  - name: skipped',
      '    input_series: [{series: x, values: "1"}]',
      '  - input_series: [{series: x, values: "1 2"}]',
      '    promql_expr_test:',
      '      - {expr: doubled, eval_time: 1m, exp_samples: [{labels: doubled, value: 5}]}',
    ].join('\n');
    const result = await run(body, { run: [/^$/] });
    expect(result.groups.map((g) => [g.name, g.index])).toEqual([['', 1]]);
    const [failure] = result.groups[0]?.failures ?? [];
    expect(failure).toMatchObject({ kind: 'samples', expr: 'doubled', evalTimeMs: 60_000 });
    expect(failure?.kind === 'samples' && failure.got.map((s) => s.value)).toEqual([4]);
    expect(failure?.debug).toBeUndefined();
    expect(result.groups[0]?.errors).toEqual([
      '    expr: "doubled", time: 1m,\n        exp: {__name__="doubled"} 5E+00\n        got: {__name__="doubled"} 4E+00',
    ]);
  });

  it('with debug, attaches what the selectors read and the alert instances', async () => {
    const result = await run(
      [
        'rule_files: [rules.yml]',
        'tests:',
        '  - input_series: [{series: x, values: "1 2 3"}]',
        '    external_labels: {env: prod}',
        '    alert_rule_test: [{eval_time: 1m, alertname: High, exp_alerts: [{}]}]',
        '    promql_expr_test: [{expr: "x + y", eval_time: 2m, exp_samples: [{value: 1}]}]',
      ].join('\n'),
      { debug: true },
    );
    const [alerts, expr] = result.groups[0]?.failures ?? [];
    expect(alerts?.debug?.alerts?.map((a) => [a.state, a.activeAtMs])).toEqual([
      ['pending', 60_000],
    ]);
    expect(alerts?.debug?.rule).toBe('alert High (x > 1)');
    expect(alerts?.debug?.firstMs).toBe(0);
    expect(expr?.debug?.selectors.map((s) => [s.selector, s.series.length])).toEqual([
      ['x', 1],
      ['y', 0],
    ]);
    expect(expr?.debug?.selectors[0]?.series[0]?.points.map((p) => p.f)).toEqual([1, 2, 3]);
  });
});
