import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/exposition/parse.js';
import { nodeExporterBinary } from '../support/binaries.js';
import { spawnCli } from '../support/cli.js';
import {
  type RunningServer,
  scrape,
  startNodeExporter,
  stopProcess,
} from '../support/processes.js';

const nodeExporter = nodeExporterBinary();
const WRITERS = 8;
const BEATS = 200;

function seqOf(text: string): number | undefined {
  return parseExposition(text).find((f) => f.name === 'duri_textfile_heartbeat_seq')?.samples[0]
    ?.value;
}

describe.skipIf(nodeExporter.path === undefined)(
  `concurrent writers never tear or race ${nodeExporter.skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-race-'));
    let server: RunningServer | undefined;
    const children: ChildProcess[] = [];
    afterAll(async () => {
      await Promise.all(children.map((c) => stopProcess(c)));
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`${WRITERS} daemons x ${BEATS} beats while a reader scrapes node_exporter and reads the files`, async () => {
      server = await startNodeExporter(nodeExporter.path as string, dir);
      const writers = Array.from({ length: WRITERS }, () => {
        const child = spawnCli([
          'heartbeat',
          '--dir',
          dir,
          '--every',
          '1ms',
          '--count',
          String(BEATS),
          '--wait',
          '60s',
        ]);
        children.push(child);
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        return { child, exited: once(child, 'exit'), stderr: () => stderr };
      });
      let running = true;
      const done = Promise.all(writers.map((w) => w.exited)).then(() => (running = false));

      let scrapes = 0;
      let fileReads = 0;
      let lastScraped = 0;
      let lastRead = 0;
      const reader = (async () => {
        while (running) {
          const text = await scrape(server.url);
          scrapes++;
          expect(text).toContain('node_textfile_scrape_error 0\n');
          const seq = seqOf(text) ?? 0; // parses the whole scrape: throws if torn
          expect(seq).toBeGreaterThanOrEqual(lastScraped);
          lastScraped = seq;
          for (const name of readdirSync(dir).filter((f) => f.endsWith('.prom'))) {
            let content: string;
            try {
              content = readFileSync(join(dir, name), 'utf8');
            } catch (err) {
              throw new Error(`reading ${name}: ${(err as Error).message}`, { cause: err });
            }
            const families = parseExposition(content, { file: name });
            expect(families).toHaveLength(1);
            fileReads++;
            if (name === 'duri_textfile_heartbeat_seq.prom') {
              const value = families[0]?.samples[0]?.value ?? 0;
              expect(value).toBeGreaterThanOrEqual(lastRead);
              lastRead = value;
            }
          }
        }
      })();
      await Promise.all([done, reader]);

      let written = 0;
      for (const w of writers) {
        expect(w.child.exitCode, w.stderr()).toBe(0);
        const summary = /stopped: (\d+) beats written, (\d+) failed/.exec(w.stderr());
        expect(summary, w.stderr()).not.toBeNull();
        written += Number(summary?.[1]);
      }
      expect(written).toBe(WRITERS * BEATS);
      expect(seqOf(readFileSync(join(dir, 'duri_textfile_heartbeat_seq.prom'), 'utf8'))).toBe(
        written,
      );
      expect(seqOf(await scrape(server.url))).toBe(written);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // The reader really overlapped the writers.
      expect(scrapes).toBeGreaterThan(10);
      expect(fileReads).toBeGreaterThan(20);
      console.log(
        `race: ${written} beats, ${scrapes} scrapes, ${fileReads} file reads, no torn read`,
      );
    });
  },
);
