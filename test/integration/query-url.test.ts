import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';
import { type RunningServer, startPrometheus } from '../support/processes.js';

const prometheus = prometheusBinary();

describe.skipIf(prometheus.path === undefined)(
  `drygate query --url against the real Prometheus ${prometheus.skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-query-url-'));
    let server: RunningServer | undefined;
    beforeAll(async () => {
      server = await startPrometheus(
        prometheus.path as string,
        dir,
        'global:\n  scrape_interval: 1h\n',
      );
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints the server instant result as drygate prints its own', async () => {
      const run = await runCli([
        'query',
        'vector(2) * 21',
        '--url',
        server?.url ?? '',
        '--time',
        '1700000000',
      ]);
      expect(run).toMatchObject({ code: 0, stdout: '{} => 42 @[1700000000]\n', stderr: '' });
    });

    it('passes a range query and the server annotations through, in the API shape', async () => {
      const run = await runCli([
        'query',
        'label_replace(vector(1), "job", "a", "", "")',
        '--url',
        server?.url ?? '',
        '--start',
        '1700000000',
        '--end',
        '1700000120',
        '--step',
        '1m',
        '--json',
      ]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { job: 'a' },
              values: [
                [1700000000, '1'],
                [1700000060, '1'],
                [1700000120, '1'],
              ],
            },
          ],
        },
      });
    });

    it('reports a server-side query error with exit 2', async () => {
      const run = await runCli(['query', 'sum(', '--url', server?.url ?? '']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^drygate: .*HTTP 400 \(bad_data\): .*parse error/);
    });

    it('names an unreachable server', async () => {
      await server?.stop();
      const run = await runCli(['query', 'up', '--url', server?.url ?? '', '--timeout', '2s']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/ECONNREFUSED/);
    });
  },
);
