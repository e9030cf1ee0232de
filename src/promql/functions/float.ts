/**
 * Float arithmetic as Prometheus does it: Kahan-Neumaier summation (`util/kahansum`), Go's
 * `math.Max`/`math.Min` (whose infinities win over NaN, unlike JavaScript's), the φ-quantile of
 * a list of values, and Go's NaN-first value order.
 *
 * @module
 */

/**
 * One step of Kahan summation with Neumaier's improvement: adds `inc` to `sum`, carrying the
 * lost low-order bits in `c`. The true total is `sum + c`. An infinite sum clears `c`, so that
 * `Inf + c` does not turn into NaN.
 */
export function kahanInc(inc: number, sum: number, c: number): [sum: number, c: number] {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + (sum - t + inc)];
  return [t, c + (inc - t + sum)];
}

/** Go's `math.Max`: +Inf beats NaN, NaN beats everything else, +0 beats -0. */
export function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  return Math.max(x, y);
}

/** Go's `math.Min`: -Inf beats NaN, NaN beats everything else, -0 beats +0. */
export function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  return Math.min(x, y);
}

/** Go's value order for quantiles (`vectorByValueHeap.Less`): NaN below everything. */
export function compareNaNFirst(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The φ-quantile of `values` (Prometheus `quantile`), interpolating between the two nearest
 * ranks. Sorts `values` in place, NaN first. NaN for no values or a NaN φ, -Inf for φ < 0,
 * +Inf for φ > 1.
 */
export function quantile(q: number, values: number[] | Float64Array): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  values.sort(compareNaNFirst);
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (values[lower] as number) * (1 - weight) + (values[upper] as number) * weight;
}
