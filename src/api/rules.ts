/**
 * Decodes `/api/v1/rules`: the rule groups a server has loaded, with the file each came from.
 * Times are converted to ms at this edge, as everywhere in drygate.
 *
 * @module
 */
import { ApiError } from './errors.js';

export interface ApiRule {
  readonly type: 'recording' | 'alerting';
  readonly name: string;
  /** The expression as the server prints it (its own canonical form, not the file's text). */
  readonly query: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Alerting rules: `for`, ms (0 for recording rules). */
  readonly forMs: number;
  /** `ok`, `err` or `unknown` (not evaluated yet). */
  readonly health: string;
  readonly lastError: string | undefined;
}

export interface ApiRuleGroup {
  readonly name: string;
  /** The rule file as the server names it (relative paths are relative to its working dir). */
  readonly file: string;
  readonly intervalMs: number;
  readonly rules: readonly ApiRule[];
}

function fail(what: string): never {
  throw new ApiError('decode', `unexpected response from the Prometheus API: rules: ${what}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: Record<string, unknown>, key: string, where: string): string {
  const v = x[key];
  if (typeof v !== 'string') fail(`${where} has no string ${JSON.stringify(key)}`);
  return v;
}

function labelRecord(x: unknown, where: string): Record<string, string> {
  if (x === undefined || x === null) return {};
  if (!isRecord(x)) fail(`${where}: labels are not an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'string') fail(`${where}: label ${k} is not a string`);
    out[k] = v;
  }
  return out;
}

function decodeRule(x: unknown, where: string): ApiRule {
  if (!isRecord(x)) fail(`${where} is not an object`);
  const type = x['type'];
  if (type !== 'recording' && type !== 'alerting') fail(`${where} has type ${String(type)}`);
  const duration = x['duration'];
  return {
    type,
    name: str(x, 'name', where),
    query: str(x, 'query', where),
    labels: labelRecord(x['labels'], where),
    forMs: typeof duration === 'number' ? Math.round(duration * 1000) : 0,
    health: typeof x['health'] === 'string' ? x['health'] : 'unknown',
    lastError:
      typeof x['lastError'] === 'string' && x['lastError'] !== '' ? x['lastError'] : undefined,
  };
}

/** Decodes `data` of a `/api/v1/rules` answer. */
export function decodeRuleGroups(data: unknown): ApiRuleGroup[] {
  if (!isRecord(data) || !Array.isArray(data['groups'])) fail('data.groups is not a list');
  return data['groups'].map((g: unknown, i: number) => {
    const where = `group ${i + 1}`;
    if (!isRecord(g)) fail(`${where} is not an object`);
    const rules = g['rules'];
    if (!Array.isArray(rules)) fail(`${where}: rules are not a list`);
    const interval = g['interval'];
    return {
      name: str(g, 'name', where),
      file: str(g, 'file', where),
      intervalMs: typeof interval === 'number' ? Math.round(interval * 1000) : 0,
      rules: rules.map((r: unknown, j: number) => decodeRule(r, `${where}, rule ${j + 1}`)),
    };
  });
}
