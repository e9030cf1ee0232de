/**
 * promtool's float comparison for expected samples: exact, or 1 ULP apart under `fuzzy_compare`.
 * NaN never equals anything, as in Go's `==`.
 *
 * @module
 */

const view = new DataView(new ArrayBuffer(8));

/** The float's bits as an integer that orders like the floats themselves. */
function orderedBits(f: number): bigint {
  view.setFloat64(0, f);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** Whether two floats are equal or adjacent doubles (promtool's fuzzy_compare). */
export function withinOneUlp(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const d = orderedBits(a) - orderedBits(b);
  return d <= 1n && d >= -1n;
}

/** Whether an expected value matches a returned one. */
export function valuesEqual(exp: number, got: number, fuzzy: boolean): boolean {
  return fuzzy ? withinOneUlp(exp, got) : exp === got;
}
