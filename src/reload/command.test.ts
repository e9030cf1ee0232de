import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { runCommand, splitCommand } from './command.js';

describe('splitCommand', () => {
  it.each([
    ['docker exec prometheus', ['docker', 'exec', 'prometheus']],
    ['  kubectl  exec -n mon  prom-0 -- ', ['kubectl', 'exec', '-n', 'mon', 'prom-0', '--']],
    [`docker exec "my prom" 'a b' c\\ d`, ['docker', 'exec', 'my prom', 'a b', 'c d']],
    [`ssh host "echo \\"hi\\" \\$HOME"`, ['ssh', 'host', 'echo "hi" $HOME']],
    [`x '' ""`, ['x', '', '']],
    ['$HOME *.yml', ['$HOME', '*.yml']],
  ])('%s', (line, argv) => {
    expect(splitCommand(line)).toEqual(argv);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitCommand(`docker exec 'x`)).toThrow(InputError);
  });
});

describe('runCommand', () => {
  it('collects output and the exit code, without a shell', async () => {
    const r = await runCommand(
      [process.execPath, '-e', 'console.log("a;b"); console.error("e"); process.exit(3)'],
      {
        timeoutMs: 10_000,
      },
    );
    expect(r).toEqual({ kind: 'exit', code: 3, stdout: 'a;b\n', stderr: 'e\n' });
  });

  it('reports a program that cannot start', async () => {
    const r = await runCommand(['/nonexistent/promtool', 'check'], { timeoutMs: 10_000 });
    expect(r).toMatchObject({ kind: 'spawn-error', code: 'ENOENT' });
  });

  it('kills a program that runs past the timeout', async () => {
    const r = await runCommand([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 200,
    });
    expect(r.kind).toBe('timeout');
  });
});
