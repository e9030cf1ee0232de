/**
 * What drygate asks the Prometheus being reloaded: who it is (version, flags, working
 * directory), its reload metrics, and to reload (POST `/-/reload`, or SIGHUP to its pid).
 *
 * The reload metrics are read from the server's own `/metrics` page, not through a query:
 * a query sees them only after Prometheus has scraped itself (if it does at all), a scrape
 * interval late, while `/metrics` shows them the moment the reload is done.
 *
 * @module
 */
import { posix } from 'node:path';
import type { PrometheusClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { readMetricValue } from '../api/metrics.js';

export const RELOAD_SUCCESSFUL = 'prometheus_config_last_reload_successful';
export const RELOAD_SUCCESS_TIMESTAMP = 'prometheus_config_last_reload_success_timestamp_seconds';

export interface ReloadStatus {
  /** `prometheus_config_last_reload_successful`: 1 or 0. */
  readonly successful: number | undefined;
  /** `prometheus_config_last_reload_success_timestamp_seconds`, on the server's clock. */
  readonly successTimestampS: number | undefined;
  /** When drygate read them, on its own clock (ms). */
  readonly readAtMs: number;
}

export async function readReloadStatus(client: PrometheusClient): Promise<ReloadStatus> {
  const text = await client.metricsText();
  return {
    successful: readMetricValue(text, RELOAD_SUCCESSFUL),
    successTimestampS: readMetricValue(text, RELOAD_SUCCESS_TIMESTAMP),
    readAtMs: Date.now(),
  };
}

export interface ServerInfo {
  readonly version: string | undefined;
  /** From `--web.enable-lifecycle`; undefined when the flags could not be read. */
  readonly lifecycleEnabled: boolean | undefined;
  /** `--config.file` as the server has it, absolute when its working directory is known. */
  readonly configFile: string | undefined;
  /** The server's working directory: relative rule file names in `/api/v1/rules` start there. */
  readonly cwd: string | undefined;
}

/** Calls a status endpoint; an endpoint the server lacks (404, 405 ...) gives undefined. */
async function optional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && (err.kind === 'http' || err.kind === 'decode')) return undefined;
    throw err;
  }
}

/**
 * Reads the version, flags and working directory.
 *
 * @throws ApiError `unreachable` or `timeout`.
 */
export async function readServerInfo(client: PrometheusClient): Promise<ServerInfo> {
  const build = await optional(() => client.buildInfo());
  const flags = await optional(() => client.flags());
  const runtime = await optional(() => client.runtimeInfo());
  const cwd = typeof runtime?.['CWD'] === 'string' ? runtime['CWD'] : undefined;
  const lifecycle = flags?.['web.enable-lifecycle'];
  const config = flags?.['config.file'];
  return {
    version: build?.['version'],
    lifecycleEnabled: lifecycle === undefined ? undefined : lifecycle === 'true',
    configFile: config === undefined ? undefined : serverPath(config, cwd),
    cwd,
  };
}

/** A file name as the server uses it, made absolute against its working directory. */
export function serverPath(file: string, cwd: string | undefined): string {
  if (posix.isAbsolute(file)) return posix.normalize(file);
  return cwd === undefined ? posix.normalize(file) : posix.join(cwd, file);
}

/** The major version from a version string such as `2.42.0+ds`. */
export function majorVersion(version: string | undefined): number | undefined {
  const m = /^v?(\d+)\./.exec(version ?? '');
  return m === null ? undefined : Number(m[1]);
}

export type ReloadMethod =
  { readonly kind: 'http' } | { readonly kind: 'signal'; readonly pid: number };

export type TriggerResult =
  | { readonly ok: true; readonly detail: string }
  | {
      readonly ok: false;
      readonly detail: string;
      /** Prometheus answered 403: the lifecycle API is off, nothing was reloaded. */
      readonly lifecycleDisabled: boolean;
      /** The request timed out or the connection broke: the reload may or may not have run. */
      readonly unknown: boolean;
    };

/** Asks Prometheus to reload. Never throws: the verification decides what happened. */
export async function triggerReload(
  client: PrometheusClient,
  method: ReloadMethod,
): Promise<TriggerResult> {
  if (method.kind === 'signal') {
    try {
      process.kill(method.pid, 'SIGHUP');
      return { ok: true, detail: `SIGHUP sent to pid ${method.pid}` };
    } catch (err) {
      return {
        ok: false,
        detail: `cannot signal pid ${method.pid}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        lifecycleDisabled: false,
        unknown: false,
      };
    }
  }
  const started = Date.now();
  try {
    await client.reloadConfig();
    return { ok: true, detail: `POST /-/reload: 200 in ${Date.now() - started} ms` };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      ok: false,
      detail: `POST /-/reload: ${err.message}`,
      lifecycleDisabled: err.status === 403,
      unknown: err.kind === 'timeout' || err.kind === 'unreachable',
    };
  }
}
