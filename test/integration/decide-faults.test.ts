/**
 * `drygate decide --url` against a fake Prometheus that misbehaves in the ways a real one
 * cannot be made to on demand: every fault gives its documented state and reason, and never GO.
 * Secrets given on the command line or in the environment never appear in any output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';
import { runCli } from '../support/cli.js';
import { closeServer, listenLocal } from '../support/http.js';

type Mode = 'ok' | '500' | 'garbage' | 'empty' | 'nan' | 'partial' | 'hang' | 'bad-shape';

const GATES = `apiVersion: drygate/v1
name: faults
require: {metric_realm: prod}
gates:
  - {name: heartbeat-ok, query: duri_heartbeat_ok, condition: == 1}
`;

const TOKEN = 's3cr3t-token-4f9a';
const PASSWORD = 'pa55w0rd-77c1';

let server: Server;
let url: string;
let mode: Mode = 'ok';
const requests: { path: string; authorization: string | undefined; body: string }[] = [];
let dir: string;

function vector(value: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: [
        {
          metric: { __name__: 'duri_heartbeat_ok', metric_realm: 'prod', instance: 'a' },
          value: [1795867200, value],
        },
      ],
    },
    ...extra,
  });
}

function answer(res: ServerResponse): void {
  const json = (status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  switch (mode) {
    case 'ok':
      return json(200, vector('1'));
    case 'nan':
      return json(200, vector('NaN'));
    case 'partial':
      return json(200, vector('1', { warnings: ['partial response: store eu-2 unavailable'] }));
    case 'empty':
      return json(
        200,
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
      );
    case '500':
      return json(
        500,
        JSON.stringify({ status: 'error', errorType: 'internal', error: 'tsdb on fire' }),
      );
    case 'garbage':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
      return;
    case 'bad-shape':
      return json(
        200,
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [{ value: 3 }] },
        }),
      );
    case 'hang':
      return; // never answers
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drygate-faults-'));
  writeFileSync(join(dir, 'gates.yml'), GATES);
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      answer(res);
    });
  });
  url = await listenLocal(server);
});

afterAll(() => {
  closeServer(server);
  rmSync(dir, { recursive: true, force: true });
});

async function decide(m: Mode, extra: string[] = [], target = url) {
  mode = m;
  requests.length = 0;
  return runCli(
    [
      'decide',
      join(dir, 'gates.yml'),
      '--url',
      target,
      '--lookback',
      '0s',
      '--retries',
      '0',
      '-o',
      'json',
      ...extra,
    ],
    { env: { ...process.env, NO_COLOR: '1' } },
  );
}

function decisionOf(stdout: string): string {
  return (JSON.parse(stdout) as { decision: string }).decision;
}

function gateOf(stdout: string): { state: string; outcome: string; reason: string } {
  const body = JSON.parse(stdout) as {
    decision: string;
    gates: { state: string; outcome: string; reason: string }[];
  };
  return body.gates[0] as { state: string; outcome: string; reason: string };
}

describe('decide --url against faults', () => {
  it('GO on a healthy answer, sending the injected query', async () => {
    const run = await decide('ok');
    expect(run.code).toBe(0);
    expect(decisionOf(run.stdout)).toBe('GO');
    expect(new URLSearchParams(requests[0]?.body).get('query')).toBe(
      'duri_heartbeat_ok{metric_realm="prod"}',
    );
  });

  it.each([
    ['500', 'error', /HTTP 500 \(internal\): tsdb on fire/],
    ['garbage', 'error', /the answer is not JSON: "<html>proxy login<\/html>"/],
    ['bad-shape', 'error', /./],
    ['empty', 'nodata', /^no data: the query returned nothing$/],
    ['nan', 'nodata', /^no data: the value is NaN$/],
    [
      'partial',
      'error',
      /^the answer may be incomplete: partial response: store eu-2 unavailable$/,
    ],
  ] as const)('%s: %s, INCONCLUSIVE, exit 2', async (m, state, reason) => {
    const run = await decide(m);
    expect(run.code).toBe(2);
    expect(decisionOf(run.stdout)).toBe('INCONCLUSIVE');
    const gate = gateOf(run.stdout);
    expect(gate.state).toBe(state);
    expect(gate.outcome).toBe('inconclusive');
    expect(gate.reason).toMatch(reason);
  });

  it('a hang past the timeout is an error, not GO', async () => {
    const run = await decide('hang', ['--timeout', '300ms']);
    expect(run.code).toBe(2);
    const gate = gateOf(run.stdout);
    expect(gate.state).toBe('error');
    expect(gate.reason).toMatch(/no answer within 300 ms/);
  });

  it('connection refused is an error, not GO', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await decide('ok', [], closed);
    expect(run.code).toBe(2);
    const gate = gateOf(run.stdout);
    expect(gate.state).toBe('error');
    expect(gate.reason).toMatch(/ECONNREFUSED/);
  });

  it('retries a 5xx with backoff, a bounded number of times', async () => {
    mode = '500';
    requests.length = 0;
    const run = await runCli([
      'decide',
      join(dir, 'gates.yml'),
      '--url',
      url,
      '--lookback',
      '0s',
      '--retries',
      '2',
      '-o',
      'json',
    ]);
    expect(run.code).toBe(2);
    expect(requests.filter((r) => r.path === '/api/v1/query')).toHaveLength(3);
  });

  it('on_error: fail turns a fault into NO-GO; on_nodata: pass lets an empty result through', async () => {
    writeFileSync(
      join(dir, 'policy.yml'),
      GATES.replace('condition: == 1}', 'condition: == 1, on_error: fail, on_nodata: pass}'),
    );
    mode = '500';
    const failed = await runCli([
      'decide',
      join(dir, 'policy.yml'),
      '--url',
      url,
      '--lookback',
      '0s',
      '--retries',
      '0',
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Decision: NO-GO');
    mode = 'empty';
    const passed = await runCli([
      'decide',
      join(dir, 'policy.yml'),
      '--url',
      url,
      '--lookback',
      '0s',
      '--retries',
      '0',
    ]);
    expect(passed.code).toBe(0);
  });
});

describe('secrets', () => {
  it('are sent to the server and never printed, in any format or file', async () => {
    const withCredentials = url.replace('http://', `http://ops:${PASSWORD}@`);
    const outputs: string[] = [];
    for (const m of ['ok', '500', 'hang'] as const) {
      for (const format of ['table', 'json', 'markdown']) {
        mode = m;
        const textfile = mkdtempSync(join(tmpdir(), 'drygate-tf-'));
        const report = join(textfile, 'report.html');
        const run = await runCli(
          [
            'decide',
            join(dir, 'gates.yml'),
            '--url',
            withCredentials,
            '--lookback',
            '0s',
            '--retries',
            '0',
            '--timeout',
            '300ms',
            '-o',
            format,
            '--textfile',
            textfile,
            '--report',
            report,
            '--header',
            `X-Scope-OrgID: ${TOKEN}-org`,
          ],
          { env: { ...process.env, DRYGATE_BEARER_TOKEN: TOKEN } },
        );
        outputs.push(
          run.stdout,
          run.stderr,
          readFileSync(join(textfile, 'drygate_decision_faults.prom'), 'utf8'),
          readFileSync(report, 'utf8'),
        );
        rmSync(textfile, { recursive: true, force: true });
      }
    }
    mode = 'ok';
    requests.length = 0;
    await runCli(['decide', join(dir, 'gates.yml'), '--url', url, '--lookback', '0s'], {
      env: { ...process.env, DRYGATE_BEARER_TOKEN: TOKEN },
    });
    expect(requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(outputs.join('\n')).toContain('127.0.0.1');
    for (const secret of [TOKEN, PASSWORD, 'ops:'])
      expect(outputs.join('\n')).not.toContain(secret);
  });
});
