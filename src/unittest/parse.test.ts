import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { parseUnitTestFile } from './parse.js';

describe('parseUnitTestFile', () => {
  it('reads every field with promtool defaults', () => {
    const spec = parseUnitTestFile(
      [
        'rule_files: [r.yml]',
        'evaluation_interval: 30s',
        'group_eval_order: [a, b]',
        'fuzzy_compare: true',
        'tests:',
        '  - name: g',
        '    start_timestamp: 1609459200',
        '    input_series:',
        '      - series: \'up{job="x"}\'',
        '        values: 0x10',
        '    alert_rule_test:',
        '      - eval_time: 5m',
        '        alertname: A',
        '        exp_alerts:',
        '          - exp_labels: {job: x}',
        '            exp_annotations: {summary: s}',
        '    promql_expr_test:',
        '      - expr: up',
        '        eval_time: 0',
        '        exp_samples:',
        '          - labels: up',
        '            value: 1e3',
        '    external_labels: {env: prod}',
        '    external_url: http://x',
        '  - {}',
      ].join('\n'),
      't.yml',
    );
    expect(spec.ruleFiles).toEqual(['r.yml']);
    expect(spec.evaluationIntervalMs).toBe(30_000);
    expect(spec.groupEvalOrder).toEqual(['a', 'b']);
    expect(spec.fuzzyCompare).toBe(true);
    const [g, empty] = spec.tests;
    expect(g?.startMs).toBe(1609459200_000);
    expect(g?.intervalMs).toBe(30_000);
    expect(g?.inputSeries[0]?.values).toBe('0x10');
    expect(g?.alertRuleTests[0]).toEqual({
      evalTimeMs: 300_000,
      alertname: 'A',
      expAlerts: [{ labels: { job: 'x' }, annotations: { summary: 's' } }],
    });
    expect(g?.promqlExprTests[0]?.expSamples[0]).toEqual({
      labels: 'up',
      value: 1000,
      histogram: undefined,
    });
    expect(g?.externalLabels).toEqual({ env: 'prod' });
    expect(g?.externalURL).toBe('http://x');
    expect(empty?.name).toBe('');
    expect(empty?.startMs).toBe(0);
  });

  it('accepts an RFC 3339 start_timestamp', () => {
    const spec = parseUnitTestFile(
      'tests:\n  - start_timestamp: "2024-01-01T00:00:00Z"\n',
      't.yml',
    );
    expect(spec.tests[0]?.startMs).toBe(1704067200_000);
  });

  it.each([
    ['unknown: 1\n', 't.yml:1:1: field unknown not found in type main.unitTestFile'],
    ['tests:\n  - nme: x\n', 't.yml:2:5: field nme not found in type main.testGroup'],
    [
      'tests:\n  - promql_expr_test:\n      - expr: x\n        exp_samples:\n          - lables: x\n',
      't.yml:5:13: field lables not found in type main.sample',
    ],
    [
      'evaluation_interval: 1x\n',
      't.yml:1:22: evaluation_interval: not a valid duration string: "1x"',
    ],
    ['fuzzy_compare: maybe\n', 't.yml:1:16: fuzzy_compare: cannot unmarshal "maybe" into bool'],
    [
      'tests:\n  - alert_rule_test:\n      - eval_time: 1m\n',
      't.yml:3:9: alertname is required in an alert_rule_test',
    ],
  ])('rejects %j', (text, message) => {
    expect(() => parseUnitTestFile(text, 't.yml')).toThrow(ParseError);
    expect(() => parseUnitTestFile(text, 't.yml')).toThrow(message);
  });
});

describe('YAML aliases', () => {
  it('are followed as promtool does', () => {
    const spec = parseUnitTestFile(
      `rule_files: []
tests:
  - interval: 1m
    input_series:
      - {series: 'up{job="a"}', values: &v '1x5'}
      - {series: 'up{job="b"}', values: *v}
    alert_rule_test:
      - eval_time: 1m
        alertname: A
        exp_alerts:
          - exp_annotations: &ann {summary: s}
      - eval_time: 2m
        alertname: A
        exp_alerts:
          - exp_annotations: *ann
`,
      't.yml',
    );
    const group = spec.tests[0];
    expect(group?.inputSeries.map((s) => s.values)).toEqual(['1x5', '1x5']);
    expect(group?.alertRuleTests[1]?.expAlerts[0]?.annotations).toEqual({ summary: 's' });
  });
});
