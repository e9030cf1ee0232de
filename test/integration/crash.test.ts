import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/exposition/parse.js';
import { nodeExporterBinary } from '../support/binaries.js';
import { runCli, spawnCli } from '../support/cli.js';
import { type RunningServer, scrape, startNodeExporter } from '../support/processes.js';

const nodeExporter = nodeExporterBinary();
const KILLS = 100;

describe.skipIf(nodeExporter.path === undefined)(
  `writers killed at random moments leave no torn file ${nodeExporter.skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-crash-'));
    const seqPath = join(dir, 'duri_textfile_heartbeat_seq.prom');
    let server: RunningServer | undefined;
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const readSeq = (): number => {
      const families = parseExposition(readFileSync(seqPath, 'utf8'), { file: seqPath });
      return (
        families.find((f) => f.name === 'duri_textfile_heartbeat_seq')?.samples[0]?.value ?? NaN
      );
    };

    it(`${KILLS} SIGKILLs: every *.prom parses, and the next beat continues the sequence`, async () => {
      server = await startNodeExporter(nodeExporter.path as string, dir);
      const first = await runCli(['heartbeat', '--dir', dir]);
      expect(first.code).toBe(0);
      let killsLeavingTempFiles = 0;

      for (let kill = 0; kill < KILLS; kill++) {
        const mtimeBefore = statSync(seqPath).mtimeMs;
        const seqBefore = readSeq();
        const writer = spawnCli(['heartbeat', '--dir', dir, '--every', '1ms']);
        const exited = once(writer, 'exit');
        // Wait until it is beating, then kill it at a random moment within the next few beats.
        while (statSync(seqPath).mtimeMs === mtimeBefore && writer.exitCode === null)
          await sleep(1);
        await sleep(Math.random() * 20);
        writer.kill('SIGKILL');
        await exited;
        expect(writer.signalCode).toBe('SIGKILL');

        const names = readdirSync(dir);
        for (const name of names.filter((f) => f.endsWith('.prom'))) {
          expect(() =>
            parseExposition(readFileSync(join(dir, name), 'utf8'), { file: name }),
          ).not.toThrow();
        }
        if (names.some((f) => f.endsWith('.tmp'))) killsLeavingTempFiles++;
        expect(await scrape(server.url)).toContain('node_textfile_scrape_error 0\n');

        const seqAfterKill = readSeq();
        expect(seqAfterKill).toBeGreaterThan(seqBefore);
        const next = await runCli(['heartbeat', '--dir', dir]);
        expect(next.code, next.stderr).toBe(0);
        expect(readSeq()).toBe(seqAfterKill + 1);
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
      // Some kills must have landed inside a write, or this test proved little.
      expect(killsLeavingTempFiles).toBeGreaterThan(0);
      console.log(
        `crash: ${KILLS} kills, ${killsLeavingTempFiles} left a temp file that the next beat removed`,
      );
    });
  },
);
