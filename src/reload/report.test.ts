import { describe, expect, it } from 'vitest';
import { renderReloadJson, renderReloadText } from './report.js';
import type { ReloadReport } from './types.js';

const report: ReloadReport = {
  schemaVersion: 1,
  outcome: 'rolled-back',
  dryRun: false,
  config: '/srv/prom/prometheus.yml',
  url: 'http://127.0.0.1:9090',
  stateDir: '/srv/prom/.drygate-reload',
  method: 'POST /-/reload',
  server: {
    version: '2.42.0',
    lifecycleEnabled: true,
    configFile: '/etc/prometheus/prometheus.yml',
    cwd: '/',
  },
  nameValidationScheme: 'legacy',
  files: [
    {
      path: '/srv/prom/rules/a.yml',
      serverPath: '/etc/prometheus/rules/a.yml',
      change: 'kept',
      candidate: undefined,
    },
    {
      path: '/srv/prom/rules/b.yml',
      serverPath: '/etc/prometheus/rules/b.yml',
      change: 'new',
      candidate: '/build/b.yml',
    },
  ],
  current: undefined,
  validation: {
    passed: true,
    steps: [
      {
        validator: 'drygate check rules',
        where: undefined,
        status: 'passed',
        summary: '2 rule files, 3 rules (legacy names)',
        details: [],
      },
      {
        validator: 'promtool check config',
        where: 'exec: docker exec prometheus',
        status: 'unavailable',
        summary: 'docker exited with 1: Error: No such container: prometheus',
        details: [],
      },
      {
        validator: 'promtool check config',
        where: 'host: /usr/bin/promtool',
        status: 'passed',
        summary: 'SUCCESS: 2 rule files found',
        details: ['warning one'],
      },
    ],
  },
  steps: [
    {
      step: 'reload',
      status: 'failed',
      detail: 'POST /-/reload: HTTP 500: failed to reload config',
      atMs: 1,
    },
    { step: 'rollback-verify', status: 'ok', detail: 'successful 1', atMs: 2 },
  ],
  verification: undefined,
  rollback: {
    target: 'last-good',
    targetSavedAtMs: 0,
    restored: [],
    movedAside: ['/srv/prom/rules/b.yml'],
    rejectedDir: '/srv/prom/.drygate-reload/rejected/x',
    restoreError: undefined,
    reload: 'POST /-/reload: 200 in 5 ms',
    verification: undefined,
    ok: true,
  },
  lock: undefined,
  failure: 'the reload failed: POST /-/reload: HTTP 500: failed to reload config',
  alert: undefined,
};

describe('renderReloadText', () => {
  it('says each step, which validators ran and where, and the verdict', () => {
    expect(renderReloadText(report)).toBe(
      [
        'drygate reload /srv/prom/prometheus.yml',
        'server:  http://127.0.0.1:9090 (Prometheus 2.42.0, POST /-/reload)',
        'state:   /srv/prom/.drygate-reload',
        'plan:    2 rule files',
        '  kept      /srv/prom/rules/a.yml [server: /etc/prometheus/rules/a.yml]',
        '  new       /srv/prom/rules/b.yml (from /build/b.yml) [server: /etc/prometheus/rules/b.yml]',
        'validate (legacy names):',
        '  passed      drygate check rules: 2 rule files, 3 rules (legacy names)',
        '  unavailable promtool check config [exec: docker exec prometheus]: docker exited with 1: Error: No such container: prometheus',
        '  passed      promtool check config [host: /usr/bin/promtool]: SUCCESS: 2 rule files found',
        '      warning one',
        'steps:',
        '  reload           failed  POST /-/reload: HTTP 500: failed to reload config',
        '  rollback-verify  ok      successful 1',
        'kept:    the rejected files are in /srv/prom/.drygate-reload/rejected/x',
        'result:  ROLLED BACK: the reload failed; the previous files are back and verified',
        'failed:  the reload failed: POST /-/reload: HTTP 500: failed to reload config',
        '',
      ].join('\n'),
    );
  });
});

describe('renderReloadJson', () => {
  it('keeps every key, absent values as null', () => {
    const parsed = JSON.parse(renderReloadJson(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'outcome',
      'dryRun',
      'config',
      'url',
      'stateDir',
      'method',
      'server',
      'nameValidationScheme',
      'files',
      'current',
      'validation',
      'steps',
      'verification',
      'rollback',
      'lock',
      'failure',
      'alert',
    ]);
    expect(parsed['alert']).toBeNull();
    expect(parsed['schemaVersion']).toBe(1);
  });
});
