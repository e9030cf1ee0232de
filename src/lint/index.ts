/**
 * obs-lint: label policy and rule hygiene checks for Prometheus rule files, promtool unit-test
 * files and drygate gate specs, with reporters (human, JSON, GitHub Actions, SARIF) and a fixer
 * that adds missing required matchers without touching anything else in the file.
 *
 * @example
 * import { lintPaths, DEFAULT_CONFIG, parseRequireArg, renderHuman, hasErrors } from 'drygate/lint';
 * const result = await lintPaths(['rules/'], { ...DEFAULT_CONFIG, require: [parseRequireArg('metric_realm=prod')] });
 * process.stdout.write(renderHuman(result, { color: false }));
 * if (hasErrors(result)) process.exitCode = 1;
 *
 * @module
 */
export { CHECKS, CHECK_IDS } from './check.js';
export type { Check, CheckContext } from './check.js';
export { DEFAULT_CONFIG, parseLintConfig, parseRequireArg, resolveLintConfig } from './config.js';
export type { LintConfig, RequiredMatcher } from './config.js';
export { discoverInputs } from './inputs/discover.js';
export { buildProject, readProject } from './inputs/project.js';
export { hasErrors, lintPaths, lintProject, lintTexts } from './run.js';
export type { LintResult } from './run.js';
export { planFixes } from './fix.js';
export type { FileFix, RefusedFix } from './fix.js';
export { renderHuman } from './report/human.js';
export { renderJson, JSON_SCHEMA_VERSION } from './report/json.js';
export { renderGithub } from './report/github.js';
export { renderSarif } from './report/sarif.js';
export { SEVERITIES } from './types.js';
export type { CheckMeta, Diagnostic, Problem, Severity, SourceRef } from './types.js';
export type { LintProject } from './model.js';
