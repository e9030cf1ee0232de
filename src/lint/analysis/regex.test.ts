import { describe, expect, it } from 'vitest';
import { stripAnchors } from './regex.js';

describe('stripAnchors', () => {
  it('removes a leading ^ and a trailing $ that is not escaped', () => {
    const bare: Record<string, string> = {
      api: 'api',
      '^api': 'api',
      api$: 'api',
      '^api$': 'api',
      '^api.*$': 'api.*',
      // An escaped dollar is a literal `$`, not an anchor.
      'api\\$': 'api\\$',
      '^api\\$': 'api\\$',
      // An escaped backslash, then the anchor.
      'api\\\\$': 'api\\\\',
      'api\\\\\\$': 'api\\\\\\$',
      $: '',
      '': '',
    };
    const got = Object.fromEntries(Object.keys(bare).map((p) => [p, stripAnchors(p)]));
    expect(got).toEqual(bare);
  });
});
