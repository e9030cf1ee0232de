/**
 * `alert/annotation-required`: every alerting rule has the annotations listed in
 * `lint.annotations` (such as `summary` and `runbook_url`), with a non-empty value: whoever is
 * paged needs to know what broke and what to do. Off until configured.
 */
import { problemAt } from '../analysis/project.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'alert/annotation-required';

export const alertAnnotationRequired: Check = {
  id: ID,
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
            ID,
            'warning',
            r.rule.fields.annotations ?? r.rule.fields.alert ?? r.rule.source,
            `alert ${JSON.stringify(r.rule.name)} has ${value === undefined ? 'no' : 'an empty'} ${name} annotation: add one`,
          ),
        );
      }
    }
    return problems;
  },
};
