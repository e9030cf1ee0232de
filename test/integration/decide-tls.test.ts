/**
 * `drygate decide --url https://...` against a server whose certificate a private CA signed:
 * refused without the CA (never GO), trusted with `--ca-file` or `$DRYGATE_CA_FILE`.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { closeServer, listenLocal } from '../support/http.js';

const TLS = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(
    {
      key: readFileSync(join(TLS, 'server-key.pem')),
      cert: readFileSync(join(TLS, 'server-cert.pem')),
    },
    (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: {}, value: [1795867200, '1'] }] },
          }),
        );
      });
    },
  );
  url = await listenLocal(server, 'https');
});

afterAll(() => closeServer(server));

function spec(): string {
  return join(TLS, '..', 'tls-gates.yml');
}

describe('decide over https with a private CA', () => {
  const args = (): string[] => [
    'decide',
    spec(),
    ...`--url ${url} --lookback 0s --retries 0 -o json`.split(' '),
  ];

  it('refuses a certificate it cannot verify: an error, INCONCLUSIVE, never GO', async () => {
    const run = await runCli(args(), { env: { ...process.env, DRYGATE_CA_FILE: '' } });
    expect(run.code).toBe(2);
    const body = JSON.parse(run.stdout) as {
      decision: string;
      gates: { state: string; reason: string }[];
    };
    expect(body.decision).toBe('INCONCLUSIVE');
    expect(body.gates[0]?.state).toBe('error');
    expect(body.gates[0]?.reason).toMatch(/CERT|certificate|SIGNATURE/i);
  });

  it('trusts it with --ca-file', async () => {
    const run = await runCli([...args(), '--ca-file', join(TLS, 'ca.pem')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('trusts it with $DRYGATE_CA_FILE', async () => {
    const run = await runCli(args(), {
      env: { ...process.env, DRYGATE_CA_FILE: join(TLS, 'ca.pem') },
    });
    expect(run.code).toBe(0);
  });

  it('a CA file that is missing or not PEM is an input error (exit 2)', async () => {
    const missing = await runCli([...args(), '--ca-file', join(TLS, 'nope.pem')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`drygate: --ca-file ${join(TLS, 'nope.pem')}: no such file\n`);
    const notPem = await runCli([...args(), '--ca-file', join(TLS, 'README.md')]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain('expected PEM certificates');
  });
});
