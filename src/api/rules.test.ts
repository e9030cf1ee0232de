import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { decodeRuleGroups } from './rules.js';

describe('decodeRuleGroups', () => {
  it('decodes Prometheus 2.42 answers, times in ms', () => {
    const data = {
      groups: [
        {
          name: 'a',
          file: 'rules/a.yml',
          interval: 60,
          rules: [
            { name: 'job:up:sum', query: 'sum(up)', health: 'unknown', type: 'recording' },
            {
              state: 'inactive',
              name: 'Down',
              query: 'up == 0',
              duration: 300,
              labels: { severity: 'page' },
              health: 'err',
              lastError: 'boom',
              type: 'alerting',
            },
          ],
        },
      ],
    };
    expect(decodeRuleGroups(data)).toEqual([
      {
        name: 'a',
        file: 'rules/a.yml',
        intervalMs: 60_000,
        rules: [
          {
            type: 'recording',
            name: 'job:up:sum',
            query: 'sum(up)',
            labels: {},
            forMs: 0,
            health: 'unknown',
            lastError: undefined,
          },
          {
            type: 'alerting',
            name: 'Down',
            query: 'up == 0',
            labels: { severity: 'page' },
            forMs: 300_000,
            health: 'err',
            lastError: 'boom',
          },
        ],
      },
    ]);
  });

  it.each([
    [null, 'data.groups is not a list'],
    [{ groups: [{ name: 'a', rules: [] }] }, 'group 1 has no string "file"'],
    [
      { groups: [{ name: 'a', file: 'f', rules: [{ type: 'other' }] }] },
      'group 1, rule 1 has type other',
    ],
    [{ groups: [{ name: 'a', file: 'f', rules: {} }] }, 'group 1: rules are not a list'],
  ])('refuses a bad shape: %j', (data, message) => {
    expect(() => decodeRuleGroups(data)).toThrow(ApiError);
    expect(() => decodeRuleGroups(data)).toThrow(message);
  });
});
