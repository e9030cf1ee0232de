import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from './client.js';
import { ApiError } from './errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
const server = createServer((req, res) => handler(req, res));
let url = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('PrometheusClient admin calls', () => {
  it('reloadConfig POSTs /-/reload and resolves on 200', async () => {
    const seen: string[] = [];
    handler = (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end();
    };
    await new PrometheusClient({ url }).reloadConfig();
    expect(seen).toEqual(['POST /-/reload']);
  });

  it("reloadConfig throws Prometheus's text with the status (403 lifecycle off, 500 failed)", async () => {
    handler = (_req, res) => res.writeHead(403).end('Lifecycle API is not enabled.');
    const off = await caught(new PrometheusClient({ url }).reloadConfig());
    expect(off).toMatchObject({ kind: 'http', status: 403 });
    expect(off.message).toBe(`${url}/-/reload: HTTP 403: Lifecycle API is not enabled.`);
    handler = (_req, res) =>
      res.writeHead(500).end('failed to reload config: one or more errors occurred\n');
    const failed = await caught(new PrometheusClient({ url }).reloadConfig());
    expect(failed).toMatchObject({ kind: 'http', status: 500 });
    expect(failed.message).toMatch(/HTTP 500: failed to reload config/);
  });

  it('times out a hanging reload', async () => {
    handler = () => {
      // never answers
    };
    const err = await caught(new PrometheusClient({ url, timeoutMs: 100 }).reloadConfig());
    expect(err.kind).toBe('timeout');
  });

  it('reads /metrics as text, asking for the text format', async () => {
    let accept: string | undefined;
    handler = (req, res) => {
      accept = req.headers.accept;
      res.end('up 1\n');
    };
    expect(await new PrometheusClient({ url }).metricsText()).toBe('up 1\n');
    expect(accept).toBe('text/plain;version=0.0.4');
  });

  it('reads rules and the status endpoints, keeping extra headers', async () => {
    const headers: (string | undefined)[] = [];
    handler = (req, res) => {
      headers.push(req.headers['x-scope-orgid'] as string | undefined);
      const data =
        req.url === '/api/v1/rules'
          ? { groups: [{ name: 'g', file: 'f.yml', interval: 30, rules: [] }] }
          : req.url === '/api/v1/status/flags'
            ? { 'web.enable-lifecycle': 'true', 'config.file': 'p.yml' }
            : req.url === '/api/v1/status/buildinfo'
              ? { version: '2.42.0', goVersion: 'go1.19' }
              : { CWD: '/srv', reloadConfigSuccess: true };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'success', data }));
    };
    const client = new PrometheusClient({ url, headers: { 'X-Scope-OrgID': 't1' } });
    expect(await client.rules()).toEqual([
      { name: 'g', file: 'f.yml', intervalMs: 30_000, rules: [] },
    ]);
    expect(await client.flags()).toEqual({
      'web.enable-lifecycle': 'true',
      'config.file': 'p.yml',
    });
    expect(await client.buildInfo()).toEqual({ version: '2.42.0', goVersion: 'go1.19' });
    expect(await client.runtimeInfo()).toEqual({ CWD: '/srv', reloadConfigSuccess: true });
    expect(headers).toEqual(['t1', 't1', 't1', 't1']);
  });

  it('names an unreachable server', async () => {
    const err = await caught(new PrometheusClient({ url: 'http://127.0.0.1:2' }).metricsText());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe('http://127.0.0.1:2/metrics: ECONNREFUSED');
  });
});
