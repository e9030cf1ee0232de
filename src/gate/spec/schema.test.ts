import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatesSchema } from './schema.js';
import { gatesValidatorSource } from './validator-source.js';

describe('the published schema', () => {
  it('schema/gates.v1.json is the schema drygate validates with (npm run schema:update)', () => {
    const published = readFileSync(
      new URL('../../../schema/gates.v1.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(gatesSchema)));
  });

  it('gates-validator.generated.ts is compiled from that schema (npm run schema:update)', () => {
    const committed = readFileSync(
      new URL('./gates-validator.generated.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(gatesValidatorSource());
  });
});
