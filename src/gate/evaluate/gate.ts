/**
 * One gate judged at one time, whatever its kind, with its evidence. Nothing a gate does can
 * throw out of here: a failure to ask becomes the `error` state with its reason.
 *
 * @module
 */
import { readErrorReason } from '../../model/files.js';
import type { GateOutcome, GateResult, GateState } from '../result.js';
import type { MetricsSource } from '../source/types.js';
import type { Gate, QuorumGate } from '../spec/types.js';
import { runCheck } from './check.js';
import { runCommand } from './command.js';
import { planFor } from './plan.js';
import { quorumState } from './quorum.js';
import { runPlanAt } from './run-plan.js';

export interface GateContext {
  readonly source: MetricsSource;
  readonly atMs: number;
  /** When false, command gates are not run and report no data. */
  readonly runCommands: boolean;
}

export function outcomeOf(gate: Gate, state: GateState): GateOutcome {
  switch (state) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'fail';
    case 'nodata':
      return gate.onNodata;
    case 'error':
      return gate.onError;
  }
}

type Partial = Omit<GateResult, 'gate' | 'kind' | 'required' | 'outcome' | 'durationMs'>;

const NO_EVIDENCE = { queries: [], values: [], warnings: [] } as const;

export async function evaluateGate(gate: Gate, context: GateContext): Promise<GateResult> {
  const started = performance.now();
  let partial: Partial;
  try {
    partial = await judgeGate(gate, context);
  } catch (err) {
    partial = {
      state: 'error',
      reason: errorReason(err),
      condition: '',
      ...NO_EVIDENCE,
    };
  }
  return {
    gate: gate.name,
    kind: gate.kind,
    required: gate.required,
    ...partial,
    outcome: outcomeOf(gate, partial.state),
    durationMs: performance.now() - started,
  };
}

function errorReason(err: unknown): string {
  if (err instanceof Error && err.name !== 'Error' && err.name !== 'TypeError') return err.message;
  return readErrorReason(err);
}

async function judgeGate(gate: Gate, context: GateContext): Promise<Partial> {
  switch (gate.kind) {
    case 'query':
    case 'freshness':
    case 'burn-rate': {
      const plan = planFor(gate);
      const run = await runPlanAt(plan, context.source, context.atMs);
      const { judgement } = run;
      // An answer the server marked as possibly incomplete cannot make a gate pass.
      const incomplete = judgement.state === 'pass' && run.warnings.length > 0;
      return {
        state: incomplete ? 'error' : judgement.state,
        reason: incomplete
          ? `the answer may be incomplete: ${run.warnings.join('; ')}`
          : judgement.reason,
        condition: plan.condition,
        ...(judgement.decidedBy === undefined ? {} : { decidedBy: judgement.decidedBy }),
        queries: run.queries,
        values: judgement.values,
        warnings: run.warnings,
      };
    }
    case 'quorum':
      return judgeQuorum(gate, context);
    case 'command': {
      if (!context.runCommands)
        return {
          state: 'nodata',
          reason: 'not run (commands disabled)',
          condition: 'exit status 0',
          ...NO_EVIDENCE,
        };
      const run = await runCommand(gate.argv, gate.cwd, gate.timeoutMs);
      return {
        state: run.state,
        reason: run.reason,
        condition: 'exit status 0',
        ...NO_EVIDENCE,
        output: run.output,
      };
    }
    case 'check': {
      const run = await runCheck(gate.tool, gate.files, gate.baseDir, gate.require);
      return {
        state: run.state,
        reason: run.reason,
        condition: `${gate.tool} passes`,
        ...NO_EVIDENCE,
        output: run.output,
      };
    }
  }
}

async function judgeQuorum(gate: QuorumGate, context: GateContext): Promise<Partial> {
  const gates = await Promise.all(gate.gates.map((g) => evaluateGate(g, context)));
  const passed = gates.filter((g) => g.outcome === 'pass');
  const undecided = gates.filter((g) => g.outcome === 'inconclusive');
  const tally = `${passed.length} of ${gates.length} passed, need ${gate.min}`;
  const names = (list: readonly GateResult[]): string => list.map((g) => g.gate).join(', ');
  const errored = undecided.filter((g) => g.state === 'error');
  const state = quorumState(passed.length, undecided.length, errored.length, gate.min);
  const reason =
    state === 'pass'
      ? tally
      : state === 'fail'
        ? `${tally}; failed: ${names(gates.filter((g) => g.outcome === 'fail'))}`
        : `${tally}; undecided: ${names(undecided)}`;
  return {
    state,
    reason,
    condition: `${gate.min} of ${gate.gates.length} pass`,
    ...NO_EVIDENCE,
    gates,
  };
}
