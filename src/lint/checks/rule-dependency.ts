/**
 * `rule/dependency`: Prometheus evaluates a group's rules in order, and groups independently.
 * A recording rule that reads a series recorded in another group, or a rule that reads a
 * series recorded later in its own group, sees the value from the previous evaluation: one
 * interval late, and missing on the first one. Put the rules in one group, producer first.
 * pint's `rule/dependency` reports the cross-group case; the order within a group is drygate's.
 */
import { walk } from '../../promql/ast.js';
import { exprProblem } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

export const ruleDependency: Check = {
  id: 'rule/dependency',
  defaultSeverity: 'warning',
  description: 'Rules read series recorded earlier in the same group, not later or elsewhere.',
  check({ project }) {
    const problems: Problem[] = [];
    for (const r of project.rules) {
      walk(r.rule.ast, (node) => {
        if (node.kind !== 'VectorSelector' || node.name === '') return;
        const producers = project.recording.get(node.name);
        if (producers === undefined || producers.includes(r)) return;
        const sameGroup = producers.filter((p) => p.group === r.group);
        if (sameGroup.length > 0) {
          const later = sameGroup.filter((p) => p.rule.index > r.rule.index);
          if (later.length === sameGroup.length) {
            const p = later[0];
            problems.push(
              exprProblem(
                ruleDependency,
                r.expr,
                node.pos,
                `${node.name} is recorded later in this group (rule ${p?.rule.index ?? '?'}), so this reads the previous evaluation's value: move this rule after it`,
              ),
            );
          }
          return;
        }
        if (r.rule.kind !== 'recording') return;
        const p = producers[0];
        if (p === undefined) return;
        problems.push(
          exprProblem(
            ruleDependency,
            r.expr,
            node.pos,
            `${node.name} is recorded in group ${JSON.stringify(p.group.name)} (${p.file}:${p.rule.source.line}), evaluated independently of this one: move both rules into one group, producer first`,
          ),
        );
      });
    }
    return problems;
  },
};
