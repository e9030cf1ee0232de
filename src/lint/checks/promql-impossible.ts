/**
 * `promql/impossible`: parts of a query that can never match, because a label they name was
 * removed earlier: `sum by (cluster) (sum(errors))` (the inner sum keeps no labels),
 * `sum(a) / on (cluster) sum(b)`, or a selector of a recorded series with a matcher on a label
 * its recording rule aggregated away (`job:up:sum{instance="a"}`). From pint's
 * `promql/impossible`, offline: the labels of recorded series come from the rules given.
 */
import type { Expr } from '../../promql/ast.js';
import { compileMatcher } from '../../model/matcher.js';
import { selectorName } from '../analysis/ast.js';
import { canHave, type LabelInfo } from '../analysis/labels.js';
import { walkProblems } from '../analysis/problems.js';
import type { Check } from '../check.js';

function describe(expr: Expr): string {
  switch (expr.kind) {
    case 'AggregateExpr':
      return `${expr.op}()`;
    case 'Call':
      return `${expr.func}()`;
    case 'VectorSelector':
      return expr.name === '' ? 'the selector' : expr.name;
    case 'ParenExpr':
      return describe(expr.expr);
    default:
      return 'the expression';
  }
}

function matchesEmpty(m: { name: string; type: '=' | '!=' | '=~' | '!~'; value: string }): boolean {
  try {
    return compileMatcher(m).matches('');
  } catch {
    return true;
  }
}

export const promqlImpossible: Check = {
  id: 'promql/impossible',
  defaultSeverity: 'warning',
  description: 'Queries do not group, join or match on labels that were removed earlier.',
  check({ project, analysis }) {
    const labels = analysis.labels;
    return walkProblems(promqlImpossible, project.exprs, (node, reportAt) => {
      const report = (summary: string): void => reportAt(node.pos, summary);
      if (node.kind === 'AggregateExpr' && !node.without && node.grouping.length > 0) {
        const inner = labels.of(node.expr);
        const gone = node.grouping.filter((l) => !canHave(inner, l));
        if (gone.length > 0)
          report(
            `${node.op} by (${gone.join(', ')}): ${describe(node.expr)} has no ${gone.join(', ')} label at this point; group by labels that are still there`,
          );
      } else if (
        node.kind === 'BinaryExpr' &&
        node.matching?.on === true &&
        node.matching.matchingLabels.length > 0
      ) {
        for (const [side, info] of [
          ['left', labels.of(node.lhs)],
          ['right', labels.of(node.rhs)],
        ] as [string, LabelInfo][]) {
          const gone = node.matching.matchingLabels.filter((l) => !canHave(info, l));
          if (gone.length > 0)
            report(
              `on (${gone.join(', ')}): the ${side} side has no ${gone.join(', ')} label, so "${node.op}" matches on nothing; join on labels both sides keep`,
            );
        }
      } else if (node.kind === 'VectorSelector') {
        const name = selectorName(node);
        const recorded = name === undefined ? undefined : analysis.recorded(name);
        if (recorded === undefined) return;
        for (const m of node.matchers) {
          if (m.name === '__name__' || matchesEmpty(m)) continue;
          const fixed = recorded.fixed.get(m.name);
          if (!canHave(recorded, m.name))
            report(
              `${name} is recorded without a ${m.name} label, so ${m.name}${m.type}"${m.value}" selects nothing: drop the matcher or keep the label in the recording rule`,
            );
          else if (fixed !== undefined && !compileMatcher(m).matches(fixed))
            report(
              `${name} is recorded with ${m.name}="${fixed}" only, so ${m.name}${m.type}"${m.value}" selects nothing`,
            );
        }
      }
    });
  },
};
