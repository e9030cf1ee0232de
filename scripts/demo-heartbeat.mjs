// The heartbeat demo: two beats into a temporary textfile directory, then what the real
// node_exporter serves from it (or the files themselves when node_exporter is not installed).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/drygate.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'drygate-demo-'));

function drygate(args) {
  console.log(`$ drygate ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`drygate exited ${run.status}`);
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

function findNodeExporter() {
  const found = spawnSync(
    'sh',
    ['-c', 'command -v prometheus-node-exporter || command -v node_exporter'],
    { encoding: 'utf8' },
  );
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function showNodeExporter(binary) {
  const port = await freePort();
  const args = [
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    '--collector.textfile',
    `--collector.textfile.directory=${dir}`,
  ];
  const exporter = spawn(binary, args, { stdio: 'ignore' });
  try {
    let text;
    for (let i = 0; i < 100 && text === undefined; i++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (response.ok) text = await response.text();
      } catch {
        await sleep(50);
      }
    }
    if (text === undefined) throw new Error('node_exporter did not answer');
    console.log(`\nnode_exporter (pid ${exporter.pid}, 127.0.0.1:${port}) serves:`);
    for (const line of text.split('\n')) {
      if (/^(# (HELP|TYPE) )?(duri_textfile_heartbeat|node_textfile_scrape_error)/.test(line))
        console.log(`  ${line}`);
    }
  } finally {
    exporter.kill('SIGTERM');
    await once(exporter, 'exit');
  }
}

try {
  drygate(['heartbeat', '--dir', dir, '--verbose']);
  drygate(['heartbeat', '--dir', dir, '--verbose', '--every', '1s', '--count', '2']);
  const binary = findNodeExporter();
  if (binary === undefined) {
    console.log('\nprometheus-node-exporter is not installed; the files node_exporter would read:');
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.prom'))
      .sort()) {
      console.log(`--- ${name}\n${readFileSync(join(dir, name), 'utf8')}`);
    }
  } else {
    await showNodeExporter(binary);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
