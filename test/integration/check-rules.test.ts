/**
 * `drygate check rules` beside the real `promtool check rules`: every invalid file below must be
 * rejected by both, with drygate naming the line of the mistake; every valid file must be
 * accepted by both with the same rule count.
 *
 * Debian's promtool is 2.42, which checks names with the classic character set, so drygate runs
 * with `--name-validation-scheme legacy` here; the files avoid what only Prometheus 3 knows
 * (group `labels` and `query_offset`, duration expressions).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';

const promtool = findBinary('promtool', 'prometheus');
const work = mkdtempSync(join(tmpdir(), 'drygate-check-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runPromtool(file: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      promtool.path as string,
      ['check', 'rules', file],
      { cwd: work },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const runDrygate = (file: string): Promise<Run> =>
  runCli(['check', 'rules', '--name-validation-scheme', 'legacy', join(work, file)]);

/** Lines of YAML joined, so that a case's line number can be read off its source. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The lines shared by most cases: one group, then the rules. */
const group = (...rules: string[]): string =>
  yaml('groups:', '  - name: g', '    rules:', ...rules);

interface InvalidCase {
  readonly name: string;
  readonly text: string | Uint8Array;
  /** The line drygate must name. */
  readonly line: number;
  /** A piece of drygate's message for that line. */
  readonly says: string;
}

const invalid: InvalidCase[] = [
  {
    name: 'YAML: a key indented less than its siblings',
    text: group('      - record: a', '       expr: up'),
    line: 5,
    says: 'invalid YAML',
  },
  {
    name: 'YAML: a tab used for indentation',
    text: group('      - record: a', '\texpr: up'),
    line: 5,
    says: 'invalid YAML',
  },
  {
    name: 'YAML: a flow mapping that is never closed',
    text: group(
      '      - record: a',
      '        expr: up',
      '        labels: {team: sre',
      '      - record: b',
      '        expr: up',
    ),
    line: 6,
    says: 'invalid YAML',
  },
  {
    name: 'YAML: the same key twice in a rule',
    text: group('      - record: a', '        expr: up', '        expr: up == 1'),
    line: 6,
    says: 'mapping key "expr" is already defined',
  },
  {
    name: 'YAML: bytes that are not UTF-8',
    text: Buffer.concat([
      Buffer.from(
        group('      - record: a', '        expr: up', '        labels:', '          team: ').slice(
          0,
          -1,
        ),
      ),
      Buffer.from([0xff, 0xfe, 0x0a]),
    ]),
    line: 7,
    says: 'invalid UTF-8',
  },
  {
    name: 'YAML: an alias to an anchor that does not exist',
    text: group('      - record: a', '        expr: *missing'),
    line: 5,
    says: 'unknown anchor "missing"',
  },
  {
    name: 'an unknown field in a rule',
    text: group('      - record: a', '        expr: up', '        description: counts up'),
    line: 6,
    says: 'field description not found in a rule',
  },
  {
    name: 'an unknown field in a group',
    text: yaml('groups:', '  - name: g', '    evaluation_interval: 1m', '    rules: []'),
    line: 3,
    says: 'field evaluation_interval not found in a group',
  },
  {
    name: 'an unknown top-level field',
    text: yaml('groups: []', 'version: 2'),
    line: 2,
    says: 'field version not found in the rule file',
  },
  {
    name: 'a group name used twice',
    text: yaml('groups:', '  - name: g', '    rules: []', '  - name: g', '    rules: []'),
    line: 4,
    says: 'groupname: "g" is repeated in the same file',
  },
  {
    name: 'a group without a name',
    text: yaml('groups:', '  - rules:', '      - record: a', '        expr: up'),
    line: 2,
    says: 'Groupname must not be empty',
  },
  {
    name: 'a group that is a string',
    text: yaml('groups:', '  - heartbeat'),
    line: 2,
    says: 'a group must be a mapping',
  },
  {
    name: 'rules given as a mapping',
    text: yaml('groups:', '  - name: g', '    rules:', '      record: a', '      expr: up'),
    line: 4,
    says: 'rules must be a list',
  },
  {
    name: 'a recording rule name with a dash',
    text: group('      - record: job-up:sum', '        expr: sum(up)'),
    line: 4,
    says: 'invalid recording rule name: job-up:sum',
  },
  {
    name: 'a selector pasted into record',
    text: group('      - record: up{job="node"}', '        expr: up'),
    line: 4,
    says: 'invalid recording rule name',
  },
  {
    name: 'a label name with a dash',
    text: group(
      '      - record: a',
      '        expr: up',
      '        labels:',
      '          team-name: sre',
    ),
    line: 7,
    says: 'invalid label name: team-name',
  },
  {
    name: 'the reserved __name__ label',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        labels:',
      '          __name__: b',
    ),
    line: 7,
    says: 'invalid label name: __name__',
  },
  {
    name: 'an annotation name with a dot',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        annotations:',
      '          runbook.url: x',
    ),
    line: 7,
    says: 'invalid annotation name: runbook.url',
  },
  {
    name: 'labels given as a list',
    text: group('      - record: a', '        expr: up', '        labels: [team]'),
    line: 6,
    says: 'field labels must be a mapping',
  },
  {
    name: 'PromQL: an unclosed parenthesis on one line',
    text: group('      - record: a', '        expr: sum(rate(x[5m])'),
    line: 5,
    says: 'unclosed left parenthesis',
  },
  {
    name: 'PromQL: an error on the third line of a block scalar',
    text: group(
      '      - record: a',
      '        expr: |',
      '          sum by (job) (',
      '            rate(http_requests_total[5m])',
      '            / on(job) group_left',
      '          )',
    ),
    line: 9,
    says: 'could not parse expression',
  },
  {
    name: 'PromQL: an error on the second line of a folded quoted string',
    text: group('      - record: a', '        expr: "sum(rate(x[5m]))', '          / / count(x)"'),
    line: 6,
    says: 'could not parse expression',
  },
  {
    name: 'PromQL: a range where an instant vector belongs',
    text: group(
      '      - record: a',
      '        expr: >-',
      '          sum(',
      '            x[5m]',
      '          )',
    ),
    line: 7,
    says: 'expected type instant vector in aggregation expression, got range vector',
  },
  {
    name: 'PromQL: an unknown function',
    text: group('      - alert: A', '        expr: rates(x[5m]) > 0'),
    line: 5,
    says: 'unknown function with name "rates"',
  },
  {
    name: 'PromQL: a bad duration in a selector',
    text: group('      - record: a', "        expr: 'rate(x[5q])'"),
    line: 5,
    says: 'could not parse expression',
  },
  {
    name: 'a bad for duration',
    text: group('      - alert: A', '        expr: up == 0', '        for: 5x'),
    line: 6,
    says: 'not a valid duration string: "5x"',
  },
  {
    name: 'a for duration without a unit',
    text: group('      - alert: A', '        expr: up == 0', '        for: 300'),
    line: 6,
    says: 'not a valid duration string: "300"',
  },
  {
    name: 'a bad group interval',
    text: yaml('groups:', '  - name: g', '    interval: 1 minute', '    rules: []'),
    line: 3,
    says: 'not a valid duration string',
  },
  {
    name: 'a limit that is not a number',
    text: yaml('groups:', '  - name: g', '    limit: ten', '    rules: []'),
    line: 3,
    says: 'field limit must be an integer',
  },
  {
    name: 'a recording rule with for',
    text: group('      - record: a', '        expr: up', '        for: 5m'),
    line: 6,
    says: "invalid field 'for' in recording rule",
  },
  {
    name: 'a recording rule with keep_firing_for',
    text: group('      - record: a', '        expr: up', '        keep_firing_for: 5m'),
    line: 6,
    says: "invalid field 'keep_firing_for' in recording rule",
  },
  {
    name: 'a recording rule with annotations',
    text: group(
      '      - record: a',
      '        expr: up',
      '        annotations:',
      '          summary: x',
    ),
    line: 6,
    says: "invalid field 'annotations' in recording rule",
  },
  {
    name: 'a rule with both record and alert',
    text: group('      - record: a', '        alert: A', '        expr: up'),
    line: 4,
    says: "only one of 'record' and 'alert' must be set",
  },
  {
    name: 'an alerting rule with an empty name',
    text: group(
      '      - record: a',
      '        expr: up',
      '      - alert: ""',
      '        expr: up == 0',
    ),
    line: 6,
    says: "one of 'record' or 'alert' must be set",
  },
  {
    name: 'a rule without expr',
    text: group('      - record: a', '        expr: up', '      - alert: A', '        for: 1m'),
    line: 6,
    says: "field 'expr' must be set in rule",
  },
  {
    name: 'an empty expr',
    text: group('      - alert: A', '        expr:', '        for: 1m'),
    line: 5,
    says: "field 'expr' must be set in rule",
  },
  {
    name: 'an unclosed action in an annotation template',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        annotations:',
      '          summary: "{{ $labels.job"',
    ),
    line: 7,
    says: 'annotation "summary"',
  },
  {
    name: 'an if without a condition in a label template',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        labels:',
      '          severity: "{{ if }}page{{ end }}"',
    ),
    line: 7,
    says: 'label "severity"',
  },
  {
    name: 'an unknown function in a template',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        annotations:',
      '          summary: "{{ $value | humanise }}"',
    ),
    line: 7,
    says: 'function "humanise" not defined',
  },
  {
    name: 'a stray end on the second line of a block template',
    text: group(
      '      - alert: A',
      '        expr: up == 0',
      '        annotations:',
      '          description: |',
      '            {{ $labels.instance }} is down',
      '            {{ end }}',
    ),
    line: 9,
    says: 'unexpected {{end}}',
  },
];

interface ValidCase {
  readonly name: string;
  readonly text: string;
  readonly rules: number;
}

const valid: ValidCase[] = [
  { name: 'an empty file', text: '', rules: 0 },
  {
    name: 'groups without rules',
    text: yaml('groups:', '  - name: a', '  - name: b', '    rules: []'),
    rules: 0,
  },
  {
    name: 'the heartbeat rules',
    text: yaml(
      'groups:',
      '  - name: heartbeat',
      '    interval: 30s',
      '    limit: 100',
      '    rules:',
      '      - record: duri:heartbeat_age:seconds',
      '        expr: time() - max by (metric_realm) (duri_textfile_heartbeat_ts{metric_realm="prod"})',
      '      - record: duri:heartbeat_fresh:ok',
      '        expr: duri:heartbeat_age:seconds <= bool 120',
      '      - record: duri:heartbeat_changes:6m',
      '        expr: changes(duri_textfile_heartbeat_seq{metric_realm="prod"}[6m])',
      '      - alert: HeartbeatStale',
      '        expr: duri:heartbeat_fresh:ok == 0',
      '        for: 2m',
      '        keep_firing_for: 5m',
      '        labels:',
      '          severity: page',
      '        annotations:',
      '          summary: "heartbeat is {{ $value | humanizeDuration }} old on {{ $labels.instance }}"',
    ),
    rules: 4,
  },
  {
    name: 'block, folded and quoted expressions',
    text: group(
      '      - record: a',
      '        expr: |',
      '          sum by (job) (',
      '            rate(http_requests_total[5m])',
      '          )',
      '      - record: b',
      '        expr: >-',
      '          sum(x)',
      '          / count(x)',
      '      - record: c',
      '        expr: "up{job=\\"node\\"}\\n  == 1"',
      '      - record: d',
      "        expr: 'up{job=''node''}'",
    ),
    rules: 4,
  },
  {
    name: 'anchors, aliases and merge keys',
    text: group(
      '      - &base',
      '        record: a',
      '        expr: up',
      '        labels: &team {team: sre}',
      '      - <<: *base',
      '        record: b',
      '      - alert: C',
      '        expr: up == 0',
      '        labels: *team',
    ),
    rules: 3,
  },
  {
    name: 'a recording rule with for: 0s and empty annotations',
    text: group(
      '      - record: a',
      '        expr: up',
      '        for: 0s',
      '        annotations: {}',
    ),
    rules: 1,
  },
  {
    name: 'null labels and a fractional limit',
    text: yaml(
      'groups:',
      '  - name: g',
      '    limit: 2.5',
      '    rules:',
      '      - record: a',
      '        expr: up',
      '        labels:',
    ),
    rules: 1,
  },
];

let counter = 0;
function writeCase(text: string | Uint8Array): string {
  const name = `case-${++counter}.yml`;
  writeFileSync(join(work, name), text);
  return name;
}

describe.skipIf(promtool.path === undefined)(
  `check rules beside promtool ${promtool.skipReason}`,
  () => {
    it('has at least 20 invalid files', () => {
      expect(invalid.length).toBeGreaterThanOrEqual(20);
    });

    it.each(invalid.map((c) => [c.name, c] as const))('rejects %s', async (_, c) => {
      const file = writeCase(c.text);
      const [theirs, ours] = await Promise.all([runPromtool(file), runDrygate(file)]);
      expect(theirs.code, `promtool accepted it:\n${theirs.stdout}`).toBe(1);
      expect(theirs.stderr).toContain('FAILED');
      expect(ours.code, ours.stderr).toBe(1);
      const named = ours.stderr
        .split('\n')
        .filter((l) => l.startsWith(`${join(work, file)}:${c.line}:`));
      expect(named.join('\n'), `drygate said:\n${ours.stderr}`).toContain(c.says);
    });

    it.each(valid.map((c) => [c.name, c] as const))('accepts %s', async (_, c) => {
      const file = writeCase(c.text);
      const [theirs, ours] = await Promise.all([runPromtool(file), runDrygate(file)]);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect(theirs.stdout).toContain(`SUCCESS: ${c.rules} rules found`);
      expect(ours.code, ours.stderr).toBe(0);
      expect(ours.stdout).toBe(
        `Checking ${join(work, file)}\n  SUCCESS: ${c.rules} rules found\n\n`,
      );
    });
  },
);
