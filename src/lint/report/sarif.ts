/**
 * SARIF 2.1.0 (`--format sarif`), for code-scanning services: one run, the rule list is every
 * drygate check, one result per problem with its region.
 *
 * @module
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckMeta, Severity } from '../types.js';
import type { LintResult } from '../run.js';
import { docsPath } from './json.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A file path as a SARIF artifact URI: relative paths stay relative, with `/` separators. */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function renderSarif(
  result: LintResult,
  checks: readonly CheckMeta[],
  version: string,
): string {
  const index = new Map(checks.map((c, i) => [c.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'drygate',
            version,
            rules: checks.map((c) => ({
              id: c.id,
              name: c.id,
              shortDescription: { text: c.description },
              defaultConfiguration: { level: LEVEL[c.defaultSeverity] },
              help: { text: `${c.description} See ${docsPath(c.id)}.` },
            })),
          },
        },
        results: result.problems.map((p) => {
          const d = p.diagnostics[0];
          const region = {
            startLine: p.source.line,
            startColumn: p.source.column,
            ...(d !== undefined && { endLine: d.end.line, endColumn: Math.max(1, d.end.column) }),
          };
          return {
            ruleId: p.check,
            ...(index.has(p.check) && { ruleIndex: index.get(p.check) }),
            level: LEVEL[p.severity],
            message: { text: p.details === '' ? p.summary : `${p.summary}\n${p.details}` },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: artifactUri(p.source.file) }, region },
              },
            ],
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
