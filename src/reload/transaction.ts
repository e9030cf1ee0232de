/**
 * `drygate reload` as a transaction:
 *
 * 1. inputs: config, candidates, tests, path map, exec prefix, pid (input errors: nothing
 *    touched, not even the state dir);
 * 2. preflight, read-only: the server answers, its lifecycle API is on (or `--pid` is given),
 *    it exposes the reload metrics, it runs this config;
 * 3. lock (flock on `<state>/lock`), then plan again and read the reload metrics under it;
 * 4. validate: drygate check rules, the lint slot, unit tests, promtool check config;
 * 5. snapshot: the files about to be replaced go to `<state>/before/`;
 * 6. install the candidates atomically;
 * 7. reload (POST /-/reload or SIGHUP) and verify from Prometheus's own view;
 * 8. on success save the files as the last-known-good copy; on failure roll back to it
 *    (or, with none yet, to the files from before this run), reload and verify again.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrl } from '../api/url.js';
import { PrometheusClient } from '../api/client.js';
import { DrygateError, InputError, OperationError } from '../errors.js';
import { acquireLock, type LockHandle } from '../heartbeat/lock.js';
import type { NameValidationScheme } from '../rules/types.js';
import { inMemoryAlert } from './alert.js';
import { type ConfirmContext, describeVerification, reloadAndConfirm } from './confirm.js';
import { installFile } from './files.js';
import { checkInputs, DEFAULT_LOCK_WAIT_MS, type Inputs } from './inputs.js';
import { lastGoodCopy, snapshotOf } from './last-good.js';
import { buildPlan, type ReloadPlan } from './plan.js';
import { currentState, preflight, preflightError, schemeFor } from './preflight.js';
import { Recorder } from './recorder.js';
import { rollBack, restoreFiles } from './rollback.js';
import { type ReloadStatus, readReloadStatus, type ServerInfo } from './server.js';
import { rejectedDir, saveSnapshot, type Snapshot } from './state.js';
import type {
  CurrentState,
  ReloadOptions,
  ReloadOutcome,
  ReloadReport,
  RollbackReport,
  VerificationReport,
} from './types.js';
import { runValidators, type ValidationResult, type Validator } from './validate.js';
import { checkRulesValidator } from './validators/check-rules.js';
import { lintValidator } from './validators/lint.js';
import { promtoolValidator } from './validators/promtool.js';
import { readTestFiles, unitTestsValidator } from './validators/unit-tests.js';

function validatorsFor(options: ReloadOptions, inputs: Inputs): Validator[] {
  const lint: Validator = options.lint ?? lintValidator();
  return [
    checkRulesValidator,
    lint,
    unitTestsValidator(inputs.tests),
    promtoolValidator({
      checkIn: inputs.checkIn,
      hostPromtool: options.promtool,
      pathMap: inputs.mappings,
    }),
  ];
}

interface ReportParts {
  outcome: ReloadOutcome;
  server?: ServerInfo | undefined;
  current?: CurrentState | undefined;
  validation?: ValidationResult | undefined;
  verification?: VerificationReport | undefined;
  rollback?: RollbackReport | undefined;
  lock?: ReloadReport['lock'];
  failure?: string | undefined;
  alert?: string | undefined;
}

/** Everything the locked part of the transaction needs. */
interface Locked {
  readonly options: ReloadOptions;
  readonly inputs: Inputs;
  readonly url: string;
  readonly client: PrometheusClient;
  readonly server: ServerInfo;
  readonly scheme: NameValidationScheme;
  readonly validators: readonly Validator[];
  readonly record: Recorder['record'];
  readonly planInput: Parameters<typeof buildPlan>[0];
  /** Builds the report; the plan is the one read under the lock. */
  readonly report: (plan: ReloadPlan, parts: ReportParts) => ReloadReport;
}

/** The transaction's result, or the input error found only once the reload was refused. */
type LockedResult = { readonly report: ReloadReport } | { readonly refused: string };

/** Which validators ran and what each said, in one line. */
function describeValidation(validation: ValidationResult): string {
  return validation.steps
    .map((s) => `${s.validator}${s.where === undefined ? '' : ` (${s.where})`}: ${s.status}`)
    .join('; ');
}

function describeTarget(kind: 'last-good' | 'before'): string {
  return kind === 'last-good' ? 'last-known-good copy' : 'files from before this run';
}

async function lockedTransaction(t: Locked): Promise<LockedResult> {
  const { inputs, client, url, record } = t;
  const confirmContext: ConfirmContext = {
    client,
    method: inputs.method,
    config: inputs.configPath,
    pathMap: inputs.mappings,
    scheme: t.scheme,
    serverCwd: t.server.cwd,
    timeoutMs: inputs.timeoutMs,
  };
  // Under the lock everything is read again: another reload may just have finished.
  const plan = buildPlan(t.planInput);
  const done = (parts: ReportParts): LockedResult => ({ report: t.report(plan, parts) });
  const before = await readReloadStatus(client).catch((err: unknown) => preflightError(url, err));
  const onDisk = buildPlan({ config: inputs.configPath, pathMap: inputs.mappings });
  const current = await currentState(client, before, onDisk, t.scheme, t.server.cwd);
  record(
    'current',
    current.inSync ? 'ok' : 'info',
    current.inSync
      ? 'Prometheus runs the files on disk'
      : `Prometheus and the files on disk differ: ${current.differences.slice(0, 3).join('; ')}`,
  );
  const lastGood = lastGoodCopy(inputs, current, onDisk, record);

  const validation = await runValidators(t.validators, {
    plan,
    nameValidationScheme: t.scheme,
    timeoutMs: inputs.timeoutMs,
  });
  record('validate', validation.passed ? 'ok' : 'failed', describeValidation(validation));
  if (!validation.passed) {
    return done({
      outcome: 'rejected',
      current,
      validation,
      failure: 'validation failed: nothing was installed and Prometheus was not reloaded',
    });
  }
  await t.options.hooks?.afterValidate?.(plan);

  const candidates = plan.files.filter((f) => f.change === 'new' || f.change === 'changed');
  let beforeInstall: Snapshot | undefined;
  if (candidates.length > 0) {
    beforeInstall = snapshotOf(onDisk, 'before-install');
    saveSnapshot(inputs.stateDir, 'before', beforeInstall);
  }
  for (const f of candidates) {
    try {
      installFile(f.path, f.bytes);
    } catch (err) {
      // Half a candidate set must not stay in place: put back what was there.
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      record('install', 'failed', `${f.path}: ${why}`);
      let back = 'the files were put back';
      try {
        if (beforeInstall !== undefined) {
          restoreFiles(beforeInstall, confirmContext, rejectedDir(inputs.stateDir));
        }
      } catch (again) {
        back = `putting the files back failed too (${(again as Error).message}): check ${join(inputs.stateDir, 'before')}`;
      }
      throw new OperationError(
        `cannot install ${f.path}: ${why}; ${back}, and Prometheus was not reloaded`,
      );
    }
    record('install', 'ok', `${f.path} (${f.change}, from ${f.candidate ?? '?'})`);
  }
  if (candidates.length === 0)
    record('install', 'skipped', 'no candidate differs from the file in place');
  await t.options.hooks?.beforeReload?.(plan);

  const result = await reloadAndConfirm(confirmContext, before, async (trigger) => {
    record('reload', trigger.ok ? 'ok' : 'failed', trigger.detail);
    await t.options.hooks?.afterReload?.(plan);
  });
  const verification = result.verification;
  record('verify', verification.ok ? 'ok' : 'failed', describeVerification(verification));

  if (!result.trigger.ok && result.trigger.lifecycleDisabled) {
    // Found only now (the server did not show its flags): put the files back, nothing reloaded.
    if (beforeInstall !== undefined) {
      restoreFiles(beforeInstall, confirmContext, rejectedDir(inputs.stateDir));
    }
    record('restore', 'ok', 'the lifecycle API is off: the files are back as they were');
    return {
      refused:
        `the lifecycle API of Prometheus at ${url} is not enabled (${result.trigger.detail}): ` +
        'start it with --web.enable-lifecycle, or reload with SIGHUP through --pid PID; the files were put back, nothing was changed',
    };
  }

  if (verification.ok) {
    saveSnapshot(
      inputs.stateDir,
      'last-good',
      snapshotOf(
        buildPlan({ config: inputs.configPath, pathMap: inputs.mappings }),
        'verified-reload',
      ),
    );
    record('last-good', 'ok', `saved in ${join(inputs.stateDir, 'last-good')}`);
    return done({ outcome: 'reloaded', current, validation, verification });
  }

  const failure = result.trigger.ok
    ? `the verification failed: ${describeVerification(verification)}`
    : `the reload failed: ${result.trigger.detail}`;
  const target =
    lastGood !== undefined
      ? { kind: 'last-good' as const, snapshot: lastGood }
      : beforeInstall !== undefined
        ? { kind: 'before' as const, snapshot: beforeInstall }
        : undefined;
  if (target === undefined) {
    record(
      'rollback',
      'skipped',
      'no last-known-good copy and no file was replaced: nothing to roll back to',
    );
    return done({
      outcome: 'reload-failed',
      current,
      validation,
      verification,
      failure,
      alert: inMemoryAlert(
        url,
        verification.after ?? before,
        inputs,
        'the reload failed and there is no last-known-good copy to roll back to (no verified reload yet with this state dir, and what Prometheus ran did not match the files on disk)',
        'still the ones that failed',
      ),
    });
  }
  record(
    'rollback',
    'info',
    `restoring the ${describeTarget(target.kind)} (saved ${new Date(target.snapshot.savedAtMs).toISOString()})`,
  );
  const rollback = await rollBack(target, confirmContext, inputs.stateDir, record);
  if (rollback.ok) {
    return done({ outcome: 'rolled-back', current, validation, verification, rollback, failure });
  }
  // Name the rollback's reload error when the reload itself failed, else what the check saw.
  const v = rollback.verification;
  const why =
    rollback.restoreError ??
    (v === undefined || v.metrics.startsWith('not reloaded')
      ? rollback.reload
      : describeVerification(v)) ??
    'see the steps';
  return done({
    outcome: 'rollback-failed',
    current,
    validation,
    verification,
    rollback,
    failure,
    alert: inMemoryAlert(
      url,
      rollback.verification?.after ?? verification.after,
      inputs,
      `the reload failed, and so did the rollback (${why})`,
      rollback.restoreError === undefined
        ? `the ${describeTarget(target.kind)} again (the rejected files are in ${rollback.rejectedDir ?? inputs.stateDir})`
        : 'still the ones that failed, since they could not be restored',
    ),
  });
}

/**
 * Runs the transaction and reports what happened. A failed validation, reload or rollback is
 * an outcome in the report, not an exception.
 *
 * @throws InputError for bad input and for a server that cannot be asked (nothing touched),
 *   LockBusyError when another reload holds the lock past `lockWaitMs`.
 * @example
 * const report = await reloadPrometheus({
 *   url: 'http://127.0.0.1:9090',
 *   config: '/etc/prometheus/prometheus.yml',
 *   install: 'build/rules',
 * });
 * if (report.outcome !== 'reloaded') process.exitCode = 1;
 */
export async function reloadPrometheus(options: ReloadOptions): Promise<ReloadReport> {
  const inputs = checkInputs(options);
  await readTestFiles(inputs.tests);
  const planInput = {
    config: inputs.configPath,
    install: options.install,
    pathMap: inputs.mappings,
    cwd: inputs.cwd,
  };
  const firstPlan = buildPlan(planInput);
  // Printed and journaled without credentials; the client sends them as a header.
  const url = options.url === undefined ? undefined : redactUrl(options.url);
  const client =
    options.url === undefined
      ? undefined
      : new PrometheusClient({ url: options.url, timeoutMs: inputs.timeoutMs });
  const recorder = new Recorder();
  const record = recorder.record.bind(recorder);

  let server: { info: ServerInfo; status: ReloadStatus } | undefined;
  if (client !== undefined && url !== undefined) {
    server = await preflight(client, url, inputs);
    record('preflight', 'ok', `Prometheus ${server.info.version ?? '(version unknown)'} at ${url}`);
  } else {
    record('preflight', 'skipped', 'no --url: the server is not asked');
  }
  const scheme = schemeFor(options, server?.info);
  const validators = validatorsFor(options, inputs);
  const makeReport = (plan: ReloadPlan, parts: ReportParts): ReloadReport => ({
    schemaVersion: 1,
    outcome: parts.outcome,
    dryRun: options.dryRun === true,
    config: inputs.configPath,
    url,
    stateDir: inputs.stateDir,
    method:
      url === undefined ? undefined : inputs.method.kind === 'http' ? 'POST /-/reload' : 'SIGHUP',
    server: server?.info,
    nameValidationScheme: scheme,
    files: plan.files.map((f) => ({
      path: f.path,
      serverPath: f.serverPath,
      change: f.change,
      candidate: f.candidate,
    })),
    current: parts.current,
    validation: parts.validation,
    steps: recorder.steps,
    verification: parts.verification,
    rollback: parts.rollback,
    lock: parts.lock,
    failure: parts.failure,
    alert: parts.alert,
  });

  if (options.dryRun === true) {
    const current =
      client !== undefined && server !== undefined
        ? await currentState(
            client,
            server.status,
            buildPlan({ config: inputs.configPath, pathMap: inputs.mappings }),
            scheme,
            server.info.cwd,
          )
        : undefined;
    const validation = await runValidators(validators, {
      plan: firstPlan,
      nameValidationScheme: scheme,
      timeoutMs: inputs.timeoutMs,
    });
    record('validate', validation.passed ? 'ok' : 'failed', describeValidation(validation));
    record('dry-run', 'info', 'nothing was installed and Prometheus was not reloaded');
    return makeReport(firstPlan, {
      outcome: 'dry-run',
      current,
      validation,
      failure: validation.passed ? undefined : 'validation failed',
    });
  }
  if (client === undefined || server === undefined || url === undefined) {
    throw new InputError('--url is required');
  }

  const lockPath = join(inputs.stateDir, 'lock');
  const lockStart = Date.now();
  let lock: LockHandle;
  try {
    mkdirSync(inputs.stateDir, { recursive: true });
    lock = await acquireLock(lockPath, { waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS });
  } catch (err) {
    if (err instanceof DrygateError) throw err;
    throw new InputError(
      `--state-dir ${inputs.stateDir}: cannot take the lock there: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (give a writable --state-dir); nothing was changed`,
    );
  }
  const acquiredAtMs = Date.now();
  recorder.journalDir = inputs.stateDir;
  record('lock', 'ok', `acquired ${lockPath} after waiting ${acquiredAtMs - lockStart} ms`);
  let result: LockedResult | undefined;
  try {
    result = await lockedTransaction({
      options,
      inputs,
      url,
      client,
      server: server.info,
      scheme,
      validators,
      record,
      planInput,
      report: (plan, parts) =>
        makeReport(plan, {
          ...parts,
          lock: { waitedMs: acquiredAtMs - lockStart, acquiredAtMs, releasedAtMs: Date.now() },
        }),
    }).catch((err: unknown) => {
      // A file system error (a full disk, a permission) is the machine's, not a bug: no stack.
      if (err instanceof DrygateError || (err as NodeJS.ErrnoException).code === undefined)
        throw err;
      record('error', 'failed', (err as Error).message);
      throw new OperationError(
        `${(err as Error).message}; the transaction stopped there, see ${join(inputs.stateDir, 'journal.log')}`,
      );
    });
  } finally {
    const outcome =
      result === undefined ? 'error' : 'report' in result ? result.report.outcome : 'refused';
    record('lock', 'ok', `released after ${Date.now() - acquiredAtMs} ms (outcome: ${outcome})`);
    lock.release();
  }
  if ('refused' in result) throw new InputError(result.refused);
  return result.report;
}
