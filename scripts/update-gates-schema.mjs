// Writes the published JSON Schema of gate specs (schema/gates.v1.json) from the one drygate
// validates with (src/gate/spec/schema.ts, built to dist/), and the precompiled validator
// (src/gate/spec/gates-validator.generated.ts). A test fails when either differs.
import { writeFileSync } from 'node:fs';
import { gatesSchema } from '../dist/gate/spec/schema.js';
import { gatesValidatorSource } from '../dist/gate/spec/validator-source.js';

const schema = new URL('../schema/gates.v1.json', import.meta.url);
writeFileSync(schema, `${JSON.stringify(gatesSchema, null, 2)}\n`);
console.log(`wrote ${schema.pathname}`);
const validator = new URL('../src/gate/spec/gates-validator.generated.ts', import.meta.url);
writeFileSync(validator, gatesValidatorSource());
console.log(`wrote ${validator.pathname}`);
