/**
 * Reads every input of a lint run into one project: rule files, unit-test files, gate specs,
 * heartbeat textfiles and scrape targets, told apart by content.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { MetricType } from '../../exposition/types.js';
import { readErrorReason } from '../../model/files.js';
import { firstInvalidUtf8 } from '../../rules/read.js';
import type {
  FileSuppressions,
  LabelObservation,
  LintExpr,
  LintGateFile,
  LintProject,
  LintRule,
  LintTestFile,
} from '../model.js';
import { SourceText } from '../source.js';
import { buildSuppressions } from '../suppress.js';
import type { Problem } from '../types.js';
import type { InputPath } from './discover.js';
import { isGateSpec, readGates } from './gates.js';
import { readExposition, readScrapeLabels } from './observations.js';
import { readRules } from './rules.js';
import { isUnitTestFile, readUnitTests } from './unittests.js';

export type InputKind = 'rules' | 'unittest' | 'gates' | 'exposition' | 'scrape' | 'unknown';

/** The keys written at the start of a line, outside any indentation: the document's top level. */
export function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const m of text.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)) keys.add(m[1] as string);
  return keys;
}

/** What kind of input a file is, from its name and content. */
export function classify(path: string, text: string): InputKind {
  if (path.endsWith('.prom')) return 'exposition';
  if (isGateSpec(text)) return 'gates';
  const keys = topLevelKeys(text);
  if (keys.has('groups')) return 'rules';
  // A prometheus.yml has rule_files too; its scrape configs say which it is.
  if (keys.has('scrape_configs') || keys.has('global')) return 'scrape';
  if (isUnitTestFile(keys)) return 'unittest';
  if (/^\s*(-\s*\{?\s*"?targets"?\s*:|\[\s*\{)/m.test(text)) return 'scrape';
  return 'unknown';
}

export interface ReadOptions {
  /** The label realm consistency compares (`metric_realm`). */
  readonly realmLabel: string;
}

/** The text of a file, or a problem for bytes that are not UTF-8. */
async function readText(path: string): Promise<string | Problem> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${readErrorReason(err)}`);
  }
  const bad = firstInvalidUtf8(bytes);
  const text = new TextDecoder().decode(bad < 0 ? bytes : bytes.subarray(0, bad));
  if (bad < 0) return text;
  const source = new SourceText(path, text);
  return {
    check: 'input/parse',
    severity: 'error',
    summary: `not UTF-8: invalid byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')}`,
    details: '',
    source: source.at(text.length),
    diagnostics: [],
  };
}

/** An input already in memory: its path (for messages), text, and whether the user named it. */
export interface InputText {
  readonly path: string;
  /** The text, or a problem when the bytes were not UTF-8. */
  readonly text: string | Problem;
  readonly explicit: boolean;
}

/**
 * Reads the inputs. Bad content is reported as problems; only a file that cannot be read at
 * all throws (the caller's input error, exit 2).
 */
export async function readProject(
  inputs: readonly InputPath[],
  options: ReadOptions,
): Promise<LintProject> {
  const texts: InputText[] = [];
  for (const input of inputs) texts.push({ ...input, text: await readText(input.path) });
  return buildProject(texts, options);
}

/** Builds the project from texts in memory (tests, editors). */
export function buildProject(inputs: readonly InputText[], options: ReadOptions): LintProject {
  const sources = new Map<string, SourceText>();
  const rules: LintRule[] = [];
  const gates: LintGateFile[] = [];
  const tests: LintTestFile[] = [];
  const gateExprs: LintExpr[] = [];
  const observations: LabelObservation[] = [];
  const metricTypes = new Map<string, MetricType>();
  const inputProblems: Problem[] = [];
  const suppressions = new Map<string, FileSuppressions>();
  let scrapeIntervalMs: number | undefined;

  for (const input of inputs) {
    const text = input.text;
    if (typeof text !== 'string') {
      inputProblems.push(text);
      continue;
    }
    const source = new SourceText(input.path, text);
    let kind = classify(input.path, text);
    if (kind === 'unknown') {
      if (!input.explicit) continue;
      kind = 'rules';
    }
    sources.set(input.path, source);
    switch (kind) {
      case 'rules': {
        const read = readRules(source);
        rules.push(...read.rules);
        inputProblems.push(...read.problems);
        const anchors = [
          ...read.file.groups.map((g) => g.source.line),
          ...read.rules.map((r) => r.rule.source.line),
        ];
        suppressions.set(input.path, buildSuppressions(source, anchors));
        break;
      }
      case 'gates': {
        const read = readGates(source);
        gates.push({ file: input.path, require: read.require, queries: read.queries });
        gateExprs.push(...read.exprs);
        inputProblems.push(...read.problems);
        suppressions.set(input.path, buildSuppressions(source, read.anchors));
        break;
      }
      case 'unittest': {
        const read = readUnitTests(source);
        tests.push(read.test);
        inputProblems.push(...read.problems);
        suppressions.set(input.path, buildSuppressions(source, []));
        break;
      }
      case 'exposition': {
        const read = readExposition(source, options.realmLabel);
        for (const [name, type] of read.types) metricTypes.set(name, type);
        observations.push(...read.observations);
        inputProblems.push(...read.problems);
        break;
      }
      case 'scrape': {
        const read = readScrapeLabels(source, options.realmLabel);
        observations.push(...(read?.observations ?? []));
        scrapeIntervalMs ??= read?.scrapeIntervalMs;
        break;
      }
    }
  }

  const recording = new Map<string, LintRule[]>();
  for (const r of rules) {
    if (r.rule.kind !== 'recording') continue;
    const list = recording.get(r.rule.name) ?? [];
    list.push(r);
    recording.set(r.rule.name, list);
  }
  return {
    sources,
    fileCount: inputs.filter((i) => typeof i.text !== 'string' || sources.has(i.path)).length,
    rules,
    gates,
    tests,
    exprs: [...rules.map((r) => r.expr), ...gateExprs, ...tests.flatMap((t) => t.exprs)],
    observations,
    metricTypes,
    scrapeIntervalMs,
    recording,
    inputProblems,
    suppressions,
  };
}
