import { describe, expect, it } from 'vitest';
import { goFixed, goG, goQuote, rfc3339 } from './go-format.js';

describe("goG: Go's %.<p>g", () => {
  it.each([
    [125, 2, '1.2e+02'], // an exact tie rounds to even
    [135, 2, '1.4e+02'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [1, 2, '1'],
    [12, 2, '12'],
    [99.5, 2, '1e+02'],
    [100, 2, '1e+02'],
    [0.5, 2, '0.5'],
    [0.0001234, 2, '0.00012'],
    [0.00001234, 2, '1.2e-05'],
    [-3.25, 2, '-3.2'],
    [0, 2, '0'],
    [-0, 2, '-0'],
    [1e21, 2, '1e+21'],
    [5e-324, 2, '4.9e-324'],
    [123456, 0, '1e+05'],
    [NaN, 2, 'NaN'],
    [Infinity, 2, '+Inf'],
    [-Infinity, 2, '-Inf'],
  ])('%s with precision %s -> %s', (x, prec, text) => {
    expect(goG(x, prec)).toBe(text);
  });

  it('without a precision, is the shortest form', () => {
    expect(goG(0.1)).toBe('0.1');
    expect(goG(1234567)).toBe('1.234567e+06');
    expect(goG(-1)).toBe('-1');
  });
});

describe("goFixed: Go's %.<p>f", () => {
  it.each([
    [1, 6, '1.000000'],
    [0.5, 6, '0.500000'],
    [0.0078125, 6, '0.007812'], // an exact tie rounds to even (JavaScript's toFixed says 0.007813)
    [0.0000005, 6, '0.000000'], // not a tie: 5e-7 is slightly below in binary
    [0.0000025, 6, '0.000003'], // and 2.5e-6 slightly above
    [9.9999999, 6, '10.000000'],
    [1e-7, 6, '0.000000'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [-0.5, 0, '-0'],
    [-0.25, 6, '-0.250000'],
    [1e21, 6, '1000000000000000000000.000000'],
    [123.456, 2, '123.46'],
    [NaN, 6, 'NaN'],
    [Infinity, 6, '+Inf'],
  ])('%s with precision %s -> %s', (x, prec, text) => {
    expect(goFixed(x, prec)).toBe(text);
  });
});

describe("goQuote: Go's %q", () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\tnew\nline\r', '"tab\\tnew\\nline\\r"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'],
    ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['héllo ✓ 日本', '"héllo ✓ 日本"'],
    ['\u00a0\u200b', '"\\u00a0\\u200b"'], // not printable in Go's sense
    ['\u{1F600}', '"\u{1F600}"'],
  ])('%j -> %s', (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });
});

describe('rfc3339', () => {
  it('formats whole UTC seconds, truncating toward zero', () => {
    expect(rfc3339(100_000)).toBe('1970-01-01T00:01:40Z');
    expect(rfc3339(1_136_239_445_999)).toBe('2006-01-02T22:04:05Z');
    expect(rfc3339(-1500)).toBe('1969-12-31T23:59:59Z');
  });
});
