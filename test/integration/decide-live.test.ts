/**
 * `drygate decide` live (issue 7, acceptance 1): the real Prometheus 2.42 scrapes two real
 * node_exporters (a primary and a backup heartbeat target), each reading the textfiles of its
 * own `drygate heartbeat --every 1s` process, with the example's heartbeat rules loaded. The
 * Prometheus config, the file_sd targets file, the rules and the two heartbeat gates are all
 * derived from examples/l4-dry-run, with test-sized thresholds (120 s -> 6 s, [6m] -> [10s],
 * rules every 1 s, scrapes every 1 s).
 *
 * While both writers beat, the decision is GO. Once the primary writer stops, its gate signals
 * drop to 0 and the decision stays GO (the example's `match: count >= 1`). Once the backup stops
 * too, it is NO-GO, naming the heartbeat gates. Every wait polls `decide` against a deadline.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { nodeExporterBinary, prometheusBinary, promtoolBinary } from '../support/binaries.js';
import { runCli, spawnCli } from '../support/cli.js';
import {
  type RunningServer,
  startNodeExporter,
  startPrometheus,
  stopProcess,
} from '../support/processes.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/l4-dry-run/', import.meta.url));
const example = (path: string): string => readFileSync(join(EXAMPLE, path), 'utf8');

const prometheus = prometheusBinary();
const nodeExporter = nodeExporterBinary();
const promtool = promtoolBinary();
const skipReason = [prometheus.skipReason, nodeExporter.skipReason]
  .filter((r) => r !== '')
  .join('; ');

/** `text` with `from` replaced; `from` must occur exactly once, so a changed example fails here. */
function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2)
    throw new Error(`expected "${from}" exactly once in the example, found ${parts.length - 1}`);
  return parts.join(to);
}

/** The example's thresholds made test-sized: fresh within 6 s, changed within 10 s. */
function shortenThresholds(expr: string): string {
  return replaceOnce(replaceOnce(expr, '< bool 120', '< bool 6'), '[6m]', '[10s]');
}

interface Example {
  readonly rules: string;
  readonly gates: string;
  readonly config: string;
  targets(addresses: readonly string[]): string;
}

function deriveFromExample(): Example {
  const rules = replaceOnce(
    shortenThresholds(example('rules/heartbeat.rules.yml')),
    'interval: 1m',
    'interval: 1s',
  );

  const spec = parse(example('gates.yml')) as {
    require: Record<string, string>;
    gates: { name: string; match?: string; fallback?: string }[];
  };
  expect(spec.require).toEqual({ metric_realm: 'prod' });
  const heartbeatGates = spec.gates
    .filter((g) => g.name === 'heartbeat-ok' || g.name === 'heartbeat-fresh')
    .map((g) => (g.fallback === undefined ? g : { ...g, fallback: shortenThresholds(g.fallback) }));
  expect(heartbeatGates.map((g) => [g.name, g.match])).toEqual([
    ['heartbeat-ok', 'count >= 1'],
    ['heartbeat-fresh', 'count >= 1'],
  ]);
  const gates = stringify({
    apiVersion: 'drygate/v1',
    name: 'live-heartbeat',
    require: spec.require,
    gates: heartbeatGates,
  });

  const config = parse(example('prometheus.yml')) as {
    global: Record<string, string>;
    rule_files: string[];
    scrape_configs: { job_name: string; file_sd_configs: { refresh_interval?: string }[] }[];
  };
  // The rule file and the targets file keep their paths relative to the config's directory.
  expect(config.rule_files).toEqual(['rules/heartbeat.rules.yml']);
  config.global['scrape_interval'] = '1s';
  config.global['evaluation_interval'] = '1s';
  for (const job of config.scrape_configs)
    for (const sd of job.file_sd_configs) sd.refresh_interval = '1s';

  const groups = parse(example('targets/node.yml')) as {
    targets: string[];
    labels: Record<string, string>;
  }[];
  expect(groups.map((g) => g.labels)).toEqual([
    { metric_realm: 'prod', role: 'primary' },
    { metric_realm: 'prod', role: 'backup' },
  ]);
  return {
    rules,
    gates,
    config: stringify(config),
    targets: (addresses) =>
      stringify(groups.map((g, i) => ({ ...g, targets: [addresses[i] as string] }))),
  };
}

interface Decided {
  readonly code: number | null;
  readonly decision: string;
  readonly reason: string;
  /** Per gate: its state and its values by instance. */
  readonly gates: ReadonlyMap<string, { state: string; values: Record<string, number> }>;
  readonly stdout: string;
  readonly stderr: string;
}

interface ReportJson {
  decision: string;
  reason: string;
  gates: {
    gate: string;
    state: string;
    values: { labels: Record<string, string>; value: number }[];
  }[];
}

describe.skipIf(skipReason !== '')(
  `drygate decide against Prometheus, node_exporter and the heartbeat, live ${skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-decide-live-'));
    const textfiles = {
      primary: join(dir, 'textfile-primary'),
      backup: join(dir, 'textfile-backup'),
    };
    const gatesFile = join(dir, 'gates.yml');
    const writers: { child: ChildProcess; output: string }[] = [];
    const exporters: RunningServer[] = [];
    let server: RunningServer | undefined;
    /** The `instance` label of the primary and the backup target. */
    let primary = '';
    let backup = '';

    function startWriter(textfileDir: string): { child: ChildProcess; output: string } {
      const writer = {
        child: spawnCli(['heartbeat', '--dir', textfileDir, '--every', '1s']),
        output: '',
      };
      writer.child.stdout?.on('data', (d: Buffer) => (writer.output += d.toString()));
      writer.child.stderr?.on('data', (d: Buffer) => (writer.output += d.toString()));
      writers.push(writer);
      return writer;
    }

    beforeAll(async () => {
      const derived = deriveFromExample();
      mkdirSync(textfiles.primary);
      mkdirSync(textfiles.backup);
      mkdirSync(join(dir, 'prometheus', 'rules'), { recursive: true });
      mkdirSync(join(dir, 'prometheus', 'targets'));
      writeFileSync(gatesFile, derived.gates);
      writeFileSync(join(dir, 'prometheus', 'rules', 'heartbeat.rules.yml'), derived.rules);

      startWriter(textfiles.primary);
      startWriter(textfiles.backup);
      exporters.push(await startNodeExporter(nodeExporter.path as string, textfiles.primary));
      exporters.push(await startNodeExporter(nodeExporter.path as string, textfiles.backup));
      [primary, backup] = exporters.map((e) => new URL(e.url).host) as [string, string];
      writeFileSync(
        join(dir, 'prometheus', 'targets', 'node.yml'),
        derived.targets([primary, backup]),
      );
      server = await startPrometheus(
        prometheus.path as string,
        join(dir, 'prometheus'),
        derived.config,
      );
    });

    afterAll(async () => {
      await Promise.all(writers.map((w) => stopProcess(w.child)));
      await server?.stop();
      await Promise.all(exporters.map((e) => e.stop()));
      rmSync(dir, { recursive: true, force: true });
    });

    async function decide(output: 'json' | 'table' = 'json'): Promise<Decided> {
      const run = await runCli([
        'decide',
        gatesFile,
        '--url',
        server?.url ?? '',
        '--lookback',
        '0s',
        '--timeout',
        '5s',
        '-o',
        output,
      ]);
      if (output === 'table') return { ...run, decision: '', reason: '', gates: new Map() };
      let report: ReportJson;
      try {
        report = JSON.parse(run.stdout) as ReportJson;
      } catch {
        throw new Error(`decide printed no JSON (exit ${run.code}):\n${run.stdout}${run.stderr}`);
      }
      const gates = new Map(
        report.gates.map((g) => [
          g.gate,
          {
            state: g.state,
            values: Object.fromEntries(g.values.map((v) => [v.labels['instance'] ?? '', v.value])),
          },
        ]),
      );
      return { ...run, decision: report.decision, reason: report.reason, gates };
    }

    /** Both heartbeat gates see exactly these values per target. */
    const heartbeatValues =
      (want: Record<string, number>) =>
      (d: Decided): boolean =>
        ['heartbeat-ok', 'heartbeat-fresh'].every((gate) => {
          const values = d.gates.get(gate)?.values ?? {};
          return (
            Object.keys(values).length === Object.keys(want).length &&
            Object.entries(want).every(([instance, v]) => values[instance] === v)
          );
        });

    /** Runs decide until `done` holds; fails with the last answer at the deadline. */
    async function until(done: (d: Decided) => boolean, what: string): Promise<Decided> {
      const deadline = Date.now() + 30_000;
      let last: Decided | undefined;
      while (Date.now() < deadline) {
        last = await decide();
        if (done(last)) return last;
        await sleep(250);
      }
      const gates = JSON.stringify([...(last?.gates ?? [])]);
      const logs = writers.map((w) => w.output).join('');
      throw new Error(
        `timed out waiting for ${what}; last: ${last?.decision} (${last?.reason}) ${gates}\n${last?.stderr ?? ''}${logs}`,
      );
    }

    it('says GO while both writers beat', async () => {
      const d = await until(heartbeatValues({ [primary]: 1, [backup]: 1 }), 'both targets at 1');
      expect(d.decision).toBe('GO');
      expect(d.code).toBe(0);
    });

    it('labels the targets from the file_sd targets file, and keeps the writer realm', async () => {
      const ask = async (query: string): Promise<Record<string, string>[]> => {
        const response = await fetch(
          `${server?.url}/api/v1/query?${new URLSearchParams({ query }).toString()}`,
          { signal: AbortSignal.timeout(5000) },
        );
        const body = (await response.json()) as {
          data: { result: { metric: Record<string, string> }[] };
        };
        return body.data.result.map((r) => r.metric);
      };
      const up = await ask('up');
      expect(up.map((m) => [m['instance'], m['metric_realm'], m['role']]).sort()).toEqual(
        [
          [primary, 'prod', 'primary'],
          [backup, 'prod', 'backup'],
        ].sort(),
      );
      // honor_labels: the writer's own metric_realm stays; no exported_metric_realm appears.
      const seq = await ask('duri_textfile_heartbeat_seq');
      expect(seq).toHaveLength(2);
      for (const m of seq) {
        expect(m['metric_realm']).toBe('prod');
        expect(m).not.toHaveProperty('exported_metric_realm');
      }
    });

    it('stays GO when only the primary writer stops (match: count >= 1)', async () => {
      await stopProcess(writers[0]?.child as ChildProcess);
      const d = await until(
        heartbeatValues({ [primary]: 0, [backup]: 1 }),
        'the primary at 0 and the backup at 1',
      );
      expect(d.decision).toBe('GO');
      expect(d.code).toBe(0);
      expect(d.gates.get('heartbeat-ok')?.state).toBe('pass');
    });

    it('says NO-GO naming the heartbeat gates once both writers stop', async () => {
      await stopProcess(writers[1]?.child as ChildProcess);
      const d = await until(heartbeatValues({ [primary]: 0, [backup]: 0 }), 'both targets at 0');
      expect(d.decision).toBe('NO-GO');
      expect(d.code).toBe(1);
      expect(d.reason).toBe('required gates failed: heartbeat-ok, heartbeat-fresh');
      expect(d.gates.get('heartbeat-ok')?.state).toBe('fail');

      const table = await decide('table');
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(/^heartbeat-ok +FAIL /m);
      expect(table.stdout).toContain('Decision: NO-GO');
    });
  },
);

describe.skipIf(promtool.path === undefined)(
  `the example prometheus.yml ${promtool.skipReason}`,
  () => {
    it('passes promtool check config, with its rule file and file_sd targets', () => {
      const out = execFileSync(
        promtool.path as string,
        ['check', 'config', join(EXAMPLE, 'prometheus.yml')],
        {
          encoding: 'utf8',
        },
      );
      expect(out).toContain('SUCCESS');
    });
  },
);
