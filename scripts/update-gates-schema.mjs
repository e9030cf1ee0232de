// Writes the published JSON Schema of gate specs (schema/gates.v1.json) from the one drygate
// validates with (src/gate/spec/schema.ts, built to dist/). A test fails when they differ.
import { writeFileSync } from 'node:fs';
import { gatesSchema } from '../dist/gate/spec/schema.js';

const target = new URL('../schema/gates.v1.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(gatesSchema, null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
