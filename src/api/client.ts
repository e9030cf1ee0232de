/**
 * A client for the Prometheus-compatible query API (Prometheus, Thanos, Mimir, Cortex,
 * VictoriaMetrics), on Node's global fetch with a timeout per request.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Value } from '../promql/value.js';
import { decodeQueryData } from './decode.js';
import { ApiError } from './errors.js';
import { redactUrl, urlCredentials } from './url.js';
import { type ApiRuleGroup, decodeRuleGroups } from './rules.js';

export interface ClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:9090 (a path prefix is kept). */
  readonly url: string;
  /** Per-request timeout, ms. Default 30 s. */
  readonly timeoutMs?: number;
  /** Extra headers (Authorization, X-Scope-OrgID, ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM certificates to trust for https, instead of the system's (a private CA). */
  readonly ca?: string;
}

export interface ApiQueryResult {
  readonly value: Value;
  readonly warnings: readonly string[];
  readonly infos: readonly string[];
  /** `data.stats` when asked for with `stats`. */
  readonly stats?: unknown;
}

export class PrometheusClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly ca: string | undefined;
  private dispatcher: NonNullable<RequestInit['dispatcher']> | undefined;

  constructor(options: ClientOptions) {
    this.ca = options.ca;
    // Credentials in the URL are sent as a header and never appear in a message.
    this.base = redactUrl(options.url).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = { ...urlCredentials(options.url), ...options.headers };
  }

  /** An instant query at `timeMs` (ms), or at the server's now. */
  query(expr: string, timeMs?: number, options: { stats?: boolean } = {}): Promise<ApiQueryResult> {
    const params = new URLSearchParams({ query: expr });
    if (timeMs !== undefined) params.set('time', String(timeMs / 1000));
    if (options.stats === true) params.set('stats', 'all');
    return this.post('/api/v1/query', params);
  }

  /** A range query; times and step in ms. */
  queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    options: { stats?: boolean } = {},
  ): Promise<ApiQueryResult> {
    const params = new URLSearchParams({
      query: expr,
      start: String(startMs / 1000),
      end: String(endMs / 1000),
      step: String(stepMs / 1000),
    });
    if (options.stats === true) params.set('stats', 'all');
    return this.post('/api/v1/query_range', params);
  }

  private async post(path: string, params: URLSearchParams): Promise<ApiQueryResult> {
    const body = await this.request(path, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    });
    return {
      value: decodeQueryData(body['data']),
      warnings: stringList(body['warnings']),
      infos: stringList(body['infos']),
      ...((body['data'] as Record<string, unknown> | undefined)?.['stats'] === undefined
        ? {}
        : { stats: (body['data'] as Record<string, unknown>)['stats'] }),
    };
  }

  /**
   * POST `/-/reload`: resolves once Prometheus has reloaded its configuration. Needs
   * `--web.enable-lifecycle`; otherwise Prometheus answers 403 "Lifecycle API is not enabled.".
   *
   * @throws ApiError of kind `http` with Prometheus's text (403 lifecycle disabled, 500 the
   *   reload failed), or `unreachable` / `timeout`.
   */
  async reloadConfig(): Promise<void> {
    const { url, status, text } = await this.requestText('/-/reload', { method: 'POST' });
    if (status >= 200 && status < 300) return;
    const message = text.trim().replace(/\s+/g, ' ').slice(0, 300);
    throw new ApiError('http', `${url}: HTTP ${status}${message === '' ? '' : `: ${message}`}`, {
      status,
    });
  }

  /** The server's own metrics (`/metrics`) in the text exposition format. */
  async metricsText(): Promise<string> {
    const { url, status, text } = await this.requestText('/metrics', {
      method: 'GET',
      headers: { accept: 'text/plain;version=0.0.4' },
    });
    if (status !== 200) throw new ApiError('http', `${url}: HTTP ${status}`, { status });
    return text;
  }

  /** The rule groups the server has loaded (`/api/v1/rules`). */
  async rules(): Promise<ApiRuleGroup[]> {
    const body = await this.request('/api/v1/rules', { method: 'GET', headers: this.headers });
    return decodeRuleGroups(body['data']);
  }

  /** `/api/v1/status/buildinfo`: version, revision, ... as strings. */
  async buildInfo(): Promise<Record<string, string>> {
    return stringRecord(await this.status('buildinfo'));
  }

  /** `/api/v1/status/flags`: the server's command-line flags, values as strings. */
  async flags(): Promise<Record<string, string>> {
    return stringRecord(await this.status('flags'));
  }

  /** `/api/v1/status/runtimeinfo`: CWD, reloadConfigSuccess, lastConfigTime, ... */
  async runtimeInfo(): Promise<Record<string, unknown>> {
    return this.status('runtimeinfo');
  }

  private async status(what: string): Promise<Record<string, unknown>> {
    const body = await this.request(`/api/v1/status/${what}`, {
      method: 'GET',
      headers: this.headers,
    });
    const data = body['data'];
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new ApiError('decode', `unexpected response from the Prometheus API: ${what} data`);
    return data as Record<string, unknown>;
  }

  /**
   * Sends one request and returns the status and body text, whatever the status.
   *
   * @throws ApiError of kind `unreachable` or `timeout` when there is no complete answer.
   */
  async requestText(
    path: string,
    init: RequestInit,
  ): Promise<{ url: string; status: number; text: string }> {
    const url = `${this.base}${path}`;
    const headers = { ...this.headers, ...(init.headers as Record<string, string> | undefined) };
    let response: Response;
    try {
      response = await this.send(url, { ...init, headers });
    } catch (err) {
      throw this.fetchError(url, err);
    }
    try {
      return { url, status: response.status, text: await response.text() };
    } catch (err) {
      throw new ApiError(
        'timeout',
        `${url}: the answer did not arrive within ${this.timeoutMs} ms`,
        { cause: err, status: response.status },
      );
    }
  }

  private fetchError(url: string, err: unknown): ApiError {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new ApiError('timeout', `${url}: no answer within ${this.timeoutMs} ms`, {
        cause: err,
      });
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    // A request fetch refused to build (a bad header value, say) has no cause, and its message
    // may quote a header: it is not repeated.
    const reason = cause?.code ?? cause?.message ?? 'the request could not be sent';
    return new ApiError('unreachable', `${url}: ${reason}`, { cause: err });
  }

  /**
   * fetch with the timeout, and with a connection pool that trusts `ca` when one is given
   * (undici, the same version as Node's built-in fetch, loaded only then).
   */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const options: RequestInit = {
      ...init,
      signal: AbortSignal.timeout(this.timeoutMs),
    };
    if (this.ca !== undefined) {
      this.dispatcher ??= caDispatcher(this.ca);
      options.dispatcher = this.dispatcher;
    }
    return fetch(url, options);
  }

  /** Sends one request and returns the decoded success envelope, or throws ApiError. */
  async request(path: string, init: RequestInit): Promise<Record<string, unknown>> {
    const url = `${this.base}${path}`;
    let response: Response;
    try {
      response = await this.send(url, init);
    } catch (err) {
      throw this.fetchError(url, err);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new ApiError(
        'timeout',
        `${url}: the answer did not arrive within ${this.timeoutMs} ms`,
        { cause: err, status: response.status },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const snippet = text.slice(0, 120).replace(/\s+/g, ' ');
      if (!response.ok)
        throw new ApiError('http', `${url}: HTTP ${response.status}: ${snippet}`, {
          status: response.status,
        });
      throw new ApiError('decode', `${url}: the answer is not JSON: ${JSON.stringify(snippet)}`, {
        status: response.status,
      });
    }
    const envelope =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (!response.ok || envelope['status'] !== 'success') {
      const errorType =
        typeof envelope['errorType'] === 'string' ? envelope['errorType'] : undefined;
      const message =
        typeof envelope['error'] === 'string'
          ? envelope['error']
          : `status ${JSON.stringify(envelope['status'])}`;
      throw new ApiError(
        response.ok ? 'decode' : 'http',
        `${url}: HTTP ${response.status}${errorType === undefined ? '' : ` (${errorType})`}: ${message}`,
        {
          status: response.status,
          ...(errorType === undefined ? {} : { errorType }),
        },
      );
    }
    return envelope;
  }
}

function stringRecord(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v;
  return out;
}

function stringList(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((w): w is string => typeof w === 'string') : [];
}

/**
 * A connection pool that trusts `ca`: undici's Agent, the built-in fetch's dispatcher type under
 * another name. Required, not imported: the bundled CLI runs as a CommonJS script.
 */
function caDispatcher(ca: string): NonNullable<RequestInit['dispatcher']> {
  const { Agent } = createRequire(import.meta.url)('undici') as typeof Undici;
  return new Agent({ connect: { ca } }) as unknown as NonNullable<RequestInit['dispatcher']>;
}
