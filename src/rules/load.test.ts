import { describe, expect, it } from 'vitest';
import { formatRuleProblem } from './format.js';
import { loadRuleFile, type LoadRuleFileOptions } from './load.js';
import type { AlertingRule } from './types.js';

/** The problems of a file as promtool-style lines, with the file name `r.yml`. */
function problems(text: string, options: LoadRuleFileOptions = {}): string[] {
  return loadRuleFile(text, 'r.yml', options).problems.map(formatRuleProblem);
}

/** Lines of YAML, so that line numbers in expectations can be read off the source. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('loadRuleFile: valid files', () => {
  it('loads recording and alerting rules with their fields and positions', () => {
    const file = loadRuleFile(
      yaml(
        'groups:',
        '  - name: heartbeat',
        '    interval: 30s',
        '    limit: 10',
        '    query_offset: 1m',
        '    labels: {team: sre}',
        '    rules:',
        '      - record: duri:heartbeat_age:seconds',
        '        expr: time() - duri_textfile_heartbeat_ts',
        '        labels:',
        '          realm: prod',
        '      - alert: HeartbeatStale',
        '        expr: |',
        '          duri:heartbeat_age:seconds > 120',
        '        for: 2m',
        '        keep_firing_for: 5m',
        '        labels:',
        '          severity: page',
        '        annotations:',
        '          summary: "stale for {{ $value }}s"',
      ),
      'r.yml',
    );
    expect(file.problems).toEqual([]);
    expect(file.ruleCount).toBe(2);
    const [group] = file.groups;
    expect(group).toMatchObject({
      name: 'heartbeat',
      intervalMs: 30_000,
      limit: 10,
      queryOffsetMs: 60_000,
      labels: [{ name: 'team', value: 'sre' }],
      source: { file: 'r.yml', line: 2, column: 5 },
    });
    const [recording, alerting] = group?.rules ?? [];
    expect(recording).toMatchObject({
      kind: 'recording',
      name: 'duri:heartbeat_age:seconds',
      expr: 'time() - duri_textfile_heartbeat_ts',
      index: 1,
      labels: [{ name: 'realm', value: 'prod' }],
      source: { line: 8, column: 9 },
      exprSource: { line: 9, column: 15 },
      ast: { kind: 'BinaryExpr', op: '-' },
    });
    expect(alerting).toMatchObject({
      kind: 'alerting',
      name: 'HeartbeatStale',
      expr: 'duri:heartbeat_age:seconds > 120\n',
      forMs: 120_000,
      keepFiringForMs: 300_000,
      annotations: [{ name: 'summary', value: 'stale for {{ $value }}s' }],
      exprSource: { line: 14, column: 11 },
      fields: { for: { line: 15, column: 9 } },
    });
    // `>` is at offset 27 of the expression, written on line 14 after 10 spaces of indentation.
    expect((alerting as AlertingRule).exprPosition(27)).toEqual({
      file: 'r.yml',
      line: 14,
      column: 38,
    });
  });

  it('accepts an empty file, a comment-only file and a file without groups', () => {
    for (const text of ['', '# nothing yet\n', 'groups:\n', 'groups: []\n']) {
      expect(loadRuleFile(text, 'r.yml')).toEqual({
        file: 'r.yml',
        groups: [],
        problems: [],
        ruleCount: 0,
      });
    }
  });

  it('follows anchors, aliases and merge keys as yaml.v3 does', () => {
    const file = loadRuleFile(
      yaml(
        'groups:',
        '  - name: g',
        '    rules:',
        '      - &base',
        '        record: a:b',
        '        expr: up',
        '        labels: &labels {team: sre}',
        '      - <<: *base',
        '        record: a:c',
        '      - record: a:d',
        '        expr: up',
        '        labels: *labels',
      ),
      'r.yml',
    );
    expect(file.problems).toEqual([]);
    expect(file.groups[0]?.rules.map((r) => [r.name, r.expr, r.labels.length])).toEqual([
      ['a:b', 'up', 1],
      ['a:c', 'up', 1],
      ['a:d', 'up', 1],
    ]);
  });

  it('keeps `for: 0s` on a recording rule, as Prometheus does', () => {
    expect(
      problems(
        yaml('groups:', '- name: g', '  rules:', '  - record: a', '    expr: up', '    for: 0s'),
      ),
    ).toEqual([]);
  });

  it('reads a plain number as expression text, not as a number', () => {
    const file = loadRuleFile(
      yaml('groups:', '- name: g', '  rules:', '  - record: one', '    expr: 1e3'),
      'r.yml',
    );
    expect(file.groups[0]?.rules[0]?.expr).toBe('1e3');
  });

  it('truncates a fractional limit as yaml.v3 does', () => {
    const file = loadRuleFile(yaml('groups:', '- name: g', '  limit: 1.5', '  rules: []'), 'r.yml');
    expect(file.groups[0]?.limit).toBe(1);
  });
});

describe('loadRuleFile: problems', () => {
  it.each<[string, string, string[], LoadRuleFileOptions?]>([
    [
      'invalid YAML',
      yaml('groups:', '  - name: g', '    rules:', '      - record: a', '       expr: up'),
      ['r.yml:5:1: invalid YAML: Sequence item without - indicator'],
    ],
    [
      'a duplicate key',
      yaml('groups:', '- name: g', '  rules:', '  - record: a', '    record: b', '    expr: up'),
      ['r.yml:5:5: invalid YAML: mapping key "record" is already defined'],
    ],
    [
      'unknown fields at every level',
      yaml(
        'groups:',
        '- name: g',
        '  owner: me',
        '  rules:',
        '  - record: a',
        '    expr: up',
        '    team: x',
        'version: 2',
      ),
      [
        'r.yml:3:3: group "g": field owner not found in a group (known fields: name, interval, query_offset, limit, rules, labels)',
        'r.yml:7:5: group "g", rule 1, "a": field team not found in a rule (known fields: record, alert, expr, for, keep_firing_for, labels, annotations)',
        'r.yml:8:1: field version not found in the rule file (known fields: groups)',
      ],
    ],
    [
      'unknown fields with ignoreUnknownFields',
      yaml(
        'groups:',
        '- name: g',
        '  owner: me',
        '  rules:',
        '  - record: a',
        '    expr: up',
        '    team: x',
      ),
      [],
      { ignoreUnknownFields: true },
    ],
    [
      'duplicate and empty group names',
      yaml('groups:', '- name: g', '- name: g', '- rules: []', '- name: ""'),
      [
        'r.yml:3:3: groupname: "g" is repeated in the same file',
        'r.yml:4:3: Groupname must not be empty',
        'r.yml:5:3: Groupname must not be empty',
        'r.yml:5:3: groupname: "" is repeated in the same file',
      ],
    ],
    [
      'a recording rule with alerting fields',
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: a',
        '    expr: up',
        '    for: 5m',
        '    keep_firing_for: 1m',
        '    annotations:',
        '      x: y',
      ),
      [
        'r.yml:6:5: group "g", rule 1, "a": invalid field \'for\' in recording rule',
        'r.yml:7:5: group "g", rule 1, "a": invalid field \'keep_firing_for\' in recording rule',
        'r.yml:8:5: group "g", rule 1, "a": invalid field \'annotations\' in recording rule',
      ],
    ],
    [
      'both record and alert, then neither',
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: a',
        '    alert: B',
        '    expr: up',
        '  - expr: up',
        '  - alert: ""',
        '    expr: up',
      ),
      [
        'r.yml:4:13: group "g", rule 1, "B": only one of \'record\' and \'alert\' must be set',
        'r.yml:7:5: group "g", rule 2, "": one of \'record\' or \'alert\' must be set',
        'r.yml:8:12: group "g", rule 3, "": one of \'record\' or \'alert\' must be set',
      ],
    ],
    [
      'a missing and an empty expression',
      yaml('groups:', '- name: g', '  rules:', '  - record: a', '  - record: b', '    expr:'),
      [
        'r.yml:4:5: group "g", rule 1, "a": field \'expr\' must be set in rule',
        'r.yml:6:10: group "g", rule 2, "b": field \'expr\' must be set in rule',
      ],
    ],
    [
      'PromQL errors placed inside block, quoted and plain expressions',
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: a',
        '    expr: |',
        '      sum by (job) (',
        '        rate(x[5m]) +',
        '      )',
        '  - record: b',
        '    expr: "up{job=\\"a\\"} ==== 1"',
        '  - record: c',
        '    expr: sum(rate(x[5m])',
      ),
      [
        'r.yml:8:7: group "g", rule 1, "a": could not parse expression: parse error: unexpected ")"',
        'r.yml:10:28: group "g", rule 2, "b": could not parse expression: parse error: unexpected <op:==>',
        'r.yml:12:26: group "g", rule 3, "c": could not parse expression: parse error: unclosed left parenthesis',
      ],
    ],
    [
      'invalid names under the legacy scheme',
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: job-up',
        '    expr: up',
        '    labels:',
        '      __name__: x',
        '      a-b: c',
        '  - alert: A',
        '    expr: up',
        '    annotations:',
        '      d.e: f',
      ),
      [
        'r.yml:4:13: group "g", rule 1, "job-up": invalid recording rule name: job-up',
        'r.yml:7:7: group "g", rule 1, "job-up": invalid label name: __name__',
        'r.yml:8:7: group "g", rule 1, "job-up": invalid label name: a-b',
        'r.yml:12:7: group "g", rule 2, "A": invalid annotation name: d.e',
      ],
      { nameValidationScheme: 'legacy' },
    ],
    [
      'names Prometheus 3 accepts, except __name__ and braces',
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: job-up',
        '    expr: up',
        '    labels:',
        '      __name__: x',
        '      a-b: c',
        '  - record: "up{job=\\"a\\"}"',
        '    expr: up',
      ),
      [
        'r.yml:7:7: group "g", rule 1, "job-up": invalid label name: __name__',
        'r.yml:9:14: group "g", rule 2, "up{job=\\"a\\"}": braces present in the recording rule name; should it be in expr?: up{job="a"}',
      ],
    ],
    [
      'bad durations, limits and shapes',
      yaml(
        'groups:',
        '- name: g',
        '  interval: 1x',
        '  limit: many',
        '  rules:',
        '  - alert: A',
        '    expr: up',
        '    for: "5"',
        '    labels: [a]',
        '  - just a string',
      ),
      [
        'r.yml:3:13: group "g": field interval: not a valid duration string: "1x"',
        'r.yml:4:10: group "g": field limit must be an integer, not "many"',
        'r.yml:8:11: group "g", rule 1, "A": field for: not a valid duration string: "5"',
        'r.yml:9:13: group "g", rule 1, "A": field labels must be a mapping, not a list',
        'r.yml:10:5: group "g", rule 2, "": a rule must be a mapping, not a string',
      ],
    ],
    [
      'a list where a name belongs does not also count as missing',
      yaml('groups:', '- name: g', '  rules:', '  - record: [a]', '    expr: up'),
      ['r.yml:4:13: group "g", rule 1, "": field record must be a string, not a list'],
    ],
    [
      'an unknown anchor',
      yaml('groups:', '- name: g', '  rules:', '  - record: a', '    expr: *nowhere'),
      ['r.yml:5:11: unknown anchor "nowhere" referenced'],
    ],
    [
      'a second document',
      yaml('groups: []', '---', 'groups: [1]'),
      [
        'r.yml:2:1: warning: multiple YAML documents in one rule file are not supported: only the first is checked',
      ],
    ],
    [
      'a file that is a list',
      yaml('- name: g'),
      ['r.yml:1:1: a rule file must be a mapping, not a list'],
    ],
    [
      'invalid group labels',
      yaml('groups:', '- name: g', '  labels:', '    __name__: x', '  rules: []'),
      ['r.yml:4:5: group "g": invalid label name: __name__'],
    ],
  ])('%s', (_, text, expected, options) => {
    expect(problems(text, options)).toEqual(expected);
  });

  it('leaves rules with errors out of the groups but counts them', () => {
    const file = loadRuleFile(
      yaml(
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: a',
        '    expr: up',
        '  - record: b',
        '    expr: up +',
      ),
      'r.yml',
    );
    expect(file.ruleCount).toBe(2);
    expect(file.groups[0]?.rules.map((r) => r.name)).toEqual(['a']);
  });

  it('enables experimental PromQL functions only when asked', () => {
    const text = yaml(
      'groups:',
      '- name: g',
      '  rules:',
      '  - record: a',
      '    expr: sort_by_label(up, "job")',
    );
    expect(problems(text)).toEqual([
      'r.yml:5:11: group "g", rule 1, "a": could not parse expression: parse error: function "sort_by_label" is not enabled',
    ]);
    expect(problems(text, { parseOptions: { experimentalFunctions: true } })).toEqual([]);
  });
});
