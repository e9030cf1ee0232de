import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, CHECK_IDS } from '../check.js';
import { parseLintConfig } from '../config.js';
import { lintTexts } from '../run.js';
import { escapeData, escapeProperty, renderGithub } from './github.js';
import { renderHuman } from './human.js';
import { renderJson } from './json.js';
import { artifactUri, renderSarif } from './sarif.js';

const CONFIG = parseLintConfig(
  'lint:\n  require:\n    metric_realm: prod\n',
  '.drygate.yml',
  CHECK_IDS,
);
const RULES = [
  'groups:',
  '  - name: heartbeat',
  '    rules:',
  '      - record: duri_heartbeat_fresh_ok',
  '        expr: (time() - duri_textfile_heartbeat_ts) < bool 120',
  '      - alert: Stale',
  '        expr: |',
  '          sum(',
  '            up{job=~"^node$"}',
  '          ) == 0',
  '        for: 5m',
  '',
].join('\n');
const result = lintTexts([{ path: 'rules/heartbeat.yml', text: RULES }], CONFIG);

describe('human report', () => {
  it('names file:line:col, severity and check, and underlines the expression', () => {
    expect(renderHuman(result, { color: false })).toBe(
      [
        'rules/heartbeat.yml:4:9: warning [rule/name-convention]: recording rule "duri_heartbeat_fresh_ok" does not follow level:metric:operations (such as job:http_requests:rate5m): rename it, or set lint.recording_rule_name',
        'rules/heartbeat.yml:5:25: error [label/required-matcher]: selector duri_textfile_heartbeat_ts has no metric_realm matcher: add metric_realm="prod" (drygate lint --fix does)',
        '5 |         expr: (time() - duri_textfile_heartbeat_ts) < bool 120',
        '  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^^',
        'rules/heartbeat.yml:9:13: error [label/required-matcher]: selector up has no metric_realm matcher: add metric_realm="prod" (drygate lint --fix does)',
        '9 |             up{job=~"^node$"}',
        '  |             ^^^^^^^^^^^^^^^^^',
        'rules/heartbeat.yml:9:13: warning [promql/regex-anchors]: job=~"^node$" has redundant anchors: Prometheus anchors regex matchers, write job=~"node"',
        '9 |             up{job=~"^node$"}',
        '  |             ^^^^^^^^^^^^^^^^^',
        'rules/heartbeat.yml:9:13: info [promql/regex-static]: job=~"^node$" matches one string: write job="node"',
        '9 |             up{job=~"^node$"}',
        '  |             ^^^^^^^^^^^^^^^^^',
        '',
        '5 problems (2 errors, 2 warnings, 1 info) in 1 of 1 file',
        '',
      ].join('\n'),
    );
  });

  it('underlines every line of a multi-line expression', () => {
    const text =
      'groups:\n  - name: g\n    rules:\n      - record: x_ok\n        expr: |\n          sum(\n            up\n          )\n';
    const out = renderHuman(lintTexts([{ path: 'r.yml', text }], undefined), { color: false });
    expect(out).toContain(
      [
        '6 |           sum(',
        '  |           ^^^^',
        '7 |             up',
        '  |             ^^',
        '8 |           )',
        '  |           ^',
      ].join('\n'),
    );
  });

  it('colours severity and underline only when asked', () => {
    const plain = renderHuman(result, { color: false });
    const colored = renderHuman(result, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(
      colored
        .replaceAll(/\[\d+m/g, (m, i: number) => (colored[i - 1] === '\u001b' ? '' : m))
        .replaceAll('\u001b', ''),
    ).toBe(plain);
  });

  it('says so when there is nothing to report', () => {
    const clean = lintTexts([{ path: 'r.yml', text: 'groups: []\n' }]);
    expect(renderHuman(clean, { color: false })).toBe('no problems in 1 file\n');
  });
});

describe('JSON report', () => {
  it('has a versioned shape', () => {
    const report = JSON.parse(renderJson(result)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'files', 'summary', 'problems']);
    expect(report['schemaVersion']).toBe(1);
    expect(report['summary']).toEqual({ error: 2, warning: 2, info: 1 });
    expect((report['problems'] as unknown[])[1]).toEqual({
      check: 'label/required-matcher',
      severity: 'error',
      summary:
        'selector duri_textfile_heartbeat_ts has no metric_realm matcher: add metric_realm="prod" (drygate lint --fix does)',
      details:
        'In rule "duri_heartbeat_fresh_ok". Without metric_realm="prod" the query also reads series from other metric_realm values.',
      file: 'rules/heartbeat.yml',
      line: 5,
      column: 25,
      endLine: 5,
      endColumn: 51,
      docs: 'docs/checks/label/required-matcher.md',
    });
  });
});

describe('GitHub Actions report', () => {
  it('writes one workflow command per problem', () => {
    const lines = renderGithub(result).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      '::error file=rules/heartbeat.yml,line=5,col=25,endColumn=51,title=label/required-matcher::selector duri_textfile_heartbeat_ts has no metric_realm matcher: add metric_realm="prod" (drygate lint --fix does)',
    );
    expect(lines[4]).toMatch(/^::notice /);
  });

  it('escapes as the Actions runner does', () => {
    expect(escapeData('50%\nnext\r')).toBe('50%25%0Anext%0D');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

/** A JSON Schema draft-04 validator for the keywords the SARIF schema uses. */
function validate(
  schema: Record<string, unknown>,
  root: Record<string, unknown>,
  value: unknown,
  path: string,
  errors: string[],
): void {
  const s = schema;
  if (typeof s['$ref'] === 'string') {
    const target = s['$ref']
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    validate(target as Record<string, unknown>, root, value, path, errors);
    return;
  }
  const type = s['type'];
  const typeOf = (v: unknown): string =>
    Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v;
  if (typeof type === 'string') {
    const t = typeOf(value);
    const ok = t === type || (type === 'number' && t === 'integer');
    if (!ok) errors.push(`${path}: expected ${type}, got ${t}`);
  }
  if (Array.isArray(s['enum']) && !(s['enum'] as unknown[]).includes(value))
    errors.push(`${path}: not one of ${JSON.stringify(s['enum'])}`);
  if (typeof s['minimum'] === 'number' && typeof value === 'number' && value < s['minimum'])
    errors.push(`${path}: below ${s['minimum']}`);
  if (
    typeof s['pattern'] === 'string' &&
    typeof value === 'string' &&
    !new RegExp(s['pattern']).test(value)
  )
    errors.push(`${path}: does not match ${s['pattern']}`);
  if (s['format'] === 'uri' && typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(value))
    errors.push(`${path}: not an absolute URI`);
  if (Array.isArray(s['anyOf']) || Array.isArray(s['oneOf'])) {
    const options = (s['anyOf'] ?? s['oneOf']) as Record<string, unknown>[];
    const passing = options.filter((o) => {
      const e: string[] = [];
      validate(o, root, value, path, e);
      return e.length === 0;
    }).length;
    if (passing === 0 || (Array.isArray(s['oneOf']) && passing !== 1))
      errors.push(`${path}: matches ${passing} of the alternatives`);
  }
  if (Array.isArray(value)) {
    if (typeof s['minItems'] === 'number' && value.length < s['minItems'])
      errors.push(`${path}: fewer than ${s['minItems']} items`);
    if (
      s['uniqueItems'] === true &&
      new Set(value.map((v) => JSON.stringify(v))).size !== value.length
    )
      errors.push(`${path}: items not unique`);
    if (s['items'] !== undefined)
      value.forEach((v, i) =>
        validate(s['items'] as Record<string, unknown>, root, v, `${path}[${i}]`, errors),
      );
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of (s['required'] as string[] | undefined) ?? [])
      if (!(key in obj)) errors.push(`${path}: missing ${key}`);
    const props = (s['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (props[key] !== undefined) validate(props[key], root, v, `${path}.${key}`, errors);
      else if (s['additionalProperties'] === false)
        errors.push(`${path}: unexpected property ${key}`);
      else if (typeof s['additionalProperties'] === 'object')
        validate(
          s['additionalProperties'] as Record<string, unknown>,
          root,
          v,
          `${path}.${key}`,
          errors,
        );
    }
  }
}

describe('SARIF report', () => {
  const log = JSON.parse(renderSarif(result, CHECKS, '1.2.3')) as {
    version: string;
    runs: {
      tool: { driver: { rules: { id: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations: { physicalLocation: { region: Record<string, number> } }[];
      }[];
    }[];
  };

  it('lists every check as a rule and every problem as a result with its region', () => {
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
    expect(run?.results).toHaveLength(5);
    const second = run?.results[1];
    expect(second?.ruleId).toBe('label/required-matcher');
    expect(run?.tool.driver.rules[second?.ruleIndex ?? -1]?.id).toBe('label/required-matcher');
    expect(second?.level).toBe('error');
    expect(second?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 5,
      startColumn: 25,
      endLine: 5,
      endColumn: 51,
    });
    expect(run?.results[4]?.level).toBe('note');
  });

  it('writes file paths as URIs', () => {
    expect(artifactUri('rules/heart beat.yml')).toBe('rules/heart%20beat.yml');
    expect(artifactUri('/srv/rules.yml')).toBe('file:///srv/rules.yml');
  });

  // The OASIS schema is not vendored: point DRYGATE_SARIF_SCHEMA at sarif-schema-2.1.0.json
  // (github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/) to validate against it.
  const schemaPath = process.env['DRYGATE_SARIF_SCHEMA'];
  it.skipIf(schemaPath === undefined)(
    `validates against the official SARIF 2.1.0 schema${schemaPath === undefined ? ' (skipped: set DRYGATE_SARIF_SCHEMA to sarif-schema-2.1.0.json)' : ''}`,
    () => {
      const schema = JSON.parse(readFileSync(schemaPath as string, 'utf8')) as Record<
        string,
        unknown
      >;
      expect(schema['id']).toMatch(/sarif-schema-2\.1\.0\.json$/);
      const errors: string[] = [];
      validate(schema, schema, log, '$', errors);
      expect(errors).toEqual([]);
      // The validator itself must catch a broken log.
      const broken: string[] = [];
      validate(schema, schema, { ...log, version: '2.0.0', runs: [{ results: [] }] }, '$', broken);
      expect(broken.length).toBeGreaterThan(1);
    },
  );
});
