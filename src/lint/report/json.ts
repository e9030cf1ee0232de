/**
 * The JSON report (`--format json`), schema version 1:
 *
 * ```json
 * { "schemaVersion": 1, "files": 3, "summary": { "error": 1, "warning": 0, "info": 0 },
 *   "problems": [ { "check": "label/required-matcher", "severity": "error", "summary": "...",
 *     "details": "...", "file": "rules.yml", "line": 7, "column": 24, "endLine": 7, "endColumn": 50,
 *     "docs": "docs/checks/label/required-matcher.md" } ] }
 * ```
 *
 * `endLine`/`endColumn` are present when the problem underlines a stretch of the file.
 *
 * @module
 */
import type { LintResult } from '../run.js';
import { countBySeverity } from './counts.js';

export const JSON_SCHEMA_VERSION = 1;

export function docsPath(check: string): string {
  return `docs/checks/${check}.md`;
}

export function renderJson(result: LintResult): string {
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    files: result.fileCount,
    summary: countBySeverity(result.problems),
    problems: result.problems.map((p) => {
      const d = p.diagnostics[0];
      return {
        check: p.check,
        severity: p.severity,
        summary: p.summary,
        details: p.details,
        file: p.source.file,
        line: p.source.line,
        column: p.source.column,
        ...(d !== undefined && { endLine: d.end.line, endColumn: d.end.column }),
        docs: docsPath(p.check),
      };
    }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
