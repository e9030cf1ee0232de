/**
 * The reload report as text (each step, which validators ran and where) or JSON. Pure
 * functions from report to string: the CLI decides where the text goes.
 *
 * @module
 */
import type { ReloadOutcome, ReloadReport } from './types.js';

const VERDICT: Readonly<Record<ReloadOutcome, string>> = {
  reloaded: 'RELOADED: Prometheus runs the new files (verified)',
  'dry-run': 'DRY RUN: nothing was installed and Prometheus was not reloaded',
  rejected: 'REJECTED: validation failed; nothing was installed and Prometheus was not reloaded',
  'rolled-back': 'ROLLED BACK: the reload failed; the previous files are back and verified',
  'rollback-failed': 'ROLLBACK FAILED: see the alert',
  'reload-failed': 'RELOAD FAILED: nothing to roll back to; see the alert',
};

function indent(lines: readonly string[], by: string): string[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => `${by}${l}`);
}

/** The human report: plan, validation, each step in order, the verdict. */
export function renderReloadText(report: ReloadReport): string {
  const out: string[] = [];
  const server =
    report.url === undefined
      ? 'no server (dry run)'
      : `${report.url} (Prometheus ${report.server?.version ?? 'version unknown'}, ${report.method ?? ''})`;
  out.push(`drygate reload ${report.config}`);
  out.push(`server:  ${server}`);
  out.push(`state:   ${report.stateDir}`);
  out.push(`plan:    ${report.files.length} rule file${report.files.length === 1 ? '' : 's'}`);
  for (const f of report.files) {
    const from = f.candidate === undefined ? '' : ` (from ${f.candidate})`;
    const seen = f.serverPath === f.path ? '' : ` [server: ${f.serverPath}]`;
    out.push(`  ${f.change.padEnd(9)} ${f.path}${from}${seen}`);
  }
  if (report.current !== undefined) {
    const c = report.current;
    out.push(
      `current: ${c.inSync ? 'Prometheus runs the files on disk' : 'Prometheus and the files on disk differ'}`,
    );
    out.push(...indent(c.differences.slice(0, 10), '  '));
  }
  if (report.validation !== undefined) {
    out.push(`validate (${report.nameValidationScheme} names):`);
    for (const s of report.validation.steps) {
      const where = s.where === undefined ? '' : ` [${s.where}]`;
      out.push(`  ${s.status.padEnd(11)} ${s.validator}${where}: ${s.summary}`);
      out.push(...indent(s.details, '      '));
    }
  }
  out.push('steps:');
  for (const s of report.steps)
    out.push(`  ${s.step.padEnd(16)} ${s.status.padEnd(7)} ${s.detail}`);
  if (report.verification?.rules !== undefined) {
    const r = report.verification.rules;
    out.push(
      `rules:   ${r.ok ? 'as in the files' : 'NOT as in the files'}: ${r.groups} groups, ${r.rules} rules on the server`,
    );
  }
  if (report.rollback !== undefined && report.rollback.rejectedDir !== undefined) {
    const moved = [...report.rollback.restored, ...report.rollback.movedAside].length;
    if (moved > 0) out.push(`kept:    the rejected files are in ${report.rollback.rejectedDir}`);
  }
  let verdict = VERDICT[report.outcome];
  if (report.outcome === 'dry-run') {
    verdict += report.validation?.passed === false ? '; validation FAILED' : '; validation passed';
  }
  out.push(`result:  ${verdict}`);
  if (report.failure !== undefined && report.outcome !== 'dry-run') {
    out.push(`failed:  ${report.failure}`);
  }
  return `${out.join('\n')}\n`;
}

/** The report as one JSON document (`schemaVersion` 1); absent values are `null`, so every key is always there. */
export function renderReloadJson(report: ReloadReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
