/**
 * Parse errors, word for word as Go's `text/template` reports them (template name `x`). The
 * expectations follow Go's lexer and parser (`parse/lex.go`, `parse/parse.go`): which token is
 * named, how it is quoted, and the line of the last token read.
 */
import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.js';
import { parseAlertTemplate, parseTemplate } from './expand.js';

function parseError(text: string): string | undefined {
  try {
    parseTemplate(text, 'x');
    return undefined;
  } catch (err) {
    if (err instanceof TemplateError) return err.message;
    throw err;
  }
}

describe('parseTemplate', () => {
  it.each([
    'plain text',
    '',
    '{{ .Foo }}{{ $ }}{{ . }}',
    '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
    '{{ range $i, $v := . }}{{ $i }}{{ end }}',
    '{{ range $v := . }}{{ break }}{{ continue }}{{ end }}',
    '{{ if 1 }}a{{ else if 2 }}b{{ else }}c{{ end }}',
    '{{ with . }}a{{ else with 2 }}b{{ end }}',
    '{{ define "t" }}x{{ end }}{{ template "t" . }}{{ block "b" . }}y{{ end }}',
    '{{- 1 -}}  {{/* comment */}} {{- /* trimmed */ -}}',
    '{{ "a" | printf "%s" | len }}',
    '{{ (1) }}{{ ("a" | len) }}{{ ($).Foo }}',
    "{{ 'a' }}{{ 0x1F }}{{ 1e3 }}{{ -1.5 }}{{ 1_000 }}{{ 0o17 }}{{ 0b101 }}",
    '{{ `raw\n string` }}{{ "\\t\\u00e9\\x41" }}',
    '{{ humanize 1 | title }}{{ query "up" | first | value }}',
    '{{\n  .Foo\n}}',
  ])('accepts %j', (text) => {
    expect(parseError(text)).toBeUndefined();
  });

  it.each([
    ['{{', 'template: x:1: unclosed action'],
    ['{{ .Foo', 'template: x:1: unclosed action'],
    ['{{ .Foo\n\n', 'template: x:3: unclosed action started at x:1'],
    ['{{ if }}x{{ end }}', 'template: x:1: missing value for if'],
    ['{{ if\n }}x{{ end }}', 'template: x:2: missing value for if'],
    ['{{ $x := }}', 'template: x:1: missing value for command'],
    ['{{ nosuch }}', 'template: x:1: function "nosuch" not defined'],
    ['{{ tmpl "a" . }}', 'template: x:1: function "tmpl" not defined'],
    ['{{ end }}', 'template: x:1: unexpected {{end}}'],
    ['{{ else }}', 'template: x:1: unexpected {{else}}'],
    ['a\nb\n{{ end }}', 'template: x:3: unexpected {{end}}'],
    ['{{ if true }}', 'template: x:1: unexpected EOF'],
    ['{{ range . }}\n', 'template: x:2: unexpected EOF'],
    ['{{ $x }}', 'template: x:1: undefined variable "$x"'],
    ['{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}', 'template: x:1: undefined variable "$x"'],
    ['{{ $x := 1 }}{{ define "t" }}{{ $x }}{{ end }}', 'template: x:1: undefined variable "$x"'],
    ['{{ 1 | 2 }}', 'template: x:1: non executable command in pipeline stage 2'],
    ['{{ .X | . }}', 'template: x:1: non executable command in pipeline stage 2'],
    ['{{ "unterminated }}', 'template: x:1: unterminated quoted string'],
    ['{{ `raw }}', 'template: x:1: unterminated raw quoted string'],
    ["{{ 'a }}", 'template: x:1: unterminated character constant'],
    ['{{ 3x }}', 'template: x:1: bad number syntax: "3x"'],
    ['{{ 1.a }}', 'template: x:1: bad number syntax: "1.a"'],
    ['{{ .Foo# }}', "template: x:1: bad character U+0023 '#'"],
    ['{{ foo! }}', "template: x:1: bad character U+0021 '!'"],
    ['{{ .Foo \u00a0}}', 'template: x:1: unrecognized character in action: U+00A0'],
    ['{{ .Foo\u00a0}}', 'template: x:1: bad character U+00A0'],
    ['{{ range $i, $v, $w := . }}{{ end }}', 'template: x:1: too many declarations in range'],
    ['{{ with $x, $y := . }}{{ end }}', 'template: x:1: too many declarations in with'],
    ['{{ range $i, 1 }}{{ end }}', 'template: x:1: range can only initialize variables'],
    ['{{ break }}', 'template: x:1: {{break}} outside {{range}}'],
    ['{{ range . }}{{ continue 1 }}{{ end }}', 'template: x:1: unexpected "1" in {{continue}}'],
    ['{{/* unclosed', 'template: x:1: unclosed comment'],
    ['{{/* c */ x}}', 'template: x:1: comment ends before closing delimiter'],
    ['{{ (1 }}', 'template: x:1: unclosed left paren'],
    ['{{ ) }}', 'template: x:1: unexpected right paren'],
    ['{{ "a".b }}', 'template: x:1: unexpected . after term "\\"a\\""'],
    ['{{ 1.5.b }}', 'template: x:1: unexpected . after term "1.5"'],
    ['{{ .X = 1 }}', 'template: x:1: unexpected "=" in operand'],
    ['{{ .X : 1 }}', 'template: x:1: expected :='],
    ['{{ .X, }}', 'template: x:1: unexpected "," in operand'],
    ['{{ if 1 }}{{ else }}{{ else }}{{ end }}', 'template: x:1: expected end; found {{else}}'],
    ['{{ if 1 }}{{ else with . }}{{ end }}', 'template: x:1: unexpected <with> in input'],
    ['{{ template end }}', 'template: x:1: unexpected <end> in template clause'],
    [
      '{{ define 12345678901 }}{{ end }}',
      'template: x:1: unexpected "1234567890"... in define clause',
    ],
    ['{{ define "t" }}', 'template: x:1: unexpected EOF'],
    ['{{ define "t" x }}', 'template: x:1: unexpected "x" in define clause'],
    [
      '{{ define "t" }}a{{ end }}{{ define "t" }}b{{ end }}',
      'template: x:1: template: multiple definition of template "t"',
    ],
    ["{{ 'ab' }}", "template: x:1: malformed character constant: 'ab'"],
    ['{{ 99999999999999999999 }}', 'template: x:1: integer overflow: "99999999999999999999"'],
    ['{{ "\\q" }}', 'template: x:1: invalid syntax'],
    ['{{ 0x }}', 'template: x:1: illegal number syntax: "0x"'],
    ['{{ 1+2i }}', 'template: x:1: complex number "1+2i" is not supported'],
    // A comment must touch the delimiters; with a space before it, "/" is just a character.
    ['{{ /* c */ }}', 'template: x:1: unexpected "/" in command'],
    [
      '{{ if 1 }}{{ define "t" }}{{ end }}{{ end }}',
      'template: x:1: unexpected <define> in command',
    ],
  ])('rejects %j', (text, message) => {
    expect(parseError(text)).toBe(message);
  });

  it('names the template and keeps the line on the error', () => {
    try {
      parseTemplate('ok\n{{ .X | }}\n{{ end }}', 'mine');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).message).toBe('template: mine:3: unexpected {{end}}');
      expect((err as TemplateError).line).toBe(3);
      expect((err as TemplateError).phase).toBe('parse');
    }
  });
});

describe('parseAlertTemplate', () => {
  it('defines $labels, $value, $externalLabels and $externalURL as promtool does', () => {
    const template = parseAlertTemplate(
      '{{ $labels.job }} {{ $value }} {{ $externalLabels.env }} {{ $externalURL }}',
      'Down',
    );
    expect(template.name).toBe('__alert_Down');
  });

  it.each([
    ['{{ .Foo', 'template: __alert_Down:1: unclosed action'],
    ['{{ $value | nosuch }}', 'template: __alert_Down:1: function "nosuch" not defined'],
    ['{{ $other }}', 'template: __alert_Down:1: undefined variable "$other"'],
    ['line one\n{{ end }}', 'template: __alert_Down:2: unexpected {{end}}'],
  ])("reports %j with the rule manager's template name", (text, message) => {
    expect(() => parseAlertTemplate(text, 'Down')).toThrow(message);
  });
});
