import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, ParseError } from '../errors.js';
import { CHECK_IDS } from './check.js';
import { parseLintConfig, parseRequireArg, resolveLintConfig } from './config.js';
import { discoverInputs, expandGlob } from './inputs/discover.js';
import { lintTexts } from './run.js';

const parse = (text: string) => parseLintConfig(text, '.drygate.yml', CHECK_IDS);

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ParseError) return err.message;
    throw err;
  }
  throw new Error('expected an error');
}

describe('lint config', () => {
  it('reads the short and the long form of require', () => {
    expect(parse('lint:\n  require:\n    metric_realm: prod\n').require).toEqual([
      { label: 'metric_realm', value: 'prod', metrics: undefined, except: [] },
    ]);
    const [long] = parse(
      'lint:\n  require:\n    - label: metric_realm\n      value: prod\n      metrics: "duri_.*"\n      except: [duri_build_info]\n',
    ).require;
    expect(long?.metrics?.test('duri_x')).toBe(true);
    expect(long?.metrics?.test('xduri_x')).toBe(false);
    expect(long?.except[0]?.test('duri_build_info')).toBe(true);
  });

  it('reads every other setting', () => {
    const c = parse(
      [
        'lint:',
        '  scrape_interval: 15s',
        '  disable: [rule/name-convention]',
        '  severity: {promql/regex-anchors: info}',
        '  realm_label: realm',
        '  recording_rule_name: "duri_.*"',
        '  annotations: [summary]',
        '  alert_labels: [severity]',
        '  counters: [a_seq]',
        '  gauges: [".*_bytes"]',
        'heartbeat:',
        '  realm: prod',
        'decide: {ignored: true}',
        '',
      ].join('\n'),
    );
    expect(c.scrapeIntervalMs).toBe(15_000);
    expect([...c.disabled]).toEqual(['rule/name-convention']);
    expect(c.severity.get('promql/regex-anchors')).toBe('info');
    expect(c.realmLabel).toBe('realm');
    expect(c.recordingRuleName.test('duri_ok')).toBe(true);
    expect(c.annotations).toEqual(['summary']);
    expect(c.alertLabels).toEqual(['severity']);
    expect(c.counters[0]?.test('a_seq')).toBe(true);
    expect(c.gauges[0]?.test('x_bytes')).toBe(true);
    expect(c.heartbeatRealm).toMatchObject({
      label: 'realm',
      value: 'prod',
      source: { file: '.drygate.yml', line: 12, column: 10 },
    });
  });

  it.each([
    ['lint:\n  requires: {}\n', '.drygate.yml:2:3: lint: unknown key "requires"'],
    [
      'lint:\n  disable: [rule/nope]\n',
      '.drygate.yml:2:13: lint.disable: unknown check "rule/nope"',
    ],
    [
      'lint:\n  severity: {rule/duplicate: fatal}\n',
      '.drygate.yml:2:30: lint.severity.rule/duplicate: expected info, warning or error',
    ],
    [
      'lint:\n  scrape_interval: soon\n',
      '.drygate.yml:2:20: lint.scrape_interval: expected a duration',
    ],
    ['lint:\n  gauges: ["("]\n', '.drygate.yml:2:12: lint.gauges: error parsing regexp'],
    [
      'lint:\n  require: {"bad-label": x}\n',
      '.drygate.yml:2:13: lint.require: invalid label name "bad-label"',
    ],
    ['lint: [\n', '.drygate.yml:2:1: invalid YAML'],
  ])('refuses %j with file:line:col', (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('parses --require', () => {
    expect(parseRequireArg('metric_realm=prod')).toMatchObject({
      label: 'metric_realm',
      value: 'prod',
    });
    expect(parseRequireArg('env=')).toMatchObject({ label: 'env', value: '' });
    expect(() => parseRequireArg('prod')).toThrow(InputError);
  });
});

describe('resolveLintConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drygate-lint-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, '.drygate.yml');
  writeFileSync(file, 'lint:\n  require:\n    metric_realm: prod\n    team: sre\n');

  it('reads the default file when it exists, and lets --require replace a label', () => {
    const { config } = resolveLintConfig({
      configPath: undefined,
      defaultPath: file,
      require: ['metric_realm=staging'],
      knownChecks: CHECK_IDS,
    });
    expect(config.require.map((r) => `${r.label}=${r.value}`)).toEqual([
      'team=sre',
      'metric_realm=staging',
    ]);
    expect(config.realmLabel).toBe('team');
  });

  it('works without a file, and refuses a named file that is missing', () => {
    const none = resolveLintConfig({
      configPath: undefined,
      defaultPath: join(dir, 'none.yml'),
      require: ['metric_realm=prod'],
      knownChecks: CHECK_IDS,
    });
    expect(none.file).toBeUndefined();
    expect(none.config.realmLabel).toBe('metric_realm');
    expect(() =>
      resolveLintConfig({
        configPath: join(dir, 'none.yml'),
        defaultPath: file,
        require: [],
        knownChecks: CHECK_IDS,
      }),
    ).toThrow(/cannot read config .*none\.yml: no such file/);
  });
});

describe('inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drygate-lint-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'rules', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const f of [
    'rules/a.yml',
    'rules/sub/b.yaml',
    'rules/notes.txt',
    'rules/.hidden.yml',
    'node_modules/x.yml',
  ])
    writeFileSync(join(dir, f), 'groups: []\n');

  it('walks directories for the kinds lint reads', () => {
    expect(
      discoverInputs([join(dir, 'rules')]).map((i) => [i.path.slice(dir.length + 1), i.explicit]),
    ).toEqual([
      ['rules/a.yml', false],
      ['rules/sub/b.yaml', false],
    ]);
  });

  it('expands globs, ** included', () => {
    expect(
      expandGlob(join(dir, 'rules', '**', '*.y*ml')).map((p) => p.slice(dir.length + 1)),
    ).toEqual(['rules/a.yml', 'rules/sub/b.yaml']);
    expect(expandGlob(join(dir, 'rules', '*.txt')).map((p) => p.slice(dir.length + 1))).toEqual([
      'rules/notes.txt',
    ]);
  });

  it('refuses a missing path and a glob that matches nothing', () => {
    expect(() => discoverInputs([join(dir, 'nope.yml')])).toThrow(/no such file/);
    expect(() => discoverInputs([join(dir, '*.none')])).toThrow(/no files match/);
  });
});

describe('ignore comments', () => {
  const text = [
    'groups:',
    '  - name: g',
    '    rules:',
    '      # drygate: ignore rule/name-convention',
    '      - record: first',
    '        expr: up',
    '      - record: second',
    '        expr: up # drygate: ignore rule/name-convention, promql/regex-static',
    '      - record: third',
    '        expr: up',
    '',
  ].join('\n');

  it('silence a check for the rule they are in or right above', () => {
    const names = lintTexts([{ path: 'r.yml', text }]).problems.filter(
      (p) => p.check === 'rule/name-convention',
    );
    expect(names.map((p) => p.source.line)).toEqual([9]);
  });

  it('ignore-file silences the whole file', () => {
    const all = lintTexts([
      { path: 'r.yml', text: `# drygate: ignore-file rule/name-convention\n${text}` },
    ]).problems;
    expect(all.filter((p) => p.check === 'rule/name-convention')).toEqual([]);
  });
});
