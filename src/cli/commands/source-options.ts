/**
 * Where gate queries are answered, from the flags `decide` and `backtest` share: `--url` (a
 * Prometheus-compatible server, with auth headers from flags or the environment, never printed)
 * or `--data` (a replay file judged by drygate's engine).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isSendableHeaderValue } from '../../api/url.js';
import { InputError } from '../../errors.js';
import { readErrorReason } from '../../model/files.js';
import { type DataFile, loadDataFile } from '../../promql/data/load.js';
import { EmbeddedSource } from '../../gate/source/embedded.js';
import { HttpSource } from '../../gate/source/http.js';

export interface SourceOptions {
  readonly url?: string;
  readonly data?: string;
  readonly timeout: number;
  readonly retries: number;
  readonly header?: readonly string[];
  readonly bearerTokenFile?: string;
  readonly basicAuthUser?: string;
  readonly basicAuthPasswordFile?: string;
  /** PEM CA bundle for an https --url (or $DRYGATE_CA_FILE). */
  readonly caFile?: string;
}

export type ResolvedSource =
  | { readonly kind: 'url'; readonly source: HttpSource }
  | { readonly kind: 'data'; readonly source: EmbeddedSource; readonly data: DataFile };

function readSecret(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new InputError(`${flag} ${file}: ${readErrorReason(err)}`);
  }
}

/** Headers from flags and the environment; their values are never printed. */
export function authHeaders(
  options: SourceOptions,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of options.header ?? []) {
    const colon = h.indexOf(':');
    if (colon <= 0)
      throw new InputError(`--header: expected "Name: value", got a value without a name`);
    const name = h.slice(0, colon).trim().toLowerCase();
    const value = h.slice(colon + 1).trim();
    if (!isSendableHeaderValue(value))
      throw new InputError(
        `--header ${name}: the value has a line break or a character HTTP headers cannot carry`,
      );
    headers[name] = value;
  }
  const token =
    options.bearerTokenFile !== undefined
      ? readSecret('--bearer-token-file', options.bearerTokenFile)
      : env['DRYGATE_BEARER_TOKEN'];
  if (token !== undefined && token !== '') headers['authorization'] = `Bearer ${token}`;
  if (token !== undefined && !isSendableHeaderValue(token))
    throw new InputError(
      `the bearer token (${options.bearerTokenFile === undefined ? '$DRYGATE_BEARER_TOKEN' : '--bearer-token-file'}) has a line break or a character HTTP headers cannot carry`,
    );
  if (options.basicAuthUser !== undefined) {
    const password =
      options.basicAuthPasswordFile !== undefined
        ? readSecret('--basic-auth-password-file', options.basicAuthPasswordFile)
        : (env['DRYGATE_BASIC_AUTH_PASSWORD'] ?? '');
    headers['authorization'] =
      `Basic ${Buffer.from(`${options.basicAuthUser}:${password}`).toString('base64')}`;
  }
  return headers;
}

/** The CA bundle named by --ca-file or $DRYGATE_CA_FILE, read now so that a bad path is exit 2. */
export function caOption(options: SourceOptions, env: NodeJS.ProcessEnv): { ca?: string } {
  const file = options.caFile ?? env['DRYGATE_CA_FILE'];
  if (file === undefined || file === '') return {};
  const flag = options.caFile === undefined ? '$DRYGATE_CA_FILE' : '--ca-file';
  let ca: string;
  try {
    ca = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${flag} ${file}: ${readErrorReason(err)}`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError(
      `${flag} ${file}: expected PEM certificates (-----BEGIN CERTIFICATE-----)`,
    );
  return { ca };
}

/**
 * The source the flags name: exactly one of `--url` and `--data`.
 *
 * @throws InputError for neither or both, a bad URL, an unreadable secret or data file.
 */
export function resolveSource(options: SourceOptions): ResolvedSource {
  if ((options.data === undefined) === (options.url === undefined))
    throw new InputError(
      'give exactly one of --url URL (a server answers) or --data FILE (a replay)',
    );
  if (options.url !== undefined) {
    try {
      new URL(options.url);
    } catch {
      throw new InputError(`--url: not a URL`);
    }
    const source = new HttpSource({
      url: options.url,
      timeoutMs: options.timeout,
      retries: options.retries,
      headers: authHeaders(options, process.env),
      ...caOption(options, process.env),
    });
    return { kind: 'url', source };
  }
  const file = options.data as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--data ${file}: ${readErrorReason(err)}`);
  }
  const data = loadDataFile(text, file);
  return { kind: 'data', source: new EmbeddedSource(data.store, basename(file)), data };
}
