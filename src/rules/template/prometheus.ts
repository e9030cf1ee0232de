/**
 * Prometheus's template functions (`NewTemplateExpander` in `template/template.go`) with their Go
 * signatures, so that wrong arguments fail with Go's messages. `query` calls back into the host
 * (drygate's PromQL engine in `test rules`).
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import { FuncError } from './errors.js';
import type { GoFunc, GoType } from './functype.js';
import { NIL_DEREFERENCE } from './functype.js';
import {
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
  humanizeTimestamp,
  toDuration,
  toTime,
} from './humanize.js';
import { isIP, joinHostPort, splitHostPort } from './net.js';
import { matchString, replaceAllString } from './regexp.js';
import { goTitle, goToLower, goToUpper, queryEscape } from './text.js';
import type { GoValue } from './values.js';
import { GoHTML, GoMap, GoSlice, SampleRef, compareGoStrings, stringMap } from './values.js';
import { parseModelDuration } from './duration.js';

/** One sample of a `query` result: its labels (with `__name__`) and value. */
export interface QuerySample {
  readonly labels: Labels | Readonly<Record<string, string>>;
  readonly value: number;
}

/** Runs a PromQL query at the evaluation time; throws with the engine's message on failure. */
export type QueryFunc = (expr: string) => readonly QuerySample[];

export interface PrometheusFuncOptions {
  readonly query?: QueryFunc | undefined;
  /** Evaluation time in ms, for `now`. */
  readonly timeMs: number;
  /** Prometheus's `--web.external-url`; undefined is a nil URL, as in `promtool test rules`. */
  readonly externalURL?: string | undefined;
}

const QUERY_RESULT = 'template.queryResult';

function labelRecord(labels: QuerySample['labels']): Record<string, string> {
  if (Array.isArray(labels)) {
    return Object.fromEntries((labels as Labels).map((l) => [l.name, l.value]));
  }
  return { ...(labels as Readonly<Record<string, string>>) };
}

/** A label of a sample; a missing one is the empty string, as Go's map lookup gives. */
function labelOf(s: SampleRef, name: string): string {
  const v = s.labels.entries.get(name);
  return typeof v === 'string' ? v : '';
}

/** The `*template.sample` argument; a nil one panics in Go, which the template reports. */
function sample(v: GoValue): SampleRef {
  if (v instanceof SampleRef) return v;
  throw new FuncError(NIL_DEREFERENCE);
}

function fn(params: readonly GoType[], call: (args: GoValue[]) => GoValue): GoFunc {
  return { params, call };
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  let host = split?.host ?? hostPort;
  if (isIP(host)) return hostPort;
  host = host.split('.')[0] as string;
  return split !== undefined && split.port !== '' ? joinHostPort(host, split.port) : host;
}

/**
 * The external URL for `pathPrefix` (its decoded path, like Go's `URL.Path`) and `externalURL`.
 * An absent URL is Go's nil `*url.URL`, which panics when used, as in `promtool test rules`.
 */
function externalURLParts(url: string | undefined): { path: string; text: string } {
  if (url === undefined) throw new FuncError(NIL_DEREFERENCE);
  const raw = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?:\/\/[^/?#]*)?([^?#]*)/.exec(url)?.[1] ?? '';
  try {
    return { path: decodeURIComponent(raw), text: url };
  } catch {
    return { path: raw, text: url };
  }
}

/** The Prometheus function map, bound to one expansion's query function and time. */
export function prometheusFuncs(options: PrometheusFuncOptions): Map<string, GoFunc> {
  const str = (v: GoValue): string => v as string;
  return new Map<string, GoFunc>([
    [
      'query',
      fn(['string'], (a) => {
        if (options.query === undefined) throw new FuncError(NIL_DEREFERENCE);
        let samples: readonly QuerySample[];
        try {
          samples = options.query(str(a[0]));
        } catch (err) {
          throw new FuncError(err instanceof Error ? err.message : String(err), { cause: err });
        }
        const items = samples.map((s) => new SampleRef(stringMap(labelRecord(s.labels)), s.value));
        return new GoSlice(QUERY_RESULT, items);
      }),
    ],
    [
      'first',
      fn([QUERY_RESULT], (a) => {
        const first = (a[0] as GoSlice).items[0];
        if (first === undefined) throw new FuncError('first() called on vector with no elements');
        return first;
      }),
    ],
    ['label', fn(['string', '*template.sample'], (a) => labelOf(sample(a[1]), str(a[0])))],
    ['value', fn(['*template.sample'], (a) => sample(a[0]).value)],
    ['strvalue', fn(['*template.sample'], (a) => labelOf(sample(a[0]), '__value__'))],
    [
      'args',
      {
        params: [],
        variadic: 'interface {}',
        call: (a) => new GoMap('map[string]interface {}', new Map(a.map((v, i) => [`arg${i}`, v]))),
      },
    ],
    [
      'reReplaceAll',
      fn(['string', 'string', 'string'], (a) => replaceAllString(str(a[0]), str(a[1]), str(a[2]))),
    ],
    ['safeHtml', fn(['string'], (a) => new GoHTML(str(a[0])))],
    ['match', fn(['string', 'string'], (a) => matchString(str(a[0]), str(a[1])))],
    ['title', fn(['string'], (a) => goTitle(str(a[0])))],
    ['toUpper', fn(['string'], (a) => goToUpper(str(a[0])))],
    ['toLower', fn(['string'], (a) => goToLower(str(a[0])))],
    ['graphLink', fn(['string'], (a) => `/graph?g0.expr=${queryEscape(str(a[0]))}&g0.tab=0`)],
    ['tableLink', fn(['string'], (a) => `/graph?g0.expr=${queryEscape(str(a[0]))}&g0.tab=1`)],
    [
      'sortByLabel',
      fn(['string', QUERY_RESULT], (a) => {
        const v = a[1] as GoSlice;
        const key = (s: GoValue): string => labelOf(sample(s), str(a[0]));
        // Sorted in place, as Go's sort.Stable on the slice does.
        v.items.sort((x, y) => compareGoStrings(key(x), key(y)));
        return v;
      }),
    ],
    ['stripPort', fn(['string'], (a) => splitHostPort(str(a[0]))?.host ?? str(a[0]))],
    ['stripDomain', fn(['string'], (a) => stripDomain(str(a[0])))],
    ['humanize', fn(['interface {}'], (a) => humanize(a[0]))],
    ['humanize1024', fn(['interface {}'], (a) => humanize1024(a[0]))],
    ['humanizeDuration', fn(['interface {}'], (a) => humanizeDuration(a[0]))],
    ['humanizePercentage', fn(['interface {}'], (a) => humanizePercentage(a[0]))],
    ['humanizeTimestamp', fn(['interface {}'], (a) => humanizeTimestamp(a[0]))],
    ['toTime', fn(['interface {}'], (a) => toTime(a[0]))],
    ['toDuration', fn(['interface {}'], (a) => toDuration(a[0]))],
    ['now', fn([], () => options.timeMs / 1000)],
    ['pathPrefix', fn([], () => externalURLParts(options.externalURL).path)],
    ['externalURL', fn([], () => externalURLParts(options.externalURL).text)],
    [
      'parseDuration',
      fn(['string'], (a) => {
        const ns = parseModelDuration(str(a[0]));
        if (typeof ns === 'string') throw new FuncError(ns);
        return Number(ns) / 1e9;
      }),
    ],
    ['urlQueryEscape', fn(['string'], (a) => queryEscape(str(a[0])))],
  ]);
}

/** Names of all template functions, for the parser's `function "x" not defined` check. */
export const PROMETHEUS_FUNC_NAMES: ReadonlySet<string> = new Set(
  prometheusFuncs({ timeMs: 0 }).keys(),
);
