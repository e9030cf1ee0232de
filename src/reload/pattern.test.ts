import { describe, expect, it } from 'vitest';
import { isValidPattern, matchesPattern, staticDir } from './pattern.js';

describe('rule_files patterns', () => {
  it.each([
    ['/etc/prometheus/rules/*.yml', '/etc/prometheus/rules'],
    ['/etc/prometheus/rules/*/*.yml', '/etc/prometheus/rules'],
    ['/etc/prometheus/a.yml', '/etc/prometheus'],
    ['rules/*.yml', 'rules'],
    ['*.yml', ''],
    ['/*.yml', '/'],
  ])('staticDir(%s) = %s', (pattern, dir) => {
    expect(staticDir(pattern)).toBe(dir);
  });

  it.each([
    ['/r/a.yml', '/r/*.yml', true],
    ['/r/a.yaml', '/r/*.yml', false],
    ['/r/team/a.yml', '/r/*.yml', false],
    ['/r/team/a.yml', '/r/*/*.yml', true],
    ['/r/a1.yml', '/r/a[0-9].yml', true],
    ['/r/.hidden.yml', '/r/*.yml', true],
    ['/r/a.yml', '/r/a.yml', true],
    ['/r/b.yml', '/r/a.yml', false],
  ])('matchesPattern(%s, %s) = %s', (path, pattern, expected) => {
    expect(matchesPattern(path, pattern)).toBe(expected);
  });

  it('knows a malformed pattern', () => {
    expect(isValidPattern('rules/[a.yml')).toBe(false);
    expect(isValidPattern('rules/*.yml')).toBe(true);
  });
});
