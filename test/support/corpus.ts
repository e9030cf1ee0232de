/**
 * The conformance corpus for tests: read from `../shared/corpus` (or $DRYGATE_CORPUS) at run
 * time. When it is absent, tests skip with a one-line reason, except under
 * DRYGATE_REQUIRE_CORPUS=1 (set by CI), where absence is a failure.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { corpusDir, listCorpusFiles } from '../../src/promql/promqltest/corpus.js';

export interface CorpusEval {
  readonly file: string;
  readonly line: number;
  readonly query: string;
}

// The two eval header forms of the promqltest harness (corpus README, section 1.6).
const INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const RANGE =
  /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

export interface CorpusLookup {
  readonly files: readonly string[] | undefined;
  /** For the title of skipped tests. */
  readonly skipReason: string;
}

export function corpusFiles(): CorpusLookup {
  const dir = corpusDir();
  const files = listCorpusFiles(dir);
  if (files === undefined && process.env['DRYGATE_REQUIRE_CORPUS'] === '1') {
    throw new Error(
      `the conformance corpus is required (DRYGATE_REQUIRE_CORPUS=1) but ${dir} does not exist`,
    );
  }
  return {
    files,
    skipReason: files === undefined ? `(skipped: corpus ${dir} not found; set DRYGATE_CORPUS)` : '',
  };
}

/** Every eval expression of the corpus, in file order; undefined when there is no corpus. */
export function corpusEvals(): CorpusEval[] | undefined {
  const { files } = corpusFiles();
  if (files === undefined) return undefined;
  return files.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((raw, i) => {
        const line = raw.trim();
        const query = INSTANT.exec(line)?.[3] ?? RANGE.exec(line)?.[5];
        return query === undefined ? [] : [{ file: basename(path), line: i + 1, query }];
      }),
  );
}
