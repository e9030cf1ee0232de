/**
 * Reporters for a promqltest run: pure functions from the summary to text. The CLI decides
 * where the text goes.
 *
 * @module
 */
import type { EvalReport, RunSummary } from './report.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The closing line every text report ends with. */
export function renderTotals(summary: RunSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`;
}

/** One row per file (file, passed, failed, skipped), then the totals line. */
export function renderTable(summary: RunSummary): string {
  const header = ['file', 'passed', 'failed', 'skipped'] as const;
  const rows = summary.files.map((f) => [
    f.file,
    String(f.passed),
    String(f.failed),
    String(f.skipped),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[0] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n' + renderTotals(summary);
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

/** A failing eval with its reason and, when known, what was expected and what came back. */
export function renderFailure(e: EvalReport): string {
  let out = `FAIL ${e.file}:${e.line}: ${e.query}\n${indent(e.reason ?? '', '  ')}\n`;
  if (e.expected !== undefined) out += `  expected:\n${indent(e.expected, '    ')}\n`;
  if (e.got !== undefined) out += `  got:\n${indent(e.got, '    ')}\n`;
  return out;
}

/** Files that could not run at all, one line each: shown even without --verbose. */
export function renderFileErrors(summary: RunSummary): string {
  return summary.files
    .filter((f) => f.error !== undefined)
    .map((f) => `${f.file}: file not run: ${f.error ?? ''}\n`)
    .join('');
}

/** The text report: file errors (or, verbose, every failure), the table, the totals. */
export function renderText(summary: RunSummary, verbose: boolean): string {
  let out = '';
  if (verbose) {
    const failures = summary.files.flatMap((f) => f.evals.filter((e) => e.status === 'failed'));
    out += failures.map((e) => `${renderFailure(e)}\n`).join('');
  } else {
    out += renderFileErrors(summary);
  }
  return out + renderTable(summary);
}

/** The JSON report: totals, per-file counts, every failure and skip with its details. */
export function renderJson(summary: RunSummary): string {
  const evals = summary.files.flatMap((f) => f.evals);
  const report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    files: summary.files.map((f) => ({
      file: f.file,
      passed: f.passed,
      failed: f.failed,
      skipped: f.skipped,
      ...(f.error === undefined ? {} : { error: f.error }),
    })),
    failures: evals
      .filter((e) => e.status === 'failed')
      .map((e) => ({
        file: e.file,
        line: e.line,
        query: e.query,
        reason: e.reason ?? '',
        expected: e.expected ?? null,
        got: e.got ?? null,
      })),
    skips: evals
      .filter((e) => e.status === 'skipped')
      .map((e) => ({ file: e.file, line: e.line, query: e.query, reason: e.reason ?? '' })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
