/**
 * Alert template expansion as Prometheus's rule manager does it (`rules/alerting.go`): the prelude
 * that defines `$labels` and friends, the `__alert_<name>` template name, and the exact text that
 * replaces an annotation when expansion fails. The prelude is 112 characters long, so Go's columns
 * on line 1 are the user's plus 112.
 */
import { describe, expect, it } from 'vitest';
import { InternalError } from '../../errors.js';
import {
  ALERT_TEMPLATE_PRELUDE,
  expandTemplate,
  parseAlertTemplate,
  renderAlertTemplate,
} from './index.js';
import type { AlertTemplateData, QuerySample } from './index.js';

const DATA: AlertTemplateData = {
  labels: { __name__: 'up', job: 'api', instance: 'web-1.example.com:9100', severity: 'critical' },
  externalLabels: { env: 'prod' },
  externalURL: 'http://prom.example.com:9090',
  value: 0.1234,
};

const expand = (text: string, data: Partial<AlertTemplateData> = {}): string =>
  expandTemplate(text, { ...DATA, ...data }, { alertName: 'Down' });

describe('expandTemplate', () => {
  it('has the prelude Prometheus prepends', () => {
    expect(ALERT_TEMPLATE_PRELUDE).toHaveLength(112);
  });

  it.each<[string, Partial<AlertTemplateData>, string]>([
    ['{{ $labels.job }} is down', {}, 'api is down'],
    ['{{ .Labels.job }}|{{ $labels.missing }}|{{ index $labels "job" }}', {}, 'api||api'],
    ['{{ $value }}|{{ .Value }}', { value: 1.5 }, '1.5|1.5'],
    ['{{ $value }}', { value: 1e6 }, '1e+06'],
    ['{{ $value }}|{{ $value | humanize }}', { value: NaN }, 'NaN|NaN'],
    ['{{ $value }}|{{ $value | humanize }}', { value: -Infinity }, '-Inf|-Inf'],
    ['{{ $value | humanizePercentage }}', {}, '12.34%'],
    ['{{ $value | humanize }}B', { value: 123456789 }, '123.5MB'],
    ['{{ printf "%.2f" $value }}', {}, '0.12'],
    ['{{ $externalLabels.env }} {{ $externalURL }}', {}, 'prod http://prom.example.com:9090'],
    [
      '{{ $labels.instance | stripPort }} {{ $labels.instance | stripDomain }}',
      {},
      'web-1.example.com web-1:9100',
    ],
    ['{{ if gt $value 0.1 }}high{{ else }}low{{ end }}', {}, 'high'],
    ['{{ if eq $labels.severity "critical" }}page{{ end }}', {}, 'page'],
    [
      '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}',
      {},
      '__name__=up instance=web-1.example.com:9100 job=api severity=critical ',
    ],
    ['{{ $labels }}', { labels: { b: '2', a: '1' } }, 'map[a:1 b:2]'],
    ['{{ $labels.job | toUpper }}', { labels: [{ name: 'job', value: 'db' }] }, 'DB'],
    ['{{- /* trimmed */ -}}\n  {{ $labels.job -}}\n', {}, 'api'],
    ['{{ $labels.job | reReplaceAll "^(a)p(i)$" "$1-$2" | title }}', {}, 'A-I'],
  ])('%s', (text, data, output) => {
    expect(expand(text, data)).toBe(output);
  });

  it.each([
    [
      '{{ humanize "x" }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:115: executing "__alert_Down" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax>',
    ],
    [
      'first line\n  {{ humanize "x" }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:2:5: executing "__alert_Down" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax>',
    ],
    [
      '{{ if eq $value 1 }}one{{ end }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:118: executing "__alert_Down" at <eq $value 1>: error calling eq: incompatible types for comparison: float64 and int>',
    ],
    [
      '{{ $value | toUpper }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:124: executing "__alert_Down" at <toUpper>: wrong type for value; expected string; got float64>',
    ],
    [
      '{{ .Value.Foo }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:121: executing "__alert_Down" at <.Value.Foo>: can\'t evaluate field Foo in type interface {}>',
    ],
    [
      '{{ $labels.job.x }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:122: executing "__alert_Down" at <$labels.job.x>: can\'t evaluate field x in type string>',
    ],
    [
      '{{ pathPrefix }}',
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:115: executing "__alert_Down" at <pathPrefix>: error calling pathPrefix: runtime error: invalid memory address or nil pointer dereference>',
    ],
    [
      '{{ .Foo',
      '<error expanding template: error parsing template __alert_Down: template: __alert_Down:1: unclosed action>',
    ],
    [
      '{{ $labels.job | nosuch }}',
      '<error expanding template: error parsing template __alert_Down: template: __alert_Down:1: function "nosuch" not defined>',
    ],
    [
      'ok\n{{ end }}',
      '<error expanding template: error parsing template __alert_Down: template: __alert_Down:2: unexpected {{end}}>',
    ],
  ])('puts the failure of %j into the annotation', (text, annotation) => {
    expect(expand(text)).toBe(annotation);
  });

  it('runs queries through the host at the evaluation time', () => {
    const samples: QuerySample[] = [
      { labels: { __name__: 'up', instance: 'b' }, value: 0 },
      { labels: { __name__: 'up', instance: 'a' }, value: 1 },
    ];
    const queries: string[] = [];
    const text =
      '{{ range query "up" | sortByLabel "instance" }}{{ .Labels.instance }}={{ .Value }} {{ end }}{{ now | humanizeTimestamp }}';
    const out = expandTemplate(text, DATA, {
      alertName: 'Down',
      timeMs: 1_700_000_000_000,
      query: (expr) => {
        queries.push(expr);
        return samples;
      },
    });
    expect(out).toBe('a=1 b=0 2023-11-14 22:13:20 +0000 UTC');
    expect(queries).toEqual(['up']);
  });

  it('uses the external URL for pathPrefix and externalURL when there is one', () => {
    const options = { alertName: 'Down', externalURL: 'https://prom.example.com/prom%20x/' };
    expect(expandTemplate('{{ pathPrefix }} {{ externalURL }}', DATA, options)).toBe(
      '/prom x/ https://prom.example.com/prom%20x/',
    );
  });

  it('takes the name and the prelude from the options', () => {
    expect(expandTemplate('{{ .Foo', DATA, { name: 'custom' })).toBe(
      '<error expanding template: error parsing template custom: template: custom:1: unclosed action>',
    );
    expect(expandTemplate('{{ $labels }}', DATA, { prelude: false })).toBe(
      '<error expanding template: error parsing template template: template: template:1: undefined variable "$labels">',
    );
    expect(expandTemplate('{{ .Labels.job }}', DATA, { prelude: false })).toBe('api');
  });

  it('wraps bugs and host failures it cannot attribute to the template as InternalError', () => {
    const broken = (): never => {
      throw new TypeError('boom');
    };
    // A query failure is the template's error; anything else escaping is a bug.
    expect(expand('{{ query "x" }}')).toContain('error calling query: runtime error');
    expect(() =>
      expandTemplate('{{ $labels.job }}', { ...DATA, labels: new Proxy({}, { ownKeys: broken }) }),
    ).toThrow(InternalError);
  });
});

describe('renderAlertTemplate', () => {
  it('expands a template parsed once for many alerts', () => {
    const template = parseAlertTemplate('{{ $labels.instance }}: {{ $value | humanize }}', 'Down');
    expect(renderAlertTemplate(template, { labels: { instance: 'a' }, value: 1234 })).toBe(
      'a: 1.234k',
    );
    expect(renderAlertTemplate(template, { labels: { instance: 'b' }, value: 0.5 })).toBe(
      'b: 500m',
    );
  });
});
