/**
 * The heartbeat sequence is read back from its own file, so it keeps counting across restarts.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { DrygateError } from '../errors.js';
import { parseExposition } from '../exposition/parse.js';

export type SequenceState =
  | { readonly kind: 'found'; readonly value: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'corrupt'; readonly reason: string };

/** Reads the last written sequence value of `metric` from `path`. Never throws for bad content. */
export function readSequence(path: string, metric: string): SequenceState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: `cannot read ${path}: ${code ?? String(err)}` };
  }
  let families;
  try {
    families = parseExposition(text, { file: path, format: 'text' });
  } catch (err) {
    if (err instanceof DrygateError) return { kind: 'corrupt', reason: err.message };
    throw err;
  }
  const samples = families.find((f) => f.name === metric)?.samples ?? [];
  if (samples.length !== 1) {
    return {
      kind: 'corrupt',
      reason: `${path}: expected one ${metric} sample, found ${samples.length}`,
    };
  }
  const value = samples[0]?.value as number;
  if (!Number.isSafeInteger(value) || value < 0) {
    return {
      kind: 'corrupt',
      reason: `${path}: ${metric} is ${value}, not a non-negative integer`,
    };
  }
  return { kind: 'found', value };
}
