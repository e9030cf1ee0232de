// Builds the executable's bundle and its V8 code cache (run by `npm run build`, after tsc):
//  1. dist/cli/run.js and everything it imports, bundled into one CommonJS file,
//     dist/bin/drygate.cjs (fs-ext is a native addon, undici is loaded only on demand and the
//     gate-spec validator requires one Ajv runtime helper: these stay in node_modules);
//  2. dist/bin/drygate.cache: the bytecode V8 compiled while this script ran the main commands
//     on the example, so that bin/drygate.cjs starts without parsing and compiling it again.
// The cache fits only this Node.js and these V8 flags; anywhere else V8 ignores it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const launcher = join(root, 'bin', 'drygate.cjs');
const { BUNDLE, CACHE, compileBundle, loadBundle } = await import(launcher).then((m) => m.default);

rmSync(join(root, 'dist', 'bin'), { recursive: true, force: true });
mkdirSync(join(root, 'dist', 'bin'), { recursive: true });
await build({
  input: join(root, 'dist', 'cli', 'run.js'),
  platform: 'node',
  external: ['fs-ext', 'undici'],
  logLevel: 'warn',
  output: { file: BUNDLE, format: 'cjs', codeSplitting: false },
});

// A function restored from a code cache cannot run import(): packages are required instead.
const dynamicImport = readFileSync(BUNDLE, 'utf8')
  .split('\n')
  .find((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /(^|[^\w.])import\(\s*["'`]/.test(line));
if (dynamicImport !== undefined)
  throw new Error(`build-cli: the bundle has a dynamic import(), use require: ${dynamicImport}`);

// Warm-up: the commands people run most, on the example, with their output discarded. Every
// function they call is compiled now and lands in the cache.
const example = join(root, 'examples', 'l4-dry-run');
const quiet = { out: () => {}, err: () => {}, isTty: false };
const script = compileBundle(undefined);
const cli = loadBundle(script);
const runs = [
  ['--help'],
  ['test', 'rules', '--coverage', join(example, 'tests', 'heartbeat.test.yml')],
  ['check', 'rules', join(example, 'rules', 'heartbeat.rules.yml')],
  ['check', 'gates', join(example, 'gates.yml')],
  ['lint', '--config', join(example, '.drygate.yml'), example],
  [
    'decide',
    join(example, 'gates.yml'),
    '--data',
    join(example, 'replay', 'dry-run.yml'),
    '-o',
    'json',
  ],
];
for (const argv of runs) {
  const code = await cli.run(argv, quiet);
  if (code === 2) throw new Error(`build-cli: warm-up run failed: drygate ${argv.join(' ')}`);
}
writeFileSync(CACHE, script.createCachedData());
