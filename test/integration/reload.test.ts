/**
 * `drygate reload` against the real Prometheus 2.42 (Debian) on 127.0.0.1, one server per
 * acceptance point of issue 6, each in its own temporary directory:
 *
 * 1. a good candidate is installed, reloaded and verified;
 * 2. a broken candidate is rejected before any reload (server and files unchanged);
 * 3. a reload that fails inside Prometheus is rolled back (and a rollback that fails too is
 *    reported loudly, with Prometheus still on its in-memory rules);
 * 4. lifecycle API disabled: exit 2, nothing changed (and SIGHUP through --pid still works);
 * 5. promtool through an exec prefix (a wrapper that behaves like `docker exec`: it sees the
 *    files only under the container's paths), and the fallback order;
 * 6. two reloads started together never interleave (lock intervals, journal, metrics).
 */
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadPrometheus } from '../../src/reload/index.js';
import type { ReloadReport } from '../../src/reload/index.js';
import { flockBinary, prometheusBinary, promtoolBinary } from '../support/binaries.js';
import { type CliRun, runCli } from '../support/cli.js';
import { type RunningServer, startPrometheus } from '../support/processes.js';

const prometheus = prometheusBinary();
const promtool = promtoolBinary();
const flock = flockBinary();
const skipReason = prometheus.skipReason || promtool.skipReason;

const CONFIG = [
  'global:',
  '  scrape_interval: 1h',
  '  evaluation_interval: 1h',
  'rule_files:',
  '  - rules/*.yml',
  '',
].join('\n');

const BASE_RULES = [
  'groups:',
  '  - name: base',
  '    rules:',
  '      - record: job:up:sum',
  '        expr: sum by (job) (up)',
  '      - alert: TargetDown',
  '        expr: up{job="node", instance="a"} == 0',
  '        for: 5m',
  '        labels:',
  '          severity: page',
  '',
].join('\n');

function group(name: string, record: string, expr = 'sum(up)'): string {
  return `groups:\n  - name: ${name}\n    rules:\n      - record: ${record}\n        expr: ${expr}\n`;
}

interface Env {
  readonly root: string;
  /** The directory holding prometheus.yml and rules/. */
  readonly dir: string;
  readonly config: string;
  readonly server: RunningServer;
}

const roots: string[] = [];
const servers: RunningServer[] = [];

async function setUp(
  name: string,
  options: { lifecycle?: boolean; containerView?: boolean } = {},
): Promise<Env & { readonly serverDir: string }> {
  const root = mkdtempSync(join(tmpdir(), `drygate-reload-${name}-`));
  roots.push(root);
  const dir = join(root, 'host');
  mkdirSync(join(dir, 'rules'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'base.yml'), BASE_RULES);
  // With containerView, Prometheus reads the files under another path (a symlink standing in
  // for a bind mount), as a server in a container does.
  const serverDir = options.containerView === true ? join(root, 'ctr') : dir;
  if (serverDir !== dir) symlinkSync(dir, serverDir);
  const server = await startPrometheus(prometheus.path as string, dir, CONFIG, [], {
    lifecycle: options.lifecycle ?? true,
    configPath: join(serverDir, 'prometheus.yml'),
  });
  servers.push(server);
  return { root, dir, config: join(dir, 'prometheus.yml'), server, serverDir };
}

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Group names Prometheus has loaded, as `file:name`, sorted. */
async function loadedGroups(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/rules`);
  const body = (await response.json()) as {
    data: { groups: { name: string; file: string }[] };
  };
  return body.data.groups.map((g) => `${g.file}:${g.name}`).sort();
}

interface Metrics {
  readonly successful: number;
  readonly timestamp: number;
}

async function reloadMetrics(url: string): Promise<Metrics> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    if (line === undefined) throw new Error(`no ${name}`);
    return Number(line.split(' ')[1]);
  };
  return {
    successful: value('prometheus_config_last_reload_successful'),
    timestamp: value('prometheus_config_last_reload_success_timestamp_seconds'),
  };
}

function candidates(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const reload = (args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> =>
  runCli(['reload', ...args], env === undefined ? {} : { env });

function json(run: CliRun): ReloadReport {
  try {
    return JSON.parse(run.stdout) as ReloadReport;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

describe.skipIf(skipReason !== '')(
  `drygate reload against the real Prometheus ${skipReason}`,
  () => {
    describe('1. a good rule change is installed, reloaded and verified', () => {
      let env: Env;
      beforeAll(async () => {
        env = await setUp('good');
      });

      it('installs the candidate, reloads, and the new group is listed by /api/v1/rules', async () => {
        const before = await reloadMetrics(env.server.url);
        const dir = candidates(env.root, 'cand', { 'heartbeat.yml': group('heartbeat', 'hb:ok') });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
        ]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(
          `new       ${join(env.dir, 'rules', 'heartbeat.yml')} (from ${join(dir, 'heartbeat.yml')})`,
        );
        expect(run.stdout).toMatch(
          /passed +drygate check rules: 2 rule files, 3 rules \(legacy names\)/,
        );
        expect(run.stdout).toMatch(
          /passed +promtool check config \[host: .*promtool\]: SUCCESS: 2 rule files found/,
        );
        expect(run.stdout).toContain('result:  RELOADED');

        expect(await loadedGroups(env.server.url)).toEqual([
          `${join(env.dir, 'rules', 'base.yml')}:base`,
          `${join(env.dir, 'rules', 'heartbeat.yml')}:heartbeat`,
        ]);
        const after = await reloadMetrics(env.server.url);
        expect(after.successful).toBe(1);
        expect(after.timestamp).toBeGreaterThan(before.timestamp);
        expect(readFileSync(join(env.dir, 'rules', 'heartbeat.yml'), 'utf8')).toBe(
          group('heartbeat', 'hb:ok'),
        );
        // The verified files are the new last-known-good copy.
        const manifest = JSON.parse(
          readFileSync(join(env.dir, '.drygate-reload', 'last-good', 'manifest.json'), 'utf8'),
        ) as { origin: string; ruleFiles: { path: string }[] };
        expect(manifest.origin).toBe('verified-reload');
        expect(manifest.ruleFiles.map((f) => f.path)).toEqual([
          join(env.dir, 'rules', 'base.yml'),
          join(env.dir, 'rules', 'heartbeat.yml'),
        ]);
      });

      it('reports the verification in JSON: metrics advanced, rules as on disk', async () => {
        const dir = candidates(env.root, 'cand2', {
          'heartbeat.yml': group('heartbeat', 'hb:ok', 'max(up)'),
        });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--output',
          'json',
        ]);
        expect(run.code).toBe(0);
        const report = json(run);
        expect(report.outcome).toBe('reloaded');
        expect(report.method).toBe('POST /-/reload');
        expect(report.files.map((f) => f.change)).toEqual(['kept', 'changed']);
        const v = report.verification;
        expect(v?.ok).toBe(true);
        expect(v?.after?.successful).toBe(1);
        expect(v?.after?.successTimestampS).toBeGreaterThan(
          v?.before.successTimestampS ?? Infinity,
        );
        expect(v?.rules).toEqual({ ok: true, groups: 2, rules: 3, differences: [] });
        expect(report.steps.map((s) => s.step)).toEqual([
          'preflight',
          'lock',
          'current',
          'validate',
          'install',
          'reload',
          'verify',
          'last-good',
          'lock',
        ]);
      });

      it('runs the unit tests given with --tests, and refuses the change when one fails', async () => {
        const dir = candidates(env.root, 'cand3', {
          'heartbeat.yml': group('heartbeat', 'hb:ok', 'max(up)'),
        });
        const test = (value: number): string =>
          [
            'rule_files: [cand3/heartbeat.yml]',
            'evaluation_interval: 1m',
            'tests:',
            '  - interval: 1m',
            '    input_series:',
            '      - series: \'up{job="a"}\'',
            "        values: '1 1 1'",
            '    promql_expr_test:',
            '      - expr: hb:ok',
            '        eval_time: 2m',
            '        exp_samples:',
            "          - labels: 'hb:ok'",
            `            value: ${value}`,
            '',
          ].join('\n');
        writeFileSync(join(env.root, 'pass.test.yml'), test(1));
        writeFileSync(join(env.root, 'fail.test.yml'), test(7));
        const ok = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--tests',
          join(env.root, 'pass.test.yml'),
        ]);
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(/passed +unit tests: 1 file passed/);
        const before = await reloadMetrics(env.server.url);
        const bad = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--tests',
          join(env.root, 'fail.test.yml'),
        ]);
        expect(bad.code).toBe(1);
        expect(bad.stdout).toMatch(/failed +unit tests: 1 of 1 file failed/);
        expect(await reloadMetrics(env.server.url)).toEqual(before);
      });
    });

    describe('2. a broken rule file is rejected before any reload', () => {
      let env: Env;
      beforeAll(async () => {
        env = await setUp('broken');
      });

      it('exits 1 naming the mistake; Prometheus rules and reload metrics unchanged, nothing installed', async () => {
        const groupsBefore = await loadedGroups(env.server.url);
        const before = await reloadMetrics(env.server.url);
        const text = group('broken', 'job:broken', 'sum(rate(http_requests_total[5m])');
        const dir = candidates(env.root, 'cand', { 'broken.yml': text });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--output',
          'json',
        ]);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe(
          'drygate: validation failed: nothing was installed and Prometheus was not reloaded\n',
        );
        const report = json(run);
        expect(report.outcome).toBe('rejected');
        const steps = report.validation?.steps ?? [];
        expect(steps.find((s) => s.validator === 'drygate check rules')).toMatchObject({
          status: 'failed',
          summary: '1 error (2 rule files, 3 rules, legacy names)',
        });
        expect(steps[0]?.details).toHaveLength(1);
        expect(steps[0]?.details[0]).toMatch(
          new RegExp(
            `^${escape(join(dir, 'broken.yml'))}:5:\\d+: group "broken", rule 1, "job:broken": could not parse expression: parse error: unclosed left parenthesis$`,
          ),
        );
        // promtool ran too, on a staged copy, and its message names the candidate.
        const pt = steps.find(
          (s) => s.validator === 'promtool check config' && s.status === 'failed',
        );
        expect(pt?.where).toMatch(/^host: /);
        expect(pt?.details.join('\n')).toContain(join(dir, 'broken.yml'));
        expect(report.steps.map((s) => s.step)).not.toContain('install');
        expect(report.steps.map((s) => s.step)).not.toContain('reload');

        expect(existsSync(join(env.dir, 'rules', 'broken.yml'))).toBe(false);
        expect(
          readdirSync(env.dir).filter((f) => f.includes('drygate-') && f !== '.drygate-reload'),
        ).toEqual([]);
        expect(await loadedGroups(env.server.url)).toEqual(groupsBefore);
        expect(await reloadMetrics(env.server.url)).toEqual(before);
      });
    });

    describe('3. a reload that fails inside Prometheus is rolled back', () => {
      let env: Env;
      beforeAll(async () => {
        env = await setUp('rollback');
      });

      it('CLI: a rule name Prometheus 2 refuses, passed by drygate alone (utf8 names, no promtool): rolled back, exit 1', async () => {
        const groupsBefore = await loadedGroups(env.server.url);
        const before = await reloadMetrics(env.server.url);
        const dir = candidates(env.root, 'cand', { 'dotted.yml': group('dotted', 'job.up.sum') });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--name-validation-scheme',
          'utf8',
          '--promtool',
          'none',
          '--output',
          'json',
        ]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
          /^drygate: the reload failed: POST \/-\/reload: .*HTTP 500: failed to reload config/,
        );
        const report = json(run);
        expect(report.outcome).toBe('rolled-back');
        // The only validator that could run said yes; the report says promtool did not run.
        expect(report.validation?.steps.map((s) => [s.validator, s.status])).toEqual([
          ['drygate check rules', 'passed'],
          ['lint', 'passed'],
          ['unit tests', 'skipped'],
          ['promtool check config', 'unavailable'],
          ['promtool check config', 'skipped'],
        ]);
        expect(report.verification?.ok).toBe(false);
        expect(report.rollback).toMatchObject({
          target: 'last-good',
          ok: true,
          movedAside: [join(env.dir, 'rules', 'dotted.yml')],
        });
        // Last-known-good restored: the candidate is out of the rules dir, kept for the user.
        expect(existsSync(join(env.dir, 'rules', 'dotted.yml'))).toBe(false);
        const kept = join(report.rollback?.rejectedDir ?? '', env.dir, 'rules', 'dotted.yml');
        expect(readFileSync(kept, 'utf8')).toBe(group('dotted', 'job.up.sum'));
        // Reloaded again, and successful again.
        const after = await reloadMetrics(env.server.url);
        expect(after.successful).toBe(1);
        expect(after.timestamp).toBeGreaterThan(before.timestamp);
        expect(await loadedGroups(env.server.url)).toEqual(groupsBefore);
        expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
          'preflight:ok',
          'lock:ok',
          'current:ok',
          'last-good:ok',
          'validate:ok',
          'install:ok',
          'reload:failed',
          'verify:failed',
          'rollback:info',
          'rollback-restore:ok',
          'rollback-reload:ok',
          'rollback-verify:ok',
          'lock:ok',
        ]);
      });

      it('library: a file swapped between validation and reload (test hook) is rolled back', async () => {
        const groupsBefore = await loadedGroups(env.server.url);
        const dir = candidates(env.root, 'cand-hook', { 'swap.yml': group('swap', 'swap:ok') });
        const target = join(env.dir, 'rules', 'swap.yml');
        const report = await reloadPrometheus({
          url: env.server.url,
          config: env.config,
          install: dir,
          hooks: {
            beforeReload: () => writeFileSync(target, group('swap', 'swap:bad', 'sum(up')),
          },
        });
        expect(report.outcome).toBe('rolled-back');
        expect(report.failure).toMatch(/^the reload failed: POST \/-\/reload: .*HTTP 500/);
        expect(report.rollback?.ok).toBe(true);
        expect(existsSync(target)).toBe(false);
        expect(await loadedGroups(env.server.url)).toEqual(groupsBefore);
        expect((await reloadMetrics(env.server.url)).successful).toBe(1);
      });

      it('library: rules on the server that differ from the files on disk (hook edits a file after the reload) are rolled back', async () => {
        const groupsBefore = await loadedGroups(env.server.url);
        const dir = candidates(env.root, 'cand-verify', { 'late.yml': group('late', 'late:ok') });
        const target = join(env.dir, 'rules', 'late.yml');
        const report = await reloadPrometheus({
          url: env.server.url,
          config: env.config,
          install: dir,
          hooks: {
            // Prometheus has loaded late:ok; the file on disk now says something else.
            afterReload: () => writeFileSync(target, group('late', 'late:edited')),
          },
        });
        expect(report.outcome).toBe('rolled-back');
        expect(report.verification?.rules?.differences).toEqual([
          `group "late" of ${target}, rule 1: recording "late:edited" in the file, recording "late:ok" on the server`,
        ]);
        expect(report.failure).toMatch(
          /^the verification failed: successful 1, .*rule 1: recording "late:edited" in the file/,
        );
        expect(report.rollback?.ok).toBe(true);
        expect(existsSync(target)).toBe(false);
        expect(await loadedGroups(env.server.url)).toEqual(groupsBefore);
      });

      it('dry run: tells whether Prometheus runs the files on disk, rule by rule', async () => {
        const base = join(env.dir, 'rules', 'base.yml');
        const original = readFileSync(base, 'utf8');
        writeFileSync(base, original.replace('sum by (job) (up)', 'max by (job) (up)'));
        try {
          const run = await reload([
            '--url',
            env.server.url,
            '--config',
            env.config,
            '--dry-run',
            '--output',
            'json',
          ]);
          expect(run.code).toBe(0);
          expect(json(run).current).toMatchObject({
            inSync: false,
            differences: [
              `group "base" of ${base}, rule 1 "job:up:sum": expression "max by (job) (up)" in the file, "sum by (job) (up)" on the server`,
            ],
          });
        } finally {
          writeFileSync(base, original);
        }
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--dry-run',
          '--output',
          'json',
        ]);
        expect(json(run).current).toMatchObject({ inSync: true, differences: [] });
      });

      it('a rollback that fails too: exit 1, a loud message, Prometheus still on its in-memory rules', async () => {
        const groupsBefore = await loadedGroups(env.server.url);
        // Make the last-known-good copy one the server refuses too, with a consistent manifest
        // (as if Prometheus had been upgraded under it).
        const lkg = join(env.dir, '.drygate-reload', 'last-good');
        const manifestPath = join(lkg, 'manifest.json');
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
          ruleFiles: { path: string; file: string; sha256: string }[];
        };
        const bad = Buffer.from(group('base', 'job.up.sum'));
        const entry = manifest.ruleFiles[0];
        if (entry === undefined) throw new Error('empty manifest');
        writeFileSync(join(lkg, entry.file), bad);
        entry.sha256 = createHash('sha256').update(bad).digest('hex');
        writeFileSync(manifestPath, JSON.stringify(manifest));

        const dir = candidates(env.root, 'cand-fail', {
          'dotted.yml': group('dotted', 'job.up.sum'),
        });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--name-validation-scheme',
          'utf8',
          '--promtool',
          'none',
        ]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('result:  ROLLBACK FAILED');
        expect(run.stderr).toContain(
          `PROMETHEUS AT ${env.server.url} IS RUNNING ON ITS PREVIOUS IN-MEMORY CONFIGURATION`,
        );
        expect(run.stderr).toContain('do not restart Prometheus until `promtool check config');
        expect(run.stderr).toMatch(/drygate: the reload failed: /);
        const metrics = await reloadMetrics(env.server.url);
        expect(metrics.successful).toBe(0);
        // What the alert says: the rules loaded before are still the ones evaluated.
        expect(await loadedGroups(env.server.url)).toEqual(groupsBefore);
      });
    });

    describe('4. lifecycle API disabled', () => {
      let env: Env;
      beforeAll(async () => {
        env = await setUp('nolifecycle', { lifecycle: false });
      });

      it('exits 2 with a clear message; nothing installed, no state dir, metrics unchanged', async () => {
        const before = await reloadMetrics(env.server.url);
        const dir = candidates(env.root, 'cand', { 'new.yml': group('new', 'new:ok') });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
        ]);
        expect(run).toEqual({
          code: 2,
          stdout: '',
          stderr:
            `drygate: the lifecycle API of Prometheus at ${env.server.url} is not enabled, so POST /-/reload would be refused: ` +
            'start Prometheus with --web.enable-lifecycle, or reload with SIGHUP through --pid PID; nothing was changed\n',
        });
        expect(existsSync(join(env.dir, 'rules', 'new.yml'))).toBe(false);
        expect(existsSync(join(env.dir, '.drygate-reload'))).toBe(false);
        expect(await reloadMetrics(env.server.url)).toEqual(before);
      });

      it('found only at reload time (a proxy hides the flags): 403, files put back, exit 2', async () => {
        const proxy = await hidingProxy(env.server.url);
        try {
          const before = await reloadMetrics(env.server.url);
          const dir = candidates(env.root, 'cand-proxy', { 'new.yml': group('new', 'new:ok') });
          const run = await reload(['--url', proxy.url, '--config', env.config, '--install', dir]);
          expect(run.code).toBe(2);
          expect(run.stdout).toBe('');
          expect(run.stderr).toMatch(
            /^drygate: the lifecycle API of Prometheus at .* is not enabled \(POST \/-\/reload: .*HTTP 403: Lifecycle API is not enabled\.\).*the files were put back, nothing was changed\n$/,
          );
          expect(existsSync(join(env.dir, 'rules', 'new.yml'))).toBe(false);
          expect(await reloadMetrics(env.server.url)).toEqual(before);
        } finally {
          proxy.server.close();
        }
      });

      it('reloads with SIGHUP through --pid instead, verified the same way', async () => {
        const before = await reloadMetrics(env.server.url);
        const dir = candidates(env.root, 'cand-hup', { 'hup.yml': group('hup', 'hup:ok') });
        const pid = String(env.server.child.pid);
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--pid',
          pid,
          '--output',
          'json',
        ]);
        expect(run.code).toBe(0);
        const report = json(run);
        expect(report.method).toBe('SIGHUP');
        expect(report.steps.find((s) => s.step === 'reload')?.detail).toBe(
          `SIGHUP sent to pid ${pid}`,
        );
        expect((await reloadMetrics(env.server.url)).timestamp).toBeGreaterThan(before.timestamp);
        expect(await loadedGroups(env.server.url)).toContain(
          `${join(env.dir, 'rules', 'hup.yml')}:hup`,
        );
      });

      it('a server that hangs: exit 2 after --timeout, nothing changed', async () => {
        const hang = createServer(() => {
          // never answers
        });
        hang.listen(0, '127.0.0.1');
        await once(hang, 'listening');
        const address = hang.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        try {
          const dir = candidates(env.root, 'cand-hang', { 'hang.yml': group('hang', 'hang:ok') });
          const run = await reload([
            '--url',
            `http://127.0.0.1:${port}`,
            '--config',
            env.config,
            '--install',
            dir,
            '--timeout',
            '300ms',
          ]);
          expect(run.code).toBe(2);
          expect(run.stderr).toMatch(
            /^drygate: Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer in time: .*no answer within 300 ms; nothing was changed\n$/,
          );
          expect(existsSync(join(env.dir, 'rules', 'hang.yml'))).toBe(false);
        } finally {
          hang.closeAllConnections();
          hang.close();
        }
      });
    });

    describe('5. promtool through an exec prefix, and the fallback order', () => {
      let env: Env & { readonly serverDir: string };
      let wrapper: string;
      let log: string;
      beforeAll(async () => {
        env = await setUp('exec', { containerView: true });
        log = join(env.root, 'wrapper.log');
        wrapper = writeDockerWrapper(env.root, env.dir, env.serverDir, log);
      });
      const pathMap = (): string[] => ['--path-map', `${env.dir}=${env.serverDir}`];

      it('runs the real promtool through the wrapper with the paths the container sees, then reloads', async () => {
        const dir = candidates(env.root, 'cand', { 'exec.yml': group('exec', 'exec:ok') });
        const run = await reload([
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--check-in',
          `${wrapper} exec prometheus`,
          ...pathMap(),
          '--output',
          'json',
        ]);
        expect(run.code).toBe(0);
        const report = json(run);
        expect(report.outcome).toBe('reloaded');
        const pt = report.validation?.steps.filter((s) => s.validator === 'promtool check config');
        expect(pt).toEqual([
          {
            validator: 'promtool check config',
            where: `exec: ${wrapper} exec prometheus`,
            status: 'passed',
            summary: 'SUCCESS: 2 rule files found',
            details: [],
          },
        ]);
        // The wrapper got only container paths (it refuses host paths, as a container would).
        const calls = readFileSync(log, 'utf8').trim().split('\n');
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatch(
          new RegExp(
            `^exec prometheus promtool check config ${escape(env.serverDir)}/\\.prometheus\\.yml\\.drygate-check-[0-9a-f]+\\.tmp$`,
          ),
        );
        // The server names the files under its own paths, and the verification maps them.
        expect(report.files.find((f) => f.change === 'new')?.serverPath).toBe(
          join(env.serverDir, 'rules', 'exec.yml'),
        );
        expect(await loadedGroups(env.server.url)).toContain(
          `${join(env.serverDir, 'rules', 'exec.yml')}:exec`,
        );
      });

      it('falls back: exec prefix, else host promtool, else drygate alone; a "no" from promtool never falls back', async () => {
        const good = candidates(env.root, 'cand-good', { 'fb.yml': group('fb', 'fb:ok') });
        const broken = candidates(env.root, 'cand-broken', {
          'fb.yml': group('fb', 'fb:ok', 'sum('),
        });
        const base = [
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--dry-run',
          '--output',
          'json',
          ...pathMap(),
        ];
        const promtoolSteps = (r: ReloadReport): string[] =>
          (r.validation?.steps ?? [])
            .filter((s) => s.validator === 'promtool check config')
            .map((s) => `${s.status} ${s.where ?? ''}: ${s.summary}`);

        const viaExec = json(
          await reload([...base, '--install', good, '--check-in', `${wrapper} exec prometheus`]),
        );
        expect(promtoolSteps(viaExec)).toEqual([
          `passed exec: ${wrapper} exec prometheus: SUCCESS: 3 rule files found`,
        ]);

        const noContainer = json(
          await reload([
            ...base,
            '--install',
            good,
            '--check-in',
            `${wrapper} exec no-such-container`,
          ]),
        );
        expect(promtoolSteps(noContainer)).toEqual([
          `unavailable exec: ${wrapper} exec no-such-container: ${wrapper} exited with 1: Error: No such container: no-such-container`,
          `passed host: ${promtool.path ?? ''}: SUCCESS: 3 rule files found`,
        ]);

        const noDocker = json(
          await reload([
            ...base,
            '--install',
            good,
            '--check-in',
            join(env.root, 'no-such-docker exec prometheus'),
          ]),
        );
        expect(promtoolSteps(noDocker)).toEqual([
          `unavailable exec: ${join(env.root, 'no-such-docker')} exec prometheus: cannot run ${join(env.root, 'no-such-docker')}: ENOENT`,
          `passed host: ${promtool.path ?? ''}: SUCCESS: 3 rule files found`,
        ]);

        // No promtool on PATH (the wrapper is absent too): drygate's own checks alone.
        const alone = await reload(
          [...base, '--install', good, '--check-in', `${wrapper} exec no-such-container`],
          {
            ...process.env,
            PATH: join(env.root, 'empty-path'),
          },
        );
        expect(alone.code).toBe(0);
        expect(promtoolSteps(json(alone))).toEqual([
          `unavailable exec: ${wrapper} exec no-such-container: ${wrapper} exited with 1: Error: No such container: no-such-container`,
          'unavailable host: no promtool on PATH',
          "skipped drygate only: no promtool could run: drygate's own checks alone",
        ]);
        expect(json(alone).validation?.steps[0]).toMatchObject({
          validator: 'drygate check rules',
          status: 'passed',
        });

        // promtool in the container says no: a failure, and the host promtool is not asked.
        const no = await reload([
          ...base,
          '--install',
          broken,
          '--check-in',
          `${wrapper} exec prometheus`,
        ]);
        expect(no.code).toBe(1);
        const steps = promtoolSteps(json(no));
        expect(steps).toEqual([
          `failed exec: ${wrapper} exec prometheus: promtool rejected the candidate set`,
        ]);
        const failed = json(no).validation?.steps.find(
          (s) => s.status === 'failed' && s.where?.startsWith('exec'),
        );
        // Its message names the candidate, not the staged copy or a container path.
        expect(failed?.details.join('\n')).toContain(join(broken, 'fb.yml'));
        expect(failed?.details.join('\n')).not.toContain(env.serverDir);
        expect(existsSync(join(env.dir, 'rules', 'fb.yml'))).toBe(false);
      });
    });

    describe('6. two reloads started together never interleave', () => {
      let env: Env;
      beforeAll(async () => {
        env = await setUp('concurrent');
      });

      it('the second waits for the lock, then runs its whole transaction on what the first left', async () => {
        const a = candidates(env.root, 'cand-a', { 'a.yml': group('a', 'a:ok') });
        const b = candidates(env.root, 'cand-b', { 'b.yml': group('b', 'b:ok') });
        const args = (dir: string): string[] => [
          '--url',
          env.server.url,
          '--config',
          env.config,
          '--install',
          dir,
          '--output',
          'json',
        ];
        const [ra, rb] = await Promise.all([reload(args(a)), reload(args(b))]);
        expect([ra.code, rb.code, ra.stderr, rb.stderr]).toEqual([0, 0, '', '']);
        const [first, second] = [json(ra), json(rb)].sort(
          (x, y) => (x.lock?.acquiredAtMs ?? 0) - (y.lock?.acquiredAtMs ?? 0),
        );
        if (
          first === undefined ||
          second === undefined ||
          first.lock === undefined ||
          second.lock === undefined
        ) {
          throw new Error('no lock times');
        }
        // Lock intervals do not overlap.
        expect(second.lock.acquiredAtMs).toBeGreaterThanOrEqual(first.lock.releasedAtMs);
        // The second read the reload metrics after the first's reload: its "before" is the
        // first's "after", and its own reload moved the timestamp again.
        expect(second.current?.status.successTimestampS).toBe(
          first.verification?.after?.successTimestampS,
        );
        expect(second.verification?.after?.successTimestampS).toBeGreaterThan(
          first.verification?.after?.successTimestampS ?? Infinity,
        );
        // The second planned with the first's file already in place.
        expect(second.files.filter((f) => f.change === 'kept')).toHaveLength(2);
        expect(await loadedGroups(env.server.url)).toEqual(
          ['a', 'b', 'base'].map((g) => `${join(env.dir, 'rules', `${g}.yml`)}:${g}`),
        );

        // The journal: each pid's lines form one block from "lock acquired" to "lock released".
        const lines = readFileSync(join(env.dir, '.drygate-reload', 'journal.log'), 'utf8')
          .trim()
          .split('\n');
        const pids = lines.map((l) => / pid=(\d+) /.exec(l)?.[1]);
        const blocks = pids.filter((p, i) => i === 0 || p !== pids[i - 1]);
        expect(blocks).toHaveLength(2);
        expect(new Set(blocks).size).toBe(2);
        for (const block of blocks) {
          const own = lines.filter((_, i) => pids[i] === block);
          expect(own[0]).toMatch(/ lock ok: acquired /);
          expect(own[own.length - 1]).toMatch(
            / lock ok: released after \d+ ms \(outcome: reloaded\)$/,
          );
        }
        const times = lines.map((l) => Date.parse(l.slice(0, 24)));
        expect([...times].sort((x, y) => x - y)).toEqual(times);
      });

      it('a reload started while another holds the lock waits for it (deterministic: the first pauses inside)', async () => {
        const d = candidates(env.root, 'cand-d', { 'd.yml': group('d', 'd:ok') });
        const e = candidates(env.root, 'cand-e', { 'e.yml': group('e', 'e:ok') });
        let second: Promise<CliRun> | undefined;
        const first = await reloadPrometheus({
          url: env.server.url,
          config: env.config,
          install: d,
          hooks: {
            afterValidate: async () => {
              second = reload([
                '--url',
                env.server.url,
                '--config',
                env.config,
                '--install',
                e,
                '--output',
                'json',
              ]);
              await new Promise((r) => setTimeout(r, 1500));
            },
          },
        });
        expect(first.outcome).toBe('reloaded');
        const run = await (second as Promise<CliRun>);
        expect(run.code).toBe(0);
        const report = json(run);
        expect(report.lock?.acquiredAtMs).toBeGreaterThanOrEqual(
          first.lock?.releasedAtMs ?? Infinity,
        );
        expect(report.lock?.waitedMs).toBeGreaterThan(500);
        expect(report.current?.status.successTimestampS).toBe(
          first.verification?.after?.successTimestampS,
        );
        expect(report.files.map((f) => `${f.change}:${f.path}`)).toContain(
          `kept:${join(env.dir, 'rules', 'd.yml')}`,
        );
      });

      it.skipIf(flock.path === undefined)(
        `a lock held by flock(1) past --wait: exit 1, nothing changed ${flock.skipReason}`,
        async () => {
          const lockFile = join(env.dir, '.drygate-reload', 'lock');
          // flock(1) holds the lock while `cat` waits on stdin; closing stdin releases it.
          const holder = spawn(flock.path as string, [lockFile, 'cat'], {
            stdio: ['pipe', 'ignore', 'ignore'],
          });
          try {
            const deadline = Date.now() + 10_000;
            while (spawnSync(flock.path as string, ['-n', lockFile, 'true']).status === 0) {
              if (holder.exitCode !== null || Date.now() > deadline)
                throw new Error('flock did not take the lock');
              await new Promise((r) => setTimeout(r, 20));
            }
            const dir = candidates(env.root, 'cand-c', { 'c.yml': group('c', 'c:ok') });
            const before = await reloadMetrics(env.server.url);
            const run = await reload([
              '--url',
              env.server.url,
              '--config',
              env.config,
              '--install',
              dir,
              '--wait',
              '500ms',
            ]);
            expect(run.code).toBe(1);
            expect(run.stderr).toBe(
              `drygate: lock ${lockFile} is still held by another writer after waiting 500 ms\n`,
            );
            expect(existsSync(join(env.dir, 'rules', 'c.yml'))).toBe(false);
            expect(await reloadMetrics(env.server.url)).toEqual(before);
          } finally {
            holder.stdin?.end();
            await once(holder, 'exit');
          }
        },
      );
    });
  },
);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A stand-in for `docker`: `WRAPPER exec CONTAINER promtool ARGS...`. Like a container it sees
 * the files only under the container's directory: an argument with a host path fails, a
 * container path is mapped to the host for the real promtool, and promtool's output is mapped
 * back. An unknown container fails as docker does (exit 1, "Error: No such container").
 */
function writeDockerWrapper(root: string, hostDir: string, serverDir: string, log: string): string {
  const path = join(root, 'fake-docker');
  const script = `#!/bin/sh
echo "$*" >> '${log}'
if [ "$1" != exec ]; then echo "unknown command: $1" >&2; exit 125; fi
if [ "$2" != prometheus ]; then echo "Error: No such container: $2" >&2; exit 1; fi
shift 2
if [ "$1" != promtool ]; then echo "exec: $1: executable file not found" >&2; exit 127; fi
shift
n=$#
i=0
while [ $i -lt $n ]; do
  a=$1
  shift
  case "$a" in
    '${hostDir}'*) echo "open $a: no such file or directory (not in the container)" >&2; exit 2 ;;
    '${serverDir}'*) a='${hostDir}'"\${a#'${serverDir}'}" ;;
  esac
  set -- "$@" "$a"
  i=$((i + 1))
done
out=$(mktemp) err=$(mktemp)
'${promtool.path ?? 'promtool'}' "$@" >"$out" 2>"$err"
code=$?
sed "s|${hostDir}|${serverDir}|g" "$out"
sed "s|${hostDir}|${serverDir}|g" "$err" >&2
rm -f "$out" "$err"
exit $code
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** A proxy to the real server that hides `/api/v1/status/flags`, as a restrictive proxy may. */
async function hidingProxy(target: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/status/flags') === true) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    const forward = httpRequest(
      {
        host: '127.0.0.1',
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}
