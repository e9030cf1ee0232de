/**
 * Reading a YAML tree the way Go's yaml.v3 decodes into Prometheus's rule structs (null is the
 * zero value, plain scalars keep their text, `<<` merges and aliases are followed), while
 * keeping the file position of every value and collecting problems instead of stopping.
 *
 * @module
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import { parseDuration } from '../model/duration.js';
import { goQuote } from '../model/quote.js';
import { scalarOffsetMap, type OffsetMap, type ScalarStyle } from './scalar-offsets.js';
import type { RuleProblem, RuleProblemCode, SourceRef } from './types.js';

/** One key of a mapping, after merges: the key text, and the value (null when empty). */
export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Node | null;
  /** An alias to an unknown anchor: reported once for the file, so no value and no more problems. */
  readonly dangling?: true;
}

/** A string value with where it was written. */
export interface StringValue {
  readonly value: string;
  /** Where the value's text starts (past an opening quote or a block header). */
  readonly source: SourceRef;
  /** The scalar, when the value is not null; undefined for a null (empty) value. */
  readonly node: Node | undefined;
}

/** Where a problem sits: the group and rule it belongs to, if any. */
export interface ProblemContext {
  readonly group: string | undefined;
  readonly rule: { readonly index: number; readonly name: string } | undefined;
}

export const NO_CONTEXT: ProblemContext = { group: undefined, rule: undefined };

const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);
const INTEGER = /^[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;

export class YamlReader {
  readonly problems: RuleProblem[] = [];
  private readonly text: string;
  private readonly file: string;
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(text: string, file: string, doc: Document, lines: LineCounter) {
    this.text = text;
    this.file = file;
    this.doc = doc;
    this.lines = lines;
  }

  at(offset: number): SourceRef {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Where a node starts: its first key for a mapping, its opening quote for a string. */
  of(node: Node | null | undefined, fallback?: SourceRef): SourceRef {
    const offset = node?.range?.[0];
    if (offset === undefined) return fallback ?? this.at(0);
    return this.at(offset);
  }

  /** Where a scalar's text starts: past its opening quote or its block header line. */
  textStart(node: Node): SourceRef {
    const start = node.range?.[0] ?? 0;
    if (!isScalar(node)) return this.at(start);
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
      return this.at(node.value === '' ? start : start + 1);
    }
    if (node.type === 'PLAIN') return this.at(start);
    // A block scalar's text starts at the first character after its header line and indentation.
    const end = node.range?.[1] ?? start;
    let i = this.text.indexOf('\n', start);
    if (i < 0 || i >= end) return this.at(start);
    while (i < end && /\s/.test(this.text[i] as string)) i++;
    return this.at(i < end ? i : start);
  }

  /** Maps offsets into a string scalar's value to file offsets. */
  offsetMap(node: Node): OffsetMap {
    const [start, end] = node.range ?? [0, 0];
    if (!isScalar(node) || typeof node.value !== 'string') return () => start;
    return scalarOffsetMap(this.text, start, end, node.type as ScalarStyle, node.value);
  }

  problem(
    code: RuleProblemCode,
    source: SourceRef,
    message: string,
    context: ProblemContext = NO_CONTEXT,
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.problems.push({ code, severity, source, message, ...context });
  }

  /** Reports every alias to an anchor that does not exist, as yaml.v3 refuses them. */
  checkAliases(): void {
    visit(this.doc, {
      Alias: (_, alias) => {
        if (alias.resolve(this.doc) === undefined) {
          this.problem(
            'yaml',
            this.of(alias),
            `unknown anchor ${goQuote(alias.source)} referenced`,
          );
        }
      },
    });
  }

  /** The node an alias points to; undefined for an alias to nothing (see checkAliases). */
  resolve(node: unknown): Node | null | undefined {
    if (node === null || node === undefined) return null;
    if (!isAlias(node)) return node as Node;
    return node.resolve(this.doc);
  }

  /** Whether a value is YAML null (and so decodes to Go's zero value). */
  isNull(node: Node | null): boolean {
    if (node === null) return true;
    if (!isScalar(node) || node.type !== 'PLAIN') return false;
    return node.tag === 'tag:yaml.org,2002:null' || NULLS.has(String(node.value));
  }

  /** A mapping's entries, with `<<` merges applied (explicit keys win, as in yaml.v3). */
  entries(node: Node, context: ProblemContext): Entry[] {
    if (!isMap(node)) return [];
    const explicit: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        this.mergeInto(merged, pair.value, context);
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const value = this.resolve(pair.value);
      explicit.push(
        value === undefined
          ? { key, keyNode, value: null, dangling: true }
          : { key, keyNode, value },
      );
    }
    const seen = new Set(explicit.map((e) => e.key));
    return [...explicit, ...merged.filter((e) => !seen.has(e.key) && seen.add(e.key))];
  }

  private mergeInto(merged: Entry[], source: unknown, context: ProblemContext): void {
    const target = this.resolve(source);
    if (target === undefined || target === null) return;
    const sources = isSeq(target) ? target.items : [target];
    for (const item of sources) {
      const map = this.resolve(item);
      if (map === undefined || map === null) continue;
      if (!isMap(map)) {
        this.problem(
          'yaml',
          this.of(map),
          'map merge requires a mapping or a list of mappings',
          context,
        );
        continue;
      }
      merged.push(...this.entries(map, context));
    }
  }

  /** Reports every key not in `allowed`, unless unknown fields are ignored. */
  checkKeys(
    entries: readonly Entry[],
    allowed: readonly string[],
    where: string,
    ignoreUnknown: boolean,
    context: ProblemContext,
  ): void {
    if (ignoreUnknown) return;
    for (const e of entries) {
      if (allowed.includes(e.key)) continue;
      this.problem(
        'unknown-field',
        this.of(e.keyNode),
        `field ${e.key} not found in ${where} (known fields: ${allowed.join(', ')})`,
        context,
      );
    }
  }

  /** A mapping value; undefined (and a problem) for anything else but null. */
  mapping(node: Node | null, what: string, context: ProblemContext): Node | undefined {
    if (this.isNull(node) || node === null) return undefined;
    if (isMap(node)) return node;
    this.problem(
      'structure',
      this.of(node),
      `${what} must be a mapping, not ${kindOf(node)}`,
      context,
    );
    return undefined;
  }

  /** A list value's items (resolved); undefined (and a problem) for anything else but null. */
  list(node: Node | null, what: string, context: ProblemContext): (Node | null)[] | undefined {
    if (this.isNull(node) || node === null) return [];
    if (!isSeq(node)) {
      this.problem(
        'structure',
        this.of(node),
        `${what} must be a list, not ${kindOf(node)}`,
        context,
      );
      return undefined;
    }
    const items: (Node | null)[] = [];
    for (const item of node.items) {
      const resolved = this.resolve(item);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }

  /** A string field, as yaml.v3 decodes into a Go string: null is "", a list is an error. */
  string(entry: Entry, context: ProblemContext): StringValue | undefined {
    if (entry.dangling === true) return undefined;
    const node = entry.value;
    if (this.isNull(node) || node === null) {
      return { value: '', source: this.of(node ?? entry.keyNode), node: undefined };
    }
    if (!isScalar(node)) {
      this.problem(
        'structure',
        this.of(node),
        `field ${entry.key} must be a string, not ${kindOf(node)}`,
        context,
      );
      return undefined;
    }
    return { value: String(node.value), source: this.textStart(node), node };
  }

  /** A duration field (model.Duration): null is unset, anything else must parse. */
  duration(entry: Entry, context: ProblemContext): number | undefined {
    if (entry.dangling === true) return undefined;
    if (this.isNull(entry.value)) return 0;
    const text = this.string(entry, context);
    if (text === undefined) return undefined;
    const ms = text.value === '' ? undefined : parseDuration(text.value);
    if (ms === undefined) {
      const why =
        text.value === ''
          ? 'empty duration string'
          : `not a valid duration string: ${goQuote(text.value)}`;
      this.problem('duration', text.source, `field ${entry.key}: ${why}`, context);
    }
    return ms;
  }

  /** An integer field: YAML ints, or floats cut to an integer as yaml.v3 does; null is 0. */
  integer(entry: Entry, context: ProblemContext): number | undefined {
    if (entry.dangling === true) return undefined;
    const node = entry.value;
    if (this.isNull(node) || node === null) return 0;
    const text = isScalar(node) && node.type === 'PLAIN' ? String(node.value) : undefined;
    let n: number | undefined;
    if (text !== undefined && INTEGER.test(text)) {
      const digits = text.replaceAll('_', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      n = sign * Number(digits.replace(/^[-+]/, ''));
    } else if (text !== undefined && FLOAT.test(text)) {
      n = Math.trunc(Number(text.replaceAll('_', '')));
    }
    if (n === undefined || !Number.isSafeInteger(n)) {
      this.problem(
        'structure',
        this.of(node),
        `field ${entry.key} must be an integer, not ${isScalar(node) ? goQuote(String(node.value)) : kindOf(node)}`,
        context,
      );
      return undefined;
    }
    return n;
  }

  /** A map of strings (labels, annotations): each pair with where its key and value sit. */
  stringMap(
    entry: Entry,
    context: ProblemContext,
  ): { name: string; value: StringValue; keySource: SourceRef }[] | undefined {
    if (entry.dangling === true) return undefined;
    const map = this.mapping(entry.value, `field ${entry.key}`, context);
    if (map === undefined) return this.isNull(entry.value) ? [] : undefined;
    const out: { name: string; value: StringValue; keySource: SourceRef }[] = [];
    let ok = true;
    for (const e of this.entries(map, context)) {
      const value = this.string({ ...e, key: `${entry.key}.${e.key}` }, context);
      if (value === undefined) ok = false;
      else out.push({ name: e.key, value, keySource: this.of(e.keyNode) });
    }
    return ok ? out : undefined;
  }
}

function kindOf(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'a string';
}
