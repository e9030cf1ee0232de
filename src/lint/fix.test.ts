import { describe, expect, it } from 'vitest';
import { ProjectAnalysis } from './analysis/project.js';
import { CHECK_IDS } from './check.js';
import { parseLintConfig } from './config.js';
import { planFixes } from './fix.js';
import { buildProject } from './inputs/project.js';
import { lintProject } from './run.js';

const CONFIG = parseLintConfig(
  'lint:\n  require:\n    metric_realm: prod\n',
  '.drygate.yml',
  CHECK_IDS,
);

function fix(text: string, path = 'rules.yml') {
  const project = buildProject([{ path, text, explicit: true }], { realmLabel: 'metric_realm' });
  const [planned] = planFixes(project, CONFIG, new ProjectAnalysis(project, CONFIG));
  return planned;
}

/** The text after the fix, checked to lint clean of the required-matcher check. */
function fixed(text: string, path = 'rules.yml'): string {
  const planned = fix(text, path);
  const after = planned?.after ?? text;
  const again = buildProject([{ path, text: after, explicit: true }], {
    realmLabel: 'metric_realm',
  });
  const left = lintProject(again, CONFIG).problems.filter(
    (p) => p.check === 'label/required-matcher',
  );
  expect(left.map((p) => p.summary)).toEqual([]);
  return after;
}

const rule = (expr: string): string =>
  `groups:\n  - name: g # keep me\n    rules:\n      - record: a:b:c\n        expr: ${expr}\n`;

describe('--fix', () => {
  it.each([
    ['a bare name', 'up', 'up{metric_realm="prod"}'],
    [
      'a name with a range and offset',
      'rate(x_total[5m] offset 1h)',
      'rate(x_total{metric_realm="prod"}[5m] offset 1h)',
    ],
    [
      'matchers written with spaces',
      'up{job="a", instance="b"}',
      'up{job="a", instance="b", metric_realm="prod"}',
    ],
    [
      'matchers written without spaces',
      'up{job="a",instance="b"}',
      'up{job="a",instance="b",metric_realm="prod"}',
    ],
    ['one matcher', 'up{job="a"}', 'up{job="a", metric_realm="prod"}'],
    ['a trailing comma', 'up{job="a",}', 'up{job="a",metric_realm="prod"}'],
    ['empty braces', 'up{}', 'up{metric_realm="prod"}'],
    ['a name inside the braces', '\'{__name__="up"}\'', '\'{__name__="up", metric_realm="prod"}\''],
    [
      'several selectors',
      'a / on (job) b',
      'a{metric_realm="prod"} / on (job) b{metric_realm="prod"}',
    ],
    [
      'a selector that has it and one that does not',
      'a{metric_realm="prod"} + b',
      'a{metric_realm="prod"} + b{metric_realm="prod"}',
    ],
    [
      'a comment after the plain scalar',
      'up # the number of targets',
      'up{metric_realm="prod"} # the number of targets',
    ],
  ])('plain scalar: %s', (_, before, after) => {
    expect(fixed(rule(before))).toBe(rule(after));
  });

  it('double-quoted: escapes the quotes it inserts', () => {
    expect(fixed(rule('"sum(up{job=\\"a\\"})"'))).toBe(
      rule('"sum(up{job=\\"a\\", metric_realm=\\"prod\\"})"'),
    );
  });

  it('single-quoted: keeps the quotes as they are', () => {
    expect(fixed(rule("'sum(up) > 0'"))).toBe(rule('\'sum(up{metric_realm="prod"}) > 0\''));
  });

  it('a literal block keeps its lines and indentation', () => {
    const before =
      'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: |\n          sum by (job) (\n            rate(x_total{job="a"}[5m])\n          )\n        labels:\n          team: sre\n';
    const after = before.replace('x_total{job="a"}', 'x_total{job="a", metric_realm="prod"}');
    expect(fixed(before)).toBe(after);
  });

  it('a folded block and a multi-line plain scalar', () => {
    const before =
      'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: >-\n          a\n          + b\n      - record: a:b:d\n        expr: sum(a)\n          / sum(b)\n';
    expect(fixed(before)).toBe(
      'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: >-\n          a{metric_realm="prod"}\n          + b{metric_realm="prod"}\n      - record: a:b:d\n        expr: sum(a{metric_realm="prod"})\n          / sum(b{metric_realm="prod"})\n',
    );
  });

  it('CRLF line endings stay', () => {
    const before =
      'groups:\r\n  - name: g\r\n    rules:\r\n      - record: a:b:c\r\n        expr: sum(up)\r\n';
    expect(fixed(before)).toBe(before.replace('sum(up)', 'sum(up{metric_realm="prod"})'));
  });

  it('a gate spec: queries in block and flow style', () => {
    const before = [
      'apiVersion: drygate/v1',
      'name: x',
      'gates:',
      '  - name: a # first',
      '    query: duri_heartbeat_ok',
      '    condition: == 1',
      '  - name: q',
      '    kind: quorum',
      '    gates:',
      '      - { name: eu, query: \'canary_ok{region="eu"}\', condition: == 1 }',
      '',
    ].join('\n');
    expect(fixed(before, 'gates.yml')).toBe(
      before
        .replace('query: duri_heartbeat_ok', 'query: duri_heartbeat_ok{metric_realm="prod"}')
        .replace('canary_ok{region="eu"}', 'canary_ok{region="eu", metric_realm="prod"}'),
    );
  });

  it('refuses a plain scalar in a flow mapping, where braces end the value', () => {
    const before = 'groups:\n  - name: g\n    rules:\n      - { record: "a:b:c", expr: sum(up) }\n';
    const planned = fix(before);
    expect(planned?.after).toBe(before);
    expect(planned?.refused.map((r) => r.reason)).toEqual([
      'the edited file would not read back as intended (a plain scalar in a YAML flow collection?)',
    ]);
  });

  it('edits an expression shared through an alias once, at its anchor', () => {
    const before =
      'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: &e sum(up)\n      - record: a:b:d\n        expr: *e\n      - record: a:b:e\n        expr: down\n';
    const planned = fix(before);
    expect(planned?.after).toBe(
      before
        .replace('&e sum(up)', '&e sum(up{metric_realm="prod"})')
        .replace('expr: down', 'expr: down{metric_realm="prod"}'),
    );
    expect(planned?.refused).toEqual([]);
  });

  it('leaves a wrong value alone (it is reported, not rewritten)', () => {
    expect(fix(rule('up{metric_realm="staging"}'))).toBeUndefined();
  });
});
