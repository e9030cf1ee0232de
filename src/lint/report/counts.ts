/** Counting problems by severity, for the reporters' summaries. */
import type { Problem, Severity } from '../types.js';

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of problems) out[p.severity]++;
  return out;
}

/** `3 problems (1 error, 2 warnings) in 2 of 4 files`, or `no problems in 4 files`. */
export function summaryLine(problems: readonly Problem[], fileCount: number): string {
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  if (problems.length === 0) return `no problems in ${files}`;
  const c = countBySeverity(problems);
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}${c[s] === 1 || s === 'info' ? '' : 's'}`);
  const withProblems = new Set(problems.map((p) => p.source.file)).size;
  return `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} (${parts.join(', ')}) in ${withProblems} of ${files}`;
}
