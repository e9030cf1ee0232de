import { describe, expect, it } from 'vitest';
import { ParseError } from '../../errors.js';
import { parseExpr } from './parse.js';

/** The error parseExpr throws for `query` (fails the test if it parses). */
function parseError(query: string): ParseError {
  try {
    parseExpr(query);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error(`expected a parse error for ${JSON.stringify(query)}`);
}

/**
 * Inputs and first error messages from Prometheus's own parser tests
 * (`promql/parser/parse_test.go`, v3.14.0, Apache-2.0), positions written as line:col.
 */
const PROMETHEUS_CASES: readonly (readonly [string, string])[] = [
  ['# just a comment\n\n', '1:1: parse error: no expression found in input'],
  ['1+', '1:3: parse error: unexpected end of input'],
  ['.', "1:1: parse error: unexpected character: '.'"],
  ['2.5.', '1:1: parse error: bad number or duration syntax: "2.5."'],
  ['100..4', '1:1: parse error: bad number or duration syntax: "100.."'],
  ['0deadbeef', '1:1: parse error: bad number or duration syntax: "0de"'],
  ['1 /', '1:4: parse error: unexpected end of input'],
  ['*1', '1:1: parse error: unexpected <op:*>'],
  ['(1))', "1:5: parse error: unexpected right parenthesis ')'"],
  ['((1)', '1:5: parse error: unclosed left parenthesis'],
  ['(', '1:2: parse error: unclosed left parenthesis'],
  ['1 and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
  ['1 == 1', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
  ['1 or 1', '1:1: parse error: set operator "or" not allowed in binary scalar expression'],
  ['1 unless 1', '1:1: parse error: set operator "unless" not allowed in binary scalar expression'],
  ['1 !~ 1', "1:3: parse error: unexpected character after '!': '~'"],
  ['1 =~ 1', "1:3: parse error: unexpected character after '=': '~'"],
  [
    '-"string"',
    '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"',
  ],
  [
    '-test[5m]',
    '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
  ],
  ['*test', '1:1: parse error: unexpected <op:*>'],
  ['@@', '1:1: parse error: unexpected <op:@>'],
  [
    '1 offset 1d',
    '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
  ],
  ['foo offset 1s offset 2s', '1:1: parse error: offset may not be set multiple times'],
  ['a - on(b) ignoring(c) d', '1:11: parse error: unexpected <ignoring>'],
  ['foo and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
  ['1 and foo', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
  ['foo or 1', '1:1: parse error: set operator "or" not allowed in binary scalar expression'],
  ['1 or foo', '1:1: parse error: set operator "or" not allowed in binary scalar expression'],
  [
    'foo unless 1',
    '1:1: parse error: set operator "unless" not allowed in binary scalar expression',
  ],
  [
    '1 unless foo',
    '1:1: parse error: set operator "unless" not allowed in binary scalar expression',
  ],
  ['1 or on(bar) foo', '1:1: parse error: vector matching only allowed between instant vectors'],
  ['foo == on(bar) 10', '1:1: parse error: vector matching only allowed between instant vectors'],
  ['foo + group_left(baz) bar', '1:7: parse error: unexpected <group_left>'],
  [
    'foo and on(bar) group_left(baz) bar',
    '1:1: parse error: no grouping allowed for "and" operation',
  ],
  [
    'foo and on(bar) group_right(baz) bar',
    '1:1: parse error: no grouping allowed for "and" operation',
  ],
  [
    'foo or on(bar) group_left(baz) bar',
    '1:1: parse error: no grouping allowed for "or" operation',
  ],
  [
    'foo or on(bar) group_right(baz) bar',
    '1:1: parse error: no grouping allowed for "or" operation',
  ],
  [
    'foo unless on(bar) group_left(baz) bar',
    '1:1: parse error: no grouping allowed for "unless" operation',
  ],
  [
    'foo unless on(bar) group_right(baz) bar',
    '1:1: parse error: no grouping allowed for "unless" operation',
  ],
  [
    'http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"}',
    '1:35: parse error: label "instance" must not occur in ON and GROUP clause at once',
  ],
  ['foo + bool bar', '1:5: parse error: bool modifier can only be used on comparison operators'],
  ['foo + bool 10', '1:5: parse error: bool modifier can only be used on comparison operators'],
  ['foo and bool 10', '1:5: parse error: bool modifier can only be used on comparison operators'],
  ['foo @ +Inf', '1:1: parse error: timestamp out of bounds for @ modifier: +Inf'],
  ['foo @ -Inf', '1:1: parse error: timestamp out of bounds for @ modifier: -Inf'],
  ['foo @ NaN', '1:1: parse error: timestamp out of bounds for @ modifier: NaN'],
  ['{', '1:2: parse error: unexpected end of input inside braces'],
  ['}', "1:1: parse error: unexpected character: '}'"],
  ['some{', '1:6: parse error: unexpected end of input inside braces'],
  ['some}', "1:5: parse error: unexpected character: '}'"],
  [
    'some_metric{a=b}',
    '1:15: parse error: unexpected identifier "b" in label matching, expected string',
  ],
  ['some_metric{a:b="b"}', "1:14: parse error: unexpected character inside braces: ':'"],
  ['foo{a*"b"}', "1:6: parse error: unexpected character inside braces: '*'"],
  ['foo{a>="b"}', "1:6: parse error: unexpected character inside braces: '>'"],
  [
    'foo{gibberish}',
    '1:14: parse error: unexpected "}" in label matching, expected label matching operator',
  ],
  ['foo{1}', "1:5: parse error: unexpected character inside braces: '1'"],
  ['{}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['{x=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['{x=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['{x!~".+"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['{x!="a"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
  ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
  ['foo{__name__= =}', '1:15: parse error: unexpected "=" in label matching, expected string'],
  ['foo{,}', '1:5: parse error: unexpected "," in label matching, expected identifier or "}"'],
  [
    'foo{__name__ == "bar"}',
    '1:15: parse error: unexpected "=" in label matching, expected string',
  ],
  [
    'foo{__name__="bar" lol}',
    '1:20: parse error: unexpected identifier "lol" in label matching, expected "," or "}"',
  ],
  ['foo{"a"=}', '1:9: parse error: unexpected "}" in label matching, expected string'],
  ['foo[5mm]', '1:5: parse error: bad number or duration syntax: "5mm"'],
  ['foo[5m1]', '1:5: parse error: bad number or duration syntax: "5m1"'],
  ['foo[5m:1m1]', '1:8: parse error: bad number or duration syntax: "1m1"'],
  ['foo[5y1hs]', '1:5: parse error: unknown unit "hs" in duration "5y1hs"'],
  ['foo[5m1h]', '1:5: parse error: not a valid duration string: "5m1h"'],
  ['foo[5m1m]', '1:5: parse error: not a valid duration string: "5m1m"'],
  ['foo[0m]', '1:5: parse error: duration must be greater than 0'],
  ['foo["5m"]', "1:5: parse error: unexpected character in duration expression: '\"'"],
  [
    'foo[]',
    '1:5: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()',
  ],
  ['foo[-1]', '1:5: parse error: duration must be greater than 0'],
  ['some_metric[5m] OFFSET 1mm', '1:24: parse error: bad number or duration syntax: "1mm"'],
  [
    'some_metric[5m] OFFSET',
    '1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()',
  ],
  ['some_metric OFFSET 1m[5m]', '1:22: parse error: no offset modifiers allowed before range'],
  ['some_metric[5m] @', '1:18: parse error: unexpected end of input in @, expected timestamp'],
  ['some_metric @ 1234 [5m]', '1:20: parse error: no @ modifiers allowed before range'],
  ['some_metric @ start() [5m]', '1:23: parse error: no @ modifiers allowed before range'],
  ['some_metric @ end()[5m]', '1:20: parse error: no @ modifiers allowed before range'],
  ['some_metric offset step()[5m]', '1:26: parse error: no offset modifiers allowed before range'],
  ['(foo + bar)[5m]', '1:12: parse error: ranges only allowed for vector selectors'],
  ['sum by ("foo)(some_metric{})', '1:9: parse error: unterminated quoted string'],
  [
    'sum without(==)(some_metric)',
    '1:13: parse error: unexpected <op:==> in grouping opts, expected label',
  ],
  [
    'sum without(,)(some_metric)',
    '1:13: parse error: unexpected "," in grouping opts, expected label',
  ],
  [
    'sum without(foo,,)(some_metric)',
    '1:17: parse error: unexpected "," in grouping opts, expected label',
  ],
  ['sum some_metric by (test)', '1:5: parse error: unexpected identifier "some_metric"'],
  [
    'sum (some_metric) by test',
    '1:22: parse error: unexpected identifier "test" in grouping opts, expected "("',
  ],
  ['sum () by (test)', '1:1: parse error: no arguments for aggregate expression provided'],
  ['MIN keep_common (some_metric)', '1:5: parse error: unexpected identifier "keep_common"'],
  ['MIN (some_metric) keep_common', '1:19: parse error: unexpected identifier "keep_common"'],
  ['sum (some_metric) without (test) by (test)', '1:34: parse error: unexpected <by>'],
  ['sum without (test) (some_metric) by (test)', '1:34: parse error: unexpected <by>'],
  [
    'topk(some_metric)',
    '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1',
  ],
  ['topk(some_metric,)', '1:17: parse error: trailing commas not allowed in function call args'],
  [
    'topk(some_metric, other_metric)',
    '1:6: parse error: expected type scalar in aggregation parameter, got instant vector',
  ],
  [
    'count_values(5, other_metric)',
    '1:14: parse error: expected type string in aggregation parameter, got scalar',
  ],
  [
    'rate(some_metric[5m]) @ 1234',
    '1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
  ],
  ['floor()', '1:1: parse error: expected 1 argument(s) in call to "floor", got 0'],
  [
    'floor(some_metric, other_metric)',
    '1:1: parse error: expected 1 argument(s) in call to "floor", got 2',
  ],
  ['floor(some_metric, 1)', '1:1: parse error: expected 1 argument(s) in call to "floor", got 2'],
  [
    'floor(1)',
    '1:7: parse error: expected type instant vector in call to function "floor", got scalar',
  ],
  [
    'hour(some_metric, some_metric, some_metric)',
    '1:1: parse error: expected at most 1 argument(s) in call to "hour", got 3',
  ],
  ['time(some_metric)', '1:1: parse error: expected 0 argument(s) in call to "time", got 1'],
  [
    'non_existent_function_far_bar()',
    '1:1: parse error: unknown function with name "non_existent_function_far_bar"',
  ],
  [
    'rate(some_metric)',
    '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
  ],
  ['-=', '1:2: parse error: unexpected "="'],
  ['++-++-+-+-<', '1:11: parse error: unexpected <op:<>'],
  ['e-+=/(0)', '1:4: parse error: unexpected "="'],
  ['a>b()', '1:3: parse error: unknown function with name "b"'],
  [
    'rate(avg)',
    '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
  ],
  ['`\\``', '1:4: parse error: unterminated raw string'],
  ['"\\', '1:1: parse error: escape sequence not terminated'],
  ['"\\c"', "1:1: parse error: unknown escape sequence U+0063 'c'"],
  ['"\\x."', "1:1: parse error: illegal character U+002E '.' in escape sequence"],
  ['foo{bar="baz"}[', '1:16: parse error: unexpected end of input in duration expression'],
  [
    'test[5d] OFFSET 10s [10m:5s]',
    '1:1: parse error: subquery is only allowed on instant vector, got matrix instead',
  ],
  [
    '(foo + bar{nm="val"})[5m:][10m:5s]',
    '1:1: parse error: subquery is only allowed on instant vector, got matrix instead',
  ],
  ['rate(food[1m])[1h] offset 1h', '1:15: parse error: ranges only allowed for vector selectors'],
  ['rate(food[1m])[1h] @ 100', '1:15: parse error: ranges only allowed for vector selectors'],
  [
    'info(rate(http_request_counter_total{}[5m]), target_info{foo="bar"})',
    '1:46: parse error: expected label selectors only, got vector selector instead',
  ],
  [
    'info(http_request_counter_total{namespace="zzz"}, {foo="bar"} == 1)',
    '1:51: parse error: expected label selectors only',
  ],
  [
    'foo[step]',
    '1:9: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()',
  ],
  ['foo[step()/0d]', '1:11: parse error: division by zero'],
  ['foo[5s/0d]', '1:7: parse error: division by zero'],
  ['foo offset (4d/0)', '1:15: parse error: division by zero'],
  ['foo[5s%0d]', '1:7: parse error: modulo by zero'],
  ['foo offset 9.5e10', '1:12: parse error: duration out of range'],
  ['foo[9.5e10]', '1:5: parse error: duration out of range'],
  ['sum(', '1:5: parse error: unclosed left parenthesis'],
  ['sum(rate(', '1:10: parse error: unclosed left parenthesis'],
  ['foo[5s x 5s]', "1:8: parse error: unexpected character: 'x', expected ':'"],
  ['foo[5s s 5s]', "1:8: parse error: unexpected character: 's', expected ':'"],
  ['1[5m] smoothed', '1:2: parse error: ranges only allowed for vector selectors'],
  ['1[5m] anchored', '1:2: parse error: ranges only allowed for vector selectors'],
];

/** Rules parse_test.go covers less directly, with the messages Prometheus's code gives. */
const DRYGATE_CASES: readonly (readonly [string, string])[] = [
  ['x[1m:] anchored', '1:1: parse error: anchored modifier is not supported for subqueries'],
  ['rate((x) smoothed)', '1:6: parse error: smoothed modifier not implemented'],
  [
    'x anchored smoothed',
    '1:1: parse error: anchored and smoothed modifiers cannot be used together',
  ],
  ['foo @ 1 @ 2', '1:1: parse error: @ <timestamp> may not be set multiple times'],
  [
    'sum(x) offset 5m',
    '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
  ],
  ['x[5m] offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
  ['a + b offset 1m offset 2m', '1:5: parse error: offset may not be set multiple times'],
  ['{a=~"("}', '1:2: parse error: error parsing regexp: missing closing ): `(`'],
  [
    'foo{a!~"a**"}',
    '1:5: parse error: error parsing regexp: invalid nested repetition operator: `**`',
  ],
  [
    'foo{a=~"(?=x)"}',
    '1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
  ],
  ['1 < 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
  [
    'foo and on(a) fill(0) bar',
    '1:1: parse error: filling in missing series not allowed for set operators',
  ],
  [
    '1 + fill(0) foo',
    '1:1: parse error: filling in missing series only allowed between instant vectors',
  ],
  [
    '"a" + 1',
    '1:1: parse error: binary expression must contain only scalar and instant vector types',
  ],
  [
    '1 + x[5m]',
    '1:5: parse error: binary expression must contain only scalar and instant vector types',
  ],
  ['sum by ("") (x)', '1:9: parse error: invalid label name for grouping: ""'],
  [
    'quantile("a", x)',
    '1:10: parse error: expected type scalar in aggregation parameter, got string',
  ],
  [
    'label_join(x, "a", "b", 1)',
    '1:25: parse error: expected type string in call to function "label_join", got scalar',
  ],
  ['round(x, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
  [
    'label_replace(x)',
    '1:1: parse error: expected 5 argument(s) in call to "label_replace", got 1',
  ],
  [
    'label_join()',
    '1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 0',
  ],
  [
    'sum(x[5m])',
    '1:5: parse error: expected type instant vector in aggregation expression, got range vector',
  ],
  ['rate(x[5m])[5m]', '1:12: parse error: ranges only allowed for vector selectors'],
  ['x[5m][5m]', '1:6: parse error: ranges only allowed for vector selectors'],
  [
    'x[5m:][1m:]',
    '1:1: parse error: subquery is only allowed on instant vector, got matrix instead',
  ],
  ['x[1m:0s]', '1:6: parse error: duration must be greater than 0'],
  ['foo[-5m]', '1:5: parse error: duration must be greater than 0'],
  [
    'a + on(b) group_left(b) c',
    '1:3: parse error: label "b" must not occur in ON and GROUP clause at once',
  ],
  [
    'foo offset',
    '1:11: parse error: unexpected end of input in offset, expected number, duration, step(), or range()',
  ],
  ['foo[5m', '1:7: parse error: unclosed left bracket'],
  [
    'foo[5m 1m]',
    '1:8: parse error: unexpected duration "1m" in subquery or range, expected ":" or "]"',
  ],
  [
    'foo[5m:1m 1m]',
    '1:11: parse error: unexpected duration "1m" in subquery selector, expected "]"',
  ],
  ['sum(x,)', '1:6: parse error: trailing commas not allowed in function call args'],
  ['foo{a="\\q"}', "1:7: parse error: unknown escape sequence U+0071 'q'"],
  ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
  [
    'sum by (a b) (x)',
    '1:11: parse error: unexpected identifier "b" in grouping opts, expected "," or ")"',
  ],
  ['foo bar', '1:5: parse error: unexpected identifier "bar"'],
  ['foo "bar"', '1:5: parse error: unexpected string "\\"bar\\""'],
  ['foo "a long string"', '1:5: parse error: unexpected string "\\"a long st"...'],
  ['foo 1m', '1:5: parse error: unexpected duration "1m"'],
  ['foo:bar(x)', '1:8: parse error: unexpected "("'],
  ['Rate(x[5m])', '1:1: parse error: unknown function with name "Rate"'],
  [
    'foo.5e # c',
    '1:4: parse error: error parsing number: strconv.ParseFloat: parsing ".5e": invalid syntax',
  ],
  ['constructor(x)', '1:1: parse error: unknown function with name "constructor"'],
  ['1 + __proto__()', '1:5: parse error: unknown function with name "__proto__"'],
  [
    '1e400',
    '1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range',
  ],
  [
    'foo @ 1e400',
    '1:7: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range',
  ],
  ['foo[1.5m]', '1:5: parse error: unknown unit "." in duration "1.5m"'],
  ['foo{a="\\u00e9\\ud800"}', '1:7: parse error: escape sequence is an invalid Unicode code point'],
  ['info(x, y)', '1:9: parse error: expected label selectors only, got vector selector instead'],
  ['info(x, {a="b"} + 1)', '1:9: parse error: expected label selectors only'],
  [
    'info(x, 1)',
    '1:1: parse error: expected type instant vector in call to function "info", got scalar',
  ],
  [
    '{a=~".*"} + 1',
    '1:1: parse error: vector selector must contain at least one non-empty matcher',
  ],
  ['foo\n  bar', '2:3: parse error: unexpected identifier "bar"'],
  ['{a="é"} é', "1:10: parse error: unexpected character: 'é'"],
];

describe('parseExpr rejects what Prometheus rejects, with its messages', () => {
  it.each(PROMETHEUS_CASES)('%j', (query, message) => {
    expect(parseError(query).message).toBe(message);
  });

  it.each(DRYGATE_CASES)('%j', (query, message) => {
    expect(parseError(query).message).toBe(message);
  });

  it('reports an empty query at 1:1 (Prometheus says "unknown position")', () => {
    expect(parseError('').message).toBe('1:1: parse error: no expression found in input');
  });

  it('reads huge and deep inputs without crashing', () => {
    const big = '9'.repeat(309);
    expect(parseError(big).message).toBe(
      `1:1: parse error: error parsing number: strconv.ParseFloat: parsing "${big}": value out of range`,
    );
    const stress = '(' + '-{}-1'.repeat(10000) + ')' + '[1m:]'.repeat(1000);
    expect(parseError(stress).reason).toMatch(/^parse error: /);
    expect(parseError('('.repeat(5000) + 'x' + ')'.repeat(5000)).reason).toBe(
      'parse error: expression too complex: more than 2400 nested operations',
    );
  });

  it('exposes the position and the reason separately', () => {
    const err = parseError('sum(rate(x[5m])) +');
    expect(err.position).toEqual({ line: 1, column: 19 });
    expect(err.reason).toBe('parse error: unexpected end of input');
  });
});
