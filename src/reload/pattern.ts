/**
 * `rule_files` patterns as Go's `filepath.Match` reads them (`*`, `?`, `[...]` within one path
 * segment), for the questions a plan asks without touching the disk: does this path match,
 * and which directory does the pattern start from.
 *
 * @module
 */
import { segmentRegExp } from '../unittest/glob.js';

const MAGIC = /[*?[\\]/;

/** Whether a pattern is well formed (Prometheus refuses the config otherwise). */
export function isValidPattern(pattern: string): boolean {
  return pattern.split('/').every((seg) => !MAGIC.test(seg) || segmentRegExp(seg) !== undefined);
}

/**
 * The longest leading run of segments without wildcards: the directory a pattern lists.
 *
 * @example staticDir('/etc/prometheus/rules/*.yml') // '/etc/prometheus/rules'
 */
export function staticDir(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (MAGIC.test(part)) break;
    fixed.push(part);
  }
  const dir = fixed.join('/');
  return dir === '' && pattern.startsWith('/') ? '/' : dir;
}

/** Whether `path` matches `pattern` segment by segment (both absolute, or both relative). */
export function matchesPattern(path: string, pattern: string): boolean {
  const p = path.split('/');
  const q = pattern.split('/');
  if (p.length !== q.length) return false;
  return q.every((seg, i) => {
    const name = p[i] as string;
    if (!MAGIC.test(seg)) return seg === name;
    return segmentRegExp(seg)?.test(name) === true;
  });
}
