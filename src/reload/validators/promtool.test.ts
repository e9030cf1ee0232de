import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePathMap } from '../path-map.js';
import { buildPlan } from '../plan.js';
import type { ValidationContext } from '../validate.js';
import { classifyPromtool, execArgv, promtoolValidator } from './promtool.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('classifyPromtool', () => {
  it.each([
    [{ kind: 'exit', code: 0, stdout: 'Checking p.yml\n  SUCCESS\n', stderr: '' }, 'passed'],
    [{ kind: 'exit', code: 1, stdout: 'Checking p.yml\n', stderr: '  FAILED: x\n' }, 'failed'],
    [{ kind: 'exit', code: 3, stdout: 'Checking p.yml\n', stderr: 'lint' }, 'failed'],
    [
      { kind: 'exit', code: 1, stdout: '', stderr: 'Error: No such container: prom\n' },
      'unavailable',
    ],
    [{ kind: 'exit', code: 126, stdout: '', stderr: 'permission denied' }, 'unavailable'],
    [{ kind: 'exit', code: 127, stdout: '', stderr: 'promtool: not found' }, 'unavailable'],
    [{ kind: 'spawn-error', code: 'ENOENT', message: '' }, 'unavailable'],
    [{ kind: 'timeout', stdout: '', stderr: '' }, 'unavailable'],
    [{ kind: 'signal', signal: 'SIGKILL', stdout: '', stderr: '' }, 'unavailable'],
  ] as const)('%j is %s', (result, kind) => {
    expect(classifyPromtool(result, 'docker').kind).toBe(kind);
  });

  it('says why promtool could not run', () => {
    expect(
      classifyPromtool(
        { kind: 'exit', code: 1, stdout: '', stderr: '\nError: No such container: p\n' },
        'docker',
      ),
    ).toEqual({
      kind: 'unavailable',
      reason: 'docker exited with 1: Error: No such container: p',
    });
  });
});

describe('execArgv', () => {
  it('appends promtool unless the prefix ends with it', () => {
    expect(execArgv(['docker', 'exec', 'p'])).toEqual(['docker', 'exec', 'p', 'promtool']);
    expect(execArgv(['docker', 'exec', 'p', '/bin/promtool'])).toEqual([
      'docker',
      'exec',
      'p',
      '/bin/promtool',
    ]);
  });
});

/** A fake promtool: logs its argv and the config it was given, answers as told. */
function fakePromtool(dir: string, name: string, exit: number, stdout: string): string {
  const path = join(dir, name);
  // As a container would, it sees /etc/prometheus where the host has <dir>/etc.
  writeFileSync(
    path,
    `#!/bin/sh\necho "$@" >> '${dir}/${name}.log'\nfor a; do last=$a; done\nlast=$(echo "$last" | sed 's|^/etc/prometheus|${dir}/etc|')\ncat "$last" > '${dir}/${name}.config' 2>/dev/null\nprintf '%s' '${stdout}'\nexit ${exit}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

function setup(): { root: string; context: ValidationContext } {
  const root = mkdtempSync(join(tmpdir(), 'drygate-promtool-'));
  roots.push(root);
  mkdirSync(join(root, 'etc/rules'), { recursive: true });
  mkdirSync(join(root, 'build'));
  writeFileSync(join(root, 'etc/prometheus.yml'), '# keep me\nrule_files:\n  - rules/*.yml\n');
  writeFileSync(join(root, 'etc/rules/a.yml'), 'groups: []\n');
  writeFileSync(join(root, 'build/b.yml'), 'groups: []\n');
  const plan = buildPlan({
    config: join(root, 'etc/prometheus.yml'),
    install: join(root, 'build'),
  });
  return { root, context: { plan, nameValidationScheme: 'utf8', timeoutMs: 10_000 } };
}

describe('promtoolValidator', () => {
  it('checks a staged copy of the config listing the candidates, through the exec prefix, then cleans up', async () => {
    const { root, context } = setup();
    const docker = fakePromtool(root, 'docker', 0, 'Checking x\n  SUCCESS: 2 rule files found\n');
    const pathMap = parsePathMap([`${join(root, 'etc')}=/etc/prometheus`]);
    const steps = await promtoolValidator({
      checkIn: [docker, 'exec', 'prom'],
      pathMap,
      hostPromtool: null,
    }).validate(context);
    expect(steps).toEqual([
      {
        validator: 'promtool check config',
        where: `exec: ${docker} exec prom`,
        status: 'passed',
        summary: 'SUCCESS: 2 rule files found',
        details: [],
      },
    ]);
    const argv = readFileSync(join(root, 'docker.log'), 'utf8').trim().split(' ');
    expect(argv.slice(0, 5)).toEqual(['exec', 'prom', 'promtool', 'check', 'config']);
    expect(argv[5]).toMatch(
      /^\/etc\/prometheus\/\.prometheus\.yml\.drygate-check-[0-9a-f]{8}\.tmp$/,
    );
    expect(readFileSync(join(root, 'docker.config'), 'utf8')).toMatch(
      /^# keep me\nrule_files:\n {2}\["rules\/a\.yml", "\.drygate-stage-\w+\/1-b\.yml\.tmp"\]\n$/,
    );
    // Nothing staged is left beside the config.
    expect(readdirSync(join(root, 'etc')).sort()).toEqual(['prometheus.yml', 'rules']);
  });

  it('falls back to the host promtool when the prefix cannot run, and to nothing when none can', async () => {
    const { root, context } = setup();
    const host = fakePromtool(root, 'promtool', 0, 'Checking x\n  SUCCESS: 2 rule files found\n');
    const missing = join(root, 'no-docker');
    const both = await promtoolValidator({
      checkIn: [missing, 'exec', 'p'],
      pathMap: [],
      hostPromtool: host,
    }).validate(context);
    expect(both.map((s) => [s.status, s.where, s.summary])).toEqual([
      ['unavailable', `exec: ${missing} exec p`, `cannot run ${missing}: ENOENT`],
      ['passed', `host: ${host}`, 'SUCCESS: 2 rule files found'],
    ]);
    const none = await promtoolValidator({ pathMap: [], searchPath: join(root, 'empty') }).validate(
      context,
    );
    expect(none.map((s) => s.status)).toEqual(['unavailable', 'skipped']);
  });

  it('a promtool that says no fails the validation, its messages naming the candidate', async () => {
    const { root, context } = setup();
    const stdout =
      'Checking c\n  SUCCESS: 2 rule files found\n\nChecking STAGED\n  FAILED:\nSTAGED: 1:1: bad\n';
    const path = join(root, 'promtool');
    writeFileSync(
      path,
      `#!/bin/sh\nfor a; do last=$a; done\nstaged=$(sed -n 's/.*"\\(.drygate-stage-[^"]*\\)".*/\\1/p' "$last")\nprintf '%s' '${stdout}' | sed "s|STAGED|$staged|g"\nexit 1\n`,
    );
    chmodSync(path, 0o755);
    const steps = await promtoolValidator({ pathMap: [], hostPromtool: path }).validate(context);
    expect(steps).toEqual([
      {
        validator: 'promtool check config',
        where: `host: ${path}`,
        status: 'failed',
        summary: 'promtool rejected the candidate set',
        details: [`${join(root, 'build/b.yml')}: 1:1: bad`],
      },
    ]);
  });
});
