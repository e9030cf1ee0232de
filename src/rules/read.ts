/**
 * Reading rule files from disk: bytes that are not UTF-8 are a problem in the file (yaml.v3
 * refuses them too), an unreadable path is the caller's input error.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readErrorReason } from '../model/files.js';
import { InputError } from '../errors.js';
import { loadRuleFile, type LoadRuleFileOptions } from './load.js';
import type { RuleFile } from './types.js';

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const [length, min] =
      b < 0x80
        ? [1, 0]
        : b >= 0xc2 && b < 0xe0
          ? [2, 0x80]
          : b >= 0xe0 && b < 0xf0
            ? [3, 0x800]
            : b >= 0xf0 && b < 0xf5
              ? [4, 0x10000]
              : [0, 0];
    if (length === 0) return i;
    let cp = length === 1 ? b : b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

/** Loads rule-file bytes; invalid UTF-8 makes the file fail at the first bad byte. */
export function loadRuleFileBytes(
  bytes: Uint8Array,
  file: string,
  options: LoadRuleFileOptions = {},
): RuleFile {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return loadRuleFile(new TextDecoder().decode(bytes), file, options);
  const before = new TextDecoder().decode(bytes.subarray(0, bad));
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    file,
    groups: [],
    ruleCount: 0,
    problems: [
      {
        code: 'yaml',
        severity: 'error',
        source: { file, line: before.split('\n').length, column: before.length - lineStart + 1 },
        message: `invalid YAML: invalid UTF-8 byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')}`,
        group: undefined,
        rule: undefined,
      },
    ],
  };
}

/**
 * Reads and loads a rule file.
 *
 * @throws InputError when the file cannot be read (missing, a directory, no permission).
 */
export async function readRuleFile(
  path: string,
  options: LoadRuleFileOptions = {},
): Promise<RuleFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const why = readErrorReason(err);
    throw new InputError(`cannot read ${path}: ${why}`);
  }
  return loadRuleFileBytes(bytes, path, options);
}

/**
 * Rule files read through a cache of what was loaded, keyed by path and options and checked
 * against the file's bytes at every read: a test suite whose files share rule files parses each
 * rule file once (promtool parses it again for every test file). Loaded files are not changed
 * by their users, so one can be handed out many times.
 */
export class RuleFileCache {
  private readonly loaded = new Map<string, { bytes: Buffer; file: RuleFile }>();
  private readonly capacity: number;

  /** Keeps at most `capacity` files, dropping the oldest. */
  constructor(capacity = 64) {
    this.capacity = capacity;
  }

  /**
   * Reads and loads a rule file synchronously (for a CLI that reads many small files in turn,
   * waiting on the event loop between files costs more than the read), or returns the file
   * loaded before if its bytes are unchanged.
   *
   * @throws InputError when the file cannot be read.
   */
  readSync(path: string, options: LoadRuleFileOptions = {}): RuleFile {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new InputError(`cannot read ${path}: ${readErrorReason(err)}`);
    }
    const key = JSON.stringify([path, options]);
    const known = this.loaded.get(key);
    if (known !== undefined && known.bytes.equals(bytes)) return known.file;
    const file = loadRuleFileBytes(bytes, path, options);
    this.loaded.delete(key);
    this.loaded.set(key, { bytes, file });
    for (const oldest of this.loaded.keys()) {
      if (this.loaded.size <= this.capacity) break;
      this.loaded.delete(oldest);
    }
    return file;
  }
}
