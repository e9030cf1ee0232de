import { describe, expect, it } from 'vitest';
import { renderJson, renderTable, renderText } from './render.js';
import { type EvalReport, fileReport, summarize } from './report.js';
import {
  buildScoreboard,
  diffScoreboard,
  formatScoreboard,
  isCleanDiff,
  parseScoreboard,
  queryHash,
  classifyReason,
} from './scoreboard.js';

const ev = (line: number, status: EvalReport['status'], reason?: string): EvalReport => ({
  file: '/corpus/a.test',
  line,
  query: `q${line}`,
  status,
  ...(reason === undefined ? {} : { reason }),
});

const run = (...evals: EvalReport[]) => [fileReport('/corpus/a.test', evals, 1)];

describe('scoreboard', () => {
  const board = buildScoreboard(
    run(ev(1, 'passed'), ev(2, 'failed', 'wrong\nmore'), ev(3, 'skipped', 'nh')),
  );

  it('lists what does not pass, by base name, with a one-line reason', () => {
    expect(board.entries).toEqual([
      {
        file: 'a.test',
        line: 2,
        queryHash: queryHash('q2'),
        status: 'failed',
        reason: 'result differs from the expected one',
      },
      {
        file: 'a.test',
        line: 3,
        queryHash: queryHash('q3'),
        status: 'skipped',
        reason: 'result differs from the expected one',
      },
    ]);
    expect(board.totals).toEqual({ passed: 1, failed: 1, skipped: 1 });
    expect(parseScoreboard(formatScoreboard(board))).toEqual(board);
  });

  it('finds no difference for the same run', () => {
    expect(
      isCleanDiff(
        diffScoreboard(board, run(ev(1, 'passed'), ev(2, 'failed', 'other'), ev(3, 'skipped'))),
      ),
    ).toBe(true);
  });

  it('finds regressions, evals that now pass, status changes and vanished entries', () => {
    const diff = diffScoreboard(board, run(ev(1, 'failed', 'x'), ev(2, 'passed'), ev(4, 'passed')));
    expect(diff.regressions.map((e) => e.line)).toEqual([1]);
    expect(diff.nowPassing.map((e) => e.line)).toEqual([2]);
    expect(diff.missing.map((e) => e.line)).toEqual([3]);
    const changed = diffScoreboard(board, run(ev(1, 'passed'), ev(2, 'skipped'), ev(3, 'skipped')));
    expect(changed.changed.map((c) => c.entry.line)).toEqual([2]);
  });

  it('rejects a file of another shape', () => {
    expect(() => parseScoreboard('{"entries": []}')).toThrow('schema version 2');
  });
});

describe('classifyReason keeps our words and drops corpus values', () => {
  it.each([
    [
      'native histograms are not supported (expected result)',
      'native histograms are not supported (expected result)',
    ],
    [
      'error evaluating query "rate(x[5m])" (line 12): function info is not supported',
      'query failed: function info is not supported',
    ],
    [
      'expected error evaluating query "q" (line 3) but got none',
      'expected an error, the query succeeded',
    ],
    [
      'expected error matching "a" evaluating query "q" (line 3), but got: boom',
      'a different error than expected: boom',
    ],
    [
      'expected warn annotations but none were found for query "q" (line 3)',
      'missing expected warn annotation',
    ],
    ['expected 1 for {job="a"} but got 2', 'result differs from the expected one'],
  ])('%s', (reason, category) => {
    expect(classifyReason(reason)).toBe(category);
  });

  it('hashes queries stably', () => {
    expect(queryHash('up')).toBe(queryHash('up'));
    expect(queryHash('up')).not.toBe(queryHash('up '));
    expect(queryHash('up')).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('reports', () => {
  const summary = summarize([
    fileReport('long-name.test', [ev(1, 'passed'), ev(2, 'failed', 'bad')], 1),
    fileReport('b.test', [ev(3, 'skipped', 'nh')], 1, 'b.test:1:1: broken'),
  ]);

  it('renders a table that ends with the totals line', () => {
    expect(renderTable(summary)).toBe(
      'file            passed  failed  skipped\n' +
        'long-name.test       1       1        0\n' +
        'b.test               0       0        1\n' +
        '1 passed, 1 failed, 1 skipped\n',
    );
  });

  it('lists failures with --verbose, and file errors always', () => {
    expect(renderText(summary, false)).toMatch(
      /^b\.test: file not run: b\.test:1:1: broken\nfile /,
    );
    expect(renderText(summary, true)).toMatch(/^FAIL \/corpus\/a\.test:2: q2\n {2}bad\n\nfile /);
  });

  it('renders JSON with each failure and skip', () => {
    const json = JSON.parse(renderJson(summary)) as Record<string, unknown>;
    expect(json).toMatchObject({ schemaVersion: 1, passed: 1, failed: 1, skipped: 1 });
    expect(json.failures).toEqual([
      { file: '/corpus/a.test', line: 2, query: 'q2', reason: 'bad', expected: null, got: null },
    ]);
    expect(json.skips).toEqual([{ file: '/corpus/a.test', line: 3, query: 'q3', reason: 'nh' }]);
  });
});
