import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationText } from './duration.js';
import {
  formatFloatF,
  formatFloatFixed6,
  formatFloatG,
  isValidUtf8String,
  parseGoNumber,
  quoteString,
  unquoteString,
} from './literals.js';

describe('Go number syntax', () => {
  it.each([
    ['0', 0],
    ['0755', 493],
    ['08', 8],
    ['0x1F', 31],
    ['0X_1f', 31],
    ['1_000', 1000],
    ['1_000.5', 1000.5],
    ['5.', 5],
    ['.5e1', 5],
    ['9223372036854775807', 2 ** 63],
    ['99999999999999999999', 1e20],
    ['Inf', Infinity],
    ['nan', NaN],
  ])('%s = %d', (text, value) => {
    expect(parseGoNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
    ['0x', 'strconv.ParseFloat: parsing "0x": invalid syntax'],
    ['0xFFFFFFFFFFFFFFFFF', 'strconv.ParseFloat: parsing "0xFFFFFFFFFFFFFFFFF": invalid syntax'],
  ])('%s fails', (text, error) => {
    expect(parseGoNumber(text)).toEqual({ ok: false, error });
  });
});

describe('Go float formatting', () => {
  it.each([
    [1, '1', '1', '1.000000'],
    [-0, '-0', '-0', '-0.000000'],
    [0.1, '0.1', '0.1', '0.100000'],
    [1e21, '1000000000000000000000', '1e+21', '1000000000000000000000.000000'],
    [123456, '123456', '123456', '123456.000000'],
    [1234567, '1234567', '1.234567e+06', '1234567.000000'],
    [1e-5, '0.00001', '1e-05', '0.000010'],
    [Infinity, '+Inf', '+Inf', '+Inf'],
    [NaN, 'NaN', 'NaN', 'NaN'],
  ])('%d', (x, f, g, fixed) => {
    expect(formatFloatF(x)).toBe(f);
    expect(formatFloatG(x)).toBe(g);
    expect(formatFloatFixed6(x)).toBe(fixed);
  });
});

describe('strings', () => {
  it.each([
    ['"a\\tb"', 'a\tb'],
    ["'\\''", "'"],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\xff"', '\ufffd'],
    ['"\\377"', '\ufffd'],
    ['"\\U0001f600"', '😀'],
    ['`\\n`', '\\n'],
    ['"plain é 😀"', 'plain é 😀'],
    ['`raw é`', 'raw é'],
    // A leading byte order mark is kept, as in Go, whether written or escaped.
    ['"\ufeffx"', '\ufeffx'],
    ['"\\ufeffx"', '\ufeffx'],
    ['"\ufeffa\\n"', '\ufeffa\n'],
    // A lone surrogate has no UTF-8 form: it decodes as U+FFFD, as Go sees the replacement.
    ['"a\ud800b"', 'a\ufffdb'],
  ])('unquotes %s', (token, value) => {
    expect(unquoteString(token)).toBe(value);
  });

  it.each([
    ['"plain é"', true],
    ['`raw`', true],
    ['"\\xc3\\xa9"', true],
    ['"\\xff"', false],
  ])('knows whether %s is valid UTF-8', (token, valid) => {
    expect(isValidUtf8String(token)).toBe(valid);
  });

  it.each([
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['é\n\x01\u00a0\u200b\ufffd😀', '"é\\n\\x01\\u00a0\\u200b\\ufffd😀"'],
  ])('quotes %j like Go', (value, quoted) => {
    expect(quoteString(value)).toBe(quoted);
    expect(unquoteString(quoted)).toBe(value);
  });
});

describe('durations', () => {
  it.each([
    ['0', 0],
    ['1h30m', 5_400_000],
    ['1y2w3d4h5m6s7ms', 31_536_000_000 + 1_209_600_000 + 259_200_000 + 14_706_007],
  ])('%s', (text, ms) => {
    expect(parseDurationText(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['5m1h', 'not a valid duration string: "5m1h"'],
    ['5y1hs', 'unknown unit "hs" in duration "5y1hs"'],
    ['99999999999y', 'duration out of range'],
  ])('%s fails', (text, error) => {
    expect(parseDurationText(text)).toEqual({ ok: false, error });
  });

  it.each([
    [0, '0s'],
    [90_000, '1m30s'],
    [604_800_000, '1w'],
    [691_200_000, '8d'],
    [31_536_000_000, '1y'],
    [1500, '1s500ms'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
