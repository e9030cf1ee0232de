/**
 * Gate states, outcomes and decisions as small integers, so that a week of steps per gate fits
 * in a typed array of one byte per step instead of an object per step.
 *
 * @module
 */
import { outcomeOf } from '../evaluate/gate.js';
import { quorumState as quorumStateOf } from '../evaluate/quorum.js';
import type { Decision, GateOutcome, GateState } from '../result.js';
import type { Gate } from '../spec/types.js';

export const PASS = 0;
export const FAIL = 1;
export const NODATA = 2;
export const ERROR = 3;
/** A raw step whose range query came back with warnings (a possibly incomplete answer). */
export const WARNED = 4;

export const STATES: readonly GateState[] = ['pass', 'fail', 'nodata', 'error'];
export const OUTCOMES: readonly GateOutcome[] = ['pass', 'fail', 'inconclusive'];
export const DECISIONS: readonly Decision[] = ['GO', 'NO-GO', 'INCONCLUSIVE'];

/** Outcome codes: indexes into OUTCOMES. */
export const OUTCOME_PASS = 0;
export const OUTCOME_FAIL = 1;
export const OUTCOME_UNDECIDED = 2;

/** Decision codes: indexes into DECISIONS. */
export const GO = 0;
export const NO_GO = 1;
export const INCONCLUSIVE = 2;

export function stateCode(state: GateState): number {
  return STATES.indexOf(state);
}

/** The outcome code (index into OUTCOMES) of a state code for this gate. */
export function outcomeCode(gate: Gate, state: number): number {
  return OUTCOMES.indexOf(outcomeOf(gate, STATES[state] as GateState));
}

/** Counts of raw codes over a hold window. */
export interface WindowCounts {
  error: number;
  fail: number;
  nodata: number;
  warned: number;
}

/**
 * The state of a hold window, as `decide` judges it: an error anywhere (the query failed) is
 * an error; else a failure anywhere fails; else a step without data makes it no data; else it
 * passed, unless an answer it rests on carried warnings (then it may be incomplete: an error).
 */
export function heldState(c: WindowCounts): number {
  if (c.error > 0) return ERROR;
  if (c.fail > 0) return FAIL;
  if (c.nodata > 0) return NODATA;
  return c.warned > 0 ? ERROR : PASS;
}

export function countInto(c: WindowCounts, raw: number): void {
  switch (raw & 3) {
    case ERROR:
      c.error++;
      break;
    case FAIL:
      c.fail++;
      break;
    case NODATA:
      c.nodata++;
      break;
  }
  if ((raw & WARNED) !== 0) c.warned++;
}

/**
 * The decision from the outcomes of the required gates, as `combine` in decide.ts: NO-GO when
 * one failed, INCONCLUSIVE when none failed but one is undecided (or none is required), else GO.
 */
export function decisionOf(failed: boolean, undecided: boolean): number {
  return failed ? NO_GO : undecided ? INCONCLUSIVE : GO;
}

/** A quorum's state code from its sub-gates' outcome counts, by evaluate/quorum.ts's rule. */
export function quorumState(passed: number, undecided: number, min: number, errored = 0): number {
  return STATES.indexOf(quorumStateOf(passed, undecided, errored, min));
}
