/**
 * Options and report of a reload transaction.
 *
 * @module
 */
import type { NameValidationScheme } from '../rules/types.js';
import type { FileChange, ReloadPlan } from './plan.js';
import type { ReloadStatus, ServerInfo } from './server.js';
import type { ValidationStep, Validator } from './validate.js';

/** Test and integration points inside the transaction, called while the lock is held. */
export interface ReloadHooks {
  /** Validation passed; nothing is installed yet. */
  readonly afterValidate?: (plan: ReloadPlan) => void | Promise<void>;
  /**
   * The candidates are installed; the reload is next. Whatever is on disk when this returns is
   * what Prometheus loads and what the verification compares with (a test can swap a file
   * here to make a validated change fail inside Prometheus).
   */
  readonly beforeReload?: (plan: ReloadPlan) => void | Promise<void>;
  /**
   * Prometheus has been asked to reload; the verification is next (a test can change a file
   * here to make the server's rules differ from the files on disk).
   */
  readonly afterReload?: (plan: ReloadPlan) => void | Promise<void>;
}

export interface ReloadOptions {
  /** prometheus.yml as Prometheus runs it (its `rule_files` are the rule files). */
  readonly config: string;
  /** The server's base URL. Required, except for a dry run (which then skips the server). */
  readonly url?: string | undefined;
  /** A directory of candidate rule files to install as part of the transaction. */
  readonly install?: string | undefined;
  /** Rule unit-test files (promtool format) that must pass. */
  readonly tests?: readonly string[] | undefined;
  /** Exec prefix for promtool where Prometheus sees the files: a command line or an argv. */
  readonly checkIn?: string | readonly string[] | undefined;
  /** `HOST=SERVER` directory pairs. */
  readonly pathMap?: readonly string[] | undefined;
  /** Reload with SIGHUP to this pid instead of POST /-/reload. */
  readonly pid?: number | undefined;
  /** Default: `.drygate-reload/` beside the config. */
  readonly stateDir?: string | undefined;
  /** Plan and validate only: no lock, no file changed, no reload. */
  readonly dryRun?: boolean | undefined;
  /** Per HTTP request, per promtool run, and for the verification after each reload. Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** How long to wait for another reload holding the lock. Default 60 s. */
  readonly lockWaitMs?: number | undefined;
  /** The host's promtool: a path, `null` for none, undefined to look on PATH. */
  readonly promtool?: string | null | undefined;
  /** Name rules for drygate's checks; `auto` (default) follows the server's major version. */
  readonly nameValidationScheme?: NameValidationScheme | 'auto' | undefined;
  /**
   * The lint slot: a validator run after drygate's check rules. Default: drygate lint with the
   * settings of `.drygate.yml` beside the Prometheus config; error-level problems block.
   */
  readonly lint?: Validator | undefined;
  readonly hooks?: ReloadHooks | undefined;
  /** Base for relative paths. Default: the process's working directory. */
  readonly cwd?: string | undefined;
}

export type ReloadOutcome =
  /** Reloaded and verified (exit 0). */
  | 'reloaded'
  /** A dry run: see `validation.passed` (exit 0 or 1). */
  | 'dry-run'
  /** Validation failed: nothing installed, no reload (exit 1). */
  | 'rejected'
  /** The reload or its verification failed; the last-known-good files are back and verified (exit 1). */
  | 'rolled-back'
  /** The reload failed and so did the rollback: see `alert` (exit 1). */
  | 'rollback-failed'
  /** The reload failed and there was nothing to roll back to: see `alert` (exit 1). */
  | 'reload-failed';

export type StepStatus = 'ok' | 'failed' | 'skipped' | 'info';

export interface StepRecord {
  readonly step: string;
  readonly status: StepStatus;
  readonly detail: string;
  /** drygate's clock, ms. */
  readonly atMs: number;
}

export interface PlannedFileReport {
  readonly path: string;
  readonly serverPath: string;
  readonly change: FileChange;
  readonly candidate: string | undefined;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly metrics: string;
  readonly before: ReloadStatus;
  readonly after: ReloadStatus | undefined;
  readonly rules:
    | {
        readonly ok: boolean;
        readonly groups: number;
        readonly rules: number;
        readonly differences: readonly string[];
      }
    | undefined;
}

export interface CurrentState {
  readonly status: ReloadStatus;
  /** The last reload succeeded and the loaded rules are those of the files on disk. */
  readonly inSync: boolean;
  readonly differences: readonly string[];
}

export interface RollbackReport {
  /** What was restored: the copy of the last verified reload, or the files from before this run. */
  readonly target: 'last-good' | 'before' | undefined;
  readonly targetSavedAtMs: number | undefined;
  readonly restored: readonly string[];
  /** Files moved out of Prometheus's way (kept under the state dir). */
  readonly movedAside: readonly string[];
  readonly rejectedDir: string | undefined;
  /** Why the files could not be put back, when they could not. */
  readonly restoreError: string | undefined;
  readonly reload: string | undefined;
  readonly verification: VerificationReport | undefined;
  readonly ok: boolean;
}

export interface ReloadReport {
  readonly schemaVersion: 1;
  readonly outcome: ReloadOutcome;
  readonly dryRun: boolean;
  readonly config: string;
  readonly url: string | undefined;
  readonly stateDir: string;
  readonly method: 'POST /-/reload' | 'SIGHUP' | undefined;
  readonly server: ServerInfo | undefined;
  readonly nameValidationScheme: NameValidationScheme;
  readonly files: readonly PlannedFileReport[];
  /** What Prometheus ran before the transaction, against the files on disk at that time. */
  readonly current: CurrentState | undefined;
  readonly validation:
    { readonly passed: boolean; readonly steps: readonly ValidationStep[] } | undefined;
  readonly steps: readonly StepRecord[];
  readonly verification: VerificationReport | undefined;
  readonly rollback: RollbackReport | undefined;
  readonly lock:
    | { readonly waitedMs: number; readonly acquiredAtMs: number; readonly releasedAtMs: number }
    | undefined;
  /** What failed, in one sentence, when the outcome is not a success. */
  readonly failure: string | undefined;
  /** The loud message when Prometheus is left on its previous in-memory configuration. */
  readonly alert: string | undefined;
}
