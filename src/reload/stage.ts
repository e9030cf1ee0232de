/**
 * Staging for `promtool check config` on the candidate set, where Prometheus would see it: the
 * candidates are copied into a hidden directory beside the config, and a hidden copy of the
 * config (same directory, so its other relative paths still resolve; every byte the same but
 * `rule_files`) lists exactly the rule files Prometheus will load. Nothing Prometheus loads is
 * touched, and the names end in `.tmp` so that no `rule_files` pattern for `*.yml` picks them up.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative } from 'node:path';
import { withRuleFiles } from './config-file.js';
import { type PathMapping, toServerPath } from './path-map.js';
import { displayPath, type ReloadPlan } from './plan.js';

/** Which side's paths the staged config lists: the server's (exec prefix) or this machine's. */
export type Namespace = 'server' | 'host';

export interface StagedConfig {
  /** The config to check, on this machine. */
  readonly hostConfig: string;
  /** The same file as the server (and the exec prefix) sees it. */
  readonly serverConfig: string;
  /** Text replacements that turn promtool's messages into paths the user knows. */
  readonly replacements: readonly (readonly [string, string])[];
  /** Removes what was staged; safe to call twice. */
  cleanup(): void;
}

function inside(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
}

/** Whether checking the real config would check something else than the plan. */
export function needsStaging(plan: ReloadPlan, namespace: Namespace): boolean {
  if (plan.files.some((f) => f.change !== 'kept')) return true;
  // The host's promtool cannot follow absolute patterns written for the server's file system.
  return (
    namespace === 'host' && plan.patterns.some((p) => isAbsolute(p.written) && p.host !== p.written)
  );
}

/**
 * Stages the plan for a promtool in `namespace`, or returns the real config when nothing
 * needs staging.
 *
 * @throws Error from the file system (the caller reports the check as unavailable).
 */
export function stageForPromtool(
  plan: ReloadPlan,
  namespace: Namespace,
  mappings: readonly PathMapping[],
): StagedConfig {
  const config = plan.config.path;
  if (!needsStaging(plan, namespace)) {
    return {
      hostConfig: config,
      serverConfig: plan.configServerPath,
      replacements: [],
      cleanup() {},
    };
  }
  const configDir = dirname(config);
  const stageDir = mkdtempSync(join(configDir, '.drygate-stage-'));
  const copy = join(
    configDir,
    `.${basename(config)}.drygate-check-${randomBytes(4).toString('hex')}.tmp`,
  );
  let done = false;
  const cleanup = (): void => {
    if (done) return;
    done = true;
    rmSync(stageDir, { recursive: true, force: true });
    rmSync(copy, { force: true });
  };
  try {
    const replacements: [string, string][] = [];
    const listed: string[] = [];
    plan.files.forEach((file, i) => {
      let hostPath = file.path;
      if (file.change !== 'kept') {
        hostPath = join(stageDir, `${i}-${basename(file.path)}.tmp`);
        writeFileSync(hostPath, file.bytes);
      }
      const rel = inside(configDir, hostPath);
      const written =
        rel !== undefined
          ? rel
          : namespace === 'server'
            ? toServerPath(hostPath, mappings)
            : hostPath;
      listed.push(written);
      if (file.change !== 'kept') {
        const show = displayPath(file);
        replacements.push([hostPath, show], [toServerPath(hostPath, mappings), show]);
        if (rel !== undefined) replacements.push([rel, show]);
      }
    });
    writeFileSync(copy, withRuleFiles(plan.config, listed));
    const serverCopy = toServerPath(copy, mappings);
    replacements.push(
      [copy, config],
      [serverCopy, config],
      [posix.basename(copy), basename(config)],
    );
    // Longest first, so that a path is replaced before any shorter path inside it.
    replacements.sort((a, b) => b[0].length - a[0].length);
    return { hostConfig: copy, serverConfig: serverCopy, replacements, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
