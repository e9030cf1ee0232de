/** Argument parsers shared by commands: they throw commander's error so usage errors exit 2. */
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../model/duration.js';

export function durationArg(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new InvalidArgumentError('expected a duration such as 30s, 1m30s or 500ms.');
  return ms;
}

export function positiveIntegerArg(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return n;
}

export function nonNegativeIntegerArg(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number (0 or more).');
  }
  return n;
}

export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
