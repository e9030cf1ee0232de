/**
 * The reload plan: which config and rule files Prometheus will load after the transaction, with
 * their bytes, read once so that what is validated is exactly what is installed. Rule files
 * come from the config's `rule_files` patterns, relative ones resolved against the config
 * file's directory (as Prometheus does), absolute ones mapped back through `--path-map`.
 *
 * `--install DIR`: every file under DIR (hidden ones aside), at relative path R, goes to
 * `D/R` where D is the directory a `rule_files` pattern lists and `D/R` matches that pattern.
 * A candidate that no pattern would load, or that two patterns would place in different
 * directories, is an input error.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readErrorReason } from '../model/files.js';
import { glob } from '../unittest/glob.js';
import {
  type ConfigProblem,
  parsePrometheusConfig,
  type PrometheusConfigFile,
} from './config-file.js';
import { type PathMapping, toHostPath, toServerPath } from './path-map.js';
import { isValidPattern, matchesPattern, staticDir } from './pattern.js';

export interface PlannedPattern {
  readonly written: string;
  /** Where the pattern looks on this machine. */
  readonly host: string;
  /** Where Prometheus looks. */
  readonly server: string;
}

/** What the transaction does to a rule file. */
export type FileChange = 'new' | 'changed' | 'unchanged' | 'kept';

export interface PlannedFile {
  /** Where the file is (or will be) on this machine; absolute. */
  readonly path: string;
  /** The same file as Prometheus names it. */
  readonly serverPath: string;
  /** The content Prometheus is to load. */
  readonly bytes: Buffer;
  /** `kept`: on disk and not a candidate; the others are candidates from `--install`. */
  readonly change: FileChange;
  /** The candidate file it comes from, when it is one. */
  readonly candidate: string | undefined;
}

export interface ReloadPlan {
  readonly config: PrometheusConfigFile;
  readonly configServerPath: string;
  readonly patterns: readonly PlannedPattern[];
  /** Every rule file Prometheus will load, in its load order. */
  readonly files: readonly PlannedFile[];
  readonly installDir: string | undefined;
  /** Problems that make Prometheus refuse the config: a validation failure, not an input error. */
  readonly problems: readonly ConfigProblem[];
}

export interface PlanInput {
  readonly config: string;
  readonly install?: string | undefined;
  readonly pathMap?: readonly PathMapping[];
  readonly cwd?: string;
}

/** Orders paths as Go's Glob lists them: directory by directory, names in byte order. */
function compareSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return Buffer.compare(Buffer.from(p), Buffer.from(q));
  }
  return x.length - y.length;
}

function readInput(path: string, what: string): Buffer {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${what} ${path}: is a directory`);
    return readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${what} ${path}: ${readErrorReason(err)}`);
  }
}

/** Regular files under `dir`, as paths relative to it, hidden entries skipped. */
function listCandidates(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listCandidates(dir, rel));
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
  }
  return out.sort(compareSegments);
}

/**
 * Builds the plan from the files as they are now.
 *
 * @throws InputError when the config or a candidate cannot be read, or a candidate has no
 *   place to go.
 */
export function buildPlan(input: PlanInput): ReloadPlan {
  const cwd = input.cwd ?? process.cwd();
  const mappings = input.pathMap ?? [];
  const configPath = resolve(cwd, input.config);
  const config = parsePrometheusConfig(readInput(configPath, '--config'), configPath);
  const configDir = dirname(configPath);
  const configServerPath = toServerPath(configPath, mappings);
  const serverDir = posix.dirname(configServerPath);
  const problems: ConfigProblem[] = [...config.problems];

  const patterns: PlannedPattern[] = [];
  for (const p of config.ruleFiles) {
    if (!isValidPattern(p.pattern)) {
      problems.push({
        source: p.source,
        message: `invalid rule file path ${JSON.stringify(p.pattern)}`,
      });
      continue;
    }
    patterns.push(
      isAbsolute(p.pattern)
        ? {
            written: p.pattern,
            host: toHostPath(posix.normalize(p.pattern), mappings),
            server: p.pattern,
          }
        : {
            written: p.pattern,
            host: join(configDir, p.pattern),
            server: posix.join(serverDir, p.pattern),
          },
    );
  }

  const candidates = new Map<string, { source: string; bytes: Buffer }>();
  let installDir: string | undefined;
  if (input.install !== undefined) {
    installDir = resolve(cwd, input.install);
    let isDir: boolean;
    try {
      isDir = statSync(installDir).isDirectory();
    } catch (err) {
      throw new InputError(`--install ${installDir}: ${readErrorReason(err)}`);
    }
    if (!isDir) throw new InputError(`--install ${installDir}: not a directory`);
    const names = listCandidates(installDir);
    if (names.length === 0) throw new InputError(`--install ${installDir}: no files to install`);
    for (const rel of names) {
      const targets = new Set<string>();
      for (const p of patterns) {
        const target = join(staticDir(p.host), rel);
        if (matchesPattern(target, p.host)) targets.add(target);
      }
      const source = join(installDir, rel);
      if (targets.size === 0) {
        const dirs = [...new Set(patterns.map((p) => staticDir(p.host)))];
        throw new InputError(
          `--install: ${source} would not be loaded: no rule_files pattern of ${configPath} matches ${rel}` +
            (dirs.length === 0 ? ' (the config has no rule_files)' : ` under ${dirs.join(', ')}`),
        );
      }
      if (targets.size > 1) {
        throw new InputError(
          `--install: ${source} could go to ${[...targets].join(' or ')}: rename it so that one rule_files pattern matches`,
        );
      }
      const target = [...targets][0] as string;
      if (candidates.has(target)) {
        throw new InputError(`--install: two candidates would be installed at ${target}`);
      }
      candidates.set(target, { source, bytes: readInput(source, '--install') });
    }
  }

  const files: PlannedFile[] = [];
  const seen = new Set<string>();
  for (const p of patterns) {
    const found = new Set(glob(p.host));
    for (const target of candidates.keys()) if (matchesPattern(target, p.host)) found.add(target);
    for (const path of [...found].sort(compareSegments)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const serverPath = toServerPath(path, mappings);
      const candidate = candidates.get(path);
      let current: Buffer | undefined;
      try {
        current = statSync(path).isDirectory() ? undefined : readFileSync(path);
        if (current === undefined) {
          problems.push({
            source: { file: path, line: 1, column: 1 },
            message: `${relative(configDir, path) || path} is a directory, matched by rule_files ${JSON.stringify(p.written)}`,
          });
          continue;
        }
      } catch (err) {
        if (candidate === undefined || (err as NodeJS.ErrnoException).code !== 'ENOENT') {
          problems.push({
            source: { file: path, line: 1, column: 1 },
            message: `cannot read ${path}: ${readErrorReason(err)}`,
          });
          continue;
        }
      }
      if (candidate === undefined) {
        files.push({
          path,
          serverPath,
          bytes: current as Buffer,
          change: 'kept',
          candidate: undefined,
        });
        continue;
      }
      const change: FileChange =
        current === undefined ? 'new' : current.equals(candidate.bytes) ? 'unchanged' : 'changed';
      files.push({ path, serverPath, bytes: candidate.bytes, change, candidate: candidate.source });
    }
  }
  return { config, configServerPath, patterns, files, installDir, problems };
}

/** The name to show for a planned file: the candidate the user edits, or the file itself. */
export function displayPath(file: PlannedFile): string {
  return file.candidate ?? file.path;
}
