import { describe, expect, it } from 'vitest';
import * as lint from './index.js';

describe('drygate/lint', () => {
  it('exports the lint API by name', () => {
    for (const name of [
      'lintPaths',
      'lintTexts',
      'lintProject',
      'hasErrors',
      'planFixes',
      'parseLintConfig',
      'resolveLintConfig',
      'parseRequireArg',
      'renderHuman',
      'renderJson',
      'renderGithub',
      'renderSarif',
    ])
      expect(typeof (lint as Record<string, unknown>)[name], name).toBe('function');
    expect(lint.CHECKS.length).toBe(lint.CHECK_IDS.size);
  });

  it('lints texts in memory, as the module doc shows', () => {
    const config = { ...lint.DEFAULT_CONFIG, require: [lint.parseRequireArg('metric_realm=prod')] };
    const result = lint.lintTexts(
      [
        {
          path: 'r.yml',
          text: 'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: up\n',
        },
      ],
      config,
    );
    expect(lint.hasErrors(result)).toBe(true);
    expect(result.problems.map((p) => p.check)).toEqual(['label/required-matcher']);
  });
});
