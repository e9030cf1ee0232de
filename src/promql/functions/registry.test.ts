import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './registry.js';
import { FUNCTION_SIGNATURES } from './signatures.js';

describe('the function registry', () => {
  it('implements only functions that have a signature', () => {
    const unknown = Object.keys(FUNCTIONS).filter(
      (name) => FUNCTION_SIGNATURES[name] === undefined,
    );
    expect(unknown).toEqual([]);
  });

  it('has a range function exactly where the signature takes a range vector', () => {
    for (const [name, impl] of Object.entries(FUNCTIONS)) {
      const takesMatrix = FUNCTION_SIGNATURES[name]?.argTypes.includes('matrix') === true;
      expect([name, impl.kind]).toEqual([name, takesMatrix ? 'range' : 'instant']);
    }
  });

  it('leaves out exactly the functions the evaluator or nothing handles', () => {
    const missing = Object.keys(FUNCTION_SIGNATURES)
      .filter((name) => FUNCTIONS[name] === undefined)
      .sort();
    expect(missing).toEqual([
      'absent',
      'absent_over_time',
      'end',
      'histogram_avg',
      'histogram_count',
      'histogram_stddev',
      'histogram_stdvar',
      'histogram_sum',
      'info',
      'max_of',
      'min_of',
      'range',
      'scalar',
      'start',
      'start_timestamp',
      'step',
      'timestamp',
      'vector',
    ]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FUNCTIONS)).toBe(true);
  });
});
