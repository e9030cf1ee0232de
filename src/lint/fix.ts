/**
 * `--fix`: adds missing required matchers to the selectors of rule and gate files, and changes
 * nothing else. Each edit is an insertion into the expression's YAML scalar at the file offset
 * where the selector's brace or name was written: `foo` -> `foo{metric_realm="prod"}`,
 * `foo{job="a"}` -> `foo{job="a", metric_realm="prod"}`, escaped for the scalar's style
 * (plain, single- or double-quoted, block). Comments, quoting, indentation and key order stay
 * byte-identical outside the edited expressions.
 *
 * Every edited file is read back before it is written: each edited expression must read as
 * intended and every other expression as before. An edit that would not (a plain scalar in a
 * flow mapping, where braces and commas end the value) is left out and reported. An expression
 * shared through a YAML alias is edited once, at its anchor.
 *
 * @module
 */
import { LineCounter, parseDocument, visit } from 'yaml';
import type { VectorSelector } from '../promql/ast.js';
import { parseExpr } from '../promql/parse/parse.js';
import { lex } from '../promql/parse/lexer.js';
import type { Token } from '../promql/parse/tokens.js';
import { loadRuleFile } from '../rules/load.js';
import type { ProjectAnalysis } from './analysis/project.js';
import {
  findMatcherProblems,
  formatRequired,
  injectedBy,
  type MatcherFinding,
} from './checks/label-required-matcher.js';
import type { LintConfig } from './config.js';
import { LINT_PARSE_OPTIONS } from './inputs/expr.js';
import { readGates } from './inputs/gates.js';
import { classify } from './inputs/project.js';
import type { LintExpr, LintProject } from './model.js';
import { SourceText } from './source.js';
import type { SourceRef } from './types.js';

/** One insertion into an expression's text. */
export interface TextInsertion {
  readonly at: number;
  readonly text: string;
}

export interface RefusedFix {
  readonly source: SourceRef;
  readonly reason: string;
}

export interface FileFix {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  /** Selectors changed. */
  readonly fixed: number;
  readonly refused: readonly RefusedFix[];
}

/** The insertions that add `matchers` (PromQL text, such as `metric_realm="prod"`) to a selector. */
export function selectorInsertion(
  text: string,
  tokens: readonly Token[],
  vs: VectorSelector,
  matchers: readonly string[],
): TextInsertion | undefined {
  let i = tokens.findIndex((t) => t.start === vs.pos.start);
  if (i < 0) return undefined;
  const first = tokens[i] as Token;
  if (first.kind === 'identifier' || first.kind === 'metric-identifier') {
    const next = tokens[i + 1];
    if (next?.text !== '{') return { at: first.end, text: `{${matchers.join(', ')}}` };
    i++;
  }
  if (tokens[i]?.text !== '{') return undefined;
  const open = i;
  let close = open + 1;
  while (close < tokens.length && tokens[close]?.text !== '}') close++;
  const closing = tokens[close];
  if (closing === undefined) return undefined;
  const inside = tokens.slice(open + 1, close);
  const last = inside[inside.length - 1];
  if (last === undefined || last.text === ',')
    return { at: closing.start, text: matchers.join(', ') };
  // Follow the selector's own style: a space after its commas, or not.
  const commas = inside.filter((t) => t.text === ',');
  const spaced = commas.length === 0 || commas.some((c) => /\s/.test(text[c.end] ?? ''));
  const sep = spaced ? ', ' : ',';
  return { at: last.end, text: sep + matchers.join(sep) };
}

function applyInsertions(text: string, insertions: readonly TextInsertion[]): string {
  let out = text;
  for (const ins of [...insertions].sort((a, b) => b.at - a.at))
    out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return out;
}

/** The inserted text as it must be written inside a scalar of `style`. */
function escapeFor(style: NonNullable<LintExpr['location']>['style'], text: string): string {
  if (style === 'QUOTE_DOUBLE') return text.replace(/[\\"]/g, (c) => `\\${c}`);
  if (style === 'QUOTE_SINGLE') return text.replace(/'/g, "''");
  return text;
}

interface ExprEdit {
  readonly expr: LintExpr;
  readonly newText: string;
  /** File offset -> inserted text. */
  readonly fileInsertions: readonly TextInsertion[];
  readonly selectors: number;
}

/** The edit that fixes one expression, or a reason it cannot be fixed. */
function planExpr(expr: LintExpr, findings: readonly MatcherFinding[]): ExprEdit | string {
  const location = expr.location;
  if (location === undefined) return 'the expression cannot be edited';
  const bySelector = new Map<VectorSelector, string[]>();
  for (const f of findings) {
    const list = bySelector.get(f.selector) ?? [];
    list.push(formatRequired(f.required));
    bySelector.set(f.selector, list);
  }
  const { tokens } = lex(expr.text);
  const insertions: TextInsertion[] = [];
  for (const [vs, matchers] of bySelector) {
    const ins = selectorInsertion(expr.text, tokens, vs, matchers);
    if (ins === undefined) return 'the selector could not be located in the text';
    insertions.push(ins);
  }
  const newText = applyInsertions(expr.text, insertions);
  try {
    parseExpr(newText, LINT_PARSE_OPTIONS);
  } catch {
    return 'the fixed expression would not parse';
  }
  const fileInsertions = insertions.map((ins) => ({
    at: location.offsetOf(ins.at),
    text: escapeFor(location.style, ins.text),
  }));
  return { expr, newText, fileInsertions, selectors: insertions.length };
}

/**
 * The expressions of a file's text, in file order, as lint reads them (rules with errors of their
 * own are left out, in the original and in a candidate alike).
 */
function readExpressions(file: string, text: string): string[] {
  if (classify(file, text) === 'gates')
    return readGates(new SourceText(file, text)).queries.map((q) => q.expr.text);
  return loadRuleFile(text, file).groups.flatMap((g) => g.rules.map((r) => r.expr));
}

function applyEdits(text: string, edits: readonly ExprEdit[]): string {
  return applyInsertions(
    text,
    edits.flatMap((e) => e.fileInsertions),
  );
}

/** What the original file reads as, to compare every candidate against. */
interface Original {
  readonly file: string;
  readonly text: string;
  readonly exprs: readonly string[];
  readonly scalars: number;
}

function countScalars(text: string): number | undefined {
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  if (doc.errors.length > 0) return undefined;
  let n = 0;
  visit(doc, { Scalar: () => void n++ });
  return n;
}

/**
 * Whether the original with `edits` applied reads as intended: the same YAML structure (as many
 * scalars), each edited expression with its new text, every other one as before.
 */
function verify(original: Original, edits: readonly ExprEdit[]): boolean {
  const after = applyEdits(original.text, edits);
  const now = readExpressions(original.file, after);
  const was = original.exprs;
  if (was.length !== now.length) return false;
  if (countScalars(after) !== original.scalars) return false;
  const expected = new Map(edits.map((e) => [e.expr.text, e.newText]));
  return (
    was.every((t, i) => now[i] === t || (expected.has(t) && now[i] === expected.get(t))) &&
    edits.every((e) => now.includes(e.newText))
  );
}

/**
 * The largest set of edits found that verifies: all of them, else the halves on their own
 * (recursively), so that a few bad edits cost a few reads of the file, not one per edit.
 */
function fitEdits(
  original: Original,
  edits: readonly ExprEdit[],
  refused: RefusedFix[],
): ExprEdit[] {
  if (edits.length === 0) return [];
  if (verify(original, edits)) return [...edits];
  if (edits.length === 1) {
    const e = edits[0] as ExprEdit;
    refused.push({
      source: e.expr.position(0),
      reason:
        'the edited file would not read back as intended (a plain scalar in a YAML flow collection?)',
    });
    return [];
  }
  const mid = edits.length >> 1;
  const left = fitEdits(original, edits.slice(0, mid), refused);
  const right = fitEdits(original, edits.slice(mid), refused);
  const both = [...left, ...right];
  return verify(original, both) ? both : left;
}

/**
 * Plans the fixes for every rule and gate file of a project: the new text of each file, and
 * the selectors that could not be fixed safely.
 */
export function planFixes(
  project: LintProject,
  config: LintConfig,
  analysis: ProjectAnalysis,
): FileFix[] {
  if (config.require.length === 0) return [];
  const byFile = new Map<string, { edits: ExprEdit[]; refused: RefusedFix[] }>();
  // An expression reached through a YAML alias is the anchor's scalar: edit it once.
  const scalars = new Set<string>();
  for (const expr of project.exprs) {
    if (expr.origin === 'test' || expr.location === undefined) continue;
    const scalar = `${expr.file}\0${expr.location.offsetOf(0)}\0${expr.text}`;
    if (scalars.has(scalar)) continue;
    scalars.add(scalar);
    const injected =
      expr.origin === 'gate' ? injectedBy(project.gates, expr.file) : new Map<string, string>();
    const missing = findMatcherProblems(expr, config.require, analysis, injected).filter(
      (f) => f.kind === 'missing',
    );
    if (missing.length === 0) continue;
    const entry = byFile.get(expr.file) ?? { edits: [], refused: [] };
    byFile.set(expr.file, entry);
    const plan = planExpr(expr, missing);
    if (typeof plan === 'string') entry.refused.push({ source: expr.position(0), reason: plan });
    else entry.edits.push(plan);
  }
  const out: FileFix[] = [];
  for (const [file, { edits, refused }] of byFile) {
    const text = project.sources.get(file)?.text;
    if (text === undefined) continue;
    // What the file reads as now: the project read it already, in file order.
    const gate = project.gates.find((g) => g.file === file);
    const exprs =
      gate !== undefined
        ? gate.queries.map((q) => q.expr.text)
        : project.rules.filter((r) => r.file === file).map((r) => r.rule.expr);
    const scalars = countScalars(text);
    if (scalars === undefined) continue;
    const kept = fitEdits({ file, text, exprs, scalars }, edits, refused);
    out.push({
      file,
      before: text,
      after: applyEdits(text, kept),
      fixed: kept.reduce((n, e) => n + e.selectors, 0),
      refused,
    });
  }
  return out;
}
