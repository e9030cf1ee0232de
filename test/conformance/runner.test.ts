/**
 * The promqltest runner against a fake engine: its own behaviour, independent of how far the
 * real parser and engine have come. Scripts here are our own, not corpus text.
 */
import { describe, expect, it, vi } from 'vitest';
import { runPromqlTestScript } from '../../src/promql/promqltest/run.js';
import type { FileReport } from '../../src/promql/promqltest/report.js';

vi.mock('../../src/promql/parse/parse.js', async () => {
  const { fakeParseExpr } = await import('./fake-engine.js');
  return { parseExpr: fakeParseExpr };
});
vi.mock('../../src/promql/engine/engine.js', async () => {
  const { FakeEngine } = await import('./fake-engine.js');
  return { Engine: FakeEngine };
});

function run(script: string): FileReport {
  return runPromqlTestScript(script, 'mine.test');
}

function statuses(report: FileReport): string[] {
  return report.evals.map((e) => `${e.line} ${e.status}`);
}

describe('runPromqlTestScript', () => {
  it('passes matching results and fails wrong ones, with expected and got', () => {
    const report = run(`
load 1m
  up{job="a"} 1 2 3
  up{job="b"} 5x3

eval instant at 2m up
  up{job="a"} 3
  up{job="b"} 5

eval instant at 2m up{job="a"}
  up{job="a"} 4
`);
    expect(statuses(report)).toEqual(['6 passed', '10 failed']);
    const failure = report.evals[1];
    expect(failure?.reason).toBe('expected 4 for up{job="a"} but got 3');
    expect(failure?.expected).toBe('up{job="a"} 4');
    expect(failure?.got).toBe('up{job="a"} 3');
    expect([report.passed, report.failed, report.skipped]).toEqual([1, 1, 0]);
  });

  it('compares within 1e-6 relative, and an empty body means an empty result', () => {
    const report = run(`
load 1m
  x 0.33333333333

eval instant at 0m x
  x 0.3333333

eval instant at 10m x

eval instant at 0m x
`);
    expect(statuses(report)).toEqual(['5 passed', '8 passed', '10 failed']);
    expect(report.evals[2]?.reason).toMatch(/^unexpected metric x in result/);
  });

  it('checks range evals point by point, with _ and left-off trailing points', () => {
    const report = run(`
load 1m
  m 1 _ _ _ _ _ _ 8

eval range from 0 to 4m step 1m m
  m 1x4

eval range from 0 to 8m step 1m m
  m 1 1 1 1 1 _ 8 8

eval range from 0 to 1m step 1m m
  m 1 1 1
`);
    expect(statuses(report)).toEqual(['5 passed', '8 failed', '11 failed']);
    expect(report.evals[1]?.reason).toMatch(
      /to have timestamp 360000, but it had timestamp 420000/,
    );
    expect(report.evals[2]?.reason).toMatch(/query time range cannot return this many points/);
  });

  it('checks scalars, strings, expect range vector, and that a matrix needs it', () => {
    const report = run(`
load 10s
  s 1+1x6

eval instant at 0 5
  5

eval instant at 0 "hi"
  expect string "hi"

eval instant at 1m s[1m]
  expect range vector from 10s to 1m step 10s
  s 2 3 4 5 6 7

eval instant at 1m s[1m]
  s 7
`);
    expect(statuses(report)).toEqual(['5 passed', '8 passed', '11 passed', '15 failed']);
  });

  it('honours expect fail, msg and regex, and fails when no error comes', () => {
    const report = run(`
eval instant at 0 boom
  expect fail

eval instant at 0 boom
  expect fail msg: boom happened

eval instant at 0 boom
  expect fail regex: bo+m

eval instant at 0 boom
  expect fail msg: something else

eval_fail instant at 0 boom
  expected_fail_message boom happened

eval instant at 0 up
  expect fail
`);
    expect(statuses(report)).toEqual([
      '2 passed',
      '5 passed',
      '8 passed',
      '11 failed',
      '14 passed',
      '17 failed',
    ]);
    expect(report.evals[3]?.got).toBe('error "boom happened"');
    expect(report.evals[5]?.reason).toMatch(/expected error evaluating query "up" .* but got none/);
  });

  it('formats and matches annotations, and no_warn refuses any', () => {
    const report = run(`
load 1m
  warns 1

eval instant at 0 warns
  expect warn msg: PromQL warning: careful (1:1)
  warns 1

eval instant at 0 warns
  expect warn regex: careful
  warns 1

eval instant at 0 warns
  expect no_warn
  warns 1

eval instant at 0 warns
  warns 1
`);
    expect(statuses(report)).toEqual(['5 passed', '9 passed', '13 failed', '17 passed']);
  });

  it('runs the @ variants: a result that moves with the eval time fails', () => {
    const report = run(`
load 1m
  drifts 0+1x10

eval instant at 5m drifts
  drifts 5

eval instant at 5m time()
  300
`);
    expect(statuses(report)).toEqual(['5 failed', '8 passed']);
    expect(report.evals[0]?.reason).toMatch(
      /^with every selector pinned to @ 300 and evaluated at -3000s/,
    );
  });

  it('cross-checks in range mode, which needs label-sorted results', () => {
    const report = run(`
load 1m
  unsorted{a="1"} 1
  unsorted{a="2"} 1

eval instant at 0 unsorted
  unsorted{a="1"} 1
  unsorted{a="2"} 1

eval instant at 0 unsorted
  expect ordered
  unsorted{a="2"} 1
  unsorted{a="1"} 1
`);
    expect(report.evals[0]?.reason).toMatch(
      /in range mode: matrix results should always be sorted/,
    );
    expect(report.evals[1]?.reason).toMatch(
      /expected metric unsorted\{a="1"\} with \[1\] at position 2 but was at 1/,
    );
  });

  it('skips native-histogram evals: loaded data, expected values, engine refusals', () => {
    const report = run(`
load 1m
  h {{schema:0 sum:1 count:1}}x3
  f 1

eval instant at 1m h
  h 1

eval instant at 1m f
  f {{count:1}}

eval instant at 1m histo

eval instant at 1m f
  f 1

clear

eval instant at 1m h
`);
    expect(statuses(report)).toEqual([
      '6 skipped',
      '9 skipped',
      '12 skipped',
      '14 passed',
      '19 passed',
    ]);
    expect(report.evals[0]?.reason).toBe(
      'native histograms are not supported (the query reads series loaded at line 3)',
    );
  });

  it('skips what load_with_nhcb builds from classic histograms', () => {
    const report = run(`
load_with_nhcb 1m
  req_bucket{le="1"} 1
  req_bucket{le="+Inf"} 2

eval instant at 0 req

eval instant at 0 req_bucket{le="1"}
  req_bucket{le="1"} 1
`);
    expect(statuses(report)).toEqual(['6 skipped', '8 passed']);
  });

  it('fails every eval of a file with a PromQL syntax error, as upstream', () => {
    const report = run(`
eval instant at 0 up

eval instant at 0 up(
`);
    expect(statuses(report)).toEqual(['2 failed', '4 failed']);
    expect(report.error).toBe('mine.test:4:21: parse error: unexpected character');
    expect(report.evals[0]?.reason).toBe(`file not run: ${report.error}`);
  });

  it('fails every eval of a file the script parser rejects, and reports the error line', () => {
    const report = run('load 1m\n  up 1\n\nbogus command\n\neval instant at 0 up\n');
    expect(report.error).toBe('mine.test:4:1: invalid command "bogus command"');
    expect(statuses(report)).toEqual(['6 failed']);
    expect(run('nonsense\n').failed).toBe(1);
  });

  it('stops a file at a failing load', () => {
    const report = run(`
load 1m
  up 1 2

eval instant at 0 up
  up 1

load 1m
  up 0

eval instant at 0 up
  up 1
`);
    expect(statuses(report)).toEqual(['5 passed', '11 failed']);
    expect(report.evals[1]?.reason).toMatch(/^not run: the load at line 8 failed: /);
  });
});
