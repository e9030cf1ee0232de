/**
 * `alert/annotation-required`: every alerting rule has the annotations listed in
 * `lint.annotations` (such as `summary` and `runbook_url`), with a non-empty value: whoever is
 * paged needs to know what broke and what to do. Off until configured.
 */
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

export const alertAnnotationRequired: Check = {
  id: 'alert/annotation-required',
  defaultSeverity: 'warning',
  description: 'Alerting rules carry the annotations listed in lint.annotations.',
  check({ project, config }) {
    const problems: Problem[] = [];
    for (const r of project.rules) {
      if (r.rule.kind !== 'alerting') continue;
      for (const name of config.annotations) {
        const value = r.rule.annotations.find((a) => a.name === name)?.value;
        if (value !== undefined && value.trim() !== '') continue;
        problems.push(
          problemAt(
            alertAnnotationRequired,
            r.rule.fields.annotations ?? r.rule.fields.alert ?? r.rule.source,
            `alert ${JSON.stringify(r.rule.name)} has ${value === undefined ? 'no' : 'an empty'} ${name} annotation: add one`,
          ),
        );
      }
    }
    return problems;
  },
};
