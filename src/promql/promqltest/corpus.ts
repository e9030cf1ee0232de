/**
 * Where the conformance corpus lives: Prometheus's own promqltest scripts, kept beside the
 * repository (`../shared/corpus/promqltest`) and read at run time, never copied in.
 *
 * @module
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../package-info.js';

/** Environment variable that points at the corpus (its `promqltest` folder, or the folder above). */
export const CORPUS_ENV = 'DRYGATE_CORPUS';

/**
 * The files of issue #3's "stable float set": what drygate's engine is measured on first.
 * Native-histogram evals in them are skipped, not counted.
 */
export const STABLE_FLOAT_FILES: readonly string[] = [
  'aggregators.test',
  'at_modifier.test',
  'collision.test',
  'functions.test',
  'literals.test',
  'name_label_dropping.test',
  'operators.test',
  'range_queries.test',
  'selectors.test',
  'staleness.test',
  'subquery.test',
  'trig_functions.test',
];

/** Files that are mostly about native histograms. */
export const NATIVE_HISTOGRAM_FILES: readonly string[] = [
  'histograms.test',
  'native_histograms.test',
];

/** Which group a corpus file belongs to: stable, native histograms, or experimental features. */
export function corpusGroup(file: string): 'stable' | 'native-histograms' | 'experimental' {
  if (STABLE_FLOAT_FILES.includes(file)) return 'stable';
  if (NATIVE_HISTOGRAM_FILES.includes(file)) return 'native-histograms';
  return 'experimental';
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * The promqltest folder: `$DRYGATE_CORPUS` (or its `promqltest` subfolder when it has one),
 * else `../shared/corpus/promqltest` next to the package root.
 */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CORPUS_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const dir = resolve(fromEnv);
    const sub = join(dir, 'promqltest');
    return isDirectory(sub) ? sub : dir;
  }
  return join(packageRoot(), '..', 'shared', 'corpus', 'promqltest');
}

/** The `*.test` files of a corpus folder, sorted; undefined when the folder does not exist. */
export function listCorpusFiles(dir: string): string[] | undefined {
  if (!isDirectory(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .sort()
    .map((f) => join(dir, f));
}
