import { describe, expect, it } from 'vitest';
import { setup, up, vec, yaml } from './testing.case.js';
import { DUPLICATE_RECORDING_LABELSET } from './recording.js';

describe('RuleEvaluator: recording rules', () => {
  it('chains rules across groups at the same step, with group and rule labels', () => {
    const { store, engine, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: a',
        '    labels: {team: sre, env: dev}',
        '    rules:',
        '      - record: job:up:sum',
        '        expr: sum by (job) (up)',
        '        labels: {env: prod}',
        '  - name: b',
        '    rules:',
        '      - record: job:up:double',
        '        expr: job:up:sum * 2',
        '      - record: two',
        '        expr: 1 + 1',
      ),
    );
    store.append(up('a'), 0, 1);
    store.append(up('b'), 0, 1);
    expect(evaluator.evaluateAt(0)).toEqual({ ts: 0, errors: [], samplesWritten: 3 });
    expect(vec(engine, 'job:up:sum', 0)).toEqual([
      '{__name__="job:up:sum", env="prod", job="api", team="sre"} 2',
    ]);
    expect(vec(engine, 'job:up:double', 0)).toEqual([
      '{__name__="job:up:double", env="prod", job="api", team="sre"} 4',
    ]);
    // A scalar result becomes one sample with only the name.
    expect(vec(engine, 'two', 0)).toEqual(['{__name__="two"} 2']);
  });

  it('marks series that vanished since the previous evaluation stale', () => {
    const { store, engine, evaluator } = setup(
      yaml('groups:', '  - name: g', '    rules:', '      - record: r', '        expr: up'),
    );
    store.append(up('a'), 0, 1);
    store.append(up('b'), 0, 1);
    evaluator.evaluateAt(0);
    store.append(up('a'), 60_000, 1);
    store.appendStale(up('b'), 60_000);
    evaluator.evaluateAt(60_000);
    // Without the marker, lookback would still find r{instance="b"} from t=0.
    expect(vec(engine, 'r', 60_000)).toEqual(['{__name__="r", instance="a", job="api"} 1']);
    expect(vec(engine, 'r', 90_000)).toEqual(['{__name__="r", instance="a", job="api"} 1']);
    expect(vec(engine, 'r', 0)).toHaveLength(2);
  });

  it('leaves the series of a failing rule unmarked, as Prometheus does', () => {
    const { store, engine, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    rules:',
        '      - record: r',
        '        expr: up',
        '        labels: {instance: x}',
      ),
    );
    store.append(up('a'), 0, 1);
    evaluator.evaluateAt(0);
    store.append(up('a'), 60_000, 1);
    store.append(up('b'), 60_000, 1);
    expect(evaluator.evaluateAt(60_000).errors).toHaveLength(1);
    expect(vec(engine, 'r', 60_000)).toEqual(['{__name__="r", instance="x", job="api"} 1']);
  });

  it('reports duplicate label sets after applying rule labels, writing nothing', () => {
    const { store, engine, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    rules:',
        '      - record: r',
        '        expr: up',
        '        labels: {instance: x}',
      ),
    );
    store.append(up('a'), 0, 1);
    store.append(up('b'), 0, 1);
    expect(evaluator.evaluateAt(0).errors).toEqual([
      { group: 'g', rule: 'r', index: 1, error: DUPLICATE_RECORDING_LABELSET },
    ]);
    expect(DUPLICATE_RECORDING_LABELSET).toBe(
      'vector contains metrics with the same labelset after applying rule labels',
    );
    expect(vec(engine, 'r', 0)).toEqual([]);
  });

  it('reports query failures, string results and the group limit with Prometheus text', () => {
    const { store, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    limit: 1',
        '    rules:',
        '      - record: s',
        '        expr: \'"text"\'',
        '      - record: many',
        '        expr: up',
        '      - record: bad',
        '        expr: up + on (job) up',
      ),
    );
    store.append(up('a'), 0, 1);
    store.append(up('b'), 0, 1);
    const errors = evaluator.evaluateAt(0).errors.map((e) => `${e.rule}: ${e.error}`);
    expect(errors[0]).toBe('s: rule result is not a vector or scalar');
    expect(errors[1]).toBe('many: exceeded limit of 1 with 2 series');
    expect(errors[2]).toMatch(/^bad: found duplicate series for the match group/);
  });

  it('reports a conflicting value for a series another rule wrote at the same time', () => {
    const { evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    rules:',
        '      - record: r',
        '        expr: vector(1)',
        '      - record: r',
        '        expr: vector(2)',
      ),
    );
    expect(evaluator.evaluateAt(60_000).errors).toEqual([
      {
        group: 'g',
        rule: 'r',
        index: 2,
        error:
          'duplicate sample for timestamp 60000; overrides not allowed: existing 1, new value 2',
      },
    ]);
  });

  it('evaluates at the step time minus the group query offset', () => {
    const { store, engine, evaluator } = setup(
      yaml(
        'groups:',
        '  - name: g',
        '    query_offset: 1m',
        '    rules:',
        '      - record: r',
        '        expr: up',
      ),
    );
    store.append(up('a'), 0, 1);
    store.append(up('a'), 60_000, 5);
    evaluator.evaluateAt(60_000);
    expect(vec(engine, 'r', 0)).toEqual(['{__name__="r", instance="a", job="api"} 1']);
  });
});
