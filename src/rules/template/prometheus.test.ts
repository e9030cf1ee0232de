/**
 * Prometheus's template functions, with the scenarios of Prometheus's `template/template_test.go`
 * restated here: the same expander setup (template name `test`, evaluation time
 * 1353755652000 ms, external URL `http://testhost:9090/path/prefix`), inputs and expectations.
 */
import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.js';
import { executeTemplate, parseTemplate } from './expand.js';
import type { QuerySample } from './prometheus.js';
import type { GoValue } from './values.js';
import { GoInt, GoSlice } from './values.js';

const TIME_MS = 1353755652000;
const EXTERNAL_URL = 'http://testhost:9090/path/prefix';
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

/** Runs a template the way Prometheus's `Expander.Expand` does, returning its result or error. */
function expand(text: string, input?: GoValue, queryResult: QuerySample[] = []): string {
  try {
    const template = parseTemplate(text, 'test');
    try {
      return executeTemplate(template, input, {
        query: () => queryResult,
        timeMs: TIME_MS,
        externalURL: EXTERNAL_URL,
      });
    } catch (err) {
      if (err instanceof TemplateError) return `error executing template test: ${err.message}`;
      throw err;
    }
  } catch (err) {
    if (err instanceof TemplateError && err.phase === 'parse') {
      return `error parsing template test: ${err.message}`;
    }
    throw err;
  }
}

const floats = (...v: number[]): GoValue => new GoSlice('[]float64', v);
const strings = (...v: string[]): GoValue => new GoSlice('[]string', v);
const ints = (type: 'int' | 'int64' | 'uint' | 'uint64', ...v: bigint[]): GoValue =>
  new GoSlice(
    `[]${type}`,
    v.map((n) => new GoInt(n, type)),
  );

const metric = (labels: Record<string, string>, value: number): QuerySample => ({
  labels: { __name__: 'metric', ...labels },
  value,
});

describe('Prometheus template functions (template_test.go scenarios)', () => {
  it.each<[string, string, GoValue?]>([
    ['plain text', 'plain text'],
    ['{{ 1 }}', '1'],
    ['{{ "<b>" }}', '<b>'],
    ['{{define "x"}}{{.arg0}} {{.arg1}}{{end}}{{template "x" (args 1 "2")}}', '1 2'],
    ['{{ "foo.example.com" | stripPort }}', 'foo.example.com'],
    ['{{ "foo.example.com:12345" | stripPort }}', 'foo.example.com'],
    ['{{ "192.0.2.1" | stripPort }}', '192.0.2.1'],
    ['{{ "192.0.2.1:12345" | stripPort }}', '192.0.2.1'],
    ['{{ "2001:0DB8::1" | stripPort }}', '2001:0DB8::1'],
    ['{{ "[2001:0DB8::1]:12345" | stripPort }}', '2001:0DB8::1'],
    ['{{ "[2001:0DB8::1]::12345" | stripPort }}', '[2001:0DB8::1]::12345'],
    ['{{ .Foo }}', '<no value>'],
    ['{{ reReplaceAll "(a)b" "x$1" "ab" }}', 'xa'],
    ['{{ range . }}{{ humanize . }}:{{ end }}', '0:1:1.235M:120m:', floats(0, 1, 1234567, 0.12)],
    [
      '{{ range . }}{{ humanize . }}:{{ end }}',
      '0:1:1.235M:120m:',
      strings('0.0', '1.0', '1234567.0', '.12'),
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ end }}',
      '0:-1:1:1.235M:9.223E:',
      ints('int64', 0n, -1n, 1n, 1234567n, MAX_INT64),
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ end }}',
      '0:1:1.235M:18.45E:',
      ints('uint64', 0n, 1n, 1234567n, MAX_UINT64),
    ],
    ['{{ range . }}{{ humanize1024 . }}:{{ end }}', '0:1:1Mi:0.12:', floats(0, 1, 1048576, 0.12)],
    [
      '{{ range . }}{{ humanize1024 . }}:{{ end }}',
      '0:1:1Mi:0.12:',
      strings('0.0', '1.0', '1048576.0', '.12'),
    ],
    [
      '{{ range . }}{{ humanize1024 . }}:{{ end }}',
      '0:-1:1:1.177Mi:8Ei:',
      ints('int64', 0n, -1n, 1n, 1234567n, MAX_INT64),
    ],
    [
      '{{ range . }}{{ humanize1024 . }}:{{ end }}',
      '0:1:1.177Mi:16Ei:',
      ints('uint64', 0n, 1n, 1234567n, MAX_UINT64),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:',
      floats(0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:',
      strings('0', '1', '60', '3600', '86400'),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
      floats(0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
      strings('.1', '.0001', '.12345', '60.1', '60.5', '1.2345', '12.345'),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '0s:-1s:1s:14d 6h 56m 7s:',
      ints('int', 0n, -1n, 1n, 1234567n),
    ],
    [
      '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
      '0s:1s:14d 6h 56m 7s:',
      ints('uint', 0n, 1n, 1234567n),
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
      '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
      floats(Infinity, -Infinity, NaN),
    ],
    [
      '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
      '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
      strings('+Inf', '-Inf', 'NaN'),
    ],
    [
      '{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}',
      '-22.22%:0%:12.35%:123.5%',
    ],
    [
      '{{ range . }}{{ humanizePercentage . }}:{{ end }}',
      '0%:-100%:100%:1.235e+08%:9.223e+20%:',
      ints('int64', 0n, -1n, 1n, 1234567n, MAX_INT64),
    ],
    [
      '{{ range . }}{{ humanizePercentage . }}:{{ end }}',
      '0%:100%:1.235e+08%:1.845e+21%:',
      ints('uint64', 0n, 1n, 1234567n, MAX_UINT64),
    ],
    [
      '{{ "-0.22222" | humanizePercentage }}:{{ "0.0" | humanizePercentage }}:{{ "0.1234567" | humanizePercentage }}:{{ "1.23456" | humanizePercentage }}',
      '-22.22%:0%:12.35%:123.5%',
    ],
    [
      '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
      '1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
      ints('int64', 0n, -1n, 1n, 1234567n, 9223372036n),
    ],
    [
      '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
      '1970-01-01 00:00:00 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
      ints('uint64', 0n, 1n, 1234567n, 9223372036n),
    ],
    ['{{ 1435065584.128 | humanizeTimestamp }}', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['{{ "1435065584.128" | humanizeTimestamp }}', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['{{ (1435065584.128 | toTime).Format "2006" }}', '2015'],
    ['{{ ("1435065584.128" | toTime).Format "2006" }}', '2015'],
    ['{{ (1800 | toDuration).String }}', '30m0s'],
    ['{{ ("1800" | toDuration).String }}', '30m0s'],
    ['{{ now }}', '1.353755652e+09'],
    ['{{ (now | toTime).Format "Mon Jan 2 15:04:05 2006" }}', 'Sat Nov 24 11:14:12 2012'],
    ['{{ ("-30m" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}', '1353753852000'],
    ['{{ "aa bb CC" | title }}', 'Aa Bb CC'],
    ['{{ "aa bb CC" | toUpper }}', 'AA BB CC'],
    ['{{ "aA bB CC" | toLower }}', 'aa bb cc'],
    ['{{ match "a+" "aa" }} {{ match "a+" "b" }}', 'true false'],
    ['{{ graphLink "up" }}', '/graph?g0.expr=up&g0.tab=0'],
    ['{{ tableLink "up" }}', '/graph?g0.expr=up&g0.tab=1'],
    ['{{ pathPrefix }}', '/path/prefix'],
    ['{{ externalURL }}', 'http://testhost:9090/path/prefix'],
    ['{{ printf "%0.2f" (parseDuration "1h2m10ms") }}', '3720.01'],
    ['{{ printf "%0.2f" (parseDuration "-1h2m10ms") }}', '-3720.01'],
    ['{{ "foo.example.com" | stripDomain }}', 'foo'],
    ['{{ "foo.example.com:12345" | stripDomain }}', 'foo:12345'],
    ['{{ "192.0.2.1" | stripDomain }}', '192.0.2.1'],
    ['{{ "192.0.2.1:12345" | stripDomain }}', '192.0.2.1:12345'],
    ['{{ "2001:0DB8::1" | stripDomain }}', '2001:0DB8::1'],
    ['{{ "[2001:0DB8::1]:12345" | stripDomain }}', '[2001:0DB8::1]:12345'],
    ['{{ "[2001:0DB8::1]::12345" | stripDomain }}', '[2001:0DB8::1]::12345'],
  ])('%s', (text, output, input) => {
    expect(expand(text, input)).toBe(output);
  });

  it.each<[string, string, GoValue?]>([
    [
      '{{\u00a0}}',
      'error parsing template test: template: test:1: unrecognized character in action: U+00A0',
    ],
    ['{{', 'error parsing template test: template: test:1: unclosed action'],
    [
      '{{ query "missing" | first }}',
      'error executing template test: template: test:1:21: executing "test" at <first>: error calling first: first() called on vector with no elements',
    ],
    [
      '{{ (query "missing").banana }}',
      'error executing template test: template: test:1:10: executing "test" at <"missing">: can\'t evaluate field banana in type template.queryResult',
    ],
    [
      '{{ humanize "one" }}',
      'error executing template test: template: test:1:3: executing "test" at <humanize "one">: error calling humanize: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ humanize1024 "one" }}',
      'error executing template test: template: test:1:3: executing "test" at <humanize1024 "one">: error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ humanizeDuration "one" }}',
      'error executing template test: template: test:1:3: executing "test" at <humanizeDuration "one">: error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ "one" | humanizePercentage }}',
      'error executing template test: template: test:1:11: executing "test" at <humanizePercentage>: error calling humanizePercentage: strconv.ParseFloat: parsing "one": invalid syntax',
    ],
    [
      '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
      'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: -9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows int64',
      ints('int64', MIN_INT64, MAX_INT64),
    ],
    [
      '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
      'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: 1.8446744073709552e+19 cannot be represented as a nanoseconds timestamp since it overflows int64',
      ints('uint64', MAX_UINT64),
    ],
  ])('fails: %s', (text, error, input) => {
    expect(expand(text, input)).toBe(error);
  });

  describe('query results', () => {
    it.each<[string, QuerySample[], string]>([
      ['{{ query "1.5" | first | value }}', [{ labels: {}, value: 1.5 }], '1.5'],
      [
        '{{ query "metric{instance=\'a\'}" | first | value }}',
        [metric({ instance: 'a' }, 11)],
        '11',
      ],
      [
        '{{ query "metric{instance=\'a\'}" | first | label "instance" }}',
        [metric({ instance: 'a' }, 11)],
        'a',
      ],
      [
        '{{ query "metric{__value__=\'a\'}" | first | strvalue }}',
        [metric({ __value__: 'a' }, 11)],
        'a',
      ],
      [
        '{{ query "metric{instance=\'a\'}" | first | label "foo" }}',
        [metric({ instance: 'a' }, 11)],
        '',
      ],
      [
        '{{ $x := query "metric" | first }}{{ $x.Labels.foo }}',
        [metric({ instance: 'a' }, 11)],
        '',
      ],
      [
        '{{ range query "metric" | sortByLabel "instance" }}{{.Labels.instance}}:{{.Value}}: {{end}}',
        [metric({ instance: 'b' }, 21), metric({ instance: 'a' }, 11)],
        'a:11: b:21: ',
      ],
    ])('%s', (text, samples, output) => {
      expect(expand(text, undefined, samples)).toBe(output);
    });

    it('passes the expression to the host and reports its errors', () => {
      const template = parseTemplate('{{ query "up{" }}', 'test');
      const seen: string[] = [];
      expect(() =>
        executeTemplate(template, undefined, {
          query: (expr) => {
            seen.push(expr);
            throw new Error('1:4: parse error: unexpected end of input inside braces');
          },
        }),
      ).toThrow(
        'template: test:1:3: executing "test" at <query "up{">: error calling query: 1:4: parse error: unexpected end of input inside braces',
      );
      expect(seen).toEqual(['up{']);
    });

    it('accepts drygate Labels and prints samples as Go does', () => {
      const samples: QuerySample[] = [
        {
          labels: [
            { name: '__name__', value: 'up' },
            { name: 'job', value: 'api' },
          ],
          value: 1,
        },
      ];
      expect(expand('{{ query "up" | first }}', undefined, samples)).toBe(
        '{map[__name__:up job:api] 1}',
      );
      expect(expand('{{ printf "%v" (query "up" | first) }}', undefined, samples)).toBe(
        '&{map[__name__:up job:api] 1}',
      );
      expect(expand('{{ len (query "up") }}', undefined, samples)).toBe('1');
    });

    it('fails like a nil query function when the host gives none', () => {
      const template = parseTemplate('{{ query "up" }}', 'test');
      expect(() => executeTemplate(template, undefined)).toThrow(
        'error calling query: runtime error: invalid memory address or nil pointer dereference',
      );
    });
  });

  it('fails pathPrefix and externalURL without an external URL, as promtool does', () => {
    const template = parseTemplate('{{ pathPrefix }}', 'test');
    expect(() => executeTemplate(template, undefined)).toThrow(
      'template: test:1:3: executing "test" at <pathPrefix>: error calling pathPrefix: runtime error: invalid memory address or nil pointer dereference',
    );
  });

  it.each([
    [
      '{{ reReplaceAll "(" "x" "y" }}',
      'error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    ],
    ['{{ match "(" "y" }}', 'error calling match: error parsing regexp: missing closing ): `(`'],
    ['{{ parseDuration "1x" }}', 'error calling parseDuration: unknown unit "x" in duration "1x"'],
    [
      '{{ parseDuration "1h30" }}',
      'error calling parseDuration: not a valid duration string: "1h30"',
    ],
    ['{{ toTime "NaN" }}', 'error calling toTime: value is NaN or Inf'],
    ['{{ humanize true }}', "error calling humanize: can't convert bool to float"],
    [
      '{{ 1800 | toDuration | humanizeDuration }}',
      "error calling humanizeDuration: can't convert *time.Duration to float",
    ],
    [
      '{{ label "x" nil }}',
      'error calling label: runtime error: invalid memory address or nil pointer dereference',
    ],
    ['{{ title 1 }}', 'expected string; found 1'],
    ['{{ 1.5 | toUpper }}', 'wrong type for value; expected string; got float64'],
    ['{{ "x" | safeHtml | toUpper }}', 'wrong type for value; expected string; got template.HTML'],
    ['{{ first 1 }}', "can't handle 1 for arg of type template.queryResult"],
  ])('reports %s', (text, error) => {
    expect(expand(text)).toContain(error);
  });

  it.each([
    ['{{ reReplaceAll "a(x*)b" "${1}W" "-ab-axxb-" }}', '-W-xxW-'],
    ['{{ reReplaceAll "a(x*)b" "$1W" "-ab-axxb-" }}', '---'],
    ['{{ reReplaceAll "a(?P<x>x*)b" "[$x]" "-axxb-" }}', '-[xx]-'],
    ['{{ reReplaceAll "a*" "-" "baaac" }}', '-b-c-'],
    ['{{ reReplaceAll "x*" "-" "abc" }}', '-a-b-c-'],
    ['{{ reReplaceAll "^(.*)$" "<$1>" "a\\nb" }}', 'a\nb'],
    ['{{ reReplaceAll "(?s)^(.*)$" "<$1>" "a\\nb" }}', '<a\nb>'],
    ['{{ reReplaceAll "b" "$$" "abc" }}', 'a$c'],
    ['{{ match "^a.c$" "a\\nc" }}', 'false'],
    ['{{ "foo_bar-baz qux.quux" | title }}', 'Foo_bar-Baz Qux.quux'],
    ['{{ "don\'t stop" | title }}', "Don't Stop"],
    ['{{ "ß" | toUpper }}', 'ß'],
    ['{{ "a b&c=d/é" | urlQueryEscape }}', 'a+b%26c%3Dd%2F%C3%A9'],
    ['{{ "web-1.example.com:9100" | stripDomain }}', 'web-1:9100'],
    ['{{ "[::1]:9100" | stripDomain }}', '[::1]:9100'],
    ['{{ "::1" | stripPort }}', '::1'],
    ['{{ 0.000123 | humanize }}', '123u'],
    ['{{ -1234 | humanize }}', '-1.234k'],
    ['{{ 1e30 | humanize }}', '1e+06Y'],
    ['{{ 1536 | humanize1024 }}', '1.5ki'],
    ['{{ 0.0000012 | humanizeDuration }}', '1.2us'],
    ['{{ -0.5 | humanizeDuration }}', '-500ms'],
    ['{{ 90061 | humanizeDuration }}', '1d 1h 1m 1s'],
    ['{{ (3.5 | toDuration) }}', '3.5s'],
    ['{{ (90 | toDuration).Minutes }}', '1.5'],
    ['{{ (0 | toTime) }}', '1970-01-01 00:00:00 +0000 UTC'],
    [
      '{{ (1435065584.128 | toTime).Format "Monday, 02-Jan-06 15:04:05.000 MST Z07:00" }}',
      'Tuesday, 23-Jun-15 13:19:44.128 UTC Z',
    ],
    [
      '{{ (1435065584 | toTime).Format "3:04PM _2 January 2006 -0700" }}',
      '1:19PM 23 June 2015 +0000',
    ],
    ['{{ (1435065584 | toTime).Unix }}', '1435065584'],
    ['{{ (1435065584 | toTime).Month }}', 'June'],
    ['{{ (1435065584 | toTime).Weekday }}', 'Tuesday'],
    ['{{ parseDuration "1w" }}', '604800'],
    ['{{ parseDuration "0" }}', '0'],
    ['{{ with args "a" 2 }}{{ .arg0 }}{{ .arg1 }}{{ .arg9 }}{{ end }}', 'a2<no value>'],
    ['{{ args 1 "x" }}', 'map[arg0:1 arg1:x]'],
  ])('%s', (text, output) => {
    expect(expand(text)).toBe(output);
  });
});
