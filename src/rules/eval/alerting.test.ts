import { describe, expect, it } from 'vitest';
import { DUPLICATE_ALERT_LABELSET } from './alerting.js';
import { setup, up, vec, yaml } from './testing.case.js';
import type { Alert } from './types.js';
import { formatLabels } from '../../model/labels.js';
import type { MemoryStore } from '../../promql/store/memory.js';

const MIN = 60_000;

/** State of each alert as `state {labels}`. */
const states = (alerts: readonly Alert[]): string[] =>
  alerts.map((a) => `${a.state} ${formatLabels(a.labels)}`);

/** One `up{instance="a"}` sample per minute: `values[i]` at minute i, `null` for none. */
function load(store: MemoryStore, values: readonly (number | null)[]): void {
  values.forEach((v, i) => {
    if (v !== null) store.append(up('a'), i * MIN, v);
  });
}

const rules = (...rule: string[]): string =>
  yaml('groups:', '  - name: g', '    rules:', ...rule.map((l) => `      ${l}`));

describe('RuleEvaluator: alerting rules', () => {
  it('goes from pending to firing after `for`, writing ALERTS and ALERTS_FOR_STATE', () => {
    const { store, engine, evaluator } = setup(
      rules('- alert: Down', '  expr: up == 0', '  for: 2m', '  labels: {severity: page}'),
    );
    load(store, [1, 0, 0, 0]);
    const seen: string[][] = [];
    for (let m = 0; m <= 3; m++) {
      expect(evaluator.evaluateAt(m * MIN).errors).toEqual([]);
      seen.push(states(evaluator.activeAlerts('Down')));
    }
    const labels = '{alertname="Down", instance="a", job="api", severity="page"}';
    expect(seen).toEqual([[], [`pending ${labels}`], [`pending ${labels}`], [`firing ${labels}`]]);
    const [alert] = evaluator.activeAlerts();
    expect(alert).toMatchObject({ activeAtMs: MIN, firedAtMs: 3 * MIN, value: 0, group: 'g' });

    expect(vec(engine, 'ALERTS', 2 * MIN)).toEqual([
      '{__name__="ALERTS", alertname="Down", alertstate="pending", instance="a", job="api", severity="page"} 1',
    ]);
    // The pending series is marked stale when the alert fires.
    expect(vec(engine, 'ALERTS', 3 * MIN)).toEqual([
      '{__name__="ALERTS", alertname="Down", alertstate="firing", instance="a", job="api", severity="page"} 1',
    ]);
    expect(vec(engine, 'ALERTS_FOR_STATE', 3 * MIN)).toEqual([
      '{__name__="ALERTS_FOR_STATE", alertname="Down", instance="a", job="api", severity="page"} 60',
    ]);
  });

  it('resolves an alert, keeps it 15 minutes, and marks its series stale', () => {
    const { store, engine, evaluator } = setup(rules('- alert: Down', '  expr: up == 0'));
    load(store, [0, 1]);
    evaluator.evaluateAt(0);
    expect(states(evaluator.activeAlerts())).toEqual([
      'firing {alertname="Down", instance="a", job="api"}',
    ]);
    evaluator.evaluateAt(MIN);
    expect(evaluator.activeAlerts()).toEqual([]);
    const [resolved] = evaluator.activeAlerts('Down', { includeResolved: true });
    expect(resolved).toMatchObject({ state: 'inactive', activeAtMs: 0, resolvedAtMs: MIN });
    expect(vec(engine, 'ALERTS', MIN)).toEqual([]);
    expect(vec(engine, 'ALERTS_FOR_STATE', MIN)).toEqual([]);

    evaluator.evaluateAt(16 * MIN);
    expect(evaluator.activeAlerts('Down', { includeResolved: true })).toHaveLength(1);
    evaluator.evaluateAt(16 * MIN + 1);
    expect(evaluator.activeAlerts('Down', { includeResolved: true })).toEqual([]);
  });

  it('drops a pending alert at once when its condition clears', () => {
    const { store, evaluator } = setup(rules('- alert: Down', '  expr: up == 0', '  for: 5m'));
    load(store, [0, 1]);
    evaluator.evaluateAt(0);
    evaluator.evaluateAt(MIN);
    expect(evaluator.activeAlerts('Down', { includeResolved: true })).toEqual([]);
  });

  it('keeps firing for keep_firing_for after the condition clears', () => {
    const { store, engine, evaluator } = setup(
      rules('- alert: Down', '  expr: up == 0', '  keep_firing_for: 2m'),
    );
    load(store, [0, 1, 1, 1]);
    const seen: string[] = [];
    for (let m = 0; m <= 3; m++) {
      evaluator.evaluateAt(m * MIN);
      seen.push(
        evaluator
          .activeAlerts()
          .map((a) => a.state)
          .join() || 'none',
      );
    }
    expect(seen).toEqual(['firing', 'firing', 'firing', 'none']);
    expect(vec(engine, 'ALERTS', 2 * MIN)).toHaveLength(1);
    expect(vec(engine, 'ALERTS', 3 * MIN)).toEqual([]);
  });

  it('expands labels and annotations with $labels, $value, externals and query', () => {
    const { store, evaluator } = setup(
      rules(
        '- alert: Down',
        '  expr: up',
        '  labels:',
        '    severity: "{{ if gt $value 1.0 }}high{{ else }}low{{ end }}"',
        '    dropped: "{{ if false }}x{{ end }}"',
        '  annotations:',
        '    summary: "{{ $labels.instance }} of {{ $labels.job }} is {{ $value }}"',
        '    total: \'{{ with query "sum(up)" }}{{ . | first | value }}{{ end }}\'',
        '    env: "{{ $externalLabels.env }} {{ $externalURL }}"',
        '    empty: ""',
      ),
      { externalLabels: { env: 'prod' }, externalURL: 'http://prom' },
    );
    store.append(up('a'), 0, 2);
    store.append(up('b'), 0, 0.5);
    expect(evaluator.evaluateAt(0).errors).toEqual([]);
    const alerts = evaluator.activeAlerts('Down');
    expect(alerts.map((a) => [formatLabels(a.labels), formatLabels(a.annotations)])).toEqual([
      [
        '{alertname="Down", instance="a", job="api", severity="high"}',
        '{empty="", env="prod http://prom", summary="a of api is 2", total="2.5"}',
      ],
      [
        '{alertname="Down", instance="b", job="api", severity="low"}',
        '{empty="", env="prod http://prom", summary="b of api is 0.5", total="2.5"}',
      ],
    ]);
  });

  it('reports duplicate alert label sets and the group limit', () => {
    const { store, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    limit: 1',
        '    rules:',
        '      - alert: Dup',
        '        expr: up',
        '        labels: {instance: x}',
        '      - alert: Many',
        '        expr: up',
      ),
    );
    store.append(up('a'), 0, 1);
    store.append(up('b'), 0, 1);
    expect(evaluator.evaluateAt(0).errors.map((e) => `${e.rule}: ${e.error}`)).toEqual([
      `Dup: ${DUPLICATE_ALERT_LABELSET}`,
      'Many: exceeded limit of 1 with 2 alerts',
    ]);
    expect(evaluator.activeAlerts()).toEqual([]);
  });
  it('gives each read the annotations of the latest evaluation, expanded from its own value', () => {
    const { store, evaluator } = setup(
      rules(
        '- alert: Low',
        '  expr: up < 5',
        '  labels: {severity: page}',
        '  annotations: {summary: "{{ $labels.instance }} at {{ $value }}", static: plain text}',
      ),
    );
    load(store, [1, 2, 3]);
    const summaries: string[] = [];
    for (let m = 0; m <= 2; m++) {
      evaluator.evaluateAt(m * MIN);
      // Read only after the first and the last evaluation: the one skipped must not leak.
      if (m !== 1)
        summaries.push(formatLabels(evaluator.activeAlerts('Low')[0]?.annotations ?? []));
    }
    expect(summaries).toEqual([
      '{static="plain text", summary="a at 1"}',
      '{static="plain text", summary="a at 3"}',
    ]);
  });

  it('expands a template that queries at its evaluation, before later rules write', () => {
    // `seen` is recorded after the alert in the same group: at minute 1 the alert's query must
    // see minute 0's recording only, as in Prometheus.
    const { store, evaluator } = setup(
      rules(
        '- alert: Up',
        '  expr: up > 0',
        '  annotations: {seen: \'{{ with query "count_over_time(seen[5m])" }}{{ . | first | value }}{{ end }}\'}',
        '- record: seen',
        '  expr: up',
      ),
    );
    load(store, [1, 1, 1]);
    evaluator.evaluateAt(0);
    evaluator.evaluateAt(MIN);
    evaluator.evaluateAt(2 * MIN);
    expect(evaluator.activeAlerts('Up')[0]?.annotations).toEqual([{ name: 'seen', value: '2' }]);
  });
});
