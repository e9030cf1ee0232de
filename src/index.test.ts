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
