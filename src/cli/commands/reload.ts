/**
 * `drygate reload`: validate, install, reload, verify, roll back; one at a time. Prints the
 * report (text or JSON) on stdout; exit 0 reloaded and verified (or a dry run that
 * validates), 1 validation, reload or rollback failed, 2 bad input or a server that cannot be
 * asked (nothing changed).
 */
import { InputError } from '../../errors.js';
import { renderReloadJson, renderReloadText } from '../../reload/report.js';
import { reloadPrometheus } from '../../reload/transaction.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export interface ReloadCommandOptions {
  readonly url?: string;
  readonly config: string;
  readonly install?: string;
  readonly tests?: readonly string[];
  readonly checkIn?: string;
  readonly pathMap?: readonly string[];
  readonly pid?: number;
  readonly stateDir?: string;
  readonly dryRun?: boolean;
  readonly output?: 'text' | 'json';
  /** ms */
  readonly timeout?: number;
  /** ms */
  readonly wait?: number;
  readonly promtool?: string;
  readonly nameValidationScheme?: 'auto' | 'utf8' | 'legacy';
}

export async function reload(options: ReloadCommandOptions, io: CliIo): Promise<void> {
  const tests = (options.tests ?? []).flatMap((t) => t.split(',')).filter((t) => t !== '');
  if (options.tests !== undefined && tests.length === 0)
    throw new InputError('--tests: no file named');
  const report = await reloadPrometheus({
    config: options.config,
    url: options.url,
    install: options.install,
    tests,
    checkIn: options.checkIn,
    pathMap: options.pathMap,
    pid: options.pid,
    stateDir: options.stateDir,
    dryRun: options.dryRun === true,
    timeoutMs: options.timeout,
    lockWaitMs: options.wait,
    promtool: options.promtool === 'none' ? null : options.promtool,
    nameValidationScheme: options.nameValidationScheme ?? 'auto',
  });
  io.out(options.output === 'json' ? renderReloadJson(report) : renderReloadText(report));
  if (report.alert !== undefined) io.err(`\n${report.alert}\n\n`);
  switch (report.outcome) {
    case 'reloaded':
      return;
    case 'dry-run':
      if (report.validation?.passed !== false) return;
      throw new ExitError(ExitCode.Failed, 'validation failed (dry run: nothing was changed)');
    case 'rejected':
    case 'rolled-back':
    case 'rollback-failed':
    case 'reload-failed':
      throw new ExitError(ExitCode.Failed, report.failure ?? report.outcome);
  }
}
