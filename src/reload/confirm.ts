/**
 * One reload and its verification against the files on disk, shared by the transaction and
 * its rollback.
 *
 * @module
 */
import type { PrometheusClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { NameValidationScheme } from '../rules/types.js';
import type { PathMapping } from './path-map.js';
import { buildPlan, displayPath } from './plan.js';
import {
  type ReloadMethod,
  type ReloadStatus,
  readReloadStatus,
  triggerReload,
  type TriggerResult,
} from './server.js';
import type { VerificationReport } from './types.js';
import {
  describeReloadStatus,
  expectedRuleGroups,
  type FileOnDisk,
  waitForReloadMetrics,
  waitForRules,
} from './verify.js';

export interface ConfirmContext {
  readonly client: PrometheusClient;
  readonly method: ReloadMethod;
  readonly config: string;
  readonly pathMap: readonly PathMapping[];
  readonly scheme: NameValidationScheme;
  /** The server's working directory, for relative file names in its answers. */
  readonly serverCwd: string | undefined;
  readonly timeoutMs: number;
}

/** The rule files the config's patterns match now, with their bytes, as the server names them. */
export function filesOnDisk(context: Pick<ConfirmContext, 'config' | 'pathMap'>): FileOnDisk[] {
  const plan = buildPlan({ config: context.config, pathMap: context.pathMap });
  return plan.files.map((f) => ({
    serverPath: f.serverPath,
    bytes: f.bytes,
    display: displayPath(f),
  }));
}

/** Reads the reload metrics, or gives an empty reading when the server cannot say. */
export async function readStatusOrEmpty(client: PrometheusClient): Promise<ReloadStatus> {
  try {
    return await readReloadStatus(client);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { successful: undefined, successTimestampS: undefined, readAtMs: Date.now() };
  }
}

/** The server clock against drygate's, for the report only (the verdict never uses it). */
function clockNote(startedAtMs: number, after: ReloadStatus | undefined): string {
  const ts = after?.successTimestampS;
  if (ts === undefined) return '';
  const lead = ts * 1000 - startedAtMs;
  if (lead >= -1000) return '';
  return `; the server's clock is ${(-lead / 1000).toFixed(1)} s behind drygate's (judged by the server's own earlier value, not by drygate's clock)`;
}

export interface ConfirmResult {
  readonly trigger: TriggerResult;
  readonly startedAtMs: number;
  readonly verification: VerificationReport;
}

/**
 * Reloads and verifies: the reload metrics against `before`, then `/api/v1/rules` against the
 * rule files on disk as they are after the reload.
 */
export async function reloadAndConfirm(
  context: ConfirmContext,
  before: ReloadStatus,
  onTrigger: (trigger: TriggerResult) => void | Promise<void> = () => {},
): Promise<ConfirmResult> {
  const startedAtMs = Date.now();
  const trigger = await triggerReload(context.client, context.method);
  await onTrigger(trigger);
  const deadline = Date.now() + context.timeoutMs;
  if (!trigger.ok && !trigger.unknown) {
    const after = await readStatusOrEmpty(context.client);
    return {
      trigger,
      startedAtMs,
      verification: {
        ok: false,
        metrics: `not reloaded: ${describeReloadStatus(before, after)}`,
        before,
        after,
        rules: undefined,
      },
    };
  }
  const metrics = await waitForReloadMetrics(context.client, before, deadline);
  if (!metrics.ok) {
    return {
      trigger,
      startedAtMs,
      verification: {
        ok: false,
        metrics: metrics.detail,
        before,
        after: metrics.after,
        rules: undefined,
      },
    };
  }
  const expected = expectedRuleGroups(filesOnDisk(context), context.scheme);
  const rules = await waitForRules(
    context.client,
    expected,
    context.serverCwd,
    Math.min(deadline, Date.now() + 2000),
  );
  return {
    trigger,
    startedAtMs,
    verification: {
      ok: rules.ok,
      metrics: `${metrics.detail}${clockNote(startedAtMs, metrics.after)}`,
      before,
      after: metrics.after,
      rules: { ok: rules.ok, groups: rules.groups, rules: rules.rules, differences: rules.diffs },
    },
  };
}

/** A verification in one line: the metrics, then the rules check. */
export function describeVerification(v: VerificationReport): string {
  if (v.rules === undefined) return v.metrics;
  if (v.rules.ok) {
    return `${v.metrics}; /api/v1/rules: ${v.rules.groups} groups, ${v.rules.rules} rules, as in the files`;
  }
  return [v.metrics, ...v.rules.differences].join('; ');
}
