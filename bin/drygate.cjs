#!/usr/bin/env node
'use strict';
/**
 * The drygate executable. It runs the bundled CLI (dist/bin/drygate.cjs, one file instead of a
 * few hundred modules) with the V8 code cache written at build time (dist/bin/drygate.cache), so
 * a short command does not parse and compile the same JavaScript on every start. V8 refuses a
 * cache made by another Node.js version or with other V8 flags; the code is then compiled as
 * usual, only slower to start.
 */
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'bin', 'drygate.cjs');
const CACHE = join(__dirname, '..', 'dist', 'bin', 'drygate.cache');

/** Compiles the bundle as a CommonJS function, with `cachedData` when given. */
function compileBundle(cachedData) {
  let source;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch (err) {
    // A checkout that was never built (or only compiled with tsc) has no bundle.
    process.stderr.write(`drygate: cannot read ${BUNDLE} (${err.code}): run npm run build\n`);
    process.exit(2);
  }
  return new vm.Script(
    // Strict, as the ES modules it was bundled from (the bundler emits no directive).
    `(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`,
    { filename: BUNDLE, cachedData },
  );
}

/** Runs a compiled bundle and returns its exports (`main` and `run`). */
function loadBundle(script) {
  const module = { exports: {} };
  const dir = join(__dirname, '..', 'dist', 'bin');
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dir);
  return module.exports;
}

function readCache() {
  try {
    return readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

module.exports = { BUNDLE, CACHE, compileBundle, loadBundle };

if (require.main === module) {
  void loadBundle(compileBundle(readCache())).main();
}
