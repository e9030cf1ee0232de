/**
 * The human report: `file:line:col: severity [check]: summary`, then the offending lines with the
 * expression underlined, and a summary line. Colour only when asked (a TTY without `NO_COLOR`).
 *
 * @module
 */
import type { LintResult } from '../run.js';
import type { SourceText } from '../source.js';
import type { Diagnostic, Problem, Severity } from '../types.js';
import { summaryLine } from './counts.js';

export interface HumanOptions {
  readonly color: boolean;
}

const ESC = '\u001b[';
const STYLE = {
  bold: ['1', '22'],
  dim: ['2', '22'],
  red: ['31', '39'],
  yellow: ['33', '39'],
  cyan: ['36', '39'],
} as const;
const SEVERITY_COLOR: Record<Severity, keyof typeof STYLE> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
};
/** Lines of one diagnostic shown at most; the rest is elided. */
const MAX_LINES = 6;

function paint(on: boolean, style: keyof typeof STYLE, text: string): string {
  if (!on || text === '') return text;
  const [open, close] = STYLE[style];
  return `${ESC}${open}m${text}${ESC}${close}m`;
}

/** The prefix that puts a caret under column `column` of `line` (tabs kept, so it lines up). */
function indentTo(line: string, column: number): string {
  return line.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
}

function snippet(
  source: SourceText,
  d: Diagnostic,
  color: boolean,
  style: keyof typeof STYLE,
): string[] {
  const out: string[] = [];
  const last = Math.min(d.end.line, d.start.line + MAX_LINES - 1);
  const width = String(last).length;
  const gutter = (n: string): string => paint(color, 'dim', `${n.padStart(width)} |`);
  for (let n = d.start.line; n <= last; n++) {
    const line = source.line(n);
    const from = n === d.start.line ? d.start.column : line.length - line.trimStart().length + 1;
    const to = n === d.end.line ? d.end.column : line.trimEnd().length + 1;
    out.push(`${gutter(String(n))} ${line}`);
    if (to > from)
      out.push(
        `${gutter('')} ${indentTo(line, from)}${paint(color, style, '^'.repeat(to - from))}`,
      );
  }
  if (last < d.end.line) out.push(`${gutter('')} ...`);
  return out;
}

export function renderProblem(
  p: Problem,
  sources: ReadonlyMap<string, SourceText>,
  options: HumanOptions,
): string {
  const style = SEVERITY_COLOR[p.severity];
  const { color } = options;
  const where = paint(color, 'bold', `${p.source.file}:${p.source.line}:${p.source.column}:`);
  const lines = [`${where} ${paint(color, style, p.severity)} [${p.check}]: ${p.summary}`];
  const source = sources.get(p.source.file);
  if (source !== undefined)
    for (const d of p.diagnostics) lines.push(...snippet(source, d, color, style));
  return `${lines.join('\n')}\n`;
}

/** The whole report. */
export function renderHuman(result: LintResult, options: HumanOptions): string {
  const body = result.problems.map((p) => renderProblem(p, result.sources, options)).join('');
  return `${body}${result.problems.length > 0 ? '\n' : ''}${summaryLine(result.problems, result.fileCount)}\n`;
}
