import { describe, expect, it } from 'vitest';
import { findDuplicateRules } from './duplicates.js';
import { formatRuleProblem } from './format.js';
import { loadRuleFile } from './load.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

function duplicates(text: string): string[] {
  const file = loadRuleFile(text, 'r.yml');
  expect(file.problems).toEqual([]);
  return findDuplicateRules(file.groups).map(formatRuleProblem);
}

describe('findDuplicateRules', () => {
  it('finds the same name and labels across groups, whatever the expression', () => {
    expect(
      duplicates(
        yaml(
          'groups:',
          '- name: a',
          '  rules:',
          '  - record: x',
          '    expr: up',
          '- name: b',
          '  rules:',
          '  - record: x',
          '    expr: up == 1',
          '  - record: x',
          '    expr: up',
          '    labels: {realm: prod}',
        ),
      ),
    ).toEqual([
      'r.yml:8:5: warning: group "b", rule 1, "x": duplicate rule: "x" with labels {} is also defined at line 4 (group "a", rule 1); might cause inconsistency while recording expressions',
    ]);
  });

  it('merges group labels under rule labels, as the rule manager does', () => {
    const text = yaml(
      'groups:',
      '- name: a',
      '  labels: {team: sre}',
      '  rules:',
      '  - alert: X',
      '    expr: up == 0',
      '- name: b',
      '  rules:',
      '  - alert: X',
      '    expr: absent(up)',
      '    labels: {team: sre}',
      '  - alert: X',
      '    expr: absent(up)',
      '    labels: {team: dba}',
    );
    expect(duplicates(text)).toEqual([
      'r.yml:9:5: warning: group "b", rule 1, "X": duplicate rule: "X" with labels {team="sre"} is also defined at line 5 (group "a", rule 1); might cause inconsistency while recording expressions',
    ]);
  });

  it('reports every repeat, each pointing at the first', () => {
    const text = yaml(
      'groups:',
      '- name: a',
      '  rules:',
      '  - {record: x, expr: "1"}',
      '  - {record: x, expr: "2"}',
      '  - {record: x, expr: "3"}',
    );
    expect(duplicates(text).map((l) => l.split(': ')[0])).toEqual(['r.yml:5:6', 'r.yml:6:6']);
  });

  it('finds nothing in distinct rules', () => {
    expect(
      duplicates(
        yaml(
          'groups:',
          '- name: a',
          '  rules:',
          '  - {record: x, expr: up}',
          '  - {record: y, expr: up}',
        ),
      ),
    ).toEqual([]);
  });
});
