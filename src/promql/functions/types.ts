/**
 * The contract between the evaluator and function implementations. The evaluator handles
 * argument evaluation, stepping, windows, name dropping policy and the few functions that need
 * the AST or raw sample times (absent, absent_over_time, timestamp, scalar, vector); everything
 * else is an entry in the registry (label_replace, label_join and sort* included: they need only
 * their argument values).
 *
 * @module
 */
import type { Labels } from '../../model/labels.js';
import type { Call } from '../ast.js';
import type { Annotations, Sample, Vector } from '../value.js';

/** What a function sees of the query at one evaluation step. */
export interface CallContext {
  /** The step's evaluation time, ms. */
  readonly ts: number;
  /** The call node: `call.args[i].pos` is where annotations about argument i point. */
  readonly call: Call;
  readonly annotations: Annotations;
  /** The query's start, end and step (for an instant query start = end = ts, step = 0). */
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  /**
   * The engine's delayed-name-removal setting. Only annotation texts depend on it (Prometheus
   * names the metric in histogram_quantile's annotations only when it is on); absent means off.
   */
  readonly delayedNameRemoval?: boolean;
}

/** One argument value at one step: a vector, a scalar, or a string. */
export type ArgValue = Vector | number | string;

/**
 * A function of instant vectors, scalars and strings, called once per step. Scalar-returning
 * functions return a one-sample vector with empty labels. Output samples that drop the metric
 * name set `dropName: true`; the evaluator removes the name now or at the end of the query.
 */
export interface InstantFunction {
  readonly kind: 'instant';
  call(args: readonly ArgValue[], ctx: CallContext): Sample[];
}

/** The points of one series inside one step's window. */
export interface RangeWindow {
  /** The series' labels, `__name__` included. */
  readonly labels: Labels;
  /**
   * Sample times (ms) and values with rangeStartMs < t <= rangeEndMs, staleness markers removed,
   * in time order. Views into the engine's arrays: read them during the call, never keep them.
   */
  readonly t: Float64Array;
  readonly f: Float64Array;
  /** Exclusive lower bound of the window (already moved by offset / @). */
  readonly rangeStartMs: number;
  /** Inclusive upper bound of the window. */
  readonly rangeEndMs: number;
}

/**
 * A function with one range-vector argument (`rate(x[5m])`, `quantile_over_time(0.5, x[5m])`),
 * called per series per step. `scalars` holds the other arguments' values at this step, in
 * argument order without the range argument. Returns the output value, or undefined for none.
 */
export interface RangeFunction {
  readonly kind: 'range';
  call(window: RangeWindow, scalars: readonly number[], ctx: CallContext): number | undefined;
  /** True for the few that keep `__name__` (first_over_time, last_over_time). */
  readonly keepsName?: boolean;
}

export type FunctionImpl = InstantFunction | RangeFunction;
