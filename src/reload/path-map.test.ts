import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { isMapped, parsePathMap, toHostPath, toServerPath } from './path-map.js';

describe('parsePathMap', () => {
  it('resolves the host side, normalizes both, drops trailing slashes', () => {
    expect(parsePathMap(['srv/prom/=/etc/prometheus/', '/data=/prometheus'], '/home/sre')).toEqual([
      { host: '/home/sre/srv/prom', server: '/etc/prometheus' },
      { host: '/data', server: '/prometheus' },
    ]);
  });

  it('keeps "=" after the first one in the server path', () => {
    expect(parsePathMap(['/a=/b=c'])).toEqual([{ host: '/a', server: '/b=c' }]);
  });

  it.each(['/srv/prom', '=/etc', '/srv=', '/srv=relative'])('refuses %j', (spec) => {
    expect(() => parsePathMap([spec])).toThrow(InputError);
  });
});

describe('toServerPath / toHostPath', () => {
  const map = parsePathMap(['/srv/prom=/etc/prometheus', '/srv/prom/rules=/rules']);

  it('maps by the longest prefix, whole components only', () => {
    expect(toServerPath('/srv/prom/prometheus.yml', map)).toBe('/etc/prometheus/prometheus.yml');
    expect(toServerPath('/srv/prom/rules/a.yml', map)).toBe('/rules/a.yml');
    expect(toServerPath('/srv/prom', map)).toBe('/etc/prometheus');
    expect(toServerPath('/srv/prometheus/x', map)).toBe('/srv/prometheus/x');
    expect(toServerPath('/elsewhere/x', map)).toBe('/elsewhere/x');
  });

  it('maps back', () => {
    expect(toHostPath('/etc/prometheus/prometheus.yml', map)).toBe('/srv/prom/prometheus.yml');
    expect(toHostPath('/rules/a.yml', map)).toBe('/srv/prom/rules/a.yml');
    expect(toHostPath('/rulesx/a.yml', map)).toBe('/rulesx/a.yml');
  });

  it('knows what is mapped', () => {
    expect(isMapped('/srv/prom/x', map)).toBe(true);
    expect(isMapped('/tmp/x', map)).toBe(false);
    expect(isMapped('/tmp/x', [])).toBe(true);
  });
});
