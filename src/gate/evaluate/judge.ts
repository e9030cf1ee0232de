/**
 * Judging the samples a query returned against a gate's condition and match rule. A NaN
 * never satisfies a condition; a result with no usable sample is no data.
 *
 * @module
 */
import { formatLabels, type Labels } from '../../model/labels.js';
import type { GateState, GateValue } from '../result.js';
import type { Condition, MatchRule } from '../spec/types.js';

export interface Observed {
  readonly labels: Labels;
  readonly value: number;
  readonly note?: string;
}

export interface Judgement {
  readonly state: Exclude<GateState, 'error'>;
  readonly values: readonly GateValue[];
  readonly reason: string;
  readonly decidedBy?: 'primary' | 'fallback';
}

export function satisfies(value: number, condition: Condition): boolean {
  const t = condition.threshold;
  switch (condition.op) {
    case '==':
      return value === t;
    case '!=':
      return !Number.isNaN(value) && value !== t;
    case '<':
      return value < t;
    case '<=':
      return value <= t;
    case '>':
      return value > t;
    case '>=':
      return value >= t;
  }
}

export function describeMatch(match: MatchRule): string {
  return match.kind === 'count' ? `at least ${match.min}` : match.kind;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A value for a reason: its labels without the metric name (the query says it), and the value. */
function show(v: GateValue): string {
  const shown = v.labels.filter((l) => l.name !== '__name__');
  const labels = shown.length === 0 ? '' : `${formatLabels(shown)} `;
  return `${labels}${v.note ?? String(v.value)}`;
}

/**
 * Judges observed values with `test` (what passing means, described by `wanted`, such as
 * `== 1`) and the match rule. Without `explain` the reason is left empty: a range of steps
 * (history, backtest) only needs the states and values, and the sentences cost as much as the
 * judging.
 */
export function judge(
  observed: readonly Observed[],
  test: (value: number) => boolean,
  wanted: string,
  match: MatchRule,
  explain = true,
): Judgement {
  const values: GateValue[] = observed.map((o) => ({
    labels: o.labels,
    value: o.value,
    passed: !Number.isNaN(o.value) && test(o.value),
    ...(o.note === undefined ? {} : { note: o.note }),
  }));
  if (values.length === 0)
    return { state: 'nodata', values, reason: 'no data: the query returned nothing' };
  if (values.every((v) => Number.isNaN(v.value)))
    return {
      state: 'nodata',
      values,
      reason: `no data: ${values.length === 1 ? 'the value is' : 'every value is'} NaN`,
    };
  const passing = values.filter((v) => v.passed).length;
  const needed = match.kind === 'all' ? values.length : match.kind === 'any' ? 1 : match.min;
  if (!explain) return { state: passing >= needed ? 'pass' : 'fail', values, reason: '' };
  const failing = values.filter((v) => !v.passed);
  if (passing >= needed) {
    const reason =
      match.kind === 'all'
        ? values.length === 1
          ? `${show(values[0] as GateValue)} ${wanted}`
          : `all ${plural(values.length, 'value')} ${wanted}`
        : `${passing} of ${plural(values.length, 'value')} ${wanted} (need ${describeMatch(match)})`;
    return { state: 'pass', values, reason };
  }
  const examples = failing.slice(0, 3).map(show).join(', ') + (failing.length > 3 ? ', ...' : '');
  const reason =
    match.kind === 'all'
      ? `${failing.length} of ${plural(values.length, 'value')} not ${wanted}: ${examples}`
      : `${passing} of ${plural(values.length, 'value')} ${wanted}, need ${describeMatch(match)}: ${examples}`;
  return { state: 'fail', values, reason };
}
