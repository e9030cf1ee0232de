/**
 * `drygate lint PATH...`: obs-lint over rule files, unit-test files and gate specs (files,
 * directories or globs). Prints the problems in the chosen format; exit 1 when any is an
 * error, 2 on a usage error or an unreadable input. `--fix` first adds missing required
 * matchers in place, then reports what is left.
 */
import { basename, dirname } from 'node:path';
import { InputError } from '../../errors.js';
import { packageVersion } from '../../package-info.js';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { readErrorReason } from '../../model/files.js';
import { ProjectAnalysis } from '../../lint/analysis/project.js';
import { CHECKS, CHECK_IDS } from '../../lint/check.js';
import { resolveLintConfig } from '../../lint/config.js';
import { planFixes } from '../../lint/fix.js';
import { discoverInputs } from '../../lint/inputs/discover.js';
import { readProject } from '../../lint/inputs/project.js';
import { renderGithub } from '../../lint/report/github.js';
import { renderHuman } from '../../lint/report/human.js';
import { renderJson } from '../../lint/report/json.js';
import { renderSarif } from '../../lint/report/sarif.js';
import { hasErrors, lintProject, type LintResult } from '../../lint/run.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

export const LINT_FORMATS = ['human', 'json', 'github', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintOptions {
  /** A `.drygate.yml` to read instead of the one in the working directory. */
  readonly config?: string;
  /** `label=value` matchers every selector must carry (repeatable). */
  readonly require?: readonly string[];
  readonly format?: LintFormat;
  readonly fix?: boolean;
  readonly listChecks?: boolean;
  /** `--no-color` sets this to false. */
  readonly color?: boolean;
}

function render(result: LintResult, format: LintFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'github':
      return renderGithub(result);
    case 'sarif': {
      return renderSarif(result, CHECKS, packageVersion());
    }
    default:
      return renderHuman(result, { color });
  }
}

function listChecks(io: CliIo): void {
  const width = Math.max(...CHECKS.map((c) => c.id.length));
  for (const c of CHECKS)
    io.out(`${c.id.padEnd(width)}  ${c.defaultSeverity.padEnd(7)}  ${c.description}\n`);
}

/** Replaces a fixed file atomically; a file that cannot be written is the user's to fix. */
function writeFixed(file: string, text: string): void {
  try {
    writeFileAtomic(dirname(file), basename(file), text, { keepMode: true });
  } catch (err) {
    throw new InputError(`--fix: cannot write ${file}: ${readErrorReason(err)}`);
  }
}

export async function lint(
  paths: readonly string[],
  options: LintOptions,
  io: CliIo,
): Promise<void> {
  if (options.listChecks === true) {
    listChecks(io);
    return;
  }
  if (paths.length === 0) throw new InputError('lint: give at least one file, directory or glob');
  const { config } = resolveLintConfig({
    configPath: options.config,
    defaultPath: '.drygate.yml',
    require: options.require ?? [],
    knownChecks: CHECK_IDS,
  });
  const inputs = discoverInputs(paths);
  let project = await readProject(inputs, { realmLabel: config.realmLabel });

  if (options.fix === true) {
    const fixes = planFixes(project, config, new ProjectAnalysis(project, config));
    for (const f of fixes) {
      if (f.after !== f.before) writeFixed(f.file, f.after);
      if (f.fixed > 0)
        io.err(`fixed ${f.fixed} ${f.fixed === 1 ? 'selector' : 'selectors'} in ${f.file}\n`);
      for (const r of f.refused)
        io.err(`${r.source.file}:${r.source.line}:${r.source.column}: not fixed: ${r.reason}\n`);
    }
    if (fixes.some((f) => f.after !== f.before))
      project = await readProject(inputs, { realmLabel: config.realmLabel });
  }

  const result = lintProject(project, config);
  const noColor = (process.env['NO_COLOR'] ?? '') !== '';
  const color = options.color !== false && io.isTty && !noColor && options.format !== 'github';
  io.out(render(result, options.format ?? 'human', color));
  if (hasErrors(result)) throw new ExitError(ExitCode.Failed);
}
