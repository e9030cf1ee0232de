/**
 * promtool unit-test files as lint sees them: which rules they exercise (alert names, the
 * expressions they query), and the labels of their input series, with places in the file.
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import { DrygateError } from '../../errors.js';
import type { Labels } from '../../model/labels.js';
import { parseSeriesLabels } from '../../promql/series/parse.js';
import { scalarOffsetMap, type ScalarStyle } from '../../rules/scalar-offsets.js';
import type { SourceRef } from '../../rules/types.js';
import { parseUnitTestFile } from '../../unittest/parse.js';
import type { LintExpr, LintTestFile } from '../model.js';
import type { SourceText } from '../source.js';
import type { Problem } from '../types.js';
import { buildExpr } from './expr.js';

/** Whether a YAML text is a promtool unit-test file: top-level `tests:` or `rule_files:`. */
export function isUnitTestFile(topKeys: ReadonlySet<string>): boolean {
  return topKeys.has('tests') || topKeys.has('rule_files');
}

function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

export function readUnitTests(source: SourceText): { test: LintTestFile; problems: Problem[] } {
  const problems: Problem[] = [];
  let groups: LintTestFile['groups'];
  try {
    groups = parseUnitTestFile(source.text, source.file).tests;
  } catch (err) {
    if (!(err instanceof DrygateError)) throw err;
    const position = 'position' in err ? (err.position as SourceRef) : source.at(0);
    problems.push({
      check: 'input/parse',
      severity: 'error',
      summary: 'reason' in err ? String(err.reason) : err.message,
      details: '',
      source: { file: source.file, line: position.line, column: position.column },
      diagnostics: [],
    });
  }
  const exprs: LintExpr[] = [];
  const alertnames: string[] = [];
  const series: { labels: Labels; source: SourceRef }[] = [];
  const doc = parseDocument(source.text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    schema: 'failsafe',
  });
  const root = doc.errors.length === 0 && isMap(doc.contents) ? doc.contents : undefined;
  const positions = (node: Scalar<string>) => {
    const [start, end] = node.range ?? [0, 0];
    let map: ((i: number) => number) | undefined;
    return (offset: number): SourceRef => {
      map ??= scalarOffsetMap(source.text, start, end, node.type as ScalarStyle, node.value);
      return source.at(map(offset));
    };
  };
  for (const group of items(root?.get('tests', true))) {
    if (!isMap(group)) continue;
    for (const s of items(group.get('input_series', true))) {
      const text = isMap(s) ? stringScalar(s.get('series', true)) : undefined;
      if (text === undefined) continue;
      try {
        series.push({ labels: parseSeriesLabels(text.value), source: positions(text)(0) });
      } catch (err) {
        if (!(err instanceof DrygateError)) throw err;
        // promtool reports bad series when the test runs; lint only reads the good ones.
      }
    }
    for (const a of items(group.get('alert_rule_test', true))) {
      const name = isMap(a) ? stringScalar(a.get('alertname', true)) : undefined;
      if (name !== undefined) alertnames.push(name.value);
    }
    for (const t of items(group.get('promql_expr_test', true))) {
      const expr = isMap(t) ? stringScalar(t.get('expr', true)) : undefined;
      if (expr === undefined || expr.value.trim() === '') continue;
      const built = buildExpr(expr.value, {
        file: source.file,
        origin: 'test',
        position: positions(expr),
        location: undefined,
      });
      if ('check' in built) problems.push(built);
      else exprs.push(built);
    }
  }
  return { test: { file: source.file, groups, exprs, alertnames, series }, problems };
}
