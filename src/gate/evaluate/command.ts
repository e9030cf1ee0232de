/**
 * Command gates: an argv run without a shell, in its own process group so that a timeout
 * kills everything it started. Exit 0 passes; anything else, or the timeout, fails.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { formatDuration } from '../../model/duration.js';

export interface CommandRun {
  readonly state: 'pass' | 'fail' | 'error';
  readonly reason: string;
  /** The tail of stdout and stderr, interleaved as written. */
  readonly output: string;
  readonly durationMs: number;
}

/** The most output kept per run (the tail, where errors usually are). */
export const OUTPUT_LIMIT = 16 * 1024;

/** drygate's own credentials are not the command's business (its output goes into reports). */
const SECRET_VARIABLES = ['DRYGATE_BEARER_TOKEN', 'DRYGATE_BASIC_AUTH_PASSWORD'];

function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of SECRET_VARIABLES) delete copy[name];
  return copy;
}

export function runCommand(
  argv: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<CommandRun> {
  const started = performance.now();
  const [program, ...args] = argv as [string, ...string[]];
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.length > OUTPUT_LIMIT * 2) output = output.slice(-OUTPUT_LIMIT);
    };
    const child = spawn(program, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: withoutSecrets(process.env),
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const finish = (state: CommandRun['state'], reason: string): void => {
      clearTimeout(timer);
      resolve({
        state,
        reason,
        output: output.slice(-OUTPUT_LIMIT),
        durationMs: performance.now() - started,
      });
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish('error', `cannot run ${program}: ${err.code ?? err.message}`);
    });
    child.on('close', (code, signal) => {
      if (timedOut) finish('fail', `timed out after ${formatDuration(timeoutMs)} and was killed`);
      else if (code === 0) finish('pass', 'exited with status 0');
      else if (code !== null) finish('fail', `exited with status ${code}`);
      else finish('fail', `killed by ${signal ?? 'a signal'}`);
    });
  });
}
