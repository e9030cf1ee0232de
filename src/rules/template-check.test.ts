import { describe, expect, it } from 'vitest';
import { formatRuleProblem } from './format.js';
import { loadRuleFile } from './load.js';
import { templateSyntaxError } from './template-check.js';

describe('templateSyntaxError', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['{{ $labels.instance }} is {{ $value | humanize }}', undefined, undefined],
    ['{{ .Foo', 'template: __alert_Down:1: unclosed action', 1],
    ['{{ if }}x{{ end }}', 'template: __alert_Down:1: missing value for if', 1],
    ['{{ nosuch }}', 'template: __alert_Down:1: function "nosuch" not defined', 1],
    ['first line\n{{ end }}', 'template: __alert_Down:2: unexpected {{end}}', 2],
  ])('%j', (text, message, line) => {
    const problem = templateSyntaxError(text, 'Down');
    expect(problem?.message).toBe(message);
    expect(problem?.line).toBe(line);
  });
});

describe('template problems in a rule file', () => {
  it('point at the line of the value the template error names', () => {
    const text = [
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: Down',
      '    expr: up == 0',
      '    annotations:',
      '      description: |',
      '        {{ $labels.instance }} is down',
      '        {{ end }}',
      '      summary: "{{ .Foo"',
      '',
    ].join('\n');
    expect(loadRuleFile(text, 'r.yml').problems.map(formatRuleProblem)).toEqual([
      'r.yml:9:9: group "g", rule 1, "Down": annotation "description": template: __alert_Down:2: unexpected {{end}}',
      'r.yml:10:17: group "g", rule 1, "Down": annotation "summary": template: __alert_Down:1: unclosed action',
    ]);
  });
});
