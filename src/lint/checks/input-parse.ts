/**
 * `input/parse`: an input that cannot be read as what it is: YAML syntax, a rule file that
 * Prometheus's rulefmt refuses, a unit-test or gate file with a bad structure, a textfile that
 * is not in the exposition format. pint calls this `yaml/parse`.
 */
import type { Check } from '../check.js';

export const inputParse: Check = {
  id: 'input/parse',
  defaultSeverity: 'error',
  description: 'Inputs must parse: YAML, rulefmt structure, unit-test and gate files, textfiles.',
  check: (ctx) => ctx.project.inputProblems.filter((p) => p.check === 'input/parse'),
};
