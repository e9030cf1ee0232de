/**
 * Running an external command (promtool, or promtool behind an exec prefix such as
 * `docker exec prometheus`) as an argv, never through a shell, with a timeout.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { InputError } from '../errors.js';

/**
 * Splits a command line into argv as a shell would split words: single and double quotes,
 * backslash escapes; no variables, globs or other expansions.
 *
 * @throws InputError for an unclosed quote.
 * @example splitCommand('docker exec "my prom"') // ['docker', 'exec', 'my prom']
 */
export function splitCommand(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string))
        current += line[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new InputError(`unclosed ${quote} in ${JSON.stringify(line)}`);
  if (inWord) args.push(current);
  return args;
}

export type CommandResult =
  | {
      readonly kind: 'exit';
      readonly code: number;
      readonly stdout: string;
      readonly stderr: string;
    }
  | {
      readonly kind: 'signal';
      readonly signal: string;
      readonly stdout: string;
      readonly stderr: string;
    }
  /** The program could not be started (ENOENT, EACCES ...). */
  | { readonly kind: 'spawn-error'; readonly code: string; readonly message: string }
  | { readonly kind: 'timeout'; readonly stdout: string; readonly stderr: string };

/**
 * Runs `argv` with stdin closed and collects its output; kills it (SIGKILL, this child only)
 * after `timeoutMs`.
 */
export function runCommand(
  argv: readonly string[],
  options: { readonly timeoutMs: number; readonly cwd?: string },
): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new InputError('empty command');
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const settle = (r: CommandResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      settle({ kind: 'spawn-error', code: err.code ?? 'ERROR', message: err.message });
    });
    child.on('close', (code, signal) => {
      if (timedOut) settle({ kind: 'timeout', stdout, stderr });
      else if (code !== null) settle({ kind: 'exit', code, stdout, stderr });
      else settle({ kind: 'signal', signal: signal ?? 'unknown', stdout, stderr });
    });
  });
}
