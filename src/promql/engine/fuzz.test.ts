/**
 * Property tests for the evaluator: whatever expression parses, an instant or a range query
 * either returns a value or throws QueryError. Never a TypeError, a RangeError or an
 * InternalError (the wrapper for anything unexpected). Inputs are expressions generated from
 * the grammar, and corpus expressions with random edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusEvals } from '../../../test/support/corpus.js';
import { ParseError, QueryError } from '../../errors.js';
import { parseExpr } from '../parse/parse.js';
import { MemoryStore } from '../store/memory.js';
import { Engine } from './engine.js';

/** A small store with counters, gauges, a classic histogram, NaN, Inf and staleness. */
function store(): MemoryStore {
  const s = new MemoryStore();
  const add = (labels: Record<string, string>, values: (number | 'stale')[]): void => {
    const l = Object.entries(labels).map(([name, value]) => ({ name, value }));
    values.forEach((v, i) =>
      v === 'stale' ? s.appendStale(l, i * 30_000) : s.append(l, i * 30_000, v),
    );
  };
  for (const job of ['a', 'b']) {
    add(
      { __name__: 'http_requests_total', job, instance: '1' },
      [0, 10, 20, 5, 15, 25, 35, 45, 55, 65, 75],
    );
    add({ __name__: 'temp', job, instance: '1' }, [
      1,
      -2,
      NaN,
      Infinity,
      -Infinity,
      3.5,
      'stale',
      4,
      0,
      -0,
      7,
    ]);
    for (const le of ['0.1', '1', '+Inf'])
      add({ __name__: 'lat_bucket', job, le }, [0, 1, 3, 6, 6, 9, 12, 15, 15, 20, 30]);
  }
  return s;
}

const engine = new Engine(store(), { delayedNameRemoval: true });
const plainEngine = new Engine(store());

/** Runs instant and range queries; rethrows anything that is not a typed query error. */
function evaluates(query: string): void {
  let expr;
  try {
    expr = parseExpr(query);
  } catch (err) {
    if (err instanceof ParseError) return;
    throw err;
  }
  for (const run of [
    () => engine.instantQuery(expr, 150_000),
    () => plainEngine.instantQuery(expr, 0),
    () => engine.rangeQuery(expr, 0, 300_000, 45_000),
    () => plainEngine.rangeQuery(expr, -60_000, 60_000, 7_000),
  ]) {
    try {
      run();
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
    }
  }
}

const selector = fc.constantFrom(
  'http_requests_total',
  'temp',
  'lat_bucket',
  'temp{job="a"}',
  'http_requests_total{job=~"a|b"}',
  '{__name__=~"t.*"}',
  'nothing',
  'temp offset 1m',
  'temp @ 60',
  'temp @ end()',
);
const range = fc.constantFrom('[1m]', '[5m]', '[30s]', '[2m:30s]', '[1m:]', '[1m] offset -30s');
const scalar = fc.constantFrom('0', '1', '0.5', '-1', 'NaN', 'Inf', '2', 'time()', 'scalar(temp)');
const rangeFn = fc.constantFrom(
  'rate',
  'increase',
  'delta',
  'irate',
  'idelta',
  'deriv',
  'changes',
  'resets',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
  'first_over_time',
  'stddev_over_time',
  'present_over_time',
  'absent_over_time',
  'mad_over_time',
  'ts_of_max_over_time',
);
const vectorFn = fc.constantFrom(
  'abs',
  'ceil',
  'floor',
  'exp',
  'sqrt',
  'ln',
  'sgn',
  'timestamp',
  'sort',
  'sort_desc',
  'absent',
  'hour',
  'deg',
);
const agg = fc.constantFrom('sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar');
const binop = fc.constantFrom(
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  'atan2',
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'and',
  'or',
  'unless',
);
const modifier = fc.constantFrom(
  '',
  ' bool',
  ' on(job)',
  ' ignoring(instance)',
  ' on(job) group_left',
  ' ignoring(le) group_right(job)',
);

const vectorExpr: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    fc.tuple(rangeFn, selector, range).map(([f, s, r]) => `${f}(${s}${r})`),
    fc
      .tuple(rangeFn, tie('v'), range)
      .map(([f, v, r]) => `${f}((${v})${r.includes(':') ? r : '[1m:]'})`),
    fc.tuple(vectorFn, tie('v')).map(([f, v]) => `${f}(${v})`),
    fc
      .tuple(agg, fc.constantFrom('', ' by (job)', ' without (le)'), tie('v'))
      .map(([a, g, v]) => `${a}${g} (${v})`),
    fc
      .tuple(
        fc.constantFrom('topk', 'bottomk', 'limitk', 'quantile', 'limit_ratio'),
        scalar,
        tie('v'),
      )
      .map(([a, k, v]) => `${a}(${k}, ${v})`),
    fc.tuple(tie('v'), binop, modifier, tie('v')).map(([a, op, m, b]) => `(${a}) ${op}${m} (${b})`),
    fc
      .tuple(tie('v'), fc.constantFrom('+', '*', '>', '== bool', '/'), scalar)
      .map(([a, op, s]) => `${a} ${op} ${s}`),
    fc.tuple(scalar, tie('v')).map(([s, v]) => `histogram_quantile(${s}, ${v})`),
    fc.tuple(tie('v')).map(([v]) => `label_replace(${v}, "dst", "$1", "job", "(.*)")`),
    fc.tuple(tie('v')).map(([v]) => `count_values("value", ${v})`),
    fc.tuple(tie('v')).map(([v]) => `-${v}`),
    fc.tuple(scalar, scalar).map(([a, b]) => `vector(${a} + ${b})`),
    fc.tuple(tie('v')).map(([v]) => `clamp(${v}, -1, 1)`),
  ),
})).v;

describe('fuzz: the evaluator throws nothing but QueryError', () => {
  it('on expressions generated from the grammar', () => {
    fc.assert(
      fc.property(vectorExpr, (q) => evaluates(q)),
      { numRuns: 1500 },
    );
  });

  const corpus = (corpusEvals() ?? []).map((e) => e.query);
  it.skipIf(corpus.length === 0)(
    'on corpus expressions with random edits (skipped without the corpus)',
    () => {
      const edits = fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat(6),
          fc.constantFrom(
            '(',
            ')',
            '[1m]',
            ' + ',
            ' by (job)',
            ' offset 1m',
            'temp',
            ',',
            '@ 0',
            '-',
          ),
        ),
        {
          maxLength: 3,
        },
      );
      fc.assert(
        fc.property(fc.constantFrom(...corpus), edits, (query, changes) => {
          let q = query;
          for (const [at, len, token] of changes) {
            const i = at % (q.length + 1);
            q = q.slice(0, i) + token + q.slice(i + len);
          }
          evaluates(q);
        }),
        { numRuns: 3000 },
      );
    },
  );

  it('really evaluates: generated queries produce values, not only errors', () => {
    let values = 0;
    fc.assert(
      fc.property(vectorExpr, (q) => {
        try {
          engine.instantQuery(q, 150_000);
          values++;
        } catch {
          // counted below
        }
      }),
      { numRuns: 300 },
    );
    expect(values).toBeGreaterThan(150);
  });
});
