/**
 * Gate queries answered by a Prometheus-compatible server, with a timeout per request and
 * bounded retries with exponential backoff for answers that may change on retry (no
 * connection, a timeout, a 5xx).
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PrometheusClient } from '../../api/client.js';
import { isUnavailable } from '../../api/errors.js';
import { redactUrl } from '../../api/url.js';
import type { MetricsSource, SourceResult } from './types.js';

export interface HttpSourceOptions {
  readonly url: string;
  readonly timeoutMs?: number;
  /** Extra attempts after the first for retryable failures. Default 2. */
  readonly retries?: number;
  /** The first backoff; doubled each retry, with jitter. Default 250 ms. */
  readonly backoffMs?: number;
  /** Authorization and other headers. Never printed. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM certificates to trust for https (a private CA). */
  readonly ca?: string;
}

export { redactUrl, urlCredentials } from '../../api/url.js';

export class HttpSource implements MetricsSource {
  readonly description: string;
  private readonly client: PrometheusClient;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(options: HttpSourceOptions) {
    this.description = redactUrl(options.url);
    this.client = new PrometheusClient({
      url: options.url,
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 250;
  }

  instant(query: string, timeMs: number): Promise<SourceResult> {
    return this.withRetries(() => this.client.query(query, timeMs));
  }

  range(query: string, startMs: number, endMs: number, stepMs: number): Promise<SourceResult> {
    return this.withRetries(() => this.client.queryRange(query, startMs, endMs, stepMs));
  }

  private async withRetries(
    ask: () => Promise<{ value: SourceResult['value']; warnings: readonly string[] }>,
  ): Promise<SourceResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await ask();
        return { value: result.value, warnings: result.warnings };
      } catch (err) {
        if (attempt >= this.retries || !isUnavailable(err)) throw err;
        const delay = this.backoffMs * 2 ** attempt;
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  }
}
