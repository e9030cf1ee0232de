/**
 * Every check, on what it must flag and what it must not. Each case lints a few files in memory
 * with only the check under test, with settings written as a `.drygate.yml` would hold them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS, CHECK_IDS } from '../check.js';
import { DEFAULT_CONFIG, parseLintConfig } from '../config.js';
import { renderHuman } from '../report/human.js';
import { lintTexts } from '../run.js';

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The `lint:` section (and `heartbeat:`), as YAML. */
  readonly config?: string;
  /** For flagged cases: how many problems, and the line of the first. */
  readonly count?: number;
  readonly line?: number;
  /** A piece of the first problem's summary. */
  readonly says?: string;
}

interface CheckCases {
  readonly flag: readonly Case[];
  readonly pass: readonly Case[];
}

/** A rule file with one group `g` and the given rules (YAML, indented as list items of rules). */
const rules = (body: string, header = ''): string =>
  `groups:\n  - name: g\n${header}    rules:\n${body
    .trim()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\n`;
const REQUIRE = 'lint:\n  require:\n    metric_realm: prod\n';
const one = (text: string): Record<string, string> => ({ 'rules.yml': text });

const CASES: Readonly<Record<string, CheckCases>> = {
  'input/parse': {
    flag: [
      {
        name: 'a recording rule with for',
        files: one(rules('- record: a:b:c\n  expr: up\n  for: 5m')),
        line: 6,
        says: "invalid field 'for'",
      },
      {
        name: 'YAML syntax',
        files: one('groups:\n  - name: g\n   rules: [\n'),
        says: 'invalid YAML',
      },
      {
        name: 'a unit-test file with an unknown key',
        files: { 't.yml': 'rule_files: [r.yml]\ntests:\n  - interval: 1m\n    inputs: []\n' },
        line: 4,
      },
      {
        name: 'a textfile that is not the exposition format',
        files: { 'hb.prom': 'duri_textfile_heartbeat_ts{metric_realm="prod" 1\n' },
      },
      {
        name: 'a gate spec whose gates is not a list',
        files: { 'gates.yml': 'apiVersion: drygate/v1\nname: x\ngates: 3\n' },
        line: 3,
      },
    ],
    pass: [
      { name: 'a valid rule file', files: one(rules('- record: a:b:c\n  expr: up')) },
      {
        name: 'a valid textfile',
        files: { 'hb.prom': '# TYPE x gauge\nx{metric_realm="prod"} 1\n' },
      },
    ],
  },
  'promql/syntax': {
    flag: [
      {
        name: 'an unclosed parenthesis in a rule',
        files: one(rules('- record: a:b:c\n  expr: sum(up')),
        line: 5,
        says: 'unclosed left parenthesis',
      },
      {
        name: 'a gate query',
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: up{\n    condition: == 1\n',
        },
        line: 5,
      },
      {
        name: 'a unit-test expression',
        files: {
          't.yml':
            'rule_files: []\ntests:\n  - interval: 1m\n    promql_expr_test:\n      - expr: rate(x[5m]\n        eval_time: 0m\n',
        },
        line: 5,
      },
    ],
    pass: [{ name: 'a valid expression', files: one(rules('- record: a:b:c\n  expr: sum(up)')) }],
  },
  'label/required-matcher': {
    flag: [
      {
        name: 'a bare selector',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: sum(up)')),
        line: 5,
        says: 'add metric_realm="prod"',
      },
      {
        name: 'a selector with other matchers',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: up{job="a"}')),
        says: 'has no metric_realm matcher',
      },
      {
        name: 'a wrong value',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: up{metric_realm="staging"}')),
        says: 'not metric_realm="prod"',
      },
      {
        name: 'a regex that also matches staging',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: up{metric_realm=~"prod|staging"}')),
        says: 'matches metric_realm=~"prod|staging"',
      },
      {
        name: 'a negative matcher',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: up{metric_realm!="staging"}')),
      },
      {
        name: 'the selector inside absent()',
        config: REQUIRE,
        files: one(rules('- alert: A\n  expr: absent(up)')),
      },
      {
        name: 'each selector of a binary expression',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: a / b')),
        count: 2,
      },
      {
        name: 'a gate query',
        config: REQUIRE,
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: up\n    condition: == 1\n',
        },
        line: 5,
      },
      {
        name: 'a gate spec that injects another realm',
        config: REQUIRE,
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: staging\ngates:\n  - name: a\n    query: up\n    condition: == 1\n',
        },
        line: 4,
        says: 'injects metric_realm="staging"',
      },
      {
        name: 'a gate query that contradicts the injected matcher',
        config: REQUIRE,
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: prod\ngates:\n  - name: a\n    query: up{metric_realm="staging"}\n    condition: == 1\n',
        },
        line: 7,
        says: 'the gate refuses this query',
      },
      {
        name: 'a recorded series that keeps the label',
        config: REQUIRE,
        files: one(
          rules(
            '- record: a:b:c\n  expr: sum by (metric_realm) (up{metric_realm="prod"})\n- alert: A\n  expr: a:b:c == 0',
          ),
        ),
        line: 7,
      },
      {
        name: '--require on the command line style (per pattern)',
        config:
          'lint:\n  require:\n    - label: metric_realm\n      value: prod\n      metrics: "duri_.*"\n',
        files: one(rules('- record: a:b:c\n  expr: duri_x + up')),
        count: 1,
      },
    ],
    pass: [
      {
        name: 'the matcher with the value',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: sum(up{metric_realm="prod"})')),
      },
      {
        name: 'a regex that matches only prod',
        config: REQUIRE,
        files: one(rules('- record: a:b:c\n  expr: up{metric_realm=~"^(prod)$"}')),
      },
      {
        name: 'vector() and time() have no selectors',
        config: REQUIRE,
        files: one(rules('- alert: A\n  expr: vector(1) > time()')),
      },
      {
        name: 'absent() of a selector with the matcher',
        config: REQUIRE,
        files: one(rules('- alert: A\n  expr: absent(up{metric_realm="prod"})')),
      },
      {
        name: 'a recorded series aggregated without the label',
        config: REQUIRE,
        files: one(
          rules(
            '- record: job:up:sum\n  expr: sum by (job) (up{metric_realm="prod"})\n- alert: A\n  expr: job:up:sum == 0',
          ),
        ),
      },
      {
        name: 'an exempt metric',
        config:
          'lint:\n  require:\n    - label: metric_realm\n      value: prod\n      except: [up]\n',
        files: one(rules('- alert: A\n  expr: up == 0')),
      },
      {
        name: 'a gate spec that injects the matcher',
        config: REQUIRE,
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: prod\ngates:\n  - name: a\n    query: up\n    condition: == 1\n',
        },
      },
      { name: 'no requirement configured', files: one(rules('- record: a:b:c\n  expr: up')) },
      {
        name: 'unit-test expressions',
        config: REQUIRE,
        files: {
          't.yml':
            'rule_files: []\ntests:\n  - interval: 1m\n    promql_expr_test:\n      - expr: up\n        eval_time: 0m\n',
        },
      },
    ],
  },
  'label/realm-consistency': {
    flag: [
      {
        name: 'a gate require against the required matcher',
        config: 'lint:\n  require:\n    metric_realm: prod\n  disable: []\n',
        files: {
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: staging\ngates: []\n',
        },
        line: 4,
        says: 'but the required matcher says "prod"',
      },
      {
        name: 'a textfile against the heartbeat config',
        config: 'heartbeat:\n  realm: prod\n',
        files: {
          'hb.prom':
            '# TYPE duri_textfile_heartbeat_ts gauge\nduri_textfile_heartbeat_ts{metric_realm="staging"} 1\n',
        },
        line: 2,
      },
      {
        name: 'a rule label against the heartbeat config',
        config: 'heartbeat:\n  realm: prod\n',
        files: one(rules('- record: a:b:c\n  expr: up\n  labels:\n    metric_realm: staging')),
        line: 7,
      },
      {
        name: 'unit tests without any series in the realm',
        config: REQUIRE,
        files: {
          't.yml':
            'rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n      - series: up{metric_realm="staging"}\n        values: 1x3\n',
        },
        line: 5,
        says: 'no input series',
      },
      {
        name: 'a scrape target against the majority',
        files: {
          'targets.yml': '- targets: [a:9100]\n  labels:\n    metric_realm: staging\n',
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: prod\ngates: []\n',
          'b.yml': rules('- record: a:b:c\n  expr: up{metric_realm="prod"}'),
        },
        line: 3,
      },
    ],
    pass: [
      {
        name: 'everything prod',
        config: 'lint:\n  require:\n    metric_realm: prod\nheartbeat:\n  realm: prod\n',
        files: {
          'hb.prom': '# TYPE x gauge\nx{metric_realm="prod"} 1\n',
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\nrequire:\n  metric_realm: prod\ngates: []\n',
          't.yml':
            'rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n      - series: up{metric_realm="prod"}\n        values: 1x3\n',
        },
      },
      {
        name: 'unit tests that also feed staging (to show it is ignored)',
        config: REQUIRE,
        files: {
          't.yml':
            'rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n      - series: up{metric_realm="prod"}\n        values: 1x3\n      - series: up{metric_realm="staging"}\n        values: 1x3\n',
        },
      },
      { name: 'no realm anywhere', files: one(rules('- record: a:b:c\n  expr: up')) },
    ],
  },
  'promql/rate-on-non-counter': {
    flag: [
      {
        name: 'a gauge name',
        files: one(rules('- record: a:b:c\n  expr: rate(node_memory_free_bytes[5m])')),
        line: 5,
        says: 'use deriv()',
      },
      {
        name: 'increase over a gauge',
        files: one(rules('- record: a:b:c\n  expr: increase(temperature[5m])')),
        says: 'use delta()',
      },
      {
        name: 'a _total declared a gauge',
        config: 'lint:\n  gauges: [odd_total]\n',
        files: one(rules('- record: a:b:c\n  expr: rate(odd_total[5m])')),
        says: 'declared a gauge',
      },
      {
        name: 'a textfile that declares it a gauge',
        files: {
          'hb.prom': '# TYPE duri_textfile_heartbeat_ts gauge\nduri_textfile_heartbeat_ts 1\n',
          ...one(rules('- record: a:b:c\n  expr: rate(duri_textfile_heartbeat_ts[5m])')),
        },
      },
      {
        name: 'a recorded series',
        files: one(
          rules(
            '- record: job:x:sum\n  expr: sum(x_total)\n- record: a:b:c\n  expr: rate(job:x:sum[5m])',
          ),
        ),
        says: 'recorded by a rule',
      },
    ],
    pass: [
      {
        name: 'a _total counter',
        files: one(rules('- record: a:b:c\n  expr: rate(http_requests_total[5m])')),
      },
      {
        name: 'histogram buckets',
        files: one(rules('- record: a:b:c\n  expr: rate(latency_seconds_bucket[5m])')),
      },
      {
        name: 'a counter declared in lint.counters',
        config: 'lint:\n  counters: [duri_textfile_heartbeat_seq]\n',
        files: one(rules('- record: a:b:c\n  expr: rate(duri_textfile_heartbeat_seq[5m])')),
      },
      {
        name: 'a counter declared by a textfile',
        files: {
          'hb.prom': '# TYPE duri_textfile_heartbeat_seq counter\nduri_textfile_heartbeat_seq 1\n',
          ...one(rules('- record: a:b:c\n  expr: rate(duri_textfile_heartbeat_seq[5m])')),
        },
      },
      {
        name: 'deriv over a gauge',
        files: one(rules('- record: a:b:c\n  expr: deriv(node_memory_free_bytes[5m])')),
      },
    ],
  },
  'promql/counter-without-rate': {
    flag: [
      {
        name: 'compared raw',
        files: one(rules('- alert: A\n  expr: errors_total > 10')),
        line: 5,
        says: 'use rate(errors_total',
      },
      {
        name: 'arithmetic through sum()',
        files: one(rules('- record: a:b:c\n  expr: sum(errors_total) / sum(requests_total)')),
        count: 2,
      },
      {
        name: 'a declared counter',
        config: 'lint:\n  counters: [duri_textfile_heartbeat_seq]\n',
        files: one(rules('- alert: A\n  expr: duri_textfile_heartbeat_seq > 0')),
      },
    ],
    pass: [
      {
        name: 'through rate()',
        files: one(rules('- alert: A\n  expr: rate(errors_total[5m]) > 1')),
      },
      {
        name: 'a set operator',
        files: one(rules('- alert: A\n  expr: up == 0 and on (job) errors_total')),
      },
      {
        name: 'a manual increase with offset',
        files: one(rules('- record: a:b:c\n  expr: errors_total - errors_total offset 1h')),
      },
      {
        name: 'counting series',
        files: one(rules('- record: a:b:c\n  expr: count(errors_total) > 1')),
      },
      {
        name: 'timestamp()',
        files: one(rules('- record: a:b:c\n  expr: time() - timestamp(errors_total)')),
      },
    ],
  },
  'promql/range-too-short': {
    flag: [
      {
        name: 'under 4 intervals of the default 1m',
        files: one(rules('- record: a:b:c\n  expr: rate(x_total[2m])')),
        line: 5,
        says: 'use at least [4m]',
      },
      {
        name: 'under 4 intervals of a configured 30s',
        config: 'lint:\n  scrape_interval: 30s\n',
        files: one(rules('- record: a:b:c\n  expr: changes(x[1m])')),
      },
      {
        name: 'the configured interval wins over a prometheus.yml',
        config: 'lint:\n  scrape_interval: 1m\n',
        files: {
          'prometheus.yml': 'global:\n  scrape_interval: 15s\n',
          ...one(rules('- record: a:b:c\n  expr: rate(x_total[1m])')),
        },
      },
    ],
    pass: [
      {
        name: 'exactly 4 intervals',
        files: one(rules('- record: a:b:c\n  expr: rate(x_total[4m])')),
      },
      {
        name: 'a short range with a short scrape interval',
        config: 'lint:\n  scrape_interval: 15s\n',
        files: one(rules('- record: a:b:c\n  expr: rate(x_total[1m])')),
      },
      {
        name: 'the interval of a prometheus.yml among the inputs',
        files: {
          'prometheus.yml': 'global:\n  scrape_interval: 15s\nscrape_configs: []\n',
          ...one(rules('- record: a:b:c\n  expr: rate(x_total[1m])')),
        },
      },
      {
        name: 'a subquery range is not a selector range',
        files: one(rules('- record: a:b:c\n  expr: max_over_time(x[1m:10s])')),
      },
    ],
  },
  'promql/fragile-absent': {
    flag: [
      {
        name: 'absent over sum',
        files: one(rules('- alert: A\n  expr: absent(sum(up{job="a"}))')),
        line: 5,
        says: 'put absent() around the selector',
      },
      {
        name: 'absent over a binary operation',
        files: one(rules('- alert: A\n  expr: absent(up{job="a"} == 1)')),
      },
      {
        name: 'absent_over_time over a subquery of an aggregation',
        files: one(rules('- alert: A\n  expr: absent_over_time(sum(up)[5m:])')),
      },
    ],
    pass: [
      {
        name: 'absent over a selector',
        files: one(rules('- alert: A\n  expr: absent(up{job="a"})')),
      },
      {
        name: 'absent_over_time over a range',
        files: one(rules('- alert: A\n  expr: absent_over_time(up{job="a"}[5m])')),
      },
    ],
  },
  'promql/regex-anchors': {
    flag: [
      {
        name: 'a leading ^',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"^api.*"}')),
        line: 5,
        says: 'job=~"api.*"',
      },
      {
        name: 'a trailing $ on a negative regex',
        files: one(rules('- record: a:b:c\n  expr: up{job!~"api$"}')),
      },
      {
        name: 'a leading ^ before an escaped dollar, which stays',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"^api\\\\$"}')),
        count: 1,
        says: 'write job=~"api\\\\$"',
      },
      {
        name: 'a trailing $ after an escaped backslash',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"api\\\\\\\\$"}')),
        says: 'write job=~"api\\\\\\\\"',
      },
    ],
    pass: [
      { name: 'no anchors', files: one(rules('- record: a:b:c\n  expr: up{job=~"api.*"}')) },
      {
        name: 'an escaped dollar',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"api\\\\$"}')),
      },
      {
        name: 'an equality matcher with ^',
        files: one(rules('- record: a:b:c\n  expr: up{job="^api"}')),
      },
    ],
  },
  'promql/regex-static': {
    flag: [
      {
        name: 'a literal regex',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"api"}')),
        line: 5,
        says: 'write job="api"',
      },
      {
        name: 'a negative literal regex',
        files: one(rules('- record: a:b:c\n  expr: up{job!~"api"}')),
        says: 'write job!="api"',
      },
      {
        name: 'an anchored literal ending in an escaped dollar',
        files: one(rules('- record: a:b:c\n  expr: up{job=~"^api\\\\$"}')),
        says: 'write job="api$"',
      },
    ],
    pass: [
      { name: 'an alternation', files: one(rules('- record: a:b:c\n  expr: up{job=~"api|web"}')) },
      { name: 'a wildcard', files: one(rules('- record: a:b:c\n  expr: up{job=~"api.*"}')) },
    ],
  },
  'promql/impossible': {
    flag: [
      {
        name: 'group by a label sum removed',
        files: one(rules('- record: a:b:c\n  expr: sum by (cluster) (sum(errors_total))')),
        line: 5,
        says: 'sum() has no cluster label',
      },
      {
        name: 'on() a label both sides lack',
        files: one(rules('- record: a:b:c\n  expr: sum(a) / on (cluster) sum(b)')),
        count: 2,
      },
      {
        name: 'a matcher on a label the recording rule dropped',
        files: one(
          rules(
            '- record: job:up:sum\n  expr: sum by (job) (up)\n- alert: A\n  expr: job:up:sum{instance="a"} == 0',
          ),
        ),
        line: 7,
      },
    ],
    pass: [
      {
        name: 'group by a kept label',
        files: one(
          rules('- record: a:b:c\n  expr: sum by (cluster) (sum by (cluster, job) (errors_total))'),
        ),
      },
      {
        name: 'on() a label both sides keep',
        files: one(
          rules(
            '- record: a:b:c\n  expr: sum by (cluster) (a) / on (cluster) sum by (cluster) (b)',
          ),
        ),
      },
      {
        name: 'a matcher on a kept label',
        files: one(
          rules(
            '- record: job:up:sum\n  expr: sum by (job) (up)\n- alert: A\n  expr: job:up:sum{job="a"} == 0',
          ),
        ),
      },
    ],
  },
  'rule/name-convention': {
    flag: [
      {
        name: 'a flat name',
        files: one(rules('- record: http_requests_rate\n  expr: up')),
        line: 4,
      },
      {
        name: 'against a configured pattern',
        config: "lint:\n  recording_rule_name: 'duri_[a-z_]+'\n",
        files: one(rules('- record: job:up:sum\n  expr: up')),
      },
    ],
    pass: [
      {
        name: 'level:metric:operations',
        files: one(rules('- record: job:http_requests:rate5m\n  expr: up')),
      },
      {
        name: 'a configured pattern',
        config: "lint:\n  recording_rule_name: 'duri_[a-z_]+'\n",
        files: one(rules('- record: duri_heartbeat_ok\n  expr: up')),
      },
      {
        name: 'alert names are not recording rules',
        files: one(rules('- alert: HeartbeatStale\n  expr: up == 0')),
      },
    ],
  },
  'rule/normalized-gate': {
    flag: [
      {
        name: 'a raw changes() named _ok',
        files: one(rules('- record: duri_heartbeat_ok\n  expr: changes(x[6m])')),
        line: 5,
        says: '[0, +Inf]',
      },
      {
        name: 'a sum named _pass',
        files: one(rules('- record: canary_pass\n  expr: sum(canary_success)')),
      },
      {
        name: 'the metric part of level:metric:operations',
        files: one(rules('- record: job:x_ok:max5m\n  expr: max by (job) (x)')),
      },
      { name: 'a filter without bool', files: one(rules('- record: x_ok\n  expr: x > 0')) },
      {
        name: 'clamp_max of a value that can be negative',
        files: one(rules('- record: x_ok\n  expr: clamp_max(delta(x[5m]), 1)')),
      },
    ],
    pass: [
      {
        name: 'a comparison with bool',
        files: one(rules('- record: x_ok\n  expr: (time() - x) < bool 120')),
      },
      {
        name: 'clamp_max of changes()',
        files: one(rules('- record: x_ok\n  expr: clamp_max(changes(x[6m]), 1)')),
      },
      {
        name: 'a product of 0/1 terms',
        files: one(
          rules('- record: x_ok\n  expr: clamp_max(changes(s[6m]), 1) * ((time() - t) < bool 120)'),
        ),
      },
      {
        name: 'min of another normalized rule',
        files: one(
          rules('- record: a_ok\n  expr: x > bool 0\n- record: b_ok\n  expr: min by (job) (a_ok)'),
        ),
      },
      { name: '1 - a 0/1 signal', files: one(rules('- record: y_pass\n  expr: 1 - (x > bool 0)')) },
      {
        name: 'clamp between 0 and 1',
        files: one(rules('- record: y_pass\n  expr: clamp(x, 0, 1)')),
      },
      { name: 'absent() is 1', files: one(rules('- record: y_pass\n  expr: absent(x)')) },
    ],
  },
  'rule/raw-vs-normalized': {
    flag: [
      {
        name: 'changes() == 1 in an alert',
        files: one(rules('- alert: A\n  expr: changes(x[6m]) == 1')),
        line: 5,
        says: 'use ">= 1"',
      },
      {
        name: 'a raw count rule == 1 in a gate condition',
        files: {
          ...one(rules('- record: duri_heartbeat_changes_6m\n  expr: changes(x[6m])')),
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: duri_heartbeat_changes_6m\n    condition: == 1\n',
        },
        says: 'compares duri_heartbeat_changes_6m',
      },
      {
        name: 'a level:metric:operations count rule in a gate',
        files: {
          ...one(rules('- record: job:x_changes:max6m\n  expr: max by (job) (changes(x[6m]))')),
          'gates.yml':
            'apiVersion: drygate/v1\nname: x\ngates:\n  - name: a\n    query: job:x_changes:max6m\n    condition: == 1\n',
        },
        line: 6,
      },
      {
        name: 'a raw series where a normalized rule exists',
        files: one(
          rules(
            '- record: x_changes_6m\n  expr: changes(x[6m])\n- record: x_ok\n  expr: x_changes_6m > bool 0\n- alert: A\n  expr: x_changes_6m < 1',
          ),
        ),
        line: 9,
        says: 'normalized form',
      },
    ],
    pass: [
      {
        name: 'a count compared with >= 1',
        files: one(rules('- alert: A\n  expr: changes(x[6m]) >= 1')),
      },
      {
        name: 'a normalized rule == 1',
        files: one(
          rules('- record: x_ok\n  expr: changes(x[6m]) > bool 0\n- alert: A\n  expr: x_ok == 1'),
        ),
      },
      {
        name: 'recording rules may read raw series',
        files: one(
          rules(
            '- record: x_changes_6m\n  expr: changes(x[6m])\n- record: x_ok\n  expr: x_changes_6m > bool 0',
          ),
        ),
      },
    ],
  },
  'rule/duplicate': {
    flag: [
      {
        name: 'same expression and labels',
        files: one(rules('- record: a:b:c\n  expr: sum(up)\n- record: a:b:d\n  expr: sum (up)')),
        line: 6,
        says: 'same expression and labels',
      },
      {
        name: 'same series, other expression',
        files: one(rules('- record: a:b:c\n  expr: sum(up)\n- record: a:b:c\n  expr: max(up)')),
        says: 'writes the same series',
      },
      {
        name: 'across files',
        files: {
          'a.yml': rules('- record: a:b:c\n  expr: sum(up)'),
          'b.yml': rules('- record: a:b:c\n  expr: sum(up)'),
        },
      },
    ],
    pass: [
      {
        name: 'same expression, other labels',
        files: one(
          rules(
            '- record: a:b:c\n  expr: sum(up)\n- record: a:b:c\n  expr: sum(up)\n  labels:\n    x: y',
          ),
        ),
      },
      {
        name: 'two alerts with one expression but other names',
        files: one(rules('- alert: A\n  expr: up == 0\n- alert: B\n  expr: up == 0')),
      },
    ],
  },
  'rule/missing-test': {
    flag: [
      {
        name: 'an untested alert and rule',
        files: {
          'r.yml': rules('- record: a:b:c\n  expr: up\n- alert: A\n  expr: up == 0'),
          't.yml': 'rule_files: [r.yml]\ntests: []\n',
        },
        count: 2,
      },
    ],
    pass: [
      { name: 'no test files given', files: one(rules('- record: a:b:c\n  expr: up')) },
      {
        name: 'tested directly and through a tested alert',
        files: {
          'r.yml': rules(
            '- record: a:b:c\n  expr: up\n- record: a:b:d\n  expr: a:b:c\n- alert: A\n  expr: a:b:d == 0',
          ),
          't.yml':
            'rule_files: [r.yml]\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - alertname: A\n        eval_time: 1m\n',
        },
      },
      {
        name: 'tested through a promql_expr_test',
        files: {
          'r.yml': rules('- record: a:b:c\n  expr: up'),
          't.yml':
            'rule_files: [r.yml]\ntests:\n  - interval: 1m\n    promql_expr_test:\n      - expr: a:b:c\n        eval_time: 1m\n',
        },
      },
    ],
  },
  'rule/dependency': {
    flag: [
      {
        name: 'reading a series recorded later in the group',
        files: one(
          rules('- record: x_ok\n  expr: x_fresh_ok\n- record: x_fresh_ok\n  expr: up > bool 0'),
        ),
        line: 5,
        says: 'recorded later in this group',
      },
      {
        name: 'a recording rule reading another group',
        files: one(
          'groups:\n  - name: a\n    rules:\n      - record: a:b:c\n        expr: up\n  - name: b\n    rules:\n      - record: a:b:d\n        expr: a:b:c\n',
        ),
        line: 9,
        says: 'move both rules into one group',
      },
    ],
    pass: [
      {
        name: 'producer first',
        files: one(
          rules('- record: x_fresh_ok\n  expr: up > bool 0\n- record: x_ok\n  expr: x_fresh_ok'),
        ),
      },
      {
        name: 'an alert reading another group',
        files: one(
          'groups:\n  - name: a\n    rules:\n      - record: a:b:c\n        expr: up\n  - name: b\n    rules:\n      - alert: A\n        expr: a:b:c == 0\n',
        ),
      },
    ],
  },
  'rule/label-required': {
    flag: [
      {
        name: 'an alert without severity',
        config: 'lint:\n  alert_labels: [severity]\n',
        files: one(rules('- alert: A\n  expr: up == 0')),
        line: 4,
      },
    ],
    pass: [
      {
        name: 'the label set',
        config: 'lint:\n  alert_labels: [severity]\n',
        files: one(rules('- alert: A\n  expr: up == 0\n  labels:\n    severity: page')),
      },
      {
        name: 'set by the group',
        config: 'lint:\n  alert_labels: [severity]\n',
        files: one(rules('- alert: A\n  expr: up == 0', '    labels:\n      severity: page\n')),
      },
      { name: 'not configured', files: one(rules('- alert: A\n  expr: up == 0')) },
    ],
  },
  'group/interval': {
    flag: [
      {
        name: 'a 10m interval',
        files: one(rules('- record: a:b:c\n  expr: up', '    interval: 10m\n')),
        line: 2,
        says: 'every 10m',
      },
    ],
    pass: [
      {
        name: 'a 5m interval',
        files: one(rules('- record: a:b:c\n  expr: up', '    interval: 5m\n')),
      },
      { name: 'the global interval', files: one(rules('- record: a:b:c\n  expr: up')) },
    ],
  },
  'alert/for-missing': {
    flag: [
      {
        name: 'absent() without for',
        files: one(rules('- alert: A\n  expr: absent(up{job="a"})')),
        line: 5,
        says: 'after a Prometheus restart',
      },
      {
        name: 'absent() with a for under 2 scrape intervals',
        files: one(rules('- alert: A\n  expr: absent(up{job="a"})\n  for: 1m')),
        says: 'under 2 scrape intervals',
      },
      {
        name: 'a raw selector compared',
        files: one(rules('- alert: A\n  expr: up == 0')),
        says: 'compares a single scrape',
      },
      { name: 'irate()', files: one(rules('- alert: A\n  expr: irate(x_total[5m]) > 1')) },
      { name: 'topk()', files: one(rules('- alert: A\n  expr: topk(3, rate(x_total[5m])) > 1')) },
      {
        name: 'arithmetic between aggregations',
        files: one(
          rules('- alert: A\n  expr: sum(rate(a_total[5m])) / sum(rate(b_total[5m])) > 0.1'),
        ),
      },
    ],
    pass: [
      { name: 'with for', files: one(rules('- alert: A\n  expr: up == 0\n  for: 5m')) },
      { name: 'a smoothed rate', files: one(rules('- alert: A\n  expr: rate(x_total[5m]) > 1')) },
      {
        name: 'a recorded series compared',
        files: one(rules('- record: x_ok\n  expr: up > bool 0\n- alert: A\n  expr: x_ok == 0')),
      },
    ],
  },
  'alert/template': {
    flag: [
      {
        name: 'a template that does not parse',
        files: one(
          rules('- alert: A\n  expr: up == 0\n  annotations:\n    summary: "{{ $labels.job "'),
        ),
        line: 7,
        says: 'template',
      },
      {
        name: 'a label the expression removes',
        files: one(
          rules(
            '- alert: A\n  expr: sum by (job) (up) == 0\n  annotations:\n    summary: "{{ $labels.instance }} down"',
          ),
        ),
        line: 7,
        says: 'returns no instance label',
      },
      {
        name: 'index $labels of a removed label',
        files: one(
          rules(
            '- alert: A\n  expr: sum(up) == 0\n  annotations:\n    summary: \'{{ index $labels "job" }}\'',
          ),
        ),
      },
      {
        name: '$value in a label',
        files: one(rules('- alert: A\n  expr: up == 0\n  labels:\n    value: "{{ $value }}"')),
        says: 'uses $value',
      },
    ],
    pass: [
      {
        name: 'a kept label',
        files: one(
          rules(
            '- alert: A\n  expr: sum by (job) (up) == 0\n  annotations:\n    summary: "{{ $labels.job }} {{ $value }}"',
          ),
        ),
      },
      {
        name: 'any label of a plain selector',
        files: one(
          rules(
            '- alert: A\n  expr: up == 0\n  annotations:\n    summary: "{{ .Labels.instance }}"',
          ),
        ),
      },
      {
        name: 'a label the rule sets',
        files: one(
          rules(
            '- alert: A\n  expr: sum(up) == 0\n  labels:\n    team: sre\n  annotations:\n    summary: "{{ $labels.team }}"',
          ),
        ),
      },
    ],
  },
  'alert/annotation-required': {
    flag: [
      {
        name: 'no summary',
        config: 'lint:\n  annotations: [summary]\n',
        files: one(rules('- alert: A\n  expr: up == 0')),
        line: 4,
      },
      {
        name: 'an empty runbook_url',
        config: 'lint:\n  annotations: [runbook_url]\n',
        files: one(rules('- alert: A\n  expr: up == 0\n  annotations:\n    runbook_url: ""')),
        says: 'an empty runbook_url',
      },
    ],
    pass: [
      {
        name: 'present',
        config: 'lint:\n  annotations: [summary]\n',
        files: one(rules('- alert: A\n  expr: up == 0\n  annotations:\n    summary: down')),
      },
      { name: 'not configured', files: one(rules('- alert: A\n  expr: up == 0')) },
    ],
  },
  'alert/comparison': {
    flag: [
      {
        name: 'a bare rate',
        files: one(rules('- alert: A\n  expr: rate(x_total[5m])')),
        line: 5,
        says: 'has no condition',
      },
      {
        name: 'a bool comparison always returns',
        files: one(rules('- alert: A\n  expr: up == bool 0')),
      },
      {
        name: 'one side of or without a condition',
        files: one(rules('- alert: A\n  expr: up == 0 or x')),
      },
    ],
    pass: [
      { name: 'a comparison', files: one(rules('- alert: A\n  expr: rate(x_total[5m]) > 0')) },
      { name: 'absent()', files: one(rules('- alert: A\n  expr: absent(up{job="a"})')) },
      {
        name: 'a condition inside an aggregation',
        files: one(rules('- alert: A\n  expr: sum(up == 0) by (job)')),
      },
      { name: 'a watchdog', files: one(rules('- alert: Watchdog\n  expr: vector(1)')) },
    ],
  },
  'lint/comment': {
    flag: [
      {
        name: 'an unknown check id',
        files: one(rules('# drygate: ignore label/required-matchers\n- record: a:b:c\n  expr: up')),
        line: 4,
        says: 'no check is called',
      },
      {
        name: 'an unknown verb',
        files: one(rules('# drygate: disable label/required-matcher\n- record: a:b:c\n  expr: up')),
        says: 'unknown drygate comment',
      },
      {
        name: 'no id',
        files: one(rules('- record: a:b:c\n  expr: up # drygate: ignore')),
        says: 'names no check',
      },
    ],
    pass: [
      {
        name: 'a valid comment',
        files: one(rules('# drygate: ignore label/required-matcher\n- record: a:b:c\n  expr: up')),
      },
    ],
  },
};

function result(id: string, c: Case) {
  const check = CHECKS.find((k) => k.id === id);
  if (check === undefined) throw new Error(`no check ${id}`);
  const config =
    c.config === undefined ? DEFAULT_CONFIG : parseLintConfig(c.config, '.drygate.yml', CHECK_IDS);
  const files = Object.entries(c.files).map(([path, text]) => ({ path, text }));
  return lintTexts(files, config, [check]);
}

function run(id: string, c: Case) {
  return result(id, c).problems.filter((p) => p.check === id);
}

describe('checks', () => {
  it('every registered check has cases and a doc page, and every case names a check', () => {
    expect(Object.keys(CASES).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const c of CHECKS) {
      expect(CASES[c.id]?.flag.length, c.id).toBeGreaterThan(0);
      expect(CASES[c.id]?.pass.length, c.id).toBeGreaterThan(0);
      const doc = fileURLToPath(new URL(`../../../docs/checks/${c.id}.md`, import.meta.url));
      expect(existsSync(doc), doc).toBe(true);
      expect(c.id).toMatch(/^[a-z]+\/[a-z-]+$/);
    }
  });

  for (const [id, { flag, pass }] of Object.entries(CASES)) {
    describe(id, () => {
      it.each(flag.map((c) => [c.name, c] as const))('flags: %s', (_, c) => {
        const problems = run(id, c);
        if (c.count !== undefined) expect(problems).toHaveLength(c.count);
        else expect(problems.length).toBeGreaterThan(0);
        const first = problems[0];
        if (c.line !== undefined) expect(first?.source.line).toBe(c.line);
        if (c.says !== undefined) expect(first?.summary).toContain(c.says);
      });
      it('renders its first flagged case (snapshot)', () => {
        const first = flag[0] as Case;
        expect(renderHuman(result(id, first), { color: false })).toMatchSnapshot();
      });
      it.each(pass.map((c) => [c.name, c] as const))('passes: %s', (_, c) => {
        expect(run(id, c).map((p) => p.summary)).toEqual([]);
      });
    });
  }
});
