/**
 * The part of prometheus.yml that a reload plan needs: the `rule_files` patterns, with where
 * each was written, and a way to write a copy of the file that lists other rule files while
 * every other byte stays the same (for `promtool check config` on the candidate set).
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourcePosition } from '../errors.js';
import { firstInvalidUtf8 } from '../rules/read.js';
import { yamlErrorMessage } from '../model/yaml-positions.js';

export interface RuleFilePattern {
  /** The pattern as written (relative patterns are relative to the config file's directory). */
  readonly pattern: string;
  readonly source: SourcePosition;
}

export interface ConfigProblem {
  readonly source: SourcePosition;
  readonly message: string;
}

export interface PrometheusConfigFile {
  /** The file as given (absolute). */
  readonly path: string;
  readonly bytes: Buffer;
  readonly ruleFiles: readonly RuleFilePattern[];
  /** What makes Prometheus refuse the file before it even reads the rules. */
  readonly problems: readonly ConfigProblem[];
  /** The `rule_files` value's span in the text (UTF-16 offsets), when the key is present. */
  readonly ruleFilesRange: readonly [number, number] | undefined;
}

/** Reads `rule_files` from prometheus.yml; never throws for bad content (see `problems`). */
export function parsePrometheusConfig(bytes: Buffer, path: string): PrometheusConfigFile {
  const problems: ConfigProblem[] = [];
  const result = (
    ruleFiles: RuleFilePattern[] = [],
    ruleFilesRange?: readonly [number, number],
  ): PrometheusConfigFile => ({ path, bytes, ruleFiles, problems, ruleFilesRange });
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    problems.push({ source: { file: path, line: 1, column: 1 }, message: 'invalid UTF-8' });
    return result();
  }
  const text = bytes.toString('utf8');
  const lines = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { file: path, line, column: col };
  };
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    problems.push({
      source: at(first.pos[0]),
      message: yamlErrorMessage(first),
    });
    return result();
  }
  const root = doc.contents;
  if (root === null) return result();
  if (!isMap(root)) {
    problems.push({ source: at(root.range?.[0] ?? 0), message: 'the config is not a mapping' });
    return result();
  }
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'rule_files');
  if (pair === undefined) return result();
  const value = pair.value as Node | null;
  const keyAt = at((pair.key as Node).range?.[0] ?? 0);
  if (value === null) {
    const colon = text.indexOf(':', (pair.key as Node).range?.[1] ?? 0) + 1;
    return result([], [colon, colon]);
  }
  const range = [value.range?.[0] ?? 0, value.range?.[1] ?? 0] as const;
  if (isScalar(value) && value.value === null) return result([], range);
  if (!isSeq(value)) {
    problems.push({ source: keyAt, message: 'rule_files must be a list of file patterns' });
    return result([], range);
  }
  const patterns: RuleFilePattern[] = [];
  for (const item of value.items) {
    const node = item as Node;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
      problems.push({
        source: at(node.range?.[0] ?? 0),
        message: 'each rule_files entry must be a non-empty string',
      });
      continue;
    }
    patterns.push({ pattern: node.value, source: at(node.range?.[0] ?? 0) });
  }
  return result(patterns, range);
}

/**
 * The config's text with `rule_files` replaced by exactly `files` (a flow list of
 * double-quoted strings); every other byte as it was.
 */
export function withRuleFiles(config: PrometheusConfigFile, files: readonly string[]): string {
  const text = config.bytes.toString('utf8');
  const list = `[${files.map((f) => JSON.stringify(f)).join(', ')}]`;
  const range = config.ruleFilesRange;
  if (range === undefined) {
    return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}rule_files: ${list}\n`;
  }
  const [start, end] = range;
  const before = text.slice(0, start);
  // A value that starts on the key's line needs a space after the colon.
  const sep = start === end && !/\s$/.test(before) ? ' ' : '';
  // A block list's span ends with its line break: keep it.
  const trailing = /\s*$/.exec(text.slice(start, end))?.[0] ?? '';
  return `${before}${sep}${list}${trailing}${text.slice(end)}`;
}
