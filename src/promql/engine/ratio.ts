/**
 * limit_ratio's sampling: each series gets a stable offset in [0, 1) from a hash of its labels;
 * a ratio r keeps the series whose offset is below r (or, for negative r, at or above 1 + r),
 * so `limit_ratio(r, x)` and `limit_ratio(-(1 - r), x)` split the series in two.
 *
 * The hash is 64-bit FNV-1a over the label pairs, not Prometheus's xxhash, so which series a
 * given ratio picks can differ from Prometheus while the proportions and the split hold.
 */
import type { Labels } from '../../model/labels.js';

const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function ratioSampleOffset(labels: Labels): number {
  let hash = 0xcbf29ce484222325n;
  for (const l of labels) {
    for (const byte of Buffer.from(`${l.name}\u00ff${l.value}\u00ff`, 'utf8')) {
      hash ^= BigInt(byte);
      hash = (hash * PRIME) & MASK;
    }
  }
  return Number(hash) / 18446744073709551616;
}
