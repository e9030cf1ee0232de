/**
 * `label/required-matcher`: every vector selector of a rule or gate carries each required matcher
 * (`metric_realm="prod"`), with the required value: `=` that value, or a regex that matches only
 * it. pint's `promql/selector` only checks that the label is named; this also checks the value.
 *
 * Sensible exceptions: a selector of a series recorded by a rule of the project whose output
 * cannot carry the label (aggregated away) is not asked for it, since adding it would select
 * nothing; a gate spec whose `require:` injects the matcher satisfies it for its queries.
 * `absent(x)` is held to the rule like any selector: `absent(x{metric_realm="prod"})` asks
 * about prod, `absent(x)` about any realm. `vector(1)` has no selector and needs nothing.
 */
import { quoteString } from '../../promql/parse/literals.js';
import { type Expr, type VectorSelector, walk } from '../../promql/ast.js';
import { selectorName } from '../analysis/ast.js';
import { canHave } from '../analysis/labels.js';
import { exprProblem, inOwner, problemAt } from '../analysis/problems.js';
import type { ProjectAnalysis } from '../analysis/project.js';
import { matchesOnly } from '../analysis/regex.js';
import type { Check } from '../check.js';
import type { RequiredMatcher } from '../config.js';
import type { LintExpr, LintGateFile } from '../model.js';
import type { Problem } from '../types.js';

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The matcher as PromQL: `metric_realm="prod"`. */
export function formatRequired(r: Pick<RequiredMatcher, 'label' | 'value'>): string {
  const name = LEGACY_LABEL.test(r.label) ? r.label : quoteString(r.label);
  return `${name}=${quoteString(r.value)}`;
}

export interface MatcherFinding {
  readonly selector: VectorSelector;
  readonly required: RequiredMatcher;
  /**
   * `missing`: the label is not matched at all (fixable); `wrong`: matched, but not as required;
   * `conflict`: a gate query's own matcher contradicts the one its spec injects.
   */
  readonly kind: 'missing' | 'wrong' | 'conflict';
  readonly written: string;
}

function written(label: string, matchers: readonly { type: string; value: string }[]): string {
  return matchers.map((m) => `${label}${m.type}${quoteString(m.value)}`).join(', ');
}

/** Whether a requirement applies to a selector of metric `name`. */
function applies(r: RequiredMatcher, name: string | undefined): boolean {
  if (r.metrics !== undefined && (name === undefined || !r.metrics.test(name))) return false;
  return name === undefined || !r.except.some((re) => re.test(name));
}

/** Every selector of `expr` that lacks a required matcher, in source order. */
export function findMatcherProblems(
  expr: LintExpr,
  required: readonly RequiredMatcher[],
  analysis: ProjectAnalysis,
  injected: ReadonlyMap<string, string>,
): MatcherFinding[] {
  const out: MatcherFinding[] = [];
  walk(expr.ast, (node: Expr) => {
    if (node.kind !== 'VectorSelector') return;
    const name = selectorName(node);
    const recorded = name === undefined ? undefined : analysis.recorded(name);
    for (const r of required) {
      if (!applies(r, name)) continue;
      const own = node.matchers.filter((m) => m.name === r.label);
      const inject = injected.get(r.label);
      if (inject !== undefined) {
        // The gate spec adds label="inject" to this selector; one of its own that disagrees
        // makes the gate refuse the query (and the spec's value is checked on its own).
        const clash = own.filter(
          (m) =>
            !(m.type === '='
              ? m.value === inject
              : m.type === '=~' && matchesOnly(m.value, inject)),
        );
        if (clash.length > 0)
          out.push({
            selector: node,
            required: { ...r, value: inject },
            kind: 'conflict',
            written: written(r.label, clash),
          });
        continue;
      }
      if (recorded !== undefined && !canHave(recorded, r.label)) continue;
      const ok = own.some(
        (m) =>
          (m.type === '=' && m.value === r.value) ||
          (m.type === '=~' && matchesOnly(m.value, r.value)),
      );
      if (ok) continue;
      out.push({
        selector: node,
        required: r,
        kind: own.length === 0 ? 'missing' : 'wrong',
        written: written(r.label, own),
      });
    }
  });
  return out;
}

/** The matchers a gate spec injects into its queries (`require:`), by label. */
export function injectedBy(gates: readonly LintGateFile[], file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of gates) if (g.file === file) for (const r of g.require) out.set(r.label, r.value);
  return out;
}

export const labelRequiredMatcher: Check = {
  id: 'label/required-matcher',
  defaultSeverity: 'error',
  description: 'Every selector carries each required matcher with the required value.',
  check({ project, config, analysis }) {
    if (config.require.length === 0) return [];
    const problems: Problem[] = [];
    for (const gate of project.gates) {
      for (const r of config.require) {
        const inj = gate.require.find((o) => o.label === r.label);
        if (inj !== undefined && inj.value !== r.value)
          problems.push(
            problemAt(
              labelRequiredMatcher,
              inj.source,
              `the gate spec injects ${r.label}=${quoteString(inj.value)} into every query; the policy requires ${formatRequired(r)}`,
            ),
          );
      }
    }
    for (const expr of project.exprs) {
      if (expr.origin === 'test') continue;
      const injected =
        expr.origin === 'gate' ? injectedBy(project.gates, expr.file) : new Map<string, string>();
      for (const f of findMatcherProblems(expr, config.require, analysis, injected)) {
        const want = formatRequired(f.required);
        const what = f.selector.name === '' ? 'selector' : `selector ${f.selector.name}`;
        const summary =
          f.kind === 'missing'
            ? `${what} has no ${f.required.label} matcher: add ${want} (drygate lint --fix does)`
            : f.kind === 'conflict'
              ? `${what} matches ${f.written}, but the gate spec injects ${want}: the gate refuses this query; drop the matcher`
              : `${what} matches ${f.written}, not ${want}: change it to ${want}`;
        problems.push(
          exprProblem(
            labelRequiredMatcher,
            expr,
            f.selector.pos,
            summary,
            inOwner(
              expr,
              `Without ${want} the query also reads series from other ${f.required.label} values.`,
            ),
          ),
        );
      }
    }
    return problems;
  },
};
