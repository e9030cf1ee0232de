/**
 * The transaction's inputs, checked before anything is asked or touched: a bad one is an
 * InputError (exit 2) and leaves every file, and the state dir, as it was.
 *
 * @module
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { splitCommand } from './command.js';
import { parsePathMap, type PathMapping } from './path-map.js';
import type { ReloadMethod } from './server.js';
import { defaultStateDir } from './state.js';
import type { ReloadOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_LOCK_WAIT_MS = 60_000;

export interface Inputs {
  readonly cwd: string;
  readonly configPath: string;
  readonly stateDir: string;
  readonly mappings: readonly PathMapping[];
  readonly checkIn: readonly string[] | undefined;
  readonly tests: readonly string[];
  readonly timeoutMs: number;
  readonly method: ReloadMethod;
}

export function checkInputs(options: ReloadOptions): Inputs {
  const cwd = options.cwd ?? process.cwd();
  const mappings = parsePathMap(options.pathMap ?? [], cwd);
  let checkIn: readonly string[] | undefined;
  if (options.checkIn !== undefined) {
    checkIn = typeof options.checkIn === 'string' ? splitCommand(options.checkIn) : options.checkIn;
    if (checkIn.length === 0) throw new InputError('--check-in: empty command');
  }
  if (options.url === undefined && options.dryRun !== true) {
    throw new InputError('--url is required (only a --dry-run can go without a server)');
  }
  if (options.url !== undefined) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new InputError(`--url: not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InputError(`--url ${options.url}: only http and https are supported`);
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new InputError('--timeout must be more than 0');
  let method: ReloadMethod = { kind: 'http' };
  if (options.pid !== undefined) {
    const pid = options.pid;
    if (!Number.isSafeInteger(pid) || pid < 1)
      throw new InputError(`--pid ${pid}: not a process id`);
    try {
      process.kill(pid, 0);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'EPERM'
          ? `--pid ${pid}: not allowed to signal that process`
          : `--pid ${pid}: no such process`,
      );
    }
    method = { kind: 'signal', pid };
  }
  const configPath = resolve(cwd, options.config);
  const stateDir = resolve(cwd, options.stateDir ?? defaultStateDir(configPath));
  return {
    cwd,
    configPath,
    stateDir,
    mappings,
    checkIn,
    tests: (options.tests ?? []).map((t) => resolve(cwd, t)),
    timeoutMs,
    method,
  };
}
