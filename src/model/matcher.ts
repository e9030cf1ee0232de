/**
 * Label matchers (`=`, `!=`, `=~`, `!~`) with fully anchored, RE2-compatible regular expressions.
 *
 * @module
 */
import { compileAnchored } from './regex.js';
export type MatchType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

export interface CompiledMatcher extends Matcher {
  matches(value: string): boolean;
}

/** Builds a matcher that can test values; regexes are anchored RE2 as in Prometheus. */
export function compileMatcher(m: Matcher): CompiledMatcher {
  switch (m.type) {
    case '=':
      return { ...m, matches: (v) => v === m.value };
    case '!=':
      return { ...m, matches: (v) => v !== m.value };
    case '=~': {
      const re = compileAnchored(m.value);
      return { ...m, matches: (v) => re.test(v) };
    }
    case '!~': {
      const re = compileAnchored(m.value);
      return { ...m, matches: (v) => !re.test(v) };
    }
  }
}

/** Whether the matcher accepts the empty string, i.e. series that lack the label. */
export function matchesEmpty(m: CompiledMatcher): boolean {
  return m.matches('');
}
