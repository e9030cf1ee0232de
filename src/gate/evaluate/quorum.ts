/**
 * The quorum rule, shared by the decision, its history and the backtest: pass with at least
 * `min` passing sub-gates; fail when even the undecided ones could not make `min`; otherwise
 * undecided, as `error` when an undecided sub-gate is in error (so that the quorum's `on_error`,
 * not its `on_nodata`, says what a timeout or a 5xx counts as), else `nodata`.
 *
 * @module
 */
import type { GateState } from '../result.js';

export function quorumState(
  passed: number,
  undecided: number,
  erroredUndecided: number,
  min: number,
): GateState {
  if (passed >= min) return 'pass';
  if (passed + undecided >= min) return erroredUndecided > 0 ? 'error' : 'nodata';
  return 'fail';
}
