import { describe, expect, it } from 'vitest';
import type { ApiRuleGroup } from '../api/rules.js';
import { parseExpr } from '../promql/parse/parse.js';
import { canonicalExpr, diffRuleGroups, expectedRuleGroups } from './verify.js';

const file = (text: string, serverPath = '/etc/prometheus/rules/a.yml') => ({
  serverPath,
  bytes: Buffer.from(text),
  display: serverPath,
});

const RULES = `groups:
  - name: a
    interval: 30s
    rules:
      - record: job:up:sum
        expr: sum(up{job="x",instance="y"}) by (job)
      - alert: Down
        expr: up == 0
        for: 5m
        labels: {severity: page}
`;

const server = (over: Partial<ApiRuleGroup> = {}): ApiRuleGroup => ({
  name: 'a',
  file: '/etc/prometheus/rules/a.yml',
  intervalMs: 30_000,
  rules: [
    {
      type: 'recording',
      name: 'job:up:sum',
      // Prometheus prints its own canonical form, matchers sorted.
      query: 'sum by (job) (up{instance="y",job="x"})',
      labels: {},
      forMs: 0,
      health: 'unknown',
      lastError: undefined,
    },
    {
      type: 'alerting',
      name: 'Down',
      query: 'up == 0',
      labels: { severity: 'page' },
      forMs: 300_000,
      health: 'ok',
      lastError: undefined,
    },
  ],
  ...over,
});

describe('canonicalExpr', () => {
  it('ignores formatting, positions and matcher order, not meaning', () => {
    const c = (q: string): string => canonicalExpr(parseExpr(q));
    expect(c('sum(rate(x{a="1",b="2"}[300s])) by (job)')).toBe(
      c('sum by (job) (rate(x{b="2", a="1"}[5m]))'),
    );
    expect(c('sum(x) by (job)')).not.toBe(c('sum(x) by (instance)'));
  });
});

describe('diffRuleGroups', () => {
  const expected = expectedRuleGroups([file(RULES)], 'utf8');

  it('finds nothing when the server runs the file', () => {
    expect(diffRuleGroups(expected, [server()], undefined)).toEqual([]);
  });

  it('resolves relative file names against the server working directory', () => {
    expect(diffRuleGroups(expected, [server({ file: 'rules/a.yml' })], '/etc/prometheus')).toEqual(
      [],
    );
  });

  it('names each difference', () => {
    const s = server();
    const [rec, alert] = s.rules;
    if (rec === undefined || alert === undefined) throw new Error('fixture');
    expect(
      diffRuleGroups(
        expected,
        [
          {
            ...s,
            intervalMs: 60_000,
            rules: [
              { ...rec, query: 'sum(up)' },
              { ...alert, forMs: 60_000 },
            ],
          },
          { ...s, name: 'extra', rules: [] },
        ],
        undefined,
      ),
    ).toEqual([
      'group "a" of /etc/prometheus/rules/a.yml: interval 30s in the file, 60s on the server',
      'group "a" of /etc/prometheus/rules/a.yml, rule 1 "job:up:sum": expression "sum(up{job=\\"x\\",instance=\\"y\\"}) by (job)" in the file, "sum(up)" on the server',
      'group "a" of /etc/prometheus/rules/a.yml, rule 2 "Down": for 300s in the file, 60s on the server',
      'group "extra" of /etc/prometheus/rules/a.yml: loaded by the server, but in no rule file on disk',
    ]);
    expect(diffRuleGroups(expected, [], undefined)).toEqual([
      'group "a" of /etc/prometheus/rules/a.yml: not loaded by the server',
    ]);
    expect(diffRuleGroups(expected, [{ ...s, rules: [rec] }], undefined)).toEqual([
      'group "a" of /etc/prometheus/rules/a.yml: 2 rules in the file, 1 on the server',
    ]);
    expect(
      diffRuleGroups(expected, [{ ...s, rules: [rec, { ...alert, labels: {} }] }], undefined)[0],
    ).toMatch(/rule 2 "Down": labels differ/);
  });

  it('tells a group of the same name in another file apart', () => {
    expect(
      diffRuleGroups(expected, [server({ file: '/etc/prometheus/rules/b.yml' })], undefined),
    ).toHaveLength(2);
  });
});
