import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReloadPlan } from '../plan.js';
import { lintValidator } from './lint.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function planWith(rules: string): ReloadPlan {
  const dir = mkdtempSync(join(tmpdir(), 'drygate-reload-lint-'));
  dirs.push(dir);
  const path = join(dir, 'rules.yml');
  return {
    config: {
      path: join(dir, 'prometheus.yml'),
      bytes: Buffer.from(''),
      ruleFiles: [],
      problems: [],
      ruleFilesRange: undefined,
    },
    configServerPath: join(dir, 'prometheus.yml'),
    patterns: [],
    files: [
      { path, serverPath: path, bytes: Buffer.from(rules), change: 'kept', candidate: undefined },
    ],
    installDir: undefined,
    problems: [],
  } as unknown as ReloadPlan;
}

const RULES = `groups:
  - name: g
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`;

describe('the lint validator', () => {
  const context = (plan: ReloadPlan) => ({
    plan,
    nameValidationScheme: 'legacy' as const,
    timeoutMs: 1000,
  });

  it('passes clean rule files', async () => {
    const [result] = await lintValidator().validate(context(planWith(RULES)));
    expect(result?.status).toBe('passed');
    expect(result?.summary).toMatch(/in 1 rule file \(default settings\)$/);
  });

  it('fails on an error-level problem, such as a missing required matcher', async () => {
    const [result] = await lintValidator(['metric_realm=prod']).validate(context(planWith(RULES)));
    expect(result?.status).toBe('failed');
    expect(result?.details.join('\n')).toMatch(
      /rules\.yml:5:\d+: error \[label\/required-matcher\]/,
    );
  });

  it('reads .drygate.yml beside the Prometheus config', async () => {
    const plan = planWith(RULES);
    writeFileSync(
      join(plan.config.path, '..', '.drygate.yml'),
      'lint:\n  require:\n    metric_realm: prod\n',
    );
    const [result] = await lintValidator().validate(context(plan));
    expect(result?.status).toBe('failed');
    expect(result?.summary).toMatch(/settings from .*\.drygate\.yml\)$/);
  });
});
