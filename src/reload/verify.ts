/**
 * Verification after a reload, from Prometheus's own view:
 *
 * 1. `prometheus_config_last_reload_successful` is 1;
 * 2. `prometheus_config_last_reload_success_timestamp_seconds` is later than the value read
 *    just before the reload. Both values come from the server's clock, so a clock skew between
 *    drygate's machine and the server (or a container) cannot make a stale timestamp look new
 *    or a fresh one look old; the wall-clock reading is reported, never judged;
 * 3. `/api/v1/rules` lists exactly the groups of the rule files on disk (by file and name),
 *    each with the same rules in the same order: type, name, expression (compared as parsed
 *    trees, since the server prints its own canonical text), labels and `for`.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrometheusClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { ApiRuleGroup } from '../api/rules.js';
import { DrygateError } from '../errors.js';
import { goQuote } from '../model/quote.js';
import type { Expr } from '../promql/ast.js';
import { parseExpr } from '../promql/parse/parse.js';
import { loadRuleFileBytes } from '../rules/read.js';
import type { NameValidationScheme } from '../rules/types.js';
import { type ReloadStatus, readReloadStatus, serverPath } from './server.js';

export interface ExpectedRule {
  readonly type: 'recording' | 'alerting';
  readonly name: string;
  readonly expr: string;
  /** The expression's tree without positions, matchers sorted: equal trees, equal rules. */
  readonly canonical: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly forMs: number;
}

export interface ExpectedGroup {
  /** The rule file as the server names it. */
  readonly file: string;
  readonly name: string;
  readonly intervalMs: number | undefined;
  readonly rules: readonly ExpectedRule[];
}

export interface FileOnDisk {
  readonly serverPath: string;
  readonly bytes: Uint8Array;
  /** The name to use in messages. */
  readonly display: string;
}

/** A tree's identity: positions dropped, label matchers sorted (Prometheus prints them sorted). */
export function canonicalExpr(ast: Expr): string {
  return JSON.stringify(ast, (key, value: unknown) => {
    if (key === 'pos') return undefined;
    if (key === 'matchers' && Array.isArray(value)) {
      return value
        .map((m) => JSON.stringify(m))
        .sort()
        .map((s) => JSON.parse(s) as unknown);
    }
    return value;
  });
}

const LENIENT = { experimentalFunctions: true, durationExpressions: true, fillModifiers: true };

/** The server's expression text in canonical form; the text itself if drygate cannot parse it. */
function canonicalQuery(query: string): string {
  try {
    return canonicalExpr(parseExpr(query, LENIENT));
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    return `text:${query.replace(/\s+/g, ' ').trim()}`;
  }
}

/** The groups the server should list after loading `files`. Files that do not load add none. */
export function expectedRuleGroups(
  files: readonly FileOnDisk[],
  scheme: NameValidationScheme,
): ExpectedGroup[] {
  const groups: ExpectedGroup[] = [];
  for (const f of files) {
    const loaded = loadRuleFileBytes(f.bytes, f.display, {
      nameValidationScheme: scheme,
      parseOptions: LENIENT,
    });
    for (const g of loaded.groups) {
      groups.push({
        file: f.serverPath,
        name: g.name,
        intervalMs: g.intervalMs,
        rules: g.rules.map((r) => ({
          type: r.kind,
          name: r.name,
          expr: r.expr,
          canonical: canonicalExpr(r.ast),
          labels: Object.fromEntries(r.labels.map((l) => [l.name, l.value])),
          forMs: r.kind === 'alerting' ? r.forMs : 0,
        })),
      });
    }
  }
  return groups;
}

function sameLabels(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/**
 * What differs between the groups expected from the files and the groups the server lists;
 * empty when they match. `cwd` is the server's working directory, for relative file names.
 */
export function diffRuleGroups(
  expected: readonly ExpectedGroup[],
  actual: readonly ApiRuleGroup[],
  cwd: string | undefined,
): string[] {
  const key = (file: string, name: string): string => `${file}\u0000${name}`;
  const have = new Map(actual.map((g) => [key(serverPath(g.file, cwd), g.name), g]));
  const diffs: string[] = [];
  const wanted = new Set<string>();
  for (const e of expected) {
    const k = key(serverPath(e.file, cwd), e.name);
    wanted.add(k);
    const g = have.get(k);
    const where = `group ${goQuote(e.name)} of ${e.file}`;
    if (g === undefined) {
      diffs.push(`${where}: not loaded by the server`);
      continue;
    }
    if (e.intervalMs !== undefined && e.intervalMs !== g.intervalMs) {
      diffs.push(
        `${where}: interval ${e.intervalMs / 1000}s in the file, ${g.intervalMs / 1000}s on the server`,
      );
    }
    if (e.rules.length !== g.rules.length) {
      diffs.push(`${where}: ${e.rules.length} rules in the file, ${g.rules.length} on the server`);
    }
    e.rules.forEach((r, i) => {
      const s = g.rules[i];
      if (s === undefined) return;
      const at = `${where}, rule ${i + 1}`;
      if (r.type !== s.type || r.name !== s.name) {
        diffs.push(
          `${at}: ${r.type} ${goQuote(r.name)} in the file, ${s.type} ${goQuote(s.name)} on the server`,
        );
      } else if (r.canonical !== canonicalQuery(s.query)) {
        diffs.push(
          `${at} ${goQuote(r.name)}: expression ${goQuote(r.expr.trim())} in the file, ${goQuote(s.query)} on the server`,
        );
      } else if (!sameLabels(r.labels, s.labels)) {
        diffs.push(
          `${at} ${goQuote(r.name)}: labels differ (${JSON.stringify(r.labels)} in the file, ${JSON.stringify(s.labels)} on the server)`,
        );
      } else if (r.type === 'alerting' && r.forMs !== s.forMs) {
        diffs.push(
          `${at} ${goQuote(r.name)}: for ${r.forMs / 1000}s in the file, ${s.forMs / 1000}s on the server`,
        );
      }
    });
  }
  for (const g of actual) {
    if (!wanted.has(key(serverPath(g.file, cwd), g.name)))
      diffs.push(
        `group ${goQuote(g.name)} of ${g.file}: loaded by the server, but in no rule file on disk`,
      );
  }
  return diffs;
}

export interface MetricsVerdict {
  readonly ok: boolean;
  readonly before: ReloadStatus;
  readonly after: ReloadStatus | undefined;
  readonly detail: string;
}

/**
 * Polls the reload metrics until the success timestamp has moved past `before` with the
 * success flag at 1, the flag drops to 0 (a failed reload), or `deadlineMs` passes.
 */
export async function waitForReloadMetrics(
  client: PrometheusClient,
  before: ReloadStatus,
  deadlineMs: number,
  pollMs = 100,
): Promise<MetricsVerdict> {
  let after: ReloadStatus | undefined;
  let lastError: string | undefined;
  const beforeTs = before.successTimestampS ?? -Infinity;
  for (;;) {
    try {
      after = await readReloadStatus(client);
      lastError = undefined;
      const ts = after.successTimestampS;
      if (after.successful === 1 && ts !== undefined && ts > beforeTs) {
        return { ok: true, before, after, detail: describeReloadStatus(before, after) };
      }
      // A flag that drops from 1 to 0 is a failed reload. (After SIGHUP with the flag already
      // at 0 there is no telling a failure from a reload not done yet: that one times out.)
      if (after.successful === 0 && before.successful === 1) {
        return {
          ok: false,
          before,
          after,
          detail: `the reload failed: ${describeReloadStatus(before, after)}`,
        };
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      lastError = err.message;
    }
    if (Date.now() >= deadlineMs) break;
    await sleep(pollMs);
  }
  const detail =
    lastError !== undefined
      ? `cannot read the reload metrics: ${lastError}`
      : after === undefined
        ? 'no reload metrics'
        : `no successful reload seen in time: ${describeReloadStatus(before, after)}`;
  return { ok: false, before, after, detail };
}

/** The reload metrics before and after, in one line. */
export function describeReloadStatus(before: ReloadStatus, after: ReloadStatus): string {
  const ts = (s: number | undefined): string => (s === undefined ? 'absent' : s.toFixed(3));
  return `successful ${after.successful ?? 'absent'}, success timestamp ${ts(before.successTimestampS)} -> ${ts(after.successTimestampS)}`;
}

/**
 * Reads `/api/v1/rules` until it matches `expected` or `deadlineMs` passes (the rule manager
 * has normally swapped the groups by the time the reload answers; the retry covers SIGHUP).
 */
export async function waitForRules(
  client: PrometheusClient,
  expected: readonly ExpectedGroup[],
  cwd: string | undefined,
  deadlineMs: number,
  pollMs = 200,
): Promise<{ ok: boolean; diffs: string[]; groups: number; rules: number }> {
  let diffs: string[];
  let groups = 0;
  let rules = 0;
  for (;;) {
    try {
      const actual = await client.rules();
      groups = actual.length;
      rules = actual.reduce((n, g) => n + g.rules.length, 0);
      diffs = diffRuleGroups(expected, actual, cwd);
      if (diffs.length === 0) return { ok: true, diffs, groups, rules };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      diffs = [`cannot read /api/v1/rules: ${err.message}`];
    }
    if (Date.now() >= deadlineMs) return { ok: false, diffs, groups, rules };
    await sleep(pollMs);
  }
}
