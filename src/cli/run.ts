/**
 * Running drygate: argv in, exit code out. The only place that turns errors into exit codes;
 * `main` also sets `process.exitCode` and handles signals and closed pipes for the executable.
 *
 * @module
 */
import { CommanderError } from 'commander';
import { ApiError } from '../api/errors.js';
import {
  DrygateError,
  InputError,
  InternalError,
  OperationError,
  ParseError,
  QueryError,
} from '../errors.js';
import { ExitCode, ExitError, type ExitCodeValue } from './exit.js';
import { type CliIo, processIo } from './io.js';
import { createProgram } from './program.js';

/** Maps what a command threw to an exit code, printing the message a user needs. */
export function exitCodeFor(err: unknown, io: CliIo): ExitCodeValue {
  if (err instanceof ExitError) {
    if (err.message !== '') io.err(`drygate: ${err.message}\n`);
    return err.code;
  }
  if (err instanceof CommanderError) {
    // commander has printed its own message; help and version are successes.
    return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  if (
    err instanceof InputError ||
    err instanceof ParseError ||
    err instanceof QueryError ||
    err instanceof ApiError
  ) {
    io.err(`drygate: ${err.message}\n`);
    return ExitCode.Usage;
  }
  if (err instanceof OperationError) {
    io.err(`drygate: ${err.message}\n`);
    return ExitCode.Failed;
  }
  const internal =
    err instanceof InternalError ? err : new InternalError('unexpected error', { cause: err });
  const cause =
    internal.cause instanceof Error
      ? (internal.cause.stack ?? internal.cause.message)
      : String(internal.cause);
  const kind = err instanceof DrygateError ? '' : ' (please report this)';
  io.err(`drygate: internal error${kind}: ${internal.message}\n${cause}\n`);
  return ExitCode.Usage;
}

/** Runs drygate with `argv` (without the node and script entries) and returns the exit code. */
export async function run(
  argv: readonly string[],
  io: CliIo = processIo,
  signal?: AbortSignal,
): Promise<ExitCodeValue> {
  const program = createProgram({ io, signal: signal ?? new AbortController().signal });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (err) {
    return exitCodeFor(err, io);
  }
}

/** First SIGTERM or SIGINT asks the command to stop cleanly; a second one exits at once. */
function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(128 + (name === 'SIGINT' ? 2 : 15));
    controller.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return controller;
}

/**
 * A reader that went away (`drygate decide ... | head -1`) is not an error of the command: the
 * rest of the output is dropped and the exit code stays the command's (GO must not read as 1).
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

/** Runs drygate as the executable: `process.argv`, signals, closed pipes and the exit code. */
export async function main(): Promise<void> {
  ignoreClosedPipes();
  const controller = stopOnSignals();
  process.exitCode = await run(process.argv.slice(2), processIo, controller.signal);
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
}
