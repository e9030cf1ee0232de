/**
 * Read-only checks of the server before anything is touched (it answers, its lifecycle API is
 * on or `--pid` is given, it exposes the reload metrics, it runs this config), and what it
 * runs compared with the files on disk.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import type { PrometheusClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { InputError } from '../errors.js';
import type { NameValidationScheme } from '../rules/types.js';
import type { Inputs } from './inputs.js';
import { toHostPath, toServerPath } from './path-map.js';
import type { ReloadPlan } from './plan.js';
import {
  majorVersion,
  type ReloadStatus,
  readReloadStatus,
  readServerInfo,
  RELOAD_SUCCESS_TIMESTAMP,
  RELOAD_SUCCESSFUL,
  type ServerInfo,
} from './server.js';
import type { CurrentState, ReloadOptions } from './types.js';
import { diffRuleGroups, expectedRuleGroups } from './verify.js';

/** An API failure before anything was touched, in words for the person at the terminal. */
export function preflightError(url: string, err: unknown): never {
  if (err instanceof ApiError) {
    const what =
      err.kind === 'unreachable'
        ? `cannot reach Prometheus at ${url}`
        : err.kind === 'timeout'
          ? `Prometheus at ${url} did not answer in time`
          : `Prometheus at ${url} answered with an error`;
    throw new InputError(`${what}: ${err.message}; nothing was changed`);
  }
  throw err;
}

function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Read-only checks of the server before anything is touched. */
export async function preflight(
  client: PrometheusClient,
  url: string,
  inputs: Inputs,
): Promise<{ info: ServerInfo; status: ReloadStatus }> {
  let info: ServerInfo;
  let status: ReloadStatus;
  try {
    info = await readServerInfo(client);
    status = await readReloadStatus(client);
  } catch (err) {
    preflightError(url, err);
  }
  if (inputs.method.kind === 'http' && info.lifecycleEnabled === false) {
    throw new InputError(
      `the lifecycle API of Prometheus at ${url} is not enabled, so POST /-/reload would be refused: ` +
        'start Prometheus with --web.enable-lifecycle, or reload with SIGHUP through --pid PID; nothing was changed',
    );
  }
  if (status.successful === undefined || status.successTimestampS === undefined) {
    throw new InputError(
      `${url}/metrics has no ${RELOAD_SUCCESSFUL} or ${RELOAD_SUCCESS_TIMESTAMP}: is this a Prometheus server? nothing was changed`,
    );
  }
  if (info.configFile !== undefined) {
    const expected = toServerPath(inputs.configPath, inputs.mappings);
    if (
      expected !== info.configFile &&
      !samePath(toHostPath(info.configFile, inputs.mappings), inputs.configPath)
    ) {
      throw new InputError(
        `Prometheus at ${url} runs --config.file=${info.configFile}, but --config is ${inputs.configPath}` +
          (expected === inputs.configPath ? '' : ` (${expected} for the server)`) +
          ': give the config it runs, and --path-map HOST=SERVER if it sees the files under other paths; nothing was changed',
      );
    }
  }
  return { info, status };
}

export function schemeFor(
  options: ReloadOptions,
  info: ServerInfo | undefined,
): NameValidationScheme {
  const asked = options.nameValidationScheme ?? 'auto';
  if (asked !== 'auto') return asked;
  const major = majorVersion(info?.version);
  return major !== undefined && major < 3 ? 'legacy' : 'utf8';
}

export async function currentState(
  client: PrometheusClient,
  status: ReloadStatus,
  current: ReloadPlan,
  scheme: NameValidationScheme,
  cwd: string | undefined,
): Promise<CurrentState> {
  const expected = expectedRuleGroups(
    current.files.map((f) => ({ serverPath: f.serverPath, bytes: f.bytes, display: f.path })),
    scheme,
  );
  let differences: string[];
  try {
    differences = diffRuleGroups(expected, await client.rules(), cwd);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    differences = [`cannot read /api/v1/rules: ${err.message}`];
  }
  if (current.problems.length > 0) differences.push('the config on disk has problems');
  return { status, inSync: status.successful === 1 && differences.length === 0, differences };
}
