import { describe, expect, it, vi } from 'vitest';
import { formatRuleProblem } from './format.js';
import { loadRuleFile } from './load.js';
import { queryOffset } from './validate.js';

// The template parser is another module's; here it only has to be asked the right question.
vi.mock('./template-check.js', () => ({
  templateSyntaxError: (text: string, alert: string) =>
    text.includes('{{ bad')
      ? { message: `template: __alert_${alert}:1: unexpected "bad"`, line: 1 }
      : undefined,
}));

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('alert templates', () => {
  it('are checked for alerting rules only, and reported at the value', () => {
    const text = yaml(
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: Down',
      '    expr: up == 0',
      '    labels:',
      '      severity: "{{ bad }}"',
      '    annotations:',
      '      summary: |',
      '        {{ bad }}',
      '  - record: r',
      '    expr: up',
      '    labels:',
      '      x: "{{ bad }}"',
    );
    expect(loadRuleFile(text, 'r.yml').problems.map(formatRuleProblem)).toEqual([
      'r.yml:7:18: group "g", rule 1, "Down": label "severity": template: __alert_Down:1: unexpected "bad"',
      'r.yml:10:9: group "g", rule 1, "Down": annotation "summary": template: __alert_Down:1: unexpected "bad"',
    ]);
  });
});

describe('queryOffset', () => {
  it.each<[string, number, number, number]>([
    ['sum(x)', 1, 5, 4],
    ['a\nbc', 2, 2, 3],
    ['"é" + x', 1, 6, 4],
    ['"😀" + x', 1, 8, 5],
    ['x', 1, 9, 1],
    ['x', 5, 1, 1],
  ])('%j line %i column %i is offset %i', (query, line, column, offset) => {
    expect(queryOffset(query, line, column)).toBe(offset);
  });
});
