import { describe, expect, it } from 'vitest';
import { parseExpr } from './parse/parse.js';
import { printExpr } from './print.js';

/**
 * Query -> canonical text. Most pairs come from Prometheus's `promql/parser/printer_test.go`
 * (v3.14.0, Apache-2.0); a missing second element means the text prints as written.
 */
const CANONICAL: readonly (readonly [string, string?])[] = [
  ['sum by(code) (task:errors:rate10s{job="s"})', 'sum by (code) (task:errors:rate10s{job="s"})'],
  ['sum without() (task:errors:rate10s{job="s"})', 'sum without () (task:errors:rate10s{job="s"})'],
  ['sum without(instance) (x)', 'sum without (instance) (x)'],
  ['sum by("foo.bar") (x)', 'sum by ("foo.bar") (x)'],
  ['sum(x) by (a)', 'sum by (a) (x)'],
  ['topk(5, task:errors:rate10s{job="s"})'],
  ['count_values("value", task:errors:rate10s{job="s"})'],
  ['a - on() c', 'a - on () c'],
  ['a - on(b) group_left(x, y) c', 'a - on (b) group_left (x, y) c'],
  ['a - on(b) group_left c', 'a - on (b) group_left () c'],
  ['a - on(b) group_left() (c)', 'a - on (b) group_left () (c)'],
  ['a - ignoring(b) c', 'a - ignoring (b) c'],
  ['a - ignoring() c', 'a - c'],
  ['a - ignoring() group_left c', 'a - ignoring () group_left () c'],
  ['a + fill(-23) b', 'a + fill (-23) b'],
  ['a + fill_left(-23) fill_right(42) b', 'a + fill_left (-23) fill_right (42) b'],
  ['a + fill_left(5) fill_right(5) b', 'a + fill (5) b'],
  ['a + on(b) group_left fill(-23) c', 'a + on (b) group_left () fill (-23) c'],
  ['a + fill(1e6) b', 'a + fill (1e+06) b'],
  ['up > bool 0'],
  ['a offset 1m'],
  ['a offset -7m'],
  ['a{c="d"}[5m] offset 1m'],
  ['a[1h:5m] offset 1m'],
  ['{__name__="a"}'],
  ['a{b!~"c"}[1m]'],
  ['a @ 10', 'a @ 10.000'],
  ['a[1m] @ 10', 'a[1m] @ 10.000'],
  ['a @ -1.5 offset 1m', 'a @ -1.500 offset 1m'],
  ['a[1m] @ end()'],
  ['{__name__="",a="x"}'],
  ['{"a.b"="c"}'],
  ['{"0"="1"}'],
  ['{"_0"="1"}', '{_0="1"}'],
  ['{``="0"}', '{""="0"}'],
  ['1048576'],
  ['1e21', '1000000000000000000000'],
  ['0x10 + .5', '16 + 0.5'],
  ['-Inf + NaN', '-Inf + NaN'],
  ['foo[step()]'],
  ['foo[-step()]'],
  ['foo[(step())]'],
  ['foo[-(step())]'],
  ['foo offset -step()'],
  ['foo offset (step())'],
  ['foo offset +(5)', 'foo offset (5)'],
  ['foo offset -(5)'],
  ['foo offset (5m)'],
  ['foo[(5s)]'],
  ['foo[(5m):(1m)]'],
  ['foo offset +min_of(10s, 20s)', 'foo offset min_of(10s, 20s)'],
  [
    'foo offset -min_of(10s, +max_of(step() ^ 2, 2))',
    'foo offset -min_of(10s, max_of(step() ^ 2, 2))',
  ],
  ['foo[200-min_of(-step()^+step(),1)]', 'foo[200 - min_of(-step() ^ step(), 1)]'],
  ['foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]'],
  ['foo[max_of(range(), 5s)]'],
  ['predict_linear(foo[1h], 3000)'],
  ['sum by("üüü") (foo)', 'sum by ("üüü") (foo)'],
  ['count by("ööö", job) (foo)', 'count by ("ööö", job) (foo)'],
  ['foo / on("äää") group_right("ööö") bar', 'foo / on ("äää") group_right ("ööö") bar'],
  // Durations, numbers and strings in their canonical spelling.
  ['x[90s]', 'x[1m30s]'],
  ['x[10]', 'x[10s]'],
  ['x[7d]', 'x[1w]'],
  ['x[8d]', 'x[8d]'],
  ['x[2m:30s] offset -90s', 'x[2m:30s] offset -1m30s'],
  ['x[60*2]', 'x[60 * 2]'],
  ['x[1h+30m]', 'x[1h + 30m]'],
  ["'a\\'b\\n'", '"a\'b\\n"'],
  ['"\\u00e9\\x01"', '"é\\x01"'],
  ['`C:\\dir`', '"C:\\\\dir"'],
  ['-(1)', '-(1)'],
  ['-foo ^ 2'],
  ['-1 ^ 2'],
  ['2 ^ -1'],
  ['a - -b'],
  ['(a + b) * c'],
  ['a + b offset 5m * c'],
  ['sum by (job)   (rate( x [5m] ) )', 'sum by (job) (rate(x[5m]))'],
  ['sum by () (x)', 'sum by () (x)'],
];

describe('printExpr', () => {
  it.each(CANONICAL.map(([query, expected]) => [query, expected ?? query] as const))(
    '%s',
    (query, expected) => {
      const printed = printExpr(parseExpr(query));
      expect(printed).toBe(expected);
      expect(printExpr(parseExpr(printed))).toBe(printed);
    },
  );

  it('keeps matchers in their written order (Prometheus sorts them)', () => {
    expect(printExpr(parseExpr('foo{b="1", a="2"}'))).toBe('foo{b="1",a="2"}');
  });
});
