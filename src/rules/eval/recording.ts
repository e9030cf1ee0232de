/**
 * One evaluation of a recording rule (Prometheus `rules/recording.go`).
 *
 * @module
 */
import { METRIC_NAME, setLabel, type Labels } from '../../model/labels.js';
import type { Engine } from '../../promql/engine/engine.js';
import type { Sample } from '../../promql/value.js';
import type { RecordingRule } from '../types.js';
import { containsSameLabelset, overrideLabels } from './labels.js';
import { queryVector, RuleError } from './query.js';

/** Prometheus's `ErrDuplicateRecordingLabelSet`. */
export const DUPLICATE_RECORDING_LABELSET =
  'vector contains metrics with the same labelset after applying rule labels';

/**
 * Evaluates a recording rule at `evalMs` (the step time minus the group's query offset): the
 * samples to write, named after the rule and carrying its labels (`labels` already merged with
 * the group's).
 *
 * @throws RuleError with Prometheus's text when the query fails, output label sets collide, or
 *   the group's limit is exceeded.
 */
export function evalRecordingRule(
  engine: Engine,
  rule: RecordingRule,
  labels: Labels,
  evalMs: number,
  limit: number,
): Sample[] {
  const out = queryVector(engine, rule.ast, evalMs).map((s) => ({
    labels: overrideLabels(setLabel(s.labels, METRIC_NAME, rule.name), labels),
    t: evalMs,
    f: s.f,
  }));
  if (containsSameLabelset(out.map((s) => s.labels))) {
    throw new RuleError(DUPLICATE_RECORDING_LABELSET);
  }
  if (limit > 0 && out.length > limit) {
    throw new RuleError(`exceeded limit of ${limit} with ${out.length} series`);
  }
  return out;
}
