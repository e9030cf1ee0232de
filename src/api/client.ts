/**
 * A client for the Prometheus-compatible query API (Prometheus, Thanos, Mimir, Cortex,
 * VictoriaMetrics), on Node's global fetch with a timeout per request.
 *
 * @module
 */
import type { Value } from '../promql/value.js';
import { decodeQueryData } from './decode.js';
import { ApiError } from './errors.js';

export interface ClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:9090 (a path prefix is kept). */
  readonly url: string;
  /** Per-request timeout, ms. Default 30 s. */
  readonly timeoutMs?: number;
  /** Extra headers (Authorization, X-Scope-OrgID, ...). */
  readonly headers?: Readonly<Record<string, string>>;
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

  constructor(options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = options.headers ?? {};
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

  /** Sends one request and returns the decoded success envelope, or throws ApiError. */
  async request(path: string, init: RequestInit): Promise<Record<string, unknown>> {
    const url = `${this.base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ApiError('timeout', `${url}: no answer within ${this.timeoutMs} ms`, {
          cause: err,
        });
      }
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(
        'unreachable',
        `${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
        { cause: err },
      );
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

function stringList(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((w): w is string => typeof w === 'string') : [];
}
