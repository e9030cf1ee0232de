/**
 * Validation before a reload, as a list of pluggable validators. Each returns steps for the
 * report: `passed`, `failed` (blocks the reload), `unavailable` (could not run: the report says
 * why and what ran instead) or `skipped` (not asked for).
 *
 * @module
 */
import type { NameValidationScheme } from '../rules/types.js';
import type { ReloadPlan } from './plan.js';

export type ValidationStatus = 'passed' | 'failed' | 'unavailable' | 'skipped';

export interface ValidationStep {
  /** Which check: `drygate check rules`, `lint`, `unit tests`, `promtool check config`. */
  readonly validator: string;
  /** Where it ran, when that matters: `exec: docker exec prometheus`, `host: /usr/bin/promtool`. */
  readonly where: string | undefined;
  readonly status: ValidationStatus;
  /** One line for the report. */
  readonly summary: string;
  /** Problems and warnings, one per entry, file:line:col first where known. */
  readonly details: readonly string[];
}

export interface ValidationContext {
  readonly plan: ReloadPlan;
  /** Metric and label name rules of the server being reloaded. */
  readonly nameValidationScheme: NameValidationScheme;
  readonly timeoutMs: number;
}

/**
 * One validation. A validator never throws for a problem in the files: problems are `failed`
 * steps. It may throw InputError for bad options of its own.
 *
 * @example
 * const lint: Validator = {
 *   name: 'lint',
 *   async validate({ plan }) {
 *     const problems = await myLint(plan.files);
 *     return [{ validator: 'lint', where: undefined, status: problems.length ? 'failed' : 'passed',
 *               summary: `${problems.length} problems`, details: problems }];
 *   },
 * };
 */
export interface Validator {
  readonly name: string;
  validate(context: ValidationContext): Promise<readonly ValidationStep[]>;
}

export interface ValidationResult {
  readonly passed: boolean;
  readonly steps: readonly ValidationStep[];
}

/** Runs every validator, in order, even after a failure, so that the report lists everything. */
export async function runValidators(
  validators: readonly Validator[],
  context: ValidationContext,
): Promise<ValidationResult> {
  const steps: ValidationStep[] = [];
  for (const v of validators) steps.push(...(await v.validate(context)));
  return { passed: steps.every((s) => s.status !== 'failed'), steps };
}

/** A step built with every field, so that adding one makes the compiler list each place. */
export function step(
  validator: string,
  status: ValidationStatus,
  summary: string,
  details: readonly string[] = [],
  where?: string,
): ValidationStep {
  return { validator, where, status, summary, details };
}
