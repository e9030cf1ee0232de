import { describe, expect, it } from 'vitest';
import { parseGoFloat, parseGoInt, parseGoNumber } from './numbers.js';
import { unquoteGoString, unquotePromqlString } from './strings.js';

describe('parseGoNumber', () => {
  it.each([
    ['1', 1],
    ['-7', -7],
    ['010', 8],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['019', 19],
    ['1e3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['-1e-3', -0.001],
    ['Inf', Infinity],
    ['+inf', Infinity],
    ['-Infinity', -Infinity],
    ['0x1p-2', 0.25],
    ['99999999999999999999', 1e20],
  ])('%s = %d', (text, value) => {
    expect(parseGoNumber(text)).toBe(value);
  });

  it('reads NaN in any case, but not signed', () => {
    expect(parseGoNumber('NaN')).toBeNaN();
    expect(parseGoNumber('nan')).toBeNaN();
    expect(parseGoNumber('-NaN')).toBeUndefined();
  });

  it.each(['', ' 1', '1 ', 'abc', '1e400', '_1', '1_', '1__0', '0x', '1.2.3', 'Infinit', '+'])(
    'rejects %j',
    (text) => {
      expect(parseGoNumber(text)).toBeUndefined();
    },
  );

  it('keeps ParseInt and ParseFloat apart', () => {
    expect(parseGoInt('1.5')).toBeUndefined();
    expect(parseGoFloat('010')).toBe(10);
    expect(parseGoInt('9223372036854775808')).toBeUndefined();
  });
});

describe('string literals', () => {
  it.each([
    ['"a\\"b"', 'a"b'],
    ["'a\\'b'", "a'b"],
    ['`a\\nb`', 'a\\nb'],
    ['"\\x41\\u00e9\\U0001F600\\101"', 'Aé😀A'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\"', '\x07\b\f\n\r\t\v\\'],
    ['"é"', 'é'],
  ])('PromQL %s', (literal, value) => {
    expect(unquotePromqlString(literal)).toEqual({ value });
  });

  it.each([
    ['"a\\\'"', 'unknown escape sequence'],
    ["'a\\\"'", 'unknown escape sequence'],
    ['"\\ud800"', 'invalid Unicode code point'],
    ['"\\x4"', 'invalid escape sequence'],
    ['"abc', 'unterminated'],
    ['"a"b"', 'unescaped'],
  ])('PromQL rejects %s', (literal, error) => {
    const result = unquotePromqlString(literal);
    expect('error' in result ? result.error : '').toContain(error);
  });

  it('reads bytes that are not UTF-8 as U+FFFD', () => {
    expect(unquotePromqlString('"a\\xc5z"')).toEqual({ value: 'a\uFFFDz' });
  });

  it('follows Go for expect string: one rune in single quotes, raw strings lose \\r', () => {
    expect(unquoteGoString("'x'")).toEqual({ value: 'x' });
    expect(unquoteGoString("'xy'")).toHaveProperty('error');
    expect(unquoteGoString('`a\rb`')).toEqual({ value: 'ab' });
    expect(unquoteGoString('" Foo "')).toEqual({ value: ' Foo ' });
  });
});
