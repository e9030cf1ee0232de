/**
 * Which files a lint run reads: paths as given, directories walked for the file kinds lint
 * knows, and globs (`*`, `?`, `[...]` within a path segment, `**` for any depth).
 *
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { InputError } from '../../errors.js';
import { segmentRegExp } from '../../unittest/glob.js';

/**
 * A file to read, and whether the user named it: a named file of no known kind is read as a rule
 * file (so its errors show), one found by a walk or a glob is skipped.
 */
export interface InputPath {
  readonly path: string;
  readonly explicit: boolean;
}

/** What a directory walk picks up: YAML (rules, unit tests, gates, targets), JSON targets, textfiles. */
const WALKED = /\.(ya?ml|json|prom)$/;
const MAGIC = /[*?[]/;
/** Directories a walk never enters. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function walk(dir: string, out: InputPath[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new InputError(`cannot read directory ${dir}: ${(err as Error).message}`);
  }
  for (const name of names) {
    if (name.startsWith('.') && name !== '.drygate.yml') continue;
    const path = join(dir, name);
    const stat = statOrUndefined(path);
    if (stat === undefined) continue;
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(path, out);
    } else if (WALKED.test(name) && name !== '.drygate.yml') out.push({ path, explicit: false });
  }
}

/** Expands one glob pattern; `**` matches any number of directories. */
export function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/).filter((p, i) => p !== '' || i === 0);
  let bases = [isAbsolute(pattern) ? sep : ''];
  if (isAbsolute(pattern)) parts.shift();
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const next: string[] = [];
    const push = (p: string): void => {
      if (!next.includes(p)) next.push(p);
    };
    for (const base of bases) {
      const dir = base === '' ? '.' : base;
      const at = (name: string): string => (base === '' ? name : join(base, name));
      if (part === '**') {
        for (const d of [base, ...subdirectories(dir).map(at)]) push(d);
        continue;
      }
      if (!MAGIC.test(part)) {
        if (statOrUndefined(at(part)) !== undefined) push(at(part));
        continue;
      }
      const re = segmentRegExp(part);
      if (re === undefined) throw new InputError(`bad glob pattern ${JSON.stringify(pattern)}`);
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (!re.test(name) || (name.startsWith('.') && !part.startsWith('.'))) continue;
        const path = at(name);
        if (last || statOrUndefined(path)?.isDirectory() === true) push(path);
      }
    }
    bases = next;
  }
  return bases.filter((p) => p !== '' && statOrUndefined(p)?.isFile() === true);
}

/** Every directory below `dir`, relative to it, depth first and sorted. */
function subdirectories(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
    if (statOrUndefined(join(dir, name))?.isDirectory() !== true) continue;
    out.push(name, ...subdirectories(join(dir, name)).map((d) => join(name, d)));
  }
  return out;
}

/**
 * The files named by `args`, each once, in the order given.
 *
 * @throws InputError when a path does not exist or a glob matches nothing.
 */
export function discoverInputs(args: readonly string[]): InputPath[] {
  const out: InputPath[] = [];
  const seen = new Set<string>();
  const add = (p: InputPath): void => {
    if (seen.has(p.path)) return;
    seen.add(p.path);
    out.push(p);
  };
  for (const arg of args) {
    const stat = statOrUndefined(arg);
    if (stat?.isDirectory() === true) {
      const found: InputPath[] = [];
      walk(arg, found);
      found.forEach(add);
    } else if (stat !== undefined) {
      add({ path: arg, explicit: true });
    } else if (MAGIC.test(arg)) {
      const matched = expandGlob(arg);
      if (matched.length === 0) throw new InputError(`${arg}: no files match`);
      for (const path of matched) add({ path, explicit: false });
    } else {
      throw new InputError(`cannot read ${arg}: no such file`);
    }
  }
  return out;
}
