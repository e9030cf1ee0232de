/**
 * `--path-map HOST=SERVER`: where a file drygate sees at HOST is seen by Prometheus (and by the
 * promtool run through `--check-in`) at SERVER, as with a container's bind mount.
 *
 * @module
 */
import { isAbsolute, posix, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface PathMapping {
  /** An absolute directory on this machine. */
  readonly host: string;
  /** The same directory as the server sees it (absolute). */
  readonly server: string;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Parses `HOST=SERVER` pairs; a relative HOST is resolved against `cwd`.
 *
 * @throws InputError for a pair without `=`, an empty side or a relative SERVER path.
 * @example parsePathMap(['/srv/prom=/etc/prometheus'])
 */
export function parsePathMap(specs: readonly string[], cwd = process.cwd()): PathMapping[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    const host = eq < 0 ? '' : spec.slice(0, eq);
    const server = eq < 0 ? '' : spec.slice(eq + 1);
    if (host === '' || server === '') {
      throw new InputError(
        `--path-map ${JSON.stringify(spec)}: expected HOST=SERVER, such as /srv/prometheus=/etc/prometheus`,
      );
    }
    if (!isAbsolute(server)) {
      throw new InputError(
        `--path-map ${JSON.stringify(spec)}: the server side must be an absolute path`,
      );
    }
    return { host: trimSlash(resolve(cwd, host)), server: trimSlash(posix.normalize(server)) };
  });
}

/** `path` with the longest matching `from` prefix (whole path components) replaced by `to`. */
function mapPrefix(
  path: string,
  mappings: readonly PathMapping[],
  from: 'host' | 'server',
  to: 'host' | 'server',
): string {
  let best: PathMapping | undefined;
  for (const m of mappings) {
    const prefix = m[from];
    const inside = path === prefix || path.startsWith(prefix === '/' ? '/' : `${prefix}/`);
    if (inside && (best === undefined || prefix.length > best[from].length)) best = m;
  }
  if (best === undefined) return path;
  const rest = path.slice(best[from].length).replace(/^\/+/, '');
  return rest === '' ? best[to] : posix.join(best[to], rest);
}

/** Where the server sees the host file `path` (unchanged when no mapping covers it). */
export function toServerPath(path: string, mappings: readonly PathMapping[]): string {
  return mapPrefix(path, mappings, 'host', 'server');
}

/** Where this machine sees the server's file `path` (unchanged when no mapping covers it). */
export function toHostPath(path: string, mappings: readonly PathMapping[]): string {
  return mapPrefix(path, mappings, 'server', 'host');
}

/** Whether some mapping covers the host path (always true when there are no mappings). */
export function isMapped(path: string, mappings: readonly PathMapping[]): boolean {
  if (mappings.length === 0) return true;
  return mappings.some(
    (m) => path === m.host || path.startsWith(m.host === '/' ? '/' : `${m.host}/`),
  );
}
