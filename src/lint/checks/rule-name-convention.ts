/**
 * `rule/name-convention`: recording rule names follow Prometheus's `level:metric:operations`
 * (`job:http_requests:rate5m`), or the pattern in `lint.recording_rule_name`. The name then
 * says which labels are left, what was measured and how, and cannot be mistaken for a raw
 * metric.
 */
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';

export const ruleNameConvention: Check = {
  id: 'rule/name-convention',
  defaultSeverity: 'warning',
  description: 'Recording rule names follow level:metric:operations or the configured pattern.',
  check({ project, config }) {
    return project.rules
      .filter((r) => r.rule.kind === 'recording' && !config.recordingRuleName.test(r.rule.name))
      .map((r) =>
        problemAt(
          ruleNameConvention,
          r.rule.fields.record ?? r.rule.source,
          `recording rule ${JSON.stringify(r.rule.name)} does not follow level:metric:operations (such as job:http_requests:rate5m): rename it, or set lint.recording_rule_name`,
          `The pattern is ${config.recordingRuleName.source}.`,
        ),
      );
  },
};
