/**
 * GitHub Actions workflow commands (`--format github`): one `::error` / `::warning` /
 * `::notice` line per problem, which GitHub shows as an annotation on the file and line.
 *
 * @module
 */
import type { LintResult } from '../run.js';
import type { Severity } from '../types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a message as the runner's `escapeData` does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value as the runner's `escapeProperty` does. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGithub(result: LintResult): string {
  return result.problems
    .map((p) => {
      const d = p.diagnostics[0];
      const props = [
        `file=${escapeProperty(p.source.file)}`,
        `line=${p.source.line}`,
        `col=${p.source.column}`,
      ];
      // GitHub takes an end column only on a one-line annotation.
      if (d !== undefined && d.end.line === d.start.line) props.push(`endColumn=${d.end.column}`);
      else if (d !== undefined) props.push(`endLine=${d.end.line}`);
      props.push(`title=${escapeProperty(p.check)}`);
      return `::${COMMAND[p.severity]} ${props.join(',')}::${escapeData(p.summary)}\n`;
    })
    .join('');
}
