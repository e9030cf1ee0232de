import { describe, expect, it } from 'vitest';
import {
  caseName,
  escapeXml,
  formatJUnitTimestamp,
  junitErrorSuite,
  junitSuite,
  renderJUnit,
} from './junit.js';

describe('escapeXml', () => {
  it('escapes markup in content and keeps newlines and tabs readable', () => {
    expect(escapeXml('a < b && c > d\n\t"q" \'s\'\r', 'content')).toBe(
      'a &lt; b &amp;&amp; c &gt; d\n\t"q" \'s\'&#13;',
    );
  });

  it('escapes quotes and whitespace a parser would normalise in attributes', () => {
    expect(escapeXml('x="1"\n\ty\r', 'attribute')).toBe('x=&quot;1&quot;&#10;&#9;y&#13;');
  });

  it('replaces characters XML cannot carry with U+FFFD, keeps valid astral characters', () => {
    expect(escapeXml('a\x00b\x1bc\ud800d\ufffe😀', 'content')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffd😀',
    );
  });
});

describe('junitSuite', () => {
  it('has one case per group that ran, unnamed groups as unnamed#<index>', () => {
    const suite = junitSuite(
      {
        file: 't.yml',
        fileErrors: [],
        groups: [
          { name: 'ok', index: 0 },
          { name: '', index: 2 },
        ],
      },
      '2024-05-01T10:00:00',
      (i) => (i === 1 ? ['    expr: "x", time: 0s, err: boom'] : []),
    );
    expect(suite).toEqual({
      name: 't.yml',
      timestamp: '2024-05-01T10:00:00',
      cases: [
        { name: 'ok', failures: [], error: undefined },
        { name: 'unnamed#2', failures: ['    expr: "x", time: 0s, err: boom'], error: undefined },
      ],
    });
  });

  it('makes a file that could not run one errored case, as promtool does', () => {
    const suite = junitSuite(
      { file: 't.yml', fileErrors: ['t.yml:2:5: bad', 'more'], groups: [] },
      'ts',
      () => [],
    );
    expect(suite).toEqual(junitErrorSuite('t.yml', 't.yml:2:5: bad\nmore', 'ts'));
    expect(suite.cases).toEqual([{ name: 'unknown', failures: [], error: 't.yml:2:5: bad\nmore' }]);
  });

  it('names cases as promtool does', () => {
    expect(caseName('x', 3)).toBe('x');
    expect(caseName('', 3)).toBe('unnamed#3');
  });
});

describe('renderJUnit', () => {
  it("writes promtool's structure, counting failure messages, escaped", () => {
    const xml = renderJUnit([
      {
        name: 'a&b.yml',
        timestamp: '2024-05-01T10:00:00',
        cases: [
          { name: 'ok', failures: [], error: undefined },
          { name: '<bad>', failures: ['    expr: "x<1"', 'second'], error: undefined },
        ],
      },
      junitErrorSuite('broken.yml', 'broken.yml:1:1: invalid YAML', '2024-05-01T10:00:01'),
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites>',
        '  <testsuite name="a&amp;b.yml" tests="2" failures="2" errors="0" skipped="0" timestamp="2024-05-01T10:00:00">',
        '    <testcase name="ok"/>',
        '    <testcase name="&lt;bad&gt;">',
        '      <failure>    expr: "x&lt;1"</failure>',
        '      <failure>second</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="broken.yml" tests="1" failures="0" errors="1" skipped="0" timestamp="2024-05-01T10:00:01">',
        '    <testcase name="unknown">',
        '      <error>broken.yml:1:1: invalid YAML</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty report when no file ran', () => {
    expect(renderJUnit([])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n</testsuites>\n',
    );
  });
});

describe('formatJUnitTimestamp', () => {
  it("is Go's 2006-01-02T15:04:05 in local time", () => {
    expect(formatJUnitTimestamp(new Date(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02T03:04:05');
    expect(formatJUnitTimestamp(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31T23:59:59');
  });
});
