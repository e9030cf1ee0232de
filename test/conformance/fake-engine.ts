/**
 * A tiny stand-in for the PromQL parser and engine, so the promqltest runner's own logic
 * (commands, expectations, variants, cross-checks, skips) is tested without the real engine.
 * It knows selectors, `x[d]`, numbers, strings and `time()`, plus a few magic metric names.
 */
import { ParseError, QueryError } from '../../src/errors.js';
import type { Labels } from '../../src/model/labels.js';
import type { Matcher } from '../../src/model/matcher.js';
import type { Expr, VectorSelector } from '../../src/promql/ast.js';
import type { Queryable } from '../../src/promql/store/types.js';
import type { Annotation, QueryResult, Series, Value } from '../../src/promql/value.js';

const pos = { start: 0, end: 1 };

function selector(name: string, labels: string): VectorSelector {
  const matchers: Matcher[] = [{ name: '__name__', type: '=', value: name }];
  for (const m of labels.matchAll(/(\w+)="([^"]*)"/g))
    matchers.push({ name: m[1] as string, type: '=', value: m[2] as string });
  return { kind: 'VectorSelector', name, matchers, offsetMs: 0, offsetExpr: null, at: null, pos };
}

/** Parses `name`, `name{a="b"}`, `name[5m]`, numbers, `"strings"` and `time()`. */
export function fakeParseExpr(query: string): Expr {
  const q = query.trim();
  if (/^-?[0-9.]+$/.test(q)) return { kind: 'NumberLiteral', value: Number(q), pos };
  if (/^"[^"]*"$/.test(q)) return { kind: 'StringLiteral', value: q.slice(1, -1), pos };
  if (q === 'time()') return { kind: 'Call', func: 'time', args: [], pos };
  const m = /^(\w+)(\{[^}]*\})?(?:\[(\d+)m\])?$/.exec(q);
  if (m === null) throw new ParseError('parse error: unexpected character', { line: 1, column: 3 });
  const vs = selector(m[1] as string, m[2] ?? '');
  if (m[3] === undefined) return vs;
  const rangeMs = Number(m[3]) * 60_000;
  return { kind: 'MatrixSelector', vectorSelector: vs, rangeMs, rangeExpr: null, pos };
}

/**
 * Evaluates the fake expressions with a 5m lookback and `@` support. Magic names: `boom`
 * fails, `warns` adds a warning, `histo` fails as unsupported, `drifts` ignores `@` (so the
 * step-invariance variants catch it), `unsorted` returns a range result out of order.
 */
export class FakeEngine {
  private readonly store: Queryable;

  constructor(store: Queryable) {
    this.store = store;
  }

  instantQuery(query: string | Expr, t: number): QueryResult {
    const expr = typeof query === 'string' ? fakeParseExpr(query) : query;
    const annotations: Annotation[] = [];
    return { value: this.eval(expr, t, annotations), annotations };
  }

  rangeQuery(query: string | Expr, start: number, end: number, step: number): QueryResult {
    const expr = typeof query === 'string' ? fakeParseExpr(query) : query;
    if (expr.kind === 'MatrixSelector' || expr.kind === 'StringLiteral')
      throw new QueryError('invalid expression type for range query');
    const bySeries = new Map<string, { labels: Labels; points: { t: number; f: number }[] }>();
    const annotations: Annotation[] = [];
    for (let t = start; t <= end; t += step) {
      const v = this.eval(expr, t, annotations);
      const samples =
        v.type === 'scalar' ? [{ labels: [], f: v.f }] : v.type === 'vector' ? v.samples : [];
      for (const s of samples) {
        const key = JSON.stringify(s.labels);
        const entry = bySeries.get(key) ?? { labels: s.labels, points: [] };
        entry.points.push({ t, f: s.f });
        bySeries.set(key, entry);
      }
    }
    const series: Series[] = [...bySeries.values()].sort((a, b) =>
      JSON.stringify(a.labels) < JSON.stringify(b.labels) ? -1 : 1,
    );
    if (expr.kind === 'VectorSelector' && expr.name === 'unsorted') series.reverse();
    return { value: { type: 'matrix', series }, annotations };
  }

  private eval(expr: Expr, t: number, annotations: Annotation[]): Value {
    switch (expr.kind) {
      case 'NumberLiteral':
        return { type: 'scalar', t, f: expr.value };
      case 'StringLiteral':
        return { type: 'string', t, s: expr.value };
      case 'Call':
        return { type: 'scalar', t, f: t / 1000 };
      case 'VectorSelector': {
        if (expr.name === 'boom') throw new QueryError('boom happened');
        if (expr.name === 'histo') throw new QueryError('native histograms are not supported');
        if (expr.name === 'warns') annotations.push({ kind: 'warning', message: 'careful', pos });
        const at = expr.at?.kind === 'timestamp' && expr.name !== 'drifts' ? expr.at.ms : t;
        const samples = [];
        for (const s of this.store.select(expr.matchers, at - 300_000 + 1, at)) {
          const i = s.t.length - 1;
          if (i >= 0 && s.stale[i] === 0)
            samples.push({ labels: s.labels, t, f: s.f[i] as number });
        }
        return { type: 'vector', samples };
      }
      case 'MatrixSelector': {
        const vs = expr.vectorSelector;
        const at = vs.at?.kind === 'timestamp' ? vs.at.ms : t;
        const series = this.store.select(vs.matchers, at - expr.rangeMs + 1, at).map((s) => ({
          labels: s.labels,
          points: [...s.t].map((pt, i) => ({ t: pt, f: s.f[i] as number })),
        }));
        return { type: 'matrix', series };
      }
      default:
        throw new QueryError(`fake engine cannot evaluate ${expr.kind}`);
    }
  }
}
