import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { walk } from './ast.js';
import { injectMatchers } from './inject.js';
import { parseExpr } from './parse/parse.js';

const prod = { metric_realm: 'prod' };

describe('injectMatchers', () => {
  it.each([
    ['up', 'up{metric_realm="prod"}'],
    ['up{}', 'up{metric_realm="prod"}'],
    ['up{job="a"}', 'up{metric_realm="prod", job="a"}'],
    ['up { job="a" }', 'up { metric_realm="prod", job="a" }'],
    ['up{ }', 'up{ metric_realm="prod"}'],
    ['{__name__="up"}', '{metric_realm="prod", __name__="up"}'],
    ['rate(x_total[5m] offset 1m)', 'rate(x_total{metric_realm="prod"}[5m] offset 1m)'],
    ['x offset 5m', 'x{metric_realm="prod"} offset 5m'],
    ['x @ 100 + y', 'x{metric_realm="prod"} @ 100 + y{metric_realm="prod"}'],
    ['absent(x)', 'absent(x{metric_realm="prod"})'],
    ['max_over_time(x[5m:1m])', 'max_over_time(x{metric_realm="prod"}[5m:1m])'],
    ['time() - 3', 'time() - 3'],
    ['x{metric_realm="prod"}', 'x{metric_realm="prod"}'],
    ['x{metric_realm=~"prod"}', 'x{metric_realm=~"prod"}'],
  ])('%s -> %s', (query, sent) => {
    const result = injectMatchers(query, prod);
    expect(result.conflicts).toEqual([]);
    expect(result.query).toBe(sent);
  });

  it('leaves every selector of the result with the required matcher', () => {
    const query =
      'clamp_max(changes(duri_seq[6m]), 1) * ((time() - duri_ts) < bool 120) and on() vector(1)';
    const result = injectMatchers(query, { metric_realm: 'prod', team: 'sre "x"' });
    expect(result.added).toBe(4);
    walk(parseExpr(result.query), (node) => {
      if (node.kind !== 'VectorSelector') return;
      expect(node.matchers).toContainEqual({ name: 'metric_realm', type: '=', value: 'prod' });
      expect(node.matchers).toContainEqual({ name: 'team', type: '=', value: 'sre "x"' });
    });
  });

  it.each([
    ['x{metric_realm="staging"}', '='],
    ['x{metric_realm!="prod"}', '!='],
    ['x{metric_realm=~"prod|staging"}', '=~'],
    ['x{metric_realm=~"pro."}', '=~'],
    ['y + x{metric_realm!~"prod"}', '!~'],
  ])('refuses %s', (query, type) => {
    const result = injectMatchers(query, prod);
    expect(result.query).toBe(query);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]?.existing.type).toBe(type);
    expect(result.conflicts[0]?.label).toBe('metric_realm');
  });

  it('throws ParseError for a bad query', () => {
    expect(() => injectMatchers('sum(', prod)).toThrow(ParseError);
  });

  it('changes nothing without required labels', () => {
    expect(injectMatchers('x{a="b"}', {})).toEqual({ query: 'x{a="b"}', conflicts: [], added: 0 });
  });
});
