/**
 * drygate lint on every rule file Prometheus will load, with the settings of `.drygate.yml`
 * beside the Prometheus config (when there is one) and any `--require` matchers: an
 * error-level problem blocks the reload, warnings are listed.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { CHECK_IDS } from '../../lint/check.js';
import { resolveLintConfig } from '../../lint/config.js';
import { hasErrors, lintTexts } from '../../lint/run.js';
import { displayPath } from '../plan.js';
import { step, type Validator } from '../validate.js';

const NAME = 'lint';
const OWNED_BY_CHECK_RULES: ReadonlySet<string> = new Set(['promql/syntax', 'input/parse']);

export function lintValidator(require: readonly string[] = []): Validator {
  return {
    name: NAME,
    validate(context) {
      const { plan } = context;
      const { config, file } = resolveLintConfig({
        configPath: undefined,
        defaultPath: join(dirname(plan.config.path), '.drygate.yml'),
        require,
        knownChecks: new Set(CHECK_IDS),
      });
      const result = lintTexts(
        plan.files.map((f) => ({ path: displayPath(f), text: f.bytes.toString('utf8') })),
        config,
      );
      // Syntax and YAML errors are drygate check rules' to report; lint would only repeat them.
      const problems = result.problems.filter((p) => !OWNED_BY_CHECK_RULES.has(p.check));
      const details = problems.map(
        (p) =>
          `${p.source.file}:${p.source.line}:${p.source.column}: ${p.severity} [${p.check}]: ${p.summary}`,
      );
      const settings = file === undefined ? 'default settings' : `settings from ${file}`;
      const counted = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${plan.files.length} rule file${plan.files.length === 1 ? '' : 's'} (${settings})`;
      return Promise.resolve([
        step(NAME, hasErrors({ ...result, problems }) ? 'failed' : 'passed', counted, details),
      ]);
    },
  };
}
