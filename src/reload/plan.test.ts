import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parsePathMap } from './path-map.js';
import { buildPlan } from './plan.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'drygate-plan-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const summary = (plan: ReturnType<typeof buildPlan>, root: string): string[] =>
  plan.files.map(
    (f) =>
      `${f.change} ${f.path.slice(root.length + 1)}${f.candidate === undefined ? '' : ` <- ${f.candidate.slice(root.length + 1)}`}`,
  );

describe('buildPlan', () => {
  it('finds rule files relative to the config, in the order Prometheus loads them', () => {
    const root = tree({
      'etc/prometheus.yml': 'rule_files: [rules/*.yml, alerts/b.yml, rules/a.yml]\n',
      'etc/rules/b.yml': 'groups: []\n',
      'etc/rules/a.yml': 'groups: []\n',
      'etc/rules/c.yaml': 'groups: []\n',
      'etc/alerts/b.yml': 'groups: []\n',
    });
    const plan = buildPlan({ config: 'etc/prometheus.yml', cwd: root });
    expect(summary(plan, root)).toEqual([
      'kept etc/rules/a.yml',
      'kept etc/rules/b.yml',
      'kept etc/alerts/b.yml',
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('places candidates where a pattern matches them, and says what changes', () => {
    const root = tree({
      'etc/prometheus.yml': 'rule_files:\n  - rules/*.yml\n  - rules/*/*.yml\n',
      'etc/rules/a.yml': 'groups: []\n',
      'etc/rules/b.yml': 'groups: [] # old\n',
      'build/a.yml': 'groups: []\n',
      'build/b.yml': 'groups: []\n',
      'build/c.yml': 'groups: []\n',
      'build/team/d.yml': 'groups: []\n',
      'build/.hidden.yml': 'ignored',
    });
    const plan = buildPlan({
      config: join(root, 'etc/prometheus.yml'),
      install: join(root, 'build'),
    });
    expect(summary(plan, root)).toEqual([
      'unchanged etc/rules/a.yml <- build/a.yml',
      'changed etc/rules/b.yml <- build/b.yml',
      'new etc/rules/c.yml <- build/c.yml',
      'new etc/rules/team/d.yml <- build/team/d.yml',
    ]);
  });

  it('maps absolute patterns written for the server back to this machine', () => {
    const root = tree({
      'host/prometheus.yml': 'rule_files: [/etc/prometheus/rules/*.yml]\n',
      'host/rules/a.yml': 'groups: []\n',
    });
    const pathMap = parsePathMap([`${join(root, 'host')}=/etc/prometheus`]);
    const plan = buildPlan({ config: join(root, 'host/prometheus.yml'), pathMap });
    expect(plan.configServerPath).toBe('/etc/prometheus/prometheus.yml');
    expect(plan.files.map((f) => [f.path, f.serverPath])).toEqual([
      [join(root, 'host/rules/a.yml'), '/etc/prometheus/rules/a.yml'],
    ]);
  });

  it('reports config problems as problems (a validation failure), not input errors', () => {
    const root = tree({ 'p.yml': 'rule_files:\n  - "rules/[x.yml"\n  - d\n', 'd/x': '' });
    const plan = buildPlan({ config: join(root, 'p.yml') });
    expect(plan.problems.map((p) => p.message)).toEqual([
      'invalid rule file path "rules/[x.yml"',
      'd is a directory, matched by rule_files "d"',
    ]);
  });

  it.each([
    [{ config: 'missing.yml' }, '--config'],
    [{ config: 'p.yml', install: 'nope' }, '--install'],
    [{ config: 'p.yml', install: 'empty' }, 'no files to install'],
    [{ config: 'p.yml', install: 'stray' }, 'would not be loaded'],
  ])('input errors: %j', (input, message) => {
    const root = tree({ 'p.yml': 'rule_files: [rules/*.yml]\n', 'stray/x.txt': '' });
    mkdirSync(join(root, 'empty'));
    expect(() => buildPlan({ ...input, cwd: root })).toThrow(InputError);
    expect(() => buildPlan({ ...input, cwd: root })).toThrow(message);
  });
});
