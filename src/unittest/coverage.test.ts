import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExpr } from '../promql/parse/parse.js';
import { loadRuleFile } from '../rules/load.js';
import {
  type AlertStateName,
  belowMinimum,
  type CoverageInput,
  fileCoverage,
  formatCoverage,
  formatPercent,
  mergeCoverage,
  references,
} from './coverage.js';
import { runUnitTestText } from './run.js';

const RULES = [
  'groups:',
  '  - name: heartbeat',
  '    rules:',
  '      - record: hb_fresh',
  '        expr: time() - hb_ts < bool 120',
  '      - record: hb_ok',
  '        expr: hb_fresh * on() (hb_changes > bool 0)',
  '      - record: hb_changes',
  '        expr: changes(hb_seq[6m])',
  '      - record: unused',
  '        expr: sum(up)',
  '      - alert: Stale',
  '        expr: hb_ok == 0',
  '        for: 2m',
  '      - alert: Meta',
  '        expr: ALERTS{alertname="Stale"}',
  '      - alert: Lonely',
  '        expr: absent(hb_ts)',
].join('\n');

function input(over: Partial<CoverageInput>): CoverageInput {
  return {
    ruleFiles: ['rules.yml'],
    ruleGroups: loadRuleFile(RULES, 'rules.yml').groups,
    exprs: [],
    alertTests: [],
    alertStates: new Map(),
    ...over,
  };
}

const summary = (c: ReturnType<typeof fileCoverage>) =>
  Object.fromEntries(c.rules.map((r) => [r.name, [r.exercised ?? '-', ...r.via]]));

describe('references', () => {
  it('collects metric names and the alerts named in ALERTS selectors', () => {
    const refs = references(
      parseExpr('a + on() sum(rate(b[5m])) + count(ALERTS_FOR_STATE{alertname="X"}) + {job="j"}'),
    );
    expect([...refs.metrics].sort()).toEqual(['ALERTS_FOR_STATE', 'a', 'b']);
    expect([...refs.alerts]).toEqual(['X']);
  });

  it('ignores names given by regex', () => {
    expect(references(parseExpr('{__name__=~"a|b"}')).metrics.size).toBe(0);
  });
});

describe('fileCoverage', () => {
  it('marks untested rules when nothing asserts on them', () => {
    expect(summary(fileCoverage(input({})))).toEqual({
      hb_fresh: ['-'],
      hb_ok: ['-'],
      hb_changes: ['-'],
      unused: ['-'],
      Stale: ['-'],
      Meta: ['-'],
      Lonely: ['-'],
    });
  });

  it('follows what a tested alert reads, transitively, and names the readers', () => {
    const c = fileCoverage(input({ alertTests: ['Stale'] }));
    expect(summary(c)).toEqual({
      hb_fresh: ['indirect', 'hb_ok'],
      hb_ok: ['indirect', 'Stale'],
      hb_changes: ['indirect', 'hb_ok'],
      unused: ['-'],
      Stale: ['direct'],
      Meta: ['-'],
      Lonely: ['-'],
    });
  });

  it('counts a tested expression naming a recorded metric or ALERTS as direct', () => {
    const c = fileCoverage(input({ exprs: ['hb_changes', 'ALERTS{alertname="Meta"}', 'x +'] }));
    expect(summary(c)).toMatchObject({
      hb_changes: ['direct'],
      Meta: ['direct'],
      Stale: ['indirect', 'Meta'],
      hb_ok: ['indirect', 'Stale'],
      unused: ['-'],
    });
  });

  it('keeps a directly tested rule direct even when a tested rule also reads it', () => {
    const c = fileCoverage(input({ exprs: ['hb_ok', 'hb_fresh'] }));
    expect(summary(c)).toMatchObject({ hb_ok: ['direct'], hb_fresh: ['direct'] });
  });

  it('reports the asserted states of alerting rules in a fixed order', () => {
    const states = new Map<string, Set<AlertStateName>>([
      ['Stale', new Set(['resolved', 'firing'])],
    ]);
    const c = fileCoverage(input({ alertTests: ['Stale'], alertStates: states }));
    expect(c.rules.find((r) => r.name === 'Stale')?.states).toEqual(['firing', 'resolved']);
  });
});

describe('mergeCoverage', () => {
  it('reports a rule file once, with the best status and the union of states', () => {
    const a = fileCoverage(
      input({
        alertTests: ['Stale'],
        alertStates: new Map([['Stale', new Set<AlertStateName>(['pending'])]]),
      }),
    );
    const b = fileCoverage(
      input({
        exprs: ['hb_ok', 'unused'],
        alertTests: ['Stale'],
        alertStates: new Map([['Stale', new Set<AlertStateName>(['firing'])]]),
      }),
    );
    const report = mergeCoverage([a, b]);
    expect(report.files).toHaveLength(1);
    const byName = Object.fromEntries(report.files[0]?.rules.map((r) => [r.name, r]) ?? []);
    expect(byName['hb_ok']?.exercised).toBe('direct');
    expect(byName['hb_ok']?.via).toEqual([]);
    expect(byName['Stale']?.states).toEqual(['pending', 'firing']);
    expect(report.totals).toEqual({
      rules: 7,
      exercised: 5,
      direct: 3,
      states: 9,
      statesAsserted: 2,
    });
  });

  it('lists loaded rule files without rules', () => {
    const report = mergeCoverage([{ ruleFiles: ['empty.yml'], rules: [] }]);
    expect(formatCoverage(report)).toBe(
      'Rule coverage:\n  empty.yml: no rules\n  total: 0 of 0 rules exercised (100.0%), 0 directly\n',
    );
  });
});

describe('thresholds', () => {
  it('compares exactly and prints percentages rounded down', () => {
    const totals = { rules: 3, exercised: 2, direct: 2, states: 0, statesAsserted: 0 };
    expect(belowMinimum(totals, 66.6)).toBe(false);
    expect(belowMinimum(totals, 66.7)).toBe(true);
    expect(formatPercent(2, 3)).toBe('66.6%');
    expect(belowMinimum({ ...totals, rules: 0, exercised: 0 }, 100)).toBe(false);
  });
});

describe('formatCoverage', () => {
  it('lists every rule with its status, line and alert states, then the totals', () => {
    const c = fileCoverage(
      input({
        alertTests: ['Stale'],
        alertStates: new Map([['Stale', new Set<AlertStateName>(['firing', 'pending'])]]),
      }),
    );
    expect(formatCoverage(mergeCoverage([c]))).toBe(
      [
        'Rule coverage:',
        '  rules.yml: 4 of 7 rules exercised (57.1%)',
        '    indirect    record  hb_fresh    line 4, read by hb_ok',
        '    indirect    record  hb_ok       line 6, read by Stale',
        '    indirect    record  hb_changes  line 8, read by hb_ok',
        '    NOT TESTED  record  unused      line 10',
        '    tested      alert   Stale       line 12, states asserted: pending, firing; not: resolved',
        '    NOT TESTED  alert   Meta        line 15',
        '    NOT TESTED  alert   Lonely      line 17',
        '  total: 4 of 7 rules exercised (57.1%), 1 directly; alert states asserted: 2 of 9 (22.2%)',
        '',
      ].join('\n'),
    );
  });
});

describe('alert states asserted by a run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drygate-coverage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'rules.yml'),
    'groups:\n  - name: g\n    rules:\n      - alert: High\n        expr: x > 1\n        for: 2m\n      - alert: Other\n        expr: x > 100\n',
  );

  async function states(tests: string): Promise<Record<string, readonly string[]>> {
    const result = await runUnitTestText(
      `rule_files: [rules.yml]\ntests:\n  - input_series: [{series: x, values: "0 5 5 5 5 0 0"}]\n    alert_rule_test:\n${tests}`,
      join(dir, 'test.yml'),
      { coverage: true },
    );
    return Object.fromEntries(result.coverage?.rules.map((r) => [r.name, r.states]) ?? []);
  }

  it('pending: an empty exp_alerts while the alert is pending', async () => {
    expect(await states('      - {eval_time: 2m, alertname: High, exp_alerts: []}\n')).toEqual({
      High: ['pending'],
      Other: [],
    });
  });

  it('firing: a non-empty exp_alerts', async () => {
    expect(
      await states('      - {eval_time: 3m, alertname: High, exp_alerts: [{}]}\n'),
    ).toMatchObject({
      High: ['firing'],
    });
  });

  it('resolved: an empty exp_alerts after the alert was active, not before it ever was', async () => {
    expect(
      await states('      - {eval_time: 6m, alertname: High, exp_alerts: []}\n'),
    ).toMatchObject({
      High: ['resolved'],
    });
    expect(
      await states('      - {eval_time: 0m, alertname: High, exp_alerts: []}\n'),
    ).toMatchObject({
      High: [],
    });
  });

  it('is not computed unless asked', async () => {
    const result = await runUnitTestText('tests: []\n', join(dir, 'test.yml'));
    expect(result.coverage).toBeUndefined();
  });
});
