import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatesSchema } from './schema.js';

describe('the published schema', () => {
  it('schema/gates.v1.json is the schema drygate validates with (npm run schema:update)', () => {
    const published = readFileSync(
      new URL('../../../schema/gates.v1.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(gatesSchema)));
  });
});
