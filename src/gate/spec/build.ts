/**
 * From a schema-valid spec object to typed gates: durations in ms, conditions parsed, every
 * query parsed, type-checked and given the required matchers, burn-rate queries built. What
 * the schema cannot say (a PromQL error, a conflicting matcher, a duplicate name) becomes a
 * problem at its file position.
 *
 * @module
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ParseError } from '../../errors.js';
import { parseDuration } from '../../model/duration.js';
import { typeOf, type VectorSelector } from '../../promql/ast.js';
import { injectMatchers } from '../../promql/inject.js';
import { parseExpr } from '../../promql/parse/parse.js';
import { printExpr } from '../../promql/print.js';
import { queryOffset } from '../../rules/validate.js';
import type { SpecDocument, YamlPath } from './document.js';
import type { SpecProblem } from './schema-errors.js';
import type {
  BurnWindow,
  CheckTool,
  ComparisonOp,
  Condition,
  FallbackOutcome,
  Gate,
  GateQuery,
  GateSpec,
  MatchRule,
} from './types.js';

/** The spec as the schema lets it through (YAML names). */
export interface RawSpec {
  readonly name: string;
  readonly description?: string;
  readonly require?: Readonly<Record<string, string>>;
  readonly gates: readonly RawGate[];
}

export interface RawGate {
  readonly name: string;
  readonly kind?: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly on_nodata?: FallbackOutcome;
  readonly on_error?: FallbackOutcome;
  readonly query?: string;
  readonly condition?: string;
  readonly match?: string;
  readonly fallback?: string;
  readonly hold?: string;
  readonly step?: string;
  readonly max_age?: string;
  readonly objective?: number;
  readonly errors?: string;
  readonly total?: string;
  readonly windows?: readonly { long: string; short: string; factor: number }[];
  readonly min?: number;
  readonly gates?: readonly RawGate[];
  readonly command?: readonly string[];
  readonly timeout?: string;
  readonly cwd?: string;
  readonly check?: CheckTool;
  readonly files?: readonly string[];
}

/** Multiwindow, multi-burn-rate defaults of the Google SRE workbook (page-level alerts). */
export const DEFAULT_BURN_WINDOWS: readonly BurnWindow[] = [
  { longMs: 3_600_000, shortMs: 300_000, factor: 14.4 },
  { longMs: 21_600_000, shortMs: 1_800_000, factor: 6 },
];
const DEFAULT_STEP_MS = 60_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

export class SpecBuilder {
  readonly problems: SpecProblem[] = [];
  private readonly document: SpecDocument;
  private readonly require: Readonly<Record<string, string>>;
  private readonly names = new Map<string, YamlPath>();

  constructor(document: SpecDocument, require: Readonly<Record<string, string>>) {
    this.document = document;
    this.require = require;
  }

  build(raw: RawSpec): GateSpec {
    const gates = raw.gates.map((g, i) => this.gate(g, ['gates', i]));
    return {
      file: this.document.file,
      name: raw.name,
      description: raw.description,
      require: this.require,
      gates,
    };
  }

  private problem(path: YamlPath, message: string): void {
    this.problems.push({ position: this.document.at(path), message });
  }

  private gate(raw: RawGate, path: YamlPath): Gate {
    const previous = this.names.get(raw.name);
    if (previous !== undefined) {
      const first = this.document.at(previous);
      this.problem(
        [...path, 'name'],
        `gate name ${JSON.stringify(raw.name)} is used twice (first at line ${first.line})`,
      );
    } else this.names.set(raw.name, [...path, 'name']);
    const common = {
      name: raw.name,
      description: raw.description,
      required: raw.required ?? true,
      onNodata: raw.on_nodata ?? 'inconclusive',
      onError: raw.on_error ?? 'inconclusive',
      at: this.document.at(path),
    } as const;
    const step = this.positive(raw.step, [...path, 'step']) ?? DEFAULT_STEP_MS;
    switch (raw.kind ?? 'query') {
      case 'freshness':
        return {
          ...common,
          kind: 'freshness',
          query: this.query(raw.query as string, [...path, 'query']),
          maxAgeMs: this.positive(raw.max_age, [...path, 'max_age']) ?? 0,
          match: parseMatch(raw.match),
          stepMs: step,
        };
      case 'burn-rate':
        return this.burnRate(raw, path, common, step);
      case 'quorum': {
        const gates = (raw.gates ?? []).map((g, i) => this.gate(g, [...path, 'gates', i]));
        const min = raw.min ?? 1;
        if (min > gates.length)
          this.problem(
            [...path, 'min'],
            `min is ${min} but the quorum has only ${gates.length} gates`,
          );
        return { ...common, kind: 'quorum', min, gates };
      }
      case 'command': {
        const baseDir = dirname(this.document.file);
        return {
          ...common,
          kind: 'command',
          argv: raw.command ?? [],
          timeoutMs: this.positive(raw.timeout, [...path, 'timeout']) ?? DEFAULT_COMMAND_TIMEOUT_MS,
          cwd: raw.cwd === undefined ? baseDir : resolvePath(baseDir, raw.cwd),
        };
      }
      case 'check':
        return {
          ...common,
          kind: 'check',
          tool: raw.check ?? 'check-rules',
          files: raw.files ?? [],
          baseDir: dirname(this.document.file),
          require: this.require,
        };
      default: {
        const query = this.query(raw.query as string, [...path, 'query']);
        return {
          ...common,
          kind: 'query',
          query,
          fallback:
            raw.fallback === undefined
              ? undefined
              : this.query(raw.fallback, [...path, 'fallback']),
          condition: parseCondition(raw.condition as string),
          match: parseMatch(raw.match),
          holdMs: this.duration(raw.hold, [...path, 'hold']) ?? 0,
          stepMs: step,
        };
      }
    }
  }

  private burnRate(raw: RawGate, path: YamlPath, common: Omit<Gate, 'kind'>, stepMs: number): Gate {
    const windows =
      raw.windows?.map((w, i) => {
        const at: YamlPath = [...path, 'windows', i];
        const longMs = this.positive(w.long, [...at, 'long']) ?? 0;
        const shortMs = this.positive(w.short, [...at, 'short']) ?? 0;
        if (shortMs >= longMs)
          this.problem(
            [...at, 'short'],
            `the short window (${w.short}) must be shorter than the long one (${w.long})`,
          );
        return { longMs, shortMs, factor: w.factor };
      }) ?? DEFAULT_BURN_WINDOWS;
    const errors = this.selector(raw.errors as string, [...path, 'errors']);
    const total = this.selector(raw.total as string, [...path, 'total']);
    const ratioQueries = new Map<number, GateQuery>();
    for (const ms of new Set(windows.flatMap((w) => [w.longMs, w.shortMs]))) {
      if (errors === undefined || total === undefined || ms <= 0) continue;
      const rate = (s: VectorSelector): string =>
        `sum(rate(${printExpr({ kind: 'MatrixSelector', vectorSelector: s, rangeMs: ms, rangeExpr: null, pos: s.pos })}))`;
      // No error series yet means no errors, not no data; no total series stays no data.
      const sent = `(${rate(errors.selector)} or vector(0)) / ${rate(total.selector)}`;
      ratioQueries.set(ms, {
        written: `errors/total over ${ms / 1000}s`,
        sent,
        at: errors.at,
      });
    }
    return {
      ...common,
      kind: 'burn-rate',
      objective: raw.objective as number,
      ratioQueries,
      windows,
      stepMs,
    };
  }

  private duration(text: string | undefined, path: YamlPath): number | undefined {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) this.problem(path, `not a valid duration: ${JSON.stringify(text)}`);
    return ms;
  }

  /** A duration that must be more than zero (a step, a window, a timeout, an age). */
  private positive(text: string | undefined, path: YamlPath): number | undefined {
    const ms = this.duration(text, path);
    if (ms === 0) this.problem(path, `${String(path[path.length - 1])} must be more than 0s`);
    return ms;
  }

  /** Parses, injects and type-checks a query; problems point into the YAML string. */
  private query(written: string, path: YamlPath): GateQuery {
    const at = this.document.charAt(path, 0);
    try {
      const injected = injectMatchers(written, this.require);
      for (const c of injected.conflicts) {
        this.problems.push({
          position: this.document.charAt(path, c.pos.start),
          message: `${written.slice(c.pos.start, c.pos.end)} has ${c.existing.name}${c.existing.type}${JSON.stringify(c.existing.value)}, but the spec requires ${c.label}=${JSON.stringify(c.required)} on every selector`,
        });
      }
      const type = typeOf(parseExpr(injected.query));
      if (type !== 'vector' && type !== 'scalar')
        this.problems.push({
          position: at,
          message: `the query must return an instant vector or a scalar, not a ${type === 'matrix' ? 'range vector' : type}`,
        });
      return { written, sent: injected.query, at };
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const offset = queryOffset(written, err.position.line, err.position.column);
      this.problems.push({
        position: this.document.charAt(path, offset),
        message: err.reason,
      });
      return { written, sent: written, at };
    }
  }

  /** A plain selector (for burn-rate counters), with the required matchers. */
  private selector(
    written: string,
    path: YamlPath,
  ): { selector: VectorSelector; at: GateQuery['at'] } | undefined {
    const before = this.problems.length;
    const query = this.query(written, path);
    if (this.problems.length > before) return undefined;
    try {
      const expr = parseExpr(query.sent);
      if (expr.kind !== 'VectorSelector') {
        this.problem(path, 'expected a series selector such as http_requests_total{code=~"5.."}');
        return undefined;
      }
      return { selector: expr, at: query.at };
    } catch {
      return undefined;
    }
  }
}

function resolvePath(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}

export function parseCondition(text: string): Condition {
  const m = /^\s*(==|!=|<=|>=|<|>)\s*(\S+)\s*$/.exec(text);
  const op = (m?.[1] ?? '==') as ComparisonOp;
  const raw = m?.[2] ?? 'NaN';
  const threshold = /^[+-]?inf$/i.test(raw)
    ? raw.startsWith('-')
      ? -Infinity
      : Infinity
    : Number(raw);
  return { op, threshold, text: `${op} ${raw}` };
}

export function parseMatch(text: string | undefined): MatchRule {
  if (text === undefined || text === 'all') return { kind: 'all' };
  if (text === 'any') return { kind: 'any' };
  const m = /^count\s*>=\s*([0-9]+)$/.exec(text);
  return { kind: 'count', min: Number(m?.[1] ?? 1) };
}
