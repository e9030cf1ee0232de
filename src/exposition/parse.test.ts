import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { detectFormat, parseExposition } from './parse.js';

const testdata = (name: string): string =>
  readFileSync(new URL(`testdata/${name}`, import.meta.url), 'utf8');

describe('parseExposition, text format', () => {
  const families = parseExposition(testdata('families.prom'));

  it('groups samples into families with their HELP and TYPE', () => {
    expect(families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['temperature_celsius', 'gauge', 4],
      ['request_duration_seconds', 'histogram', 5],
      ['rpc_seconds', 'summary', 4],
      ['untyped_with_ts', 'untyped', 1],
    ]);
    expect(families[0]?.help).toBe(
      'Requests served, by code.\nSecond line with a backslash \\ here.',
    );
  });

  it('unescapes label values and reads the special float values', () => {
    const temps = families[1]?.samples ?? [];
    expect(temps.map((s) => s.labels[0]?.value)).toEqual([
      'a "quoted" name',
      'line\nbreak',
      'path\\to',
      'z',
    ]);
    expect(temps.map((s) => s.value)).toEqual([-0.5, NaN, Infinity, -Infinity]);
  });

  it('sorts labels by name and keeps millisecond timestamps', () => {
    expect(families[0]?.samples[0]?.labels).toEqual([
      { name: 'code', value: '200' },
      { name: 'method', value: 'get' },
    ]);
    expect(families[4]?.samples[0]).toEqual({
      name: 'untyped_with_ts',
      labels: [],
      value: 42,
      timestampMs: 1764359239123,
    });
  });

  it('accepts what the Go parser accepts: blanks, trailing commas, comments, Go float spellings', () => {
    const got = parseExposition(
      '  # just a comment\n\n\tmetric { a = "1" , b="2", } \t 1e3   -5\nother inf\nthird -Infinity\n',
    );
    expect(got.map((f) => f.samples[0])).toEqual([
      {
        name: 'metric',
        labels: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
        value: 1000,
        timestampMs: -5,
      },
      { name: 'other', labels: [], value: Infinity },
      { name: 'third', labels: [], value: -Infinity },
    ]);
  });

  it('drops labels with empty values, as Prometheus does', () => {
    expect(parseExposition('m{a="",b="x"} 1\n')[0]?.samples[0]?.labels).toEqual([
      { name: 'b', value: 'x' },
    ]);
  });

  it('merges samples of one name that appear apart, as expfmt does', () => {
    const got = parseExposition('a 1\nb 2\na 3\n');
    expect(got.map((f) => [f.name, f.samples.map((s) => s.value)])).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});

describe('parseExposition, OpenMetrics', () => {
  const families = parseExposition(testdata('dump.om.txt'));

  it('is detected by the trailing # EOF', () => {
    expect(detectFormat(testdata('dump.om.txt'))).toBe('openmetrics');
    expect(detectFormat(testdata('families.prom'))).toBe('text');
  });

  it('reads timestamps in seconds as milliseconds', () => {
    expect(families[0]?.samples.map((s) => s.timestampMs)).toEqual([1764359239123, 1764359254123]);
  });

  it('puts _total and _created under the counter family, and reads unknown as untyped', () => {
    expect(families.map((f) => [f.name, f.type, f.samples.map((s) => s.name)])).toEqual([
      ['node_load1', 'gauge', ['node_load1', 'node_load1']],
      [
        'http_requests',
        'counter',
        ['http_requests_total', 'http_requests_total', 'http_requests_created'],
      ],
      [
        'latency_seconds',
        'histogram',
        [
          'latency_seconds_bucket',
          'latency_seconds_bucket',
          'latency_seconds_sum',
          'latency_seconds_count',
        ],
      ],
      ['process_cpu_seconds', 'counter', ['process_cpu_seconds_total']],
      ['something', 'untyped', ['something']],
    ]);
    expect(families[3]?.unit).toBe('seconds');
  });

  it('drops exemplars', () => {
    expect(families[2]?.samples[3]).toEqual({
      name: 'latency_seconds_count',
      labels: [],
      value: 2,
      timestampMs: 1764359239000,
    });
  });
});

describe('parse errors name the line and column and say what was expected', () => {
  const cases: [string, string, string?][] = [
    ['m{a="1" 1\n', '1:9: expected "," or "}" after a label value, got "1"'],
    ['ok 1\nm{a=1} 1\n', '2:5: expected a quoted label value, got "1"'],
    ['m{a="1} 1\n', '1:10: unterminated label value: expected a closing double quote'],
    ['m{a="\\x"} 1\n', '1:6: invalid escape sequence in label value (expected \\\\, \\" or \\n)'],
    ['m{a="1",a="2"} 1\n', '1:9: duplicate label name a'],
    ['m{1a="1"} 1\n', '1:3: expected a label name or "}", got "1"'],
    ['m\n', '1:2: expected a space and a value after the metric, got end of line'],
    ['m abc\n', '1:3: expected a float value, got "abc"'],
    ['m 1 2.5\n', '1:5: expected a timestamp in integer milliseconds, got "2.5"'],
    ['m 1 2 3\n', '1:7: unexpected "3" after the timestamp'],
    ['9m 1\n', '1:1: expected a metric name, got "9"'],
    [
      '# TYPE m gauges\n',
      '1:10: expected counter, gauge, histogram, summary or untyped, got "gauges"',
    ],
    ['# TYPE m gauge\n# TYPE m gauge\n', '2:8: second TYPE line for metric m'],
    ['m 1\n# TYPE m gauge\n', '2:8: TYPE for metric m after its samples'],
    ['# HELP m a\n# HELP m b\n', '2:8: second HELP line for metric m'],
    ['# HELP m bad \\t escape\n', '1:14: invalid escape sequence in help text'],
    ['# TYPE h histogram\nh_bucket 1\n', '2:1: histogram sample h_bucket needs a "le" label'],
    ['# TYPE h histogram\nh_bucket{le="x"} 1\n', '2:1: label le="x" of h_bucket is not a number'],
    [
      '# TYPE h histogram\nh 1\n',
      '2:1: sample h does not fit histogram h: expected h_bucket, h_sum or h_count',
    ],
    ['# TYPE s summary\ns 1\n', '2:1: summary sample s needs a "quantile" label'],
    ['m 1\r\n', '1:3: expected a float value, got "1\\r"'],
    ['m one\n', 'rules/x.prom:1:3: expected a float value, got "one"', 'rules/x.prom'],
    ['# TYPE c counter\nc 1\n# EOF\n', '2:1: sample c does not fit counter c: expected c_total'],
    ['m 1\n\n# EOF\n', '2:1: empty lines are not allowed in OpenMetrics'],
    ['# comment\n# EOF\n', '1:3: expected HELP, TYPE, UNIT or EOF after "#", got "comment"'],
    ['# TYPE i info\n# EOF\n', '1:10: OpenMetrics type info is not supported'],
    ['m 1 abc\n# EOF\n', '1:5: expected a timestamp in seconds, got "abc"'],
  ];
  it.each(cases)('%j', (input, message, file) => {
    let thrown: unknown;
    try {
      parseExposition(input, file === undefined ? {} : { file });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect((thrown as ParseError).message).toBe(message);
  });

  it('requires # EOF when OpenMetrics is asked for', () => {
    expect(() => parseExposition('m 1\n', { format: 'openmetrics' })).toThrow(
      '2:1: expected "# EOF" at the end of OpenMetrics input',
    );
  });

  it('rejects content after # EOF', () => {
    expect(() => parseExposition('m 1\n# EOF\nm 2\n', { format: 'openmetrics' })).toThrow(
      '3:1: unexpected content after "# EOF"',
    );
  });
});
