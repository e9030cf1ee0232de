import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../plan.js';
import { checkRulesValidator } from './check-rules.js';

const root = mkdtempSync(join(tmpdir(), 'drygate-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkRulesValidator', () => {
  it('checks every file Prometheus will load, naming candidates by their own path', async () => {
    mkdirSync(join(root, 'rules'));
    mkdirSync(join(root, 'build'));
    writeFileSync(join(root, 'p.yml'), 'rule_files: [rules/*.yml]\n');
    writeFileSync(
      join(root, 'rules/a.yml'),
      'groups:\n  - name: a\n    rules:\n      - record: x\n        expr: up\n      - record: x\n        expr: up\n',
    );
    writeFileSync(
      join(root, 'build/b.yml'),
      'groups:\n  - name: b\n    rules:\n      - record: a.b\n        expr: up\n',
    );
    const plan = buildPlan({ config: join(root, 'p.yml'), install: join(root, 'build') });
    const legacy = await checkRulesValidator.validate({
      plan,
      nameValidationScheme: 'legacy',
      timeoutMs: 1000,
    });
    expect(legacy).toEqual([
      {
        validator: 'drygate check rules',
        where: undefined,
        status: 'failed',
        summary: '1 error (2 rule files, 3 rules, legacy names)',
        details: [
          `${join(root, 'build/b.yml')}:4:17: group "b", rule 1, "a.b": invalid recording rule name: a.b`,
          expect.stringMatching(
            /rules\/a\.yml:6:9: warning: group "a", rule 2, "x": duplicate rule/,
          ) as unknown,
        ],
      },
    ]);
    const utf8 = await checkRulesValidator.validate({
      plan,
      nameValidationScheme: 'utf8',
      timeoutMs: 1000,
    });
    expect(utf8[0]).toMatchObject({
      status: 'passed',
      summary: '2 rule files, 3 rules (utf8 names), 1 warning',
    });
  });
});
