import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

describe('a reader that closes the pipe early', () => {
  it('ends the output quietly and keeps the exit code of the decision', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'decide',
        'examples/l4-dry-run/gates.yml',
        '--data',
        'examples/l4-dry-run/replay/dry-run.yml',
        '-o',
        'json',
      ],
      { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Read the first chunk, then close our end like `| head -1`.
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
