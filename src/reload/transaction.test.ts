import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, OperationError } from '../errors.js';
import { reloadPrometheus } from './transaction.js';

/** A stand-in that answers the status endpoints as told; the integration tests use the real server. */
let answers: Record<string, unknown> = {};
let metrics = '';
const requests: string[] = [];
const server = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`);
  if (req.url === '/metrics') return void res.end(metrics);
  const data = answers[req.url ?? ''];
  if (data === undefined) return void res.writeHead(404).end('404 page not found');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: 'success', data }));
});
let url = '';
const root = mkdtempSync(join(tmpdir(), 'drygate-transaction-'));
const config = join(root, 'prometheus.yml');

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  mkdirSync(join(root, 'rules'));
  mkdirSync(join(root, 'cand'));
  writeFileSync(config, 'rule_files: [rules/*.yml]\n');
  writeFileSync(join(root, 'cand/new.yml'), 'groups: []\n');
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

const prometheus = (flags: Record<string, string>): void => {
  answers = {
    '/api/v1/status/buildinfo': { version: '2.42.0' },
    '/api/v1/status/flags': flags,
    '/api/v1/status/runtimeinfo': { CWD: '/' },
    '/api/v1/rules': { groups: [] },
  };
  metrics =
    'prometheus_config_last_reload_successful 1\nprometheus_config_last_reload_success_timestamp_seconds 1.7e+09\n';
};

async function refusal(
  options: Partial<Parameters<typeof reloadPrometheus>[0]> = {},
): Promise<string> {
  try {
    await reloadPrometheus({
      url,
      config,
      install: join(root, 'cand'),
      promtool: null,
      ...options,
    });
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('no input error');
}

describe('reloadPrometheus preflight: input errors, nothing touched', () => {
  it('a server that runs another config', async () => {
    prometheus({ 'web.enable-lifecycle': 'true', 'config.file': '/etc/prometheus/prometheus.yml' });
    expect(await refusal()).toBe(
      `Prometheus at ${url} runs --config.file=/etc/prometheus/prometheus.yml, but --config is ${config}: give the config it runs, and --path-map HOST=SERVER if it sees the files under other paths; nothing was changed`,
    );
  });

  it('the same config seen through --path-map is fine until the next check', async () => {
    prometheus({ 'web.enable-lifecycle': 'false', 'config.file': 'prometheus.yml' });
    answers['/api/v1/status/runtimeinfo'] = { CWD: '/etc/prometheus' };
    expect(await refusal({ pathMap: [`${root}=/etc/prometheus`] })).toMatch(
      /lifecycle API .* is not enabled/,
    );
  });

  it('a server without the reload metrics', async () => {
    prometheus({ 'web.enable-lifecycle': 'true' });
    metrics = 'up 1\n';
    expect(await refusal()).toMatch(
      /has no prometheus_config_last_reload_successful .*is this a Prometheus server\?/,
    );
  });

  it.each([
    [{ url: undefined }, '--url is required (only a --dry-run can go without a server)'],
    [{ url: 'localhost:9090' }, 'only http and https are supported'],
    [{ pid: 0 }, '--pid 0: not a process id'],
    [{ checkIn: '  ' }, '--check-in: empty command'],
    [{ timeoutMs: 0 }, '--timeout must be more than 0'],
  ])('bad options %j', async (options, message) => {
    prometheus({ 'web.enable-lifecycle': 'true' });
    expect(await refusal(options)).toContain(message);
  });

  it('never creates the state dir or installs on these', () => {
    expect(existsSync(join(root, '.drygate-reload'))).toBe(false);
    expect(existsSync(join(root, 'rules/new.yml'))).toBe(false);
  });
});

describe('reloadPrometheus install failure', () => {
  it('puts the files back and exits through OperationError, with no reload', async () => {
    prometheus({ 'web.enable-lifecycle': 'true' });
    const dir = mkdtempSync(join(tmpdir(), 'drygate-install-fail-'));
    try {
      mkdirSync(join(dir, 'rules'));
      mkdirSync(join(dir, 'cand'));
      writeFileSync(join(dir, 'p.yml'), 'rule_files: [rules/*.yml]\n');
      writeFileSync(join(dir, 'rules/keep.yml'), 'groups: []\n');
      writeFileSync(join(dir, 'cand/keep.yml'), 'groups: [] # changed\n');
      writeFileSync(join(dir, 'cand/new.yml'), 'groups: []\n');
      const error = await reloadPrometheus({
        url,
        config: join(dir, 'p.yml'),
        install: join(dir, 'cand'),
        promtool: null,
        hooks: {
          // Something in the way of the second file: the rename over it fails.
          afterValidate: () => mkdirSync(join(dir, 'rules/new.yml')),
        },
      }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toBe(
        `cannot install ${join(dir, 'rules/new.yml')}: EISDIR; the files were put back, and Prometheus was not reloaded`,
      );
      expect(requests).not.toContain('POST /-/reload');
      expect(readFileSync(join(dir, 'rules/keep.yml'), 'utf8')).toBe('groups: []\n');
      expect(readFileSync(join(dir, '.drygate-reload/journal.log'), 'utf8')).toMatch(
        /install failed: .*EISDIR\n.* lock ok: released after \d+ ms \(outcome: error\)\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
