import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'drygate-query-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'data.yml');
writeFileSync(
  data,
  "interval: 1m\ninput_series:\n  - series: 'x_total'\n    values: '0+1x20'\n  - series: 'y'\n    values: '1x20'\n",
);

interface StatsBody {
  status: string;
  data: {
    resultType: string;
    stats: {
      timings: Record<string, number>;
      samples: { totalQueryableSamples: number; peakSamples: number };
      drygate: { dataLoadTime: number };
    };
  };
}

describe('drygate query --json --stats', () => {
  it('reports Prometheus-shaped stats with the samples the selectors read', async () => {
    const run = await runCli([
      'query',
      'rate(x_total[5m])',
      '--data',
      data,
      '--time',
      '10m',
      '--json',
      '--stats',
    ]);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as StatsBody;
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    for (const key of [
      'evalTotalTime',
      'resultSortTime',
      'queryPreparationTime',
      'innerEvalTime',
      'execQueueTime',
      'execTotalTime',
    ]) {
      expect(typeof body.data.stats.timings[key], key).toBe('number');
    }
    // The window (5m, 10m] holds the samples at 6m..10m.
    expect(body.data.stats.samples.totalQueryableSamples).toBe(5);
    expect(body.data.stats.samples.peakSamples).toBeGreaterThanOrEqual(1);
    expect(body.data.stats.drygate.dataLoadTime).toBeGreaterThanOrEqual(0);
  });

  it('counts one sample per step and series for instant selectors in a range query', async () => {
    const run = await runCli([
      'query',
      'y',
      '--data',
      data,
      '--start',
      '0',
      '--end',
      '300',
      '--step',
      '1m',
      '--json',
      '--stats',
    ]);
    const body = JSON.parse(run.stdout) as StatsBody;
    expect(body.data.stats.samples.totalQueryableSamples).toBe(6);
  });
});
