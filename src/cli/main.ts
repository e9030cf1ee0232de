#!/usr/bin/env node
/**
 * The drygate executable (unbundled). `run` and `exitCodeFor` are re-exported for callers that
 * drive the CLI in-process.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './run.js';

export { exitCodeFor, run } from './run.js';

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
