/**
 * drygate's own `check rules` on the config's problems and on every rule file Prometheus will
 * load (candidates and the files kept as they are), with promtool's checks and its
 * duplicate-rules lint as warnings.
 *
 * @module
 */
import { formatPosition } from '../../errors.js';
import { findDuplicateRules } from '../../rules/duplicates.js';
import { formatRuleProblem } from '../../rules/format.js';
import { loadRuleFileBytes } from '../../rules/read.js';
import { displayPath } from '../plan.js';
import { step, type ValidationContext, type Validator } from '../validate.js';

const NAME = 'drygate check rules';

export const checkRulesValidator: Validator = {
  name: NAME,
  validate(context: ValidationContext) {
    const { plan } = context;
    const errors = plan.problems.map((p) => `${formatPosition(p.source)}: ${p.message}`);
    const warnings: string[] = [];
    let rules = 0;
    for (const file of plan.files) {
      const loaded = loadRuleFileBytes(file.bytes, displayPath(file), {
        nameValidationScheme: context.nameValidationScheme,
      });
      rules += loaded.ruleCount;
      const fileErrors = loaded.problems.filter((p) => p.severity === 'error');
      errors.push(...fileErrors.map(formatRuleProblem));
      warnings.push(
        ...loaded.problems.filter((p) => p.severity === 'warning').map(formatRuleProblem),
      );
      if (fileErrors.length === 0)
        warnings.push(...findDuplicateRules(loaded.groups).map(formatRuleProblem));
    }
    const counted = `${plan.files.length} rule file${plan.files.length === 1 ? '' : 's'}, ${rules} rule${rules === 1 ? '' : 's'}`;
    const names = `${context.nameValidationScheme} names`;
    return Promise.resolve([
      errors.length > 0
        ? step(
            NAME,
            'failed',
            `${errors.length} error${errors.length === 1 ? '' : 's'} (${counted}, ${names})`,
            [...errors, ...warnings],
          )
        : step(
            NAME,
            'passed',
            `${counted} (${names})${warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}`,
            warnings,
          ),
    ]);
  },
};
