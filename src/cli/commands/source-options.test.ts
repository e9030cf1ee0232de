import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { authHeaders } from './source-options.js';

describe('authHeaders', () => {
  it('builds bearer, basic and extra headers', () => {
    expect(
      authHeaders({ header: ['X-Scope-OrgID: team-a'] } as never, { DRYGATE_BEARER_TOKEN: 'tok' }),
    ).toEqual({ 'x-scope-orgid': 'team-a', authorization: 'Bearer tok' });
    expect(
      authHeaders({ basicAuthUser: 'ops' } as never, { DRYGATE_BASIC_AUTH_PASSWORD: 'pw' }),
    ).toEqual({ authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}` });
  });

  it('refuses values HTTP cannot carry, without repeating them', () => {
    const secret = 's3cret\nline2';
    for (const run of [
      () => authHeaders({} as never, { DRYGATE_BEARER_TOKEN: secret }),
      () => authHeaders({ header: [`X-Token: ${secret}`] } as never, {}),
    ]) {
      expect(run).toThrow(InputError);
      try {
        run();
      } catch (err) {
        expect((err as Error).message).not.toContain('s3cret');
      }
    }
  });
});
