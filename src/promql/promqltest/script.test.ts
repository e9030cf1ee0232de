import { describe, expect, it } from 'vitest';
import { ParseError } from '../../errors.js';
import { parseScript } from './script.js';
import { parseStartOffsets } from './start-timestamps.js';
import type { EvalCommand, LoadCommand } from './types.js';

function evals(text: string): EvalCommand[] {
  return parseScript(text).commands.filter((c): c is EvalCommand => c.kind === 'eval');
}

function only(text: string): EvalCommand {
  const [cmd] = evals(text);
  if (cmd === undefined) throw new Error('no eval');
  return cmd;
}

function errorOf(text: string): ParseError {
  try {
    parseScript(text, 's.test');
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('parseScript: blocks and commands', () => {
  it('reads load, clear and eval with their line numbers', () => {
    const script = parseScript(
      '# a comment\nload 5m\n\tup{a="1"} 1 2\n  up{a="2"} 0+1x2\n\nclear\n\neval instant at 5m up\n  up{a="1"} 2\n',
    );
    expect(script.commands.map((c) => [c.kind, c.line])).toEqual([
      ['load', 2],
      ['clear', 6],
      ['eval', 8],
    ]);
    const load = script.commands[0] as LoadCommand;
    expect(load.stepMs).toBe(300_000);
    expect(load.series.map((s) => s.values.length)).toEqual([2, 3]);
  });

  it('ends a block at a comment line, and keeps the last line of a repeated label set', () => {
    const script = parseScript('load 1m\n  a 1\n  a 2\n# stop\n\neval instant at 0 a\n  a 2\n');
    const load = script.commands[0] as LoadCommand;
    expect(load.series).toHaveLength(1);
    expect(load.series[0]?.values).toEqual([{ kind: 'float', f: 2 }]);
  });

  it('dispatches on the lower-cased first word but matches headers as written', () => {
    expect(errorOf('LOAD 1m\n').message).toBe(
      's.test:1:1: invalid load command. (load[_with_nhcb] <step:duration>)',
    );
    expect(errorOf('\n\n  bogus 1\n').message).toBe('s.test:3:3: invalid command "bogus 1"');
  });

  it('reads load_with_nhcb and rejects a bad step', () => {
    const script = parseScript('load_with_nhcb 30s\n  x_bucket{le="1"} 1\n');
    expect((script.commands[0] as LoadCommand).withNhcb).toBe(true);
    expect(errorOf('load 1h30\n').message).toBe('s.test:1:1: invalid step definition "1h30"');
  });

  it('places series errors at their line and column', () => {
    expect(errorOf('load 1m\n    up 1 x\n').message).toBe(
      's.test:2:10: unexpected "x" in series values, expected a value',
    );
  });
});

describe('parseScript: eval headers', () => {
  it('splits an instant header with the upstream regex', () => {
    const cmd = only('eval instant at 1h30m sum by (x) (rate(foo[5m]))\n');
    expect([cmd.range, cmd.evalMs, cmd.expr, cmd.exprColumn]).toEqual([
      false,
      5_400_000,
      'sum by (x) (rate(foo[5m]))',
      23,
    ]);
    expect(cmd.endMs).toBeNull();
  });

  it('splits a range header', () => {
    const cmd = only('eval range from 0 to 10m step 1m  foo\n');
    expect([cmd.range, cmd.startMs, cmd.endMs, cmd.stepMs, cmd.expr]).toEqual([
      true,
      0,
      600_000,
      60_000,
      'foo',
    ]);
  });

  it('reads the legacy suffixes', () => {
    expect(only('eval_fail instant at 0 x\n').legacy.fail).toBe(true);
    expect(only('eval_ordered instant at 0 x\n').legacy.ordered).toBe(true);
    expect(only('eval_warn range from 0 to 1m step 1m x\n').legacy.warn).toBe(true);
  });

  it.each([
    ['eval instant x\n', 'invalid evaluation command'],
    ['eval instant at 5 x\n', 'invalid timestamp definition "5"'],
    ['eval range from 1m to 0 step 1m x\n', 'end timestamp (0) is before start timestamp (1m)'],
    ['eval_ordered range from 0 to 1m step 1m x\n', 'invalid evaluation command'],
  ])('rejects %j', (text, message) => {
    expect(errorOf(text).message).toContain(message);
  });
});

describe('parseScript: eval bodies', () => {
  it('reads expected series, counting body lines for ordered positions', () => {
    const cmd = only(
      'eval instant at 0 x\n  expect ordered\n  x{a="1"} 1\n  expect no_warn\n  x{a="2"} 2\n',
    );
    expect(cmd.expects.ordered).toHaveLength(1);
    expect(cmd.expected.map((e) => [e.pos, e.line])).toEqual([
      [1, 3],
      [2, 5],
    ]);
  });

  it('reads a scalar line, which ends the body', () => {
    expect(only('eval instant at 0 1+1\n  2\n').scalar).toEqual({ kind: 'float', f: 2 });
    expect(only('eval instant at 0 x\n  -Inf\n').scalar).toEqual({ kind: 'float', f: -Infinity });
    expect(only('eval instant at 0 x\n  0x10\n').scalar).toEqual({ kind: 'float', f: 16 });
    expect(errorOf('eval instant at 0 x\n  2\n  3\n').message).toContain('invalid command "3"');
  });

  it('reads expect lines: msg, regex, bare, trimmed text', () => {
    const cmd = only(
      'eval instant at 0 x\n  expect fail msg:  boom (1:1)  \n  expect warn regex: a\\(b\n  expect info\n',
    );
    expect(cmd.expects.fail).toEqual([{ match: 'msg', text: 'boom (1:1)' }]);
    expect(cmd.expects.warn[0]).toMatchObject({ match: 'regex', text: 'a\\(b' });
    expect(cmd.expects.info).toEqual([{ match: 'any' }]);
  });

  it.each([
    ['  expect warn\n  expect no_warn\n', 'warn and no_warn cannot be used together'],
    ['  expect info\n  expect no_info\n', 'info and no_info cannot be used together'],
    ['  expect fail\n  expect fail\n', 'multiple expect fail lines are not allowed'],
    ['  expect nothing\n', 'invalid expect statement'],
    ['  expect warn regex: (\n', 'invalid regex ( for warn'],
    ['  x 1 2\n', 'expecting multiple values in instant evaluation not allowed'],
    ['  expect string\n', 'a quoted string literal is required'],
    ['  expect string foo\n', 'check that the string is correctly quoted'],
  ])('rejects body %j', (body, message) => {
    expect(errorOf(`eval instant at 0 x\n${body}`).message).toContain(message);
  });

  it('reads expect range vector: times, evaluation at its end, no range-mode check', () => {
    const cmd = only(
      'eval instant at 1m x[1m]\n  expect range vector from 10s to 1m step 10s\n  x 1 2 3\n',
    );
    expect([cmd.startMs, cmd.endMs, cmd.stepMs, cmd.evalMs]).toEqual([
      10_000, 60_000, 10_000, 60_000,
    ]);
    expect(cmd.expectRangeVector && cmd.excludeFromRangeQuery).toBe(true);
  });

  it('reads expect string as a Go literal', () => {
    expect(only('eval instant at 0 "a"\n  expect string "a\\tb"\n').expectedString).toBe('a\tb');
    expect(only('eval instant at 0 "a"\n  expect string ` raw `\n').expectedString).toBe(' raw ');
  });

  it('reads the legacy failure lines only after eval_fail', () => {
    const cmd = only('eval_fail instant at 0 x\n  expected_fail_regexp bo+m\n');
    expect(cmd.expectedFailRegexp?.test('a boom')).toBe(true);
    const message = only('eval_fail instant at 0 x\n  expected_fail_message some text\n');
    expect(message.expectedFailMessage).toBe('some text');
    expect(() => parseScript('eval instant at 0 x\n  expected_fail_message t\n')).toThrow(
      'unexpected "t" in series values',
    );
  });

  it('keeps histogram values of expected lines as placeholders', () => {
    const cmd = only('eval instant at 0 h\n  h {{count:1 counter_reset_hint:gauge}}\n');
    expect(cmd.expected[0]?.values[0]).toMatchObject({
      kind: 'histogram',
      counterResetHintSet: true,
    });
  });
});

describe('@st lines', () => {
  it('attach start offsets to the next sample line of the same series', () => {
    const load = parseScript('load 1m\n  c@st _ -30s-1mx1\n  c 1 2 3\n').commands[0] as LoadCommand;
    expect(load.series[0]?.startOffsets).toEqual([null, -30_000, -90_000]);
  });

  it.each([
    ['load 1m\n  c@st 0s\n', '@st line has no following sample line'],
    ['load 1m\n  c@st 0s\n  d 1\n', '@st metric does not match'],
    ['load 1m\n  c@st 0s 0s\n  c 1\n', '@st line has 2 values but sample line has 1'],
    ['load 1m\n  c@st 5\n  c 1\n', 'invalid @st sequence'],
  ])('reject %j', (text, message) => {
    expect(errorOf(text).message).toContain(message);
  });

  it('parse every item form', () => {
    expect(parseStartOffsets('_x2 1m 1mx1 +1s+1sx2 * *x1')).toEqual([
      null,
      null,
      60_000,
      60_000,
      60_000,
      1000,
      2000,
      3000,
      3000,
      3000,
      3000,
    ]);
    expect(parseStartOffsets('1m30s')).toMatch(/unexpected character "3" after duration/);
  });
});
