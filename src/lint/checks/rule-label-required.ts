/**
 * `rule/label-required`: every alerting rule sets the labels listed in `lint.alert_labels`
 * (for example `severity`, which Alertmanager routes on). From pint's `rule/label`. Off until
 * configured.
 */
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

export const ruleLabelRequired: Check = {
  id: 'rule/label-required',
  defaultSeverity: 'warning',
  description: 'Alerting rules set the labels listed in lint.alert_labels.',
  check({ project, config }) {
    const problems: Problem[] = [];
    for (const r of project.rules) {
      if (r.rule.kind !== 'alerting') continue;
      const have = new Set([...(r.group.labels ?? []), ...r.rule.labels].map((l) => l.name));
      for (const name of config.alertLabels) {
        if (have.has(name)) continue;
        problems.push(
          problemAt(
            ruleLabelRequired,
            r.rule.fields.labels ?? r.rule.fields.alert ?? r.rule.source,
            `alert ${JSON.stringify(r.rule.name)} has no ${name} label: add labels: {${name}: ...}`,
          ),
        );
      }
    }
    return problems;
  },
};
