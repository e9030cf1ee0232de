import { describe, expect, it } from 'vitest';
import type { Expr } from '../ast.js';
import { parseExpr } from './parse.js';

const name = (n: string): object => ({ name: '__name__', type: '=', value: n });
const vs = (n: string, extra: object = {}): object => ({
  kind: 'VectorSelector',
  name: n,
  matchers: [name(n)],
  offsetMs: 0,
  offsetExpr: null,
  at: null,
  ...extra,
});
const num = (value: number, start?: number, end?: number): object =>
  start === undefined
    ? { kind: 'NumberLiteral', value }
    : { kind: 'NumberLiteral', value, pos: { start, end } };
const lit = (seconds: number, text: string): object => ({ kind: 'DurationLiteral', seconds, text });
const oneToOne = {
  card: 'one-to-one',
  on: false,
  matchingLabels: [],
  include: [],
  fillLeft: null,
  fillRight: null,
};

/** Query -> the facts of its AST that matter (a partial match). */
const VALID: readonly (readonly [string, object])[] = [
  // Numbers, as Go's strconv reads them, with durations allowed where a number is.
  ['1', num(1, 0, 1)],
  ['+Inf', num(Infinity, 0, 4)],
  ['-Inf', num(-Infinity, 0, 4)],
  ['.5', num(0.5, 0, 2)],
  ['5.', num(5, 0, 2)],
  ['5e-3', num(0.005)],
  ['0xc', num(12)],
  ['0755', num(493)],
  ['-0755', num(-493, 0, 5)],
  ['08', num(8)],
  ['1_000', num(1000)],
  ['+5.5e-3', num(0.0055, 0, 7)],
  ['nAn', num(NaN)],
  ['1m', num(60, 0, 2)],
  ['1h30m', num(5400)],
  ['- - 1', num(1, 0, 5)],
  // Signs: folded into literals, a UnaryExpr otherwise, at the precedence of `*`.
  [
    '-1^2',
    { kind: 'UnaryExpr', op: '-', expr: { kind: 'BinaryExpr', op: '^', lhs: num(1, 1, 2) } },
  ],
  ['-(1)', { kind: 'UnaryExpr', op: '-', expr: { kind: 'ParenExpr', expr: num(1) } }],
  ['-foo', { kind: 'UnaryExpr', op: '-', expr: vs('foo'), pos: { start: 0, end: 4 } }],
  ['2 * -1 ^ 2', { op: '*', rhs: { kind: 'UnaryExpr', expr: { op: '^' } } }],
  ['-a * b', { op: '*', lhs: { kind: 'UnaryExpr' } }],
  // Binary operators and vector matching (set only between two instant vectors).
  ['1 + 1', { kind: 'BinaryExpr', op: '+', lhs: num(1, 0, 1), rhs: num(1, 4, 5), matching: null }],
  ['foo * bar', { op: '*', matching: oneToOne, pos: { start: 0, end: 9 } }],
  ['foo == bool 1', { op: '==', returnBool: true, matching: null }],
  ['1 > bool 2', { returnBool: true, matching: null }],
  ['foo and bar', { op: 'and', matching: { ...oneToOne, card: 'many-to-many' } }],
  ['foo or on() bar', { op: 'or', matching: { card: 'many-to-many', on: true } }],
  [
    'foo + on(a, b) group_left(c) bar',
    { matching: { card: 'many-to-one', on: true, matchingLabels: ['a', 'b'], include: ['c'] } },
  ],
  [
    'foo / ignoring(a) group_right bar',
    { matching: { card: 'one-to-many', on: false, matchingLabels: ['a'], include: [] } },
  ],
  ['a + fill(0) b', { matching: { fillLeft: 0, fillRight: 0 } }],
  ['a + fill_left(1) fill_right(-2) b', { matching: { fillLeft: 1, fillRight: -2 } }],
  ['a - on(x) fill_right(5m) b', { matching: { on: true, fillLeft: null, fillRight: 300 } }],
  ['h </ 0.5', { op: '</', matching: null }],
  ['a atan2 b', { op: 'atan2' }],
  ['a + b * c', { op: '+', rhs: { op: '*' } }],
  ['a - b - c', { op: '-', lhs: { op: '-' }, rhs: vs('c') }],
  ['a ^ b ^ c', { op: '^', lhs: vs('a'), rhs: { op: '^' } }],
  ['a or b and c unless d', { op: 'or', rhs: { op: 'unless', lhs: { op: 'and' } } }],
  // Postfix modifiers bind tighter than any operator, whatever lezer's tree says.
  ['a + b offset 5m * c', { op: '+', rhs: { op: '*', lhs: vs('b', { offsetMs: 300_000 }) } }],
  [
    'a * b @ 5 + c',
    { op: '+', lhs: { op: '*', rhs: vs('b', { at: { kind: 'timestamp', ms: 5000 } }) } },
  ],
  ['-a offset 1m', { kind: 'UnaryExpr', expr: vs('a', { offsetMs: 60_000 }) }],
  ['foo offset 5s-8', { op: '-', lhs: vs('foo', { offsetMs: 5000, pos: { start: 0, end: 13 } }) }],
  ['foo offset -1^1', { op: '^', lhs: vs('foo', { offsetMs: -1000 }) }],
  // Selectors: the written name becomes the last matcher.
  [
    'foo{a="b", c!="d", e=~"f.*", g!~"h"}',
    {
      name: 'foo',
      matchers: [
        { name: 'a', type: '=', value: 'b' },
        { name: 'c', type: '!=', value: 'd' },
        { name: 'e', type: '=~', value: 'f.*' },
        { name: 'g', type: '!~', value: 'h' },
        name('foo'),
      ],
      pos: { start: 0, end: 36 },
    },
  ],
  ['{"metric.name"}', { kind: 'VectorSelector', name: '', matchers: [name('metric.name')] }],
  [
    "{'foo\\'bar', `a\\dos\\path`=\"boo\"}",
    { matchers: [name("foo'bar"), { name: 'a\\dos\\path', type: '=', value: 'boo' }] },
  ],
  ['{"a b"="c", job="x"}', { matchers: [{ name: 'a b', value: 'c' }, { name: 'job' }] }],
  ['offset{step="1s"}[5m]', { kind: 'MatrixSelector', vectorSelector: { name: 'offset' } }],
  ['step{offset="1s"}[5m]', { kind: 'MatrixSelector', vectorSelector: { name: 'step' } }],
  ['sum', vs('sum')],
  [
    'foo:bar{a="é"} + 1',
    { lhs: { name: 'foo:bar', pos: { start: 0, end: 14 } }, rhs: num(1, 17, 18) },
  ],
  ['foo # a comment\n  + bar', { op: '+', rhs: vs('bar', { pos: { start: 20, end: 23 } }) }],
  // Offsets and @.
  ['foo offset 5m', vs('foo', { offsetMs: 300_000, pos: { start: 0, end: 13 } })],
  ['foo OFFSET -7m', vs('foo', { offsetMs: -420_000 })],
  ['foo offset 1.5', vs('foo', { offsetMs: 1500 })],
  ['foo offset (5)', { offsetMs: 0, offsetExpr: { kind: 'DurationParen', expr: lit(5, '5') } }],
  ['foo offset +(5)', { offsetExpr: { kind: 'DurationParen', expr: lit(5, '5') } }],
  [
    'foo offset -(1m*2)',
    { offsetExpr: { kind: 'DurationUnary', op: '-', expr: { kind: 'DurationParen' } } },
  ],
  ['foo offset step()', { offsetExpr: { kind: 'DurationCall', func: 'step', args: [] } }],
  [
    'foo offset -min_of(step(), 1s)',
    { offsetExpr: { kind: 'DurationUnary', expr: { func: 'min_of' } } },
  ],
  ['foo @ 1603774568', vs('foo', { at: { kind: 'timestamp', ms: 1_603_774_568_000 } })],
  ['foo @ -1.5', vs('foo', { at: { kind: 'timestamp', ms: -1500 } })],
  ['foo @ 1m', vs('foo', { at: { kind: 'timestamp', ms: 60_000 } })],
  ['foo @ start()', vs('foo', { at: { kind: 'start' }, pos: { start: 0, end: 13 } })],
  ['foo @ END()', vs('foo', { at: { kind: 'end' } })],
  ['foo @ 10 offset 1m', vs('foo', { offsetMs: 60_000, at: { kind: 'timestamp', ms: 10_000 } })],
  // Ranges and subqueries: a literal fills the ms field, anything else becomes an expression.
  [
    'foo[5m] offset 1m @ 100',
    {
      kind: 'MatrixSelector',
      rangeMs: 300_000,
      rangeExpr: null,
      vectorSelector: vs('foo', {
        offsetMs: 60_000,
        at: { kind: 'timestamp', ms: 100_000 },
        pos: { start: 0, end: 3 },
      }),
      pos: { start: 0, end: 23 },
    },
  ],
  ['foo[10]', { rangeMs: 10_000 }],
  ['foo[1000ms]', { rangeMs: 1000 }],
  [
    'x[2m*(10+5)]',
    {
      rangeMs: 0,
      rangeExpr: {
        kind: 'DurationBinary',
        op: '*',
        lhs: lit(120, '2m'),
        rhs: { kind: 'DurationParen', expr: { op: '+', lhs: lit(10, '10'), rhs: lit(5, '5') } },
      },
    },
  ],
  ['x[step()+1ms]', { rangeExpr: { op: '+', lhs: { func: 'step' }, rhs: lit(0.001, '1ms') } }],
  ['x[STep()]', { rangeExpr: { kind: 'DurationCall', func: 'step' } }],
  ['x[min_of(1m, 2m)]', { rangeExpr: { func: 'min_of', args: [lit(60, '1m'), lit(120, '2m')] } }],
  ['x[-5m + 10m]', { rangeExpr: { lhs: lit(-300, '-5m') } }],
  ['x[1m:]', { kind: 'SubqueryExpr', rangeMs: 60_000, stepMs: 0, stepExpr: null }],
  [
    'rate(x[5m])[30m:1m] offset 1h @ end()',
    {
      kind: 'SubqueryExpr',
      rangeMs: 1_800_000,
      stepMs: 60_000,
      offsetMs: 3_600_000,
      at: { kind: 'end' },
    },
  ],
  ['x[1m:step()*2]', { stepMs: 0, stepExpr: { op: '*' } }],
  // Aggregations.
  [
    'sum by (a, "b.c") (x)',
    {
      kind: 'AggregateExpr',
      op: 'sum',
      grouping: ['a', 'b.c'],
      without: false,
      groupingWritten: true,
    },
  ],
  ['SUM(x) BY (a)', { op: 'sum', grouping: ['a'], pos: { start: 0, end: 13 } }],
  ['sum(x) without (a)', { grouping: ['a'], without: true }],
  ['sum by () (x)', { grouping: [], groupingWritten: true }],
  ['avg(x)', { grouping: [], groupingWritten: false, param: null }],
  ['topk(3, x)', { op: 'topk', param: num(3), expr: vs('x') }],
  ['count_values("v", x)', { param: { kind: 'StringLiteral', value: 'v' } }],
  ['sum by (on, bool, offset) (x)', { grouping: ['on', 'bool', 'offset'] }],
  // Calls, including names lezer's grammar does not list.
  ['rate(x[5m])', { kind: 'Call', func: 'rate', args: [{ kind: 'MatrixSelector' }] }],
  ['min_of(1, 2)', { kind: 'Call', func: 'min_of', args: [num(1), num(2)] }],
  ['time()', { kind: 'Call', func: 'time', args: [], pos: { start: 0, end: 6 } }],
  ['step()', { kind: 'Call', func: 'step' }],
  ['info(x, {k="v"})', { func: 'info' }],
  [
    'histogram_quantile(1./6., x)',
    { args: [{ op: '/', lhs: num(1, 19, 21), rhs: num(6, 22, 24) }, {}] },
  ],
  // Strings.
  ['"a\\nb"', { kind: 'StringLiteral', value: 'a\nb' }],
  ["'it\\'s'", { value: "it's" }],
  ['`raw\\n`', { value: 'raw\\n' }],
  ['"\\xc3\\xa9 \\u00e9 \\101 \\U0001F600"', { value: 'é é A 😀' }],
];

describe('parseExpr builds the AST', () => {
  it.each(VALID)('%s', (query, facts) => {
    expect(parseExpr(query)).toMatchObject(facts);
  });

  it('keeps UTF-16 positions', () => {
    const expr = parseExpr('{a="é😀"} + b') as Expr & { rhs: Expr };
    expect(expr.rhs.pos).toEqual({ start: 12, end: 13 });
  });

  it('parses long operator chains linearly', () => {
    const query = Array.from({ length: 2000 }, (_, i) => `m${i}{job="a"}`).join(' + ');
    const started = performance.now();
    const expr = parseExpr(query);
    expect(expr).toMatchObject({
      kind: 'BinaryExpr',
      rhs: vs('m1999', { matchers: [{}, name('m1999')] }),
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parse options', () => {
  it('allows experimental functions, duration expressions and fill by default', () => {
    expect(() =>
      parseExpr('limitk(1, sort_by_label(rate(x[1m+1m]), "a")) + fill(0) y'),
    ).not.toThrow();
  });

  it.each([
    [
      { experimentalFunctions: false },
      'sort_by_label(x, "a")',
      '1:1: parse error: function "sort_by_label" is not enabled',
    ],
    [
      { experimentalFunctions: false },
      'limitk(1, x)',
      '1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions',
    ],
    [
      { durationExpressions: false },
      'x[1m+1m]',
      '1:3: parse error: experimental duration expression is not enabled',
    ],
    [
      { durationExpressions: false },
      'x offset step()',
      '1:10: parse error: experimental duration expression is not enabled',
    ],
    [
      { fillModifiers: false },
      'a + fill(0) b',
      '1:1: parse error: binop fill modifiers are experimental and not enabled',
    ],
  ] as const)('%j rejects %s', (options, query, message) => {
    expect(() => parseExpr(query, options)).toThrow(message);
  });
});
