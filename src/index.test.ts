import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as drygate from './index.js';

describe('the library entry', () => {
  it('exports the public API by name', () => {
    for (const name of [
      'parseExposition',
      'writeExposition',
      'beatOnce',
      'runHeartbeatDaemon',
      'resolveHeartbeatConfig',
      'acquireLock',
      'parseDuration',
      'ParseError',
      'InputError',
    ]) {
      expect(typeof (drygate as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});

describe('the package exports', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    exports: Record<string, string | { import: string }>;
  };

  it.each(Object.entries(pkg.exports).filter(([, target]) => typeof target !== 'string'))(
    '%s points at a built module that loads',
    async (_, target) => {
      const path = (target as { import: string }).import
        .replace('./dist/', './')
        .replace(/\.js$/, '.ts');
      const mod = (await import(path)) as Record<string, unknown>;
      expect(Object.keys(mod).length).toBeGreaterThan(0);
    },
  );

  it('drygate/gate has the decision API', async () => {
    const gate = (await import('./gate/index.js')) as Record<string, unknown>;
    for (const name of ['decide', 'loadGateSpec', 'HttpSource', 'EmbeddedSource', 'renderHtml'])
      expect(typeof gate[name], name).toBe('function');
  });
});
