/**
 * Execution with Go's `text/template` semantics: control structures, variables, builtins, value
 * printing and the exact execution errors (position in bytes, the node named, the message).
 * Expected values follow Go's `exec.go` and `funcs.go`.
 */
import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.js';
import { alertTemplateData, executeTemplate, parseTemplate } from './expand.js';
import type { GoValue } from './values.js';
import { GoInt, GoSlice, GoStruct, stringMap } from './values.js';

/** Data with a map, an int, a slice of ints and an empty slice. */
const DATA = new GoStruct('main.data', [
  { name: 'M', value: stringMap({ b: '2', a: '1' }) },
  { name: 'N', value: new GoInt(2) },
  { name: 'S', value: new GoSlice('[]int', [new GoInt(1), new GoInt(2), new GoInt(3)]) },
  { name: 'Empty', value: new GoSlice('[]int', []) },
  { name: 'F', value: 1.5 },
  { name: 'Str', value: 'abc' },
]);

function run(text: string, data: GoValue = DATA): string {
  return runWith(text, data);
}

/** Runs with exactly this data; `undefined` is Go's nil data. */
function runWith(text: string, data: GoValue): string {
  try {
    return executeTemplate(parseTemplate(text, 'x'), data);
  } catch (err) {
    if (err instanceof TemplateError) return `ERROR ${err.message}`;
    throw err;
  }
}

describe('executing templates', () => {
  it.each([
    // literals print as Go prints the constant's default type
    [
      "{{ 1 }}|{{ 1.0 }}|{{ 1e3 }}|{{ 0x10 }}|{{ 'a' }}|{{ -0.0 }}|{{ 1e21 }}",
      '1|1|1000|16|97|-0|1e+21',
    ],
    [
      '{{ 1e6 }}|{{ 123456.5 }}|{{ 0.0001 }}|{{ 0.00001 }}|{{ 1_000 }}',
      '1e+06|123456.5|0.0001|1e-05|1000',
    ],
    ['{{ "a\\tb" }}|{{ `a\\tb` }}|{{ "\\u00e9\\xc3\\xa9" }}|{{ true }}', 'a\tb|a\\tb|éé|true'],
    // trim markers and comments
    ['a  {{- 1 -}}  b', 'a1b'],
    ['{{ 1 }} {{- /* c */ -}} x', '1x'],
    ['a{{/* hi */}}b', 'ab'],
    ['x {{-3}}', 'x -3'],
    ['{{ 1  -}}   {{- 2 }}', '12'],
    ['a {{- "\t" -}} b', 'a\tb'],
    ['a\n  {{- "b" }}\n', 'ab\n'],
    // variables and scope
    ['{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '2'],
    ['{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}', '21'],
    ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['{{ $.N }}{{ with .M }}{{ $.N }}{{ .a }}{{ end }}', '221'],
    // fields
    ['{{ .M.a }}|{{ .M.zz }}|{{ .N }}|{{ .F }}|{{ .M }}', '1||2|1.5|map[a:1 b:2]'],
    ['{{ .S }}|{{ .Empty }}|{{ . }}', '[1 2 3]|[]|{map[a:1 b:2] 2 [1 2 3] [] 1.5 abc}'],
    // if / else if / with / else with
    ['{{ if eq .N 1 }}one{{ else if eq .N 2 }}two{{ else }}many{{ end }}', 'two'],
    [
      '{{ if .Empty }}y{{ else }}n{{ end }}{{ if .M }}y{{ end }}{{ if .M.zz }}y{{ else }}n{{ end }}',
      'nyn',
    ],
    [
      '{{ if 0.0 }}y{{ else }}n{{ end }}{{ if "" }}y{{ else }}n{{ end }}{{ if . }}y{{ end }}',
      'nny',
    ],
    ['{{ with .M.a }}<{{ . }}>{{ end }}{{ with .M.zz }}x{{ else }}none{{ end }}', '<1>none'],
    ['{{ with .M.zz }}a{{ else with .M.a }}b{{ . }}{{ end }}', 'b1'],
    ['{{ with $x := .M.b }}{{ $x }}{{ . }}{{ end }}', '22'],
    // range
    ['{{ range $k, $v := .M }}{{ $k }}={{ $v }};{{ end }}', 'a=1;b=2;'],
    ['{{ range .M }}{{ . }}{{ end }}', '12'],
    ['{{ range $i, $e := .S }}{{ $i }}:{{ $e }} {{ end }}', '0:1 1:2 2:3 '],
    ['{{ range $e := .S }}{{ $e }}{{ end }}', '123'],
    ['{{ $i := 9 }}{{ $e := 9 }}{{ range $i, $e = .S }}{{ end }}{{ $i }}{{ $e }}', '23'],
    ['{{ range .Empty }}x{{ else }}empty{{ end }}', 'empty'],
    ['{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}none{{ end }}', '012|none'],
    ['{{ range .S }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', '13'],
    ['{{ range .S }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}', '1'],
    ['{{ range .S }}{{ range $.S }}{{ break }}{{ end }}{{ . }}{{ end }}', '123'],
    // templates
    ['{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" 5 }}{{ template "t" }}', '[5][<no value>]'],
    ['{{ block "b" .N }}<{{ . }}>{{ end }}', '<2>'],
    ['{{ define "t" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "t" .N }}', '2'],
    // builtins: logic and comparison
    [
      '{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 "" "x" }}|{{ or 0 "" }}|{{ not 0 }}|{{ not "x" }}',
      '0|2|x||true|false',
    ],
    ['{{ and .M.zz .Nope }}|{{ or .N .Nope }}', '|2'],
    [
      '{{ eq 1 1 }}{{ eq "a" "b" "a" }}{{ ne 1 2 }}{{ eq .N 2 }}{{ eq .M.a "1" }}',
      'truetruetruetruetrue',
    ],
    [
      '{{ lt 1 2 }}{{ lt "a" "b" }}{{ lt 1.5 2.5 }}{{ gt 2 1 }}{{ ge 1 1 }}{{ le 2 1 }}',
      'truetruetruetruetruefalse',
    ],
    // builtins: len, index, slice
    ['{{ len "héllo" }}|{{ len .M }}|{{ len .S }}|{{ len .Empty }}', '6|2|3|0'],
    ['{{ index .M "a" }}|{{ index .M "zz" }}|{{ index "abc" 1 }}|{{ index .S 2 }}', '1||98|3'],
    [
      '{{ slice "abcdef" 1 3 }}|{{ slice .S 1 }}|{{ slice .S }}|{{ slice "abc" 3 }}',
      'bc|[2 3]|[1 2 3]|',
    ],
    // builtins: printing and escaping
    ['{{ print 1 2 "a" "b" 3 }}|{{ print }}|{{ print nil }}', '1 2ab3||<nil>'],
    ['{{ println 1 "a" }}', '1 a\n'],
    ['{{ printf "%d-%s-%v-%5.2f" 3 "x" .M .F }}', '3-x-map[a:1 b:2]- 1.50'],
    ['{{ printf "%s %d" .F "x" }}', '%!s(float64=1.5) %!d(string=x)'],
    [
      '{{ html "<a href=\'x\'>&\\"" }}|{{ html 1 "<" }}',
      '&lt;a href=&#39;x&#39;&gt;&amp;&#34;|1&lt;',
    ],
    ['{{ js "a\'b\\"<>&=\\n é" }}', 'a\\\'b\\"\\u003C\\u003E\\u0026\\u003D\\u000A é'],
    ['{{ urlquery "a b&c" }}|{{ "x" | urlquery }}', 'a+b%26c|x'],
    // pipelines pass the value as the last argument
    [
      '{{ "abc" | len }}|{{ "%d" | printf "%s|%s" "x" }}|{{ .S | len | printf "%03d" }}',
      '3|x|%d|003',
    ],
    ['{{ (len .S) }}|{{ (index .M "a") }}|{{ ("x" | printf "%q") }}', '3|1|"x"'],
  ])('%s', (text, output) => {
    expect(run(text)).toBe(output);
  });

  it.each([
    [
      '{{ eq 1.0 1 }}',
      '1:3: executing "x" at <eq 1.0 1>: error calling eq: incompatible types for comparison: float64 and int',
    ],
    [
      '{{ eq .F 1 }}',
      '1:3: executing "x" at <eq .F 1>: error calling eq: incompatible types for comparison: float64 and int',
    ],
    ['{{ lt 1 "a" }}', 'error calling lt: incompatible types for comparison: int and string'],
    ['{{ lt true false }}', 'error calling lt: invalid type for comparison'],
    ['{{ lt .M .M }}', 'error calling lt: invalid type for comparison'],
    ['{{ eq .M .M }}', 'error calling eq: non-comparable type map[a:1 b:2]: map[string]string'],
    ['{{ eq 1 }}', 'error calling eq: missing argument for comparison'],
    ['{{ and }}', 'at <and>: wrong number of args for and: want at least 1 got 0'],
    ['{{ len 3 }}', 'error calling len: len of type int'],
    ['{{ index .S 5 }}', 'error calling index: index out of range: 5'],
    ['{{ index .S 3 }}', 'error calling index: reflect: slice index out of range'],
    ['{{ index .S "a" }}', 'error calling index: cannot index slice/array with type string'],
    ['{{ index .M 1 }}', 'error calling index: value has type int; should be string'],
    ['{{ index 1 1 }}', "error calling index: can't index item of type int"],
    ['{{ slice .S 2 1 }}', 'error calling slice: invalid slice index: 2 > 1'],
    ['{{ printf }}', 'wrong number of args for printf: want at least 1 got 0'],
    ['{{ printf 1 }}', 'at <1>: expected string; found 1'],
    ['{{ .F | printf }}', 'wrong type for value; expected string; got float64'],
    ['{{ not }}', 'wrong number of args for not: want 1 got 0'],
    ['{{ not 1 2 }}', 'wrong number of args for not: want 1 got 2'],
    ['{{ "a" "b" }}', 'at <"a">: can\'t give argument to non-function "a"'],
    ['{{ 1 | len | "x" }}', 'non executable command in pipeline stage 3'],
    ['{{ nil }}', 'at <nil>: nil is not a command'],
    ['{{ .Foo }}', "at <.Foo>: can't evaluate field Foo in type main.data"],
    ['{{ .M.a.b }}', "at <.M.a.b>: can't evaluate field b in type string"],
    ['{{ .M.a 1 }}', 'a is not a method but has arguments'],
    ['{{ .N 1 }}', 'N has arguments but cannot be invoked as function'],
    ['{{ $x := 1 }}{{ $x.Foo }}', "can't evaluate field Foo in type int"],
    ['{{ range .F }}{{ end }}', "range can't iterate over 1.5"],
    ['{{ range .Str }}{{ end }}', "range can't iterate over abc"],
    ['{{ range $i, $x := 3 }}{{ end }}', "can't use 3 to iterate over more than one variable"],
    ['{{ template "nope" }}', 'at <{{template "nope"}}>: template "nope" not defined'],
    ['{{ call .N }}', 'error calling call: non-function .N of type int'],
  ])('fails: %s', (text, message) => {
    expect(run(text)).toContain(message);
  });

  it.each([
    // With nil data, a missing field is Go's invalid value, not an error (missingkey=zero).
    ['{{ .Nope }}|{{ .Nope.Deeper }}', '<no value>|<no value>'],
    ['{{ eq .Nope "x" }}|{{ eq .Nope .Nope2 }}|{{ not .Nope }}', 'false|true|true'],
    [
      '{{ print .Nope }}|{{ printf "%v %d" .Nope .Nope }}|{{ html .Nope }}',
      '<nil>|<nil> %!d(<nil>)|&lt;no value&gt;',
    ],
    [
      '{{ len .Nope }}',
      'ERROR template: x:1:3: executing "x" at <len .Nope>: error calling len: reflect: call of reflect.Value.Type on zero Value',
    ],
    [
      '{{ index .Nope 1 }}',
      'ERROR template: x:1:3: executing "x" at <index .Nope 1>: error calling index: index of untyped nil',
    ],
    [
      '{{ call .Nope }}',
      'ERROR template: x:1:3: executing "x" at <call .Nope>: error calling call: call of nil',
    ],
    ['{{ .Nope | printf "%s" }}', '%!s(<nil>)'],
    [
      '{{ .Nope | len }}',
      'ERROR template: x:1:11: executing "x" at <len>: error calling len: reflect: call of reflect.Value.Type on zero Value',
    ],
    [
      '{{ .Nope | printf }}',
      'ERROR template: x:1:11: executing "x" at <printf>: invalid value; expected string',
    ],
  ])('with nil data: %s', (text, output) => {
    expect(runWith(text, undefined)).toBe(output);
  });

  it('reports positions as Go does: byte columns, the line of the node', () => {
    expect(run('é{{ humanize "x" }}')).toMatch(
      /^ERROR template: x:1:5: executing "x" at <humanize "x">/,
    );
    expect(run('line one\n  {{ humanize "x" }}')).toMatch(
      /^ERROR template: x:2:5: executing "x" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax$/,
    );
    // A variable with fields is positioned at its first field, as Go's parser does.
    expect(run('{{ $x := .M }}{{ $x.a.b }}')).toBe(
      `ERROR template: x:1:19: executing "x" at <$x.a.b>: can't evaluate field b in type string`,
    );
    // The called template's name is in the message; the location is the parse name.
    expect(run('{{ define "t" }}{{ len 1 }}{{ end }}{{ template "t" }}')).toBe(
      'ERROR template: x:1:19: executing "t" at <len 1>: error calling len: len of type int',
    );
  });

  it('puts the line on execution errors', () => {
    try {
      executeTemplate(parseTemplate('a\nb {{ len 1 }}', 'x'), undefined);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).line).toBe(2);
      expect((err as TemplateError).phase).toBe('exec');
    }
  });

  it('names types as Go does in alert data', () => {
    const data = alertTemplateData({ labels: { job: 'api' }, value: 1.5 });
    expect(run('{{ .Value.Foo }}', data)).toBe(
      `ERROR template: x:1:9: executing "x" at <.Value.Foo>: can't evaluate field Foo in type interface {}`,
    );
    expect(run('{{ .Nope }}', data)).toBe(
      'ERROR template: x:1:3: executing "x" at <.Nope>: can\'t evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }',
    );
    expect(run('{{ . }}', data)).toBe('{map[job:api] map[]  1.5}');
  });

  it("stops runaway recursion with Go's message", () => {
    expect(run('{{ define "t" }}{{ template "t" }}{{ end }}{{ template "t" }}')).toMatch(
      /exceeded maximum template depth \(100000\)/,
    );
  });
});
