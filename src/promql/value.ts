/**
 * The values a PromQL query produces (Prometheus `promql/value.go`), annotations, and the
 * query result. Labels include `__name__`; `t` is in milliseconds.
 *
 * @module
 */
import type { Labels } from '../model/labels.js';
import type { PositionRange } from './ast.js';

export interface FPoint {
  readonly t: number;
  readonly f: number;
}

export interface Sample {
  readonly labels: Labels;
  readonly t: number;
  readonly f: number;
  /**
   * Set by operations that drop the metric name, while the engine delays the removal to the
   * end of the query (Prometheus 3's delayed name removal).
   */
  readonly dropName?: boolean;
}

export type Vector = readonly Sample[];

export interface Series {
  readonly labels: Labels;
  readonly points: readonly FPoint[];
  readonly dropName?: boolean;
}

export type Matrix = readonly Series[];

export type Value =
  | { readonly type: 'scalar'; readonly t: number; readonly f: number }
  | { readonly type: 'string'; readonly t: number; readonly s: string }
  | { readonly type: 'vector'; readonly samples: Vector }
  | { readonly type: 'matrix'; readonly series: Matrix };

export interface Annotation {
  readonly kind: 'warning' | 'info';
  /** Prometheus's text without the `PromQL warning: ` prefix and position suffix. */
  readonly message: string;
  readonly pos?: PositionRange;
}

export interface QueryResult {
  readonly value: Value;
  readonly annotations: readonly Annotation[];
  /**
   * Samples read from storage by selectors (per step, as Prometheus counts them), and the most
   * samples the query held at once (an upper bound: drygate keeps intermediate results).
   */
  readonly stats?: { readonly totalQueryableSamples: number; readonly peakSamples: number };
}

/** Collects annotations without duplicates, in the order first seen. */
export class Annotations {
  private readonly seen = new Map<string, Annotation>();

  add(kind: Annotation['kind'], message: string, pos?: PositionRange): void {
    const key = `${kind}\u0000${message}\u0000${pos?.start ?? ''}`;
    if (!this.seen.has(key))
      this.seen.set(key, pos === undefined ? { kind, message } : { kind, message, pos });
  }

  warn(message: string, pos?: PositionRange): void {
    this.add('warning', message, pos);
  }

  info(message: string, pos?: PositionRange): void {
    this.add('info', message, pos);
  }

  list(): Annotation[] {
    return [...this.seen.values()];
  }
}

/**
 * Prometheus's rendering of an annotation: `PromQL warning: <text> (L:C)`, where L:C is the
 * 1-based line and column of `pos.start` counted in UTF-8 bytes of the query.
 */
export function formatAnnotation(annotation: Annotation, query: string): string {
  const prefix = annotation.kind === 'warning' ? 'PromQL warning' : 'PromQL info';
  if (annotation.pos === undefined) return `${prefix}: ${annotation.message}`;
  const { line, column } = bytePosition(query, annotation.pos.start);
  return `${prefix}: ${annotation.message} (${line}:${column})`;
}

/** 1-based line and byte column of a UTF-16 offset. */
export function bytePosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: Buffer.byteLength(before.slice(lineStart), 'utf8') + 1 };
}
