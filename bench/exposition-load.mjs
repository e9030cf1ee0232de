// Child process of bench/exposition.mjs: read and parse one dump, report counts and parse time.
import { readFileSync } from 'node:fs';
import { parseExposition } from '../dist/exposition/index.js';

const started = performance.now();
const families = parseExposition(readFileSync(process.argv[2], 'utf8'));
const parseMs = performance.now() - started;
const samples = families.reduce((n, f) => n + f.samples.length, 0);
console.log(JSON.stringify({ families: families.length, samples, parseMs }));
