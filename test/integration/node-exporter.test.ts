import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/exposition/parse.js';
import type { MetricFamily } from '../../src/exposition/types.js';
import { writeExposition } from '../../src/exposition/write.js';
import { writeFileAtomic } from '../../src/model/atomic-write.js';
import { nodeExporterBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';
import { type RunningServer, scrape, startNodeExporter } from '../support/processes.js';

const nodeExporter = nodeExporterBinary();

function sampleValue(families: MetricFamily[], name: string): number | undefined {
  return families.find((f) => f.name === name)?.samples[0]?.value;
}

describe.skipIf(nodeExporter.path === undefined)(
  `real node_exporter reads the heartbeat ${nodeExporter.skipReason}`,
  () => {
    let dir: string;
    let server: RunningServer;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'drygate-ne-'));
      server = await startNodeExporter(nodeExporter.path as string, dir);
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves both heartbeat metrics with the realm label after one beat, with no scrape error', async () => {
      const before = Date.now();
      const run = await runCli(['heartbeat', '--dir', dir, '--label', 'site=lab']);
      expect(run).toMatchObject({ code: 0, stderr: '' });

      const text = await scrape(server.url);
      const families = parseExposition(text);
      const ts = families.find((f) => f.name === 'duri_textfile_heartbeat_ts');
      const seq = families.find((f) => f.name === 'duri_textfile_heartbeat_seq');
      expect(ts?.type).toBe('gauge');
      expect(seq?.type).toBe('counter');
      const labels = [
        { name: 'metric_realm', value: 'prod' },
        { name: 'site', value: 'lab' },
      ];
      expect(ts?.samples[0]?.labels).toEqual(labels);
      expect(seq?.samples[0]).toEqual({ name: 'duri_textfile_heartbeat_seq', labels, value: 1 });
      expect((ts?.samples[0]?.value ?? 0) * 1000).toBeGreaterThanOrEqual(before - 1);
      expect((ts?.samples[0]?.value ?? 0) * 1000).toBeLessThanOrEqual(Date.now());
      expect(sampleValue(families, 'node_textfile_scrape_error')).toBe(0);

      // node_exporter re-exposes through Go's expfmt: our files appear in its output byte for byte.
      for (const file of ['duri_textfile_heartbeat_ts.prom', 'duri_textfile_heartbeat_seq.prom']) {
        expect(text).toContain(readFileSync(join(dir, file), 'utf8'));
      }
    });

    it("writes every value, label and help text exactly as Go's expfmt re-exposes it", async () => {
      const labelValue = fc.string({
        unit: fc.constantFrom('a', 'Z', '\\', '"', '\n', ' ', 'é', '😀', '{', ','),
        minLength: 1,
        maxLength: 8,
      });
      const family = fc.record({
        help: fc
          .string({
            unit: fc.constantFrom('a', '\\', '\n', '"', ' ', 'ü'),
            minLength: 1,
            maxLength: 12,
          })
          .filter((h) => !/^\s/.test(h)),
        type: fc.constantFrom('gauge' as const, 'untyped' as const, 'counter' as const),
        values: fc.uniqueArray(fc.tuple(labelValue, fc.oneof(fc.double(), fc.constant(-0))), {
          selector: ([l]) => l,
          minLength: 1,
          maxLength: 6,
        }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(family, { minLength: 1, maxLength: 4 }), async (specs) => {
          const families: MetricFamily[] = specs.map((spec, i) => ({
            name: `drygate_roundtrip_${i}`,
            help: spec.help,
            type: spec.type,
            samples: spec.values.map(([value, f]) => ({
              name: `drygate_roundtrip_${i}`,
              labels: [{ name: 'l', value }],
              value: spec.type === 'counter' ? Math.abs(f) : f,
            })),
          }));
          const text = writeExposition(families);
          writeFileAtomic(dir, 'roundtrip.prom', text);
          const served = await scrape(server.url);
          expect(served).toContain('node_textfile_scrape_error 0\n');
          for (const line of text.split('\n').filter((l) => l !== ''))
            expect(served).toContain(`${line}\n`);
        }),
        { numRuns: 25 },
      );
      rmSync(join(dir, 'roundtrip.prom'));
    });
  },
);
