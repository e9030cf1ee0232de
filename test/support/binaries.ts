/**
 * Finding the real Prometheus binaries. Absent binaries skip their tests with a reason, except
 * under DRYGATE_REQUIRE_BINARIES=1 (set by CI), where absence is a failure.
 */
import { findOnPath } from '../../src/reload/validators/promtool.js';

export interface BinaryLookup {
  readonly path: string | undefined;
  /** Why tests that need it are skipped, for the test title. */
  readonly skipReason: string;
}

export function findBinary(name: string, debianPackage: string): BinaryLookup {
  const path = findOnPath(name);
  if (path === undefined && process.env['DRYGATE_REQUIRE_BINARIES'] === '1') {
    throw new Error(
      `${name} is required (DRYGATE_REQUIRE_BINARIES=1) but not on PATH: apt-get install ${debianPackage}`,
    );
  }
  return {
    path,
    skipReason:
      path === undefined ? `skipped: ${name} not installed (apt-get install ${debianPackage})` : '',
  };
}

export const nodeExporterBinary = (): BinaryLookup =>
  findBinary('prometheus-node-exporter', 'prometheus-node-exporter');
export const flockBinary = (): BinaryLookup => findBinary('flock', 'util-linux');
export const prometheusBinary = (): BinaryLookup => findBinary('prometheus', 'prometheus');
export const promtoolBinary = (): BinaryLookup => findBinary('promtool', 'prometheus');
export const chromiumBinary = (): BinaryLookup => findBinary('chromium', 'chromium');
