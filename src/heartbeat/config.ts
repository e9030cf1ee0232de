/**
 * What a heartbeat writer needs to know, and the checks that run before any file is touched.
 *
 * @module
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import {
  isReservedLabelName,
  isValidLabelName,
  isWellFormedText,
  type Label,
  type Labels,
  sortLabels,
} from '../model/labels.js';

export const REALM_LABEL = 'metric_realm';
export const DEFAULT_PREFIX = 'duri';
export const DEFAULT_REALM = 'prod';

export interface HeartbeatConfig {
  /** The textfile collector's directory. */
  readonly dir: string;
  /** Metric name prefix: `<prefix>_textfile_heartbeat_ts` and `..._seq`. */
  readonly prefix: string;
  /** Labels on every sample, `metric_realm` included, sorted by name. */
  readonly labels: Labels;
  /** The flock(2) lock file. */
  readonly lockPath: string;
}

export interface HeartbeatConfigInput {
  readonly dir: string;
  readonly prefix?: string;
  readonly realm?: string;
  /** Extra labels as `name=value`. */
  readonly labels?: readonly string[];
  readonly lockPath?: string;
}

const PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The names of the two metrics and their files for a prefix. */
export function heartbeatNames(prefix: string): {
  readonly tsMetric: string;
  readonly seqMetric: string;
  readonly tsFile: string;
  readonly seqFile: string;
  readonly lockFile: string;
} {
  const tsMetric = `${prefix}_textfile_heartbeat_ts`;
  const seqMetric = `${prefix}_textfile_heartbeat_seq`;
  return {
    tsMetric,
    seqMetric,
    tsFile: `${tsMetric}.prom`,
    seqFile: `${seqMetric}.prom`,
    lockFile: `.${prefix}_textfile_heartbeat.lock`,
  };
}

function parseLabelArg(arg: string): Label {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new InputError(`--label ${JSON.stringify(arg)}: expected name=value`);
  const name = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  if (!isValidLabelName(name)) {
    throw new InputError(
      `--label ${JSON.stringify(arg)}: invalid label name ${JSON.stringify(name)} (expected [a-zA-Z_][a-zA-Z0-9_]*)`,
    );
  }
  if (isReservedLabelName(name)) {
    throw new InputError(
      `--label ${JSON.stringify(arg)}: label names starting with "__" are reserved`,
    );
  }
  if (name === REALM_LABEL)
    throw new InputError(`--label ${JSON.stringify(arg)}: set ${REALM_LABEL} with --realm`);
  checkLabelValue(`--label ${name}`, value);
  return { name, value };
}

function checkLabelValue(what: string, value: string): void {
  if (value === '')
    throw new InputError(`${what}: the value is empty (an empty label is the same as no label)`);
  if (!isWellFormedText(value)) throw new InputError(`${what}: the value is not valid UTF-8 text`);
}

/** The directory must exist, be a directory and be writable. */
function checkDirectory(dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `--dir ${dir}: no such directory`
        : `--dir ${dir}: cannot read it (${code})`,
    );
  }
  if (!isDirectory) throw new InputError(`--dir ${dir}: not a directory`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new InputError(`--dir ${dir}: not writable`);
  }
}

/**
 * Validates user input and resolves defaults. Touches no file.
 *
 * @throws InputError naming the flag and what was expected.
 */
export function resolveHeartbeatConfig(input: HeartbeatConfigInput): HeartbeatConfig {
  const prefix = input.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX.test(prefix)) {
    throw new InputError(
      `--prefix ${JSON.stringify(prefix)}: expected a metric name prefix matching [a-zA-Z_][a-zA-Z0-9_]*`,
    );
  }
  const realm = input.realm ?? DEFAULT_REALM;
  checkLabelValue('--realm', realm);
  const extra = (input.labels ?? []).map(parseLabelArg);
  const labels = sortLabels([{ name: REALM_LABEL, value: realm }, ...extra]);
  for (let i = 1; i < labels.length; i++) {
    if (labels[i]?.name === labels[i - 1]?.name)
      throw new InputError(`--label ${labels[i]?.name}: given twice`);
  }
  const dir = resolve(input.dir);
  checkDirectory(dir);
  const lockPath = resolve(input.lockPath ?? join(dir, heartbeatNames(prefix).lockFile));
  if (lockPath.endsWith('.prom')) {
    throw new InputError(
      `--lock ${lockPath}: must not end in .prom, or node_exporter would read it as metrics`,
    );
  }
  return { dir, prefix, labels, lockPath };
}
