/**
 * Gate signals: normalized ones (`..._ok`, `..._pass`: 0 or 1) and raw counts (`changes()`,
 * `count()`, `..._changes_6m`), as DESIGN.md names them, and the bounds of recorded series.
 *
 * @module
 */
import { type Expr, walk } from '../../promql/ast.js';
import type { LintProject, LintRule } from '../model.js';
import { type Bounds, boundsOf, UNIT } from './bounds.js';

const NORMALIZED = /_(ok|pass)$/;
const RAW_COUNT = /_changes(_[0-9a-z]+)?$/;

/** The metric part of a `level:metric:operations` name, else the name. */
function metricPart(name: string): string {
  const parts = name.split(':');
  return parts.length === 3 ? (parts[1] as string) : name;
}

/** Whether a name promises a 0/1 value: `x_ok`, `x_pass`, `job:x_ok:max5m`. */
export function isNormalizedName(name: string): boolean {
  return NORMALIZED.test(name) || NORMALIZED.test(metricPart(name));
}

/** Whether a name says it holds a raw count of changes: `x_changes_6m`, `job:x_changes:max6m`. */
function isRawCountName(name: string): boolean {
  return RAW_COUNT.test(name) || RAW_COUNT.test(metricPart(name));
}

/** Aggregations whose result is one of their inputs' values, or their sum. */
const COUNT_PRESERVING = new Set(['sum', 'min', 'max', 'topk', 'bottomk', 'limitk']);
const RAW_COUNT_FUNCS = new Set(['changes', 'resets', 'count_over_time']);

/** Bounds of expressions, reading recorded series' bounds from their rules. */
export class SignalAnalysis {
  private readonly project: LintProject;
  private readonly cache = new Map<string, Bounds | undefined>();
  private readonly busy = new Set<string>();
  private readonly rawCache = new Map<string, boolean>();

  constructor(project: LintProject) {
    this.project = project;
  }

  bounds(expr: Expr): Bounds {
    return boundsOf(expr, (name) => this.series(name));
  }

  private series(name: string): Bounds | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const rules = this.project.recording.get(name);
    if (rules === undefined || this.busy.has(name))
      return isNormalizedName(name) ? UNIT : undefined;
    this.busy.add(name);
    const all = rules.map((r) => this.bounds(r.rule.ast));
    this.busy.delete(name);
    const merged = all.reduce((a, b) => ({ lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) }));
    this.cache.set(name, merged);
    return merged;
  }

  /** Whether an expression is a raw count: `changes()`, `count()`, or a series recording one. */
  isRawCount(expr: Expr): boolean {
    switch (expr.kind) {
      case 'ParenExpr':
        return this.isRawCount(expr.expr);
      case 'Call':
        return RAW_COUNT_FUNCS.has(expr.func);
      case 'AggregateExpr':
        return expr.op === 'count' || (COUNT_PRESERVING.has(expr.op) && this.isRawCount(expr.expr));
      case 'VectorSelector': {
        if (isRawCountName(expr.name)) return true;
        const cached = this.rawCache.get(expr.name);
        if (cached !== undefined) return cached;
        this.rawCache.set(expr.name, false);
        const rules = this.project.recording.get(expr.name) ?? [];
        const raw = rules.length > 0 && rules.every((r) => this.isRawCount(r.rule.ast));
        this.rawCache.set(expr.name, raw);
        return raw;
      }
      default:
        return false;
    }
  }

  /** Normalized recording rules that read the series `name`. */
  normalizedFrom(name: string): LintRule[] {
    return this.project.rules.filter((r) => {
      if (r.rule.kind !== 'recording' || !isNormalizedName(r.rule.name)) return false;
      let reads = false;
      walk(r.rule.ast, (n) => {
        if (n.kind === 'VectorSelector' && n.name === name) reads = true;
      });
      return reads;
    });
  }
}
