/**
 * A lint run: read the inputs, run every enabled check, apply configured severities and in-file
 * ignore comments, and return the problems sorted by place.
 *
 * @module
 */
import { ProjectAnalysis } from './analysis/project.js';
import { type Check, CHECKS, CHECK_IDS } from './check.js';
import { DEFAULT_CONFIG, type LintConfig } from './config.js';
import { discoverInputs } from './inputs/discover.js';
import { buildProject, readProject } from './inputs/project.js';
import type { LintProject } from './model.js';
import type { SourceText } from './source.js';
import { isSuppressed } from './suppress.js';
import { type Problem, severityRank } from './types.js';

export interface LintResult {
  readonly problems: readonly Problem[];
  /** Every file read, for reporters that quote lines. */
  readonly sources: ReadonlyMap<string, SourceText>;
  /** How many files were read. */
  readonly fileCount: number;
}

/** Runs the checks over a project that has been read. */
export function lintProject(
  project: LintProject,
  config: LintConfig = DEFAULT_CONFIG,
  checks: readonly Check[] = CHECKS,
): LintResult {
  if (!config.scrapeIntervalSet && project.scrapeIntervalMs !== undefined)
    config = { ...config, scrapeIntervalMs: project.scrapeIntervalMs };
  const analysis = new ProjectAnalysis(project, config);
  const ctx = { project, config, analysis, knownChecks: CHECK_IDS };
  const order = new Map(checks.map((c, i) => [c.id, i]));
  const fileOrder = new Map([...project.sources.keys()].map((f, i) => [f, i]));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const check of checks) {
    if (config.disabled.has(check.id)) continue;
    const severity = config.severity.get(check.id);
    for (const found of check.check(ctx)) {
      const p = severity === undefined ? found : { ...found, severity };
      if (isSuppressed(p, project.suppressions)) continue;
      const key = JSON.stringify([p.check, p.source, p.summary]);
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
  }
  problems.sort(
    (a, b) =>
      (fileOrder.get(a.source.file) ?? Infinity) - (fileOrder.get(b.source.file) ?? Infinity) ||
      a.source.file.localeCompare(b.source.file) ||
      a.source.line - b.source.line ||
      a.source.column - b.source.column ||
      (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0),
  );
  return { problems, sources: project.sources, fileCount: project.fileCount };
}

/**
 * Lints files, directories and globs.
 *
 * @example
 * const result = await lintPaths(['rules/'], { ...DEFAULT_CONFIG, require: [...] });
 * const failed = hasErrors(result);
 * @throws InputError when a path cannot be read (exit 2 in the CLI).
 */
export async function lintPaths(
  paths: readonly string[],
  config: LintConfig = DEFAULT_CONFIG,
): Promise<LintResult> {
  const project = await readProject(discoverInputs(paths), { realmLabel: config.realmLabel });
  return lintProject(project, config);
}

/** Whether any problem is an error (the run fails). */
export function hasErrors(result: LintResult): boolean {
  return result.problems.some((p) => severityRank(p.severity) >= severityRank('error'));
}

/**
 * Lints texts in memory, each read as if the user had named its file.
 *
 * @example lintTexts([{ path: 'rules.yml', text: 'groups: []\n' }])
 */
export function lintTexts(
  files: readonly { readonly path: string; readonly text: string }[],
  config: LintConfig = DEFAULT_CONFIG,
  checks: readonly Check[] = CHECKS,
): LintResult {
  const project = buildProject(
    files.map((f) => ({ ...f, explicit: true })),
    { realmLabel: config.realmLabel },
  );
  return lintProject(project, config, checks);
}
