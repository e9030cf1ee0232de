import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parsePrometheusConfig, withRuleFiles } from './config-file.js';

const parse = (text: string) => parsePrometheusConfig(Buffer.from(text), '/p/prometheus.yml');

describe('parsePrometheusConfig', () => {
  it('reads the rule_files patterns with their places', () => {
    const c = parse(
      'global:\n  scrape_interval: 1m\nrule_files:\n  - rules/*.yml\n  - "/abs/x.yml"\n',
    );
    expect(c.problems).toEqual([]);
    expect(c.ruleFiles).toEqual([
      { pattern: 'rules/*.yml', source: { file: '/p/prometheus.yml', line: 4, column: 5 } },
      { pattern: '/abs/x.yml', source: { file: '/p/prometheus.yml', line: 5, column: 5 } },
    ]);
  });

  it('accepts a config without rule_files, or an empty one', () => {
    expect(parse('global: {}\n').ruleFiles).toEqual([]);
    expect(parse('rule_files:\n').ruleFiles).toEqual([]);
    expect(parse('').problems).toEqual([]);
  });

  it.each([
    ['rule_files: rules/*.yml\n', 'rule_files must be a list of file patterns'],
    ['rule_files: [1, {a: b}]\n', 'each rule_files entry must be a non-empty string'],
    ['rule_files: [a\n', 'invalid YAML'],
    ['- a\n', 'the config is not a mapping'],
    ['a: 1\na: 2\n', 'invalid YAML'],
  ])('reports %j', (text, message) => {
    expect(parse(text).problems[0]?.message).toContain(message);
  });
});

describe('withRuleFiles', () => {
  const cases = [
    'global: {}\nrule_files:\n  - rules/*.yml\n  - x.yml\nscrape_configs: []\n',
    'rule_files: [rules/*.yml]  # comment\nscrape_configs: []\n',
    'rule_files:\nscrape_configs: []\n',
    'rule_files: ~\n',
    'global: {}\n',
    'global: {}',
  ];

  it.each(cases)('replaces only rule_files in %j', (text) => {
    const out = withRuleFiles(parse(text), ['a b.yml', '/abs/"q".yml']);
    const doc = parseDocument(out);
    expect(doc.errors).toEqual([]);
    const before = parseDocument(text).toJS() as Record<string, unknown> | null;
    expect(doc.toJS()).toEqual({ ...(before ?? {}), rule_files: ['a b.yml', '/abs/"q".yml'] });
  });

  it('keeps every other byte', () => {
    const text = '# top\nglobal:   {scrape_interval: 15s}\nrule_files:\n  - a.yml\n# tail\n';
    expect(withRuleFiles(parse(text), ['b.yml'])).toBe(
      '# top\nglobal:   {scrape_interval: 15s}\nrule_files:\n  ["b.yml"]\n# tail\n',
    );
  });
});
