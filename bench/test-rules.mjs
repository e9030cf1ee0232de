// Rule unit-test benchmark: `drygate test rules` and `promtool test rules` (Debian's 2.42) on the
// same generated suite in the same run: wall time and peak RSS of each process, medians of
// several runs taken alternately. The suite comes from the generator the integration test
// test/integration/test-rules-vs-promtool.test.ts uses (test/support/unit-test-suite.ts, loaded
// here through Vite's module runner since it is TypeScript; same seed, 50 files where the test
// takes 80): all generated files are timed, the 30 % that fail on purpose included, without the
// repository's examples (they change, the bench should not).
// A second, larger generated suite (--large files, 200 by default) shows how both tools scale.
// Usage: npm run bench:test-rules [-- --runs 5 --files 50 --large 200 --seed 1 --profile]
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    files: { type: 'string', default: '50' },
    large: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'bin/drygate.cjs');
const BUNDLE = join(root, 'dist/bin/drygate.cjs');
const GNU_TIME = '/usr/bin/time';

const { module: suiteModule } = await runnerImport(join(root, 'test/support/unit-test-suite.ts'), {
  root,
  configFile: false,
  logLevel: 'silent',
});
const { writeUnitTestSuite, parseVerdicts } = suiteModule;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A wrapper that runs a command and writes its rusage to a file, as `maxrss_kib user_s sys_s`:
 * what wait4 returns for exactly that child (peak RSS is ru_maxrss).
 */
function rssWrapper(argv, rssFile) {
  if (existsSync(GNU_TIME)) return [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, ...argv]];
  // Without GNU time: Python's os.wait4 returns the same rusage for exactly that child.
  const py = [
    'import os, sys',
    'pid = os.fork()',
    'if pid == 0: os.execvp(sys.argv[2], sys.argv[2:])',
    '_, status, usage = os.wait4(pid, 0)',
    'open(sys.argv[1], "w").write(f"{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}")',
    'sys.exit(os.waitstatus_to_exitcode(status))',
  ].join('\n');
  return ['python3', ['-c', py, rssFile, ...argv]];
}

/**
 * Wall time (spawn to exit, measured here) and peak RSS of one process. The wrapper's own cost
 * (exec of a small C program) is the same for both tools and well under a millisecond.
 */
function measure(argv, dir, outFile) {
  const rssFile = join(dir, 'rss.txt');
  rmSync(rssFile, { force: true });
  const [command, args] = rssWrapper(argv, rssFile);
  const fd = outFile === undefined ? 'ignore' : openSync(outFile, 'w');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (typeof fd === 'number') closeSync(fd);
      // GNU time writes "Command exited with non-zero status 1" first when the tool fails.
      const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '';
      const [kib, user, sys] = last.split(' ').map(Number);
      resolve({ wallMs, rssMiB: kib / 1024, cpuMs: (user + sys) * 1000, code });
    });
  });
}

const tools = {
  drygate: (files) => [process.execPath, CLI, 'test', 'rules', ...files],
  promtool: (files) => ['promtool', 'test', 'rules', ...files],
};

/** Where drygate's CPU time goes, from one `node --cpu-prof` run: each sample is given to the
 * first category found walking from the sampled frame up to the root. */
async function profile(files, dir) {
  const profDir = join(dir, 'prof');
  await measure(
    [process.execPath, '--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI, 'test', 'rules', ...files],
    dir,
  );
  const prof = JSON.parse(readFileSync(join(profDir, readdirSync(profDir)[0]), 'utf8'));
  // Frames in the bundle get the path of the module they came from: the bundler starts each
  // module with a `// path` comment line.
  const bundleLines = readFileSync(BUNDLE, 'utf8').split('\n');
  const starts = [];
  bundleLines.forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|dist)\/\S+\.c?js)$/.exec(line);
    if (m !== null) starts.push([i, `/${m[1]}`]);
  });
  const moduleAt = (line) => {
    let found = '';
    for (const [start, path] of starts) if (start <= line) found = path;
    return found;
  };
  for (const n of prof.nodes)
    if (n.callFrame.url.endsWith(BUNDLE)) n.callFrame.url = moduleAt(n.callFrame.lineNumber);
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categories = [
    ['PromQL parsing (parseExpr)', (f) => f.functionName === 'parseExpr'],
    ['YAML (test and rule files)', (f) => f.url.includes('/node_modules/yaml/')],
    ['alert templates', (f) => f.functionName === 'expandTemplate'],
    ['rule evaluation (evaluateAt)', (f) => f.functionName === 'evaluateAt'],
    ['PromQL test queries', (f) => f.functionName === 'querySamples'],
    [
      'input series (parse, append to the store)',
      (f) => f.functionName === 'InputFeed' || f.functionName === 'feedUntil',
    ],
    ['rule files (load and check, without YAML)', (f) => f.functionName === 'readRuleFile'],
    ['reading files', (f) => f.functionName === 'readFileSync'],
    ['other drygate work (testRules)', (f) => f.functionName === 'testRules'],
    [
      'module loading and start-up',
      (f) =>
        f.url.startsWith('node:internal/modules') ||
        f.functionName === 'compileBundle' ||
        f.functionName === 'loadBundle',
    ],
    ['garbage collector', (f) => f.functionName === '(garbage collector)'],
    ['idle (waiting on I/O)', (f) => f.functionName === '(idle)'],
  ];
  const totals = new Map(categories.map(([name]) => [name, 0]));
  totals.set('other (Node start-up, program)', 0);
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    let best = categories.length;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = nodes.get(cur).callFrame;
      const k = categories.findIndex(([, test]) => test(frame));
      if (k >= 0 && k < best) best = k;
    }
    const name = best < categories.length ? categories[best][0] : 'other (Node start-up, program)';
    totals.set(name, totals.get(name) + dt);
  });
  console.log(
    `\nWhere drygate's time goes (one --cpu-prof run, ${total.toFixed(0)} ms sampled):\n`,
  );
  console.log('| category | ms | share |');
  console.log('|---|--:|--:|');
  for (const [name, ms] of totals)
    if (ms > 0)
      console.log(`| ${name} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(0)} % |`);
}

const dir = mkdtempSync(join(tmpdir(), 'drygate-bench-test-rules-'));
try {
  const suite = writeUnitTestSuite(join(dir, 'suite'), {
    files: Number(values.files),
    seed: Number(values.seed),
    examples: false,
  });
  const files = suite.files.map((f) => f.path);
  const large = writeUnitTestSuite(join(dir, 'large'), {
    files: Number(values.large),
    seed: Number(values.seed),
    examples: false,
  }).files.map((f) => f.path);
  const tests = suite.files.reduce((n, f) => n + f.tests, 0);
  const failing = suite.files.filter((f) => f.expected === 'fail').length;
  const withRules = suite.files.filter((f) => f.rules).length;

  // One untimed run each per suite, which also checks that both tools give every file the same
  // verdict.
  const sameVerdicts = async (list, label) => {
    const verdicts = {};
    for (const [name, argv] of Object.entries(tools)) {
      const out = join(dir, `${name}.out`);
      await measure(argv(list), dir, out);
      verdicts[name] = parseVerdicts(readFileSync(out, 'utf8'), list.length);
      if (verdicts[name] === undefined) throw new Error(`${name}: no verdict per file in ${out}`);
    }
    const differ = list.filter((_, i) => verdicts.drygate[i] !== verdicts.promtool[i]);
    if (differ.length > 0)
      throw new Error(`${label}: verdicts differ on:\n  ${differ.join('\n  ')}`);
    return verdicts;
  };
  await sameVerdicts(large, 'larger suite');
  const verdicts = await sameVerdicts(files, 'suite');

  // Timed runs, alternating which tool goes first: the whole suite; the suite given twice in one
  // run (the second pass shows the cost per file once the code is warm); one file (fixed cost);
  // the larger suite (how both scale).
  const sets = [
    ['all files', files],
    ['all files twice', [...files, ...files]],
    ['one file', files.slice(0, 1)],
    ['larger suite', large],
  ];
  const summary = (command, runs, theirs) => {
    const walls = runs.map((m) => m.wallMs);
    return {
      command,
      wall: median(walls),
      min: Math.min(...walls),
      max: Math.max(...walls),
      cpu: median(runs.map((m) => m.cpuMs)),
      rss: median(runs.map((m) => m.rssMiB)),
      theirs,
    };
  };
  const rows = [];
  for (const [label, set] of sets) {
    const runs = { drygate: [], promtool: [] };
    for (let r = 0; r < RUNS; r++) {
      const order = r % 2 === 0 ? ['drygate', 'promtool'] : ['promtool', 'drygate'];
      for (const name of order) runs[name].push(await measure(tools[name](set), dir));
    }
    const theirs = summary('', runs.promtool, undefined);
    for (const name of ['drygate', 'promtool'])
      rows.push(summary(`${name} test rules (${label}: ${set.length})`, runs[name], theirs));
  }
  for (const name of ['drygate', 'promtool']) {
    const once = rows.find((r) => r.command === `${name} test rules (all files: ${files.length})`);
    const twice = rows.find((r) => r.command.startsWith(`${name} test rules (all files twice`));
    rows.push({
      command: `${name}: the second pass alone (twice − once, medians)`,
      wall: twice.wall - once.wall,
      cpu: twice.cpu - once.cpu,
      theirs: undefined,
    });
  }
  const floor = [];
  for (let r = 0; r < RUNS; r++) floor.push(await measure([process.execPath, '-e', ''], dir));
  rows.push(summary("node -e '' (Node.js start-up floor)", floor, undefined));

  const version = readFileSync(join(dir, 'promtool.out'), 'utf8').includes('Unit Testing:')
    ? 'promtool 2.x'
    : 'promtool 3.x';
  const count = (v) => verdicts.promtool.filter((x) => x === v).length;
  console.log(
    `Rule unit tests: ${files.length} generated files (seed ${values.seed}; ${tests} test cases, ${withRules} with rule files, ${failing} failing on purpose), the same verdict from both tools on every file (${count('SUCCESS')} SUCCESS, ${count('FAILED')} FAILED); ${version}; median of ${RUNS} runs each, tools alternating; node ${process.version}\n`,
  );
  console.log(
    '| command | wall ms | min–max ms | CPU ms (user+sys) | peak RSS MiB | wall ratio drygate / promtool (median; min) |',
  );
  console.log('|---|--:|--:|--:|--:|--:|');
  const ratio = (r) =>
    r.theirs === undefined
      ? ''
      : `${(r.wall / r.theirs.wall).toFixed(2)}; ${(r.min / r.theirs.min).toFixed(2)}`;
  for (const r of rows)
    console.log(
      `| ${r.command} | ${r.wall.toFixed(0)} | ${r.min === undefined ? '' : `${r.min.toFixed(0)}–${r.max.toFixed(0)}`} | ${r.cpu.toFixed(0)} | ${r.rss === undefined ? '' : r.rss.toFixed(1)} | ${ratio(r)} |`,
    );
  // In process, fully warm: the same files run over and over through the library, without
  // process start-up or output; the last pass is timed.
  const { runUnitTestTextSync } = await import(join(root, 'dist/unittest/run.js'));
  const texts = files.map((f) => [f, readFileSync(f, 'utf8')]);
  let passMs = 0;
  for (let pass = 0; pass < 30; pass++) {
    const started = performance.now();
    for (const [file, text] of texts) runUnitTestTextSync(text, file);
    passMs = performance.now() - started;
  }
  console.log(
    `\nIn process, warm (30th pass over the ${files.length} files, library calls only): ${passMs.toFixed(0)} ms, ${(passMs / files.length).toFixed(2)} ms a file.`,
  );
  if (values.profile) await profile(files, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
