/**
 * `label/realm-consistency`: the realm (`metric_realm`) is the same everywhere it is written:
 * the heartbeat writer's config and textfiles, scrape target labels, the rules (label matchers
 * and `labels:`), the unit tests' input series and the gate specs (`require:` and queries).
 * One place saying `staging` while the rest say `prod` means a gate reads nothing, or the
 * wrong thing.
 *
 * The expected value is the required matcher's, else the heartbeat writer's, else the value
 * most places use. A unit-test file may also feed other realms (to show the rules ignore
 * them); it is reported only when none of its input series is in the expected realm.
 */
import { walk } from '../../promql/ast.js';
import { goQuote } from '../../model/quote.js';
import { findKey } from '../analysis/project.js';
import { ownerOf, problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { LabelObservation, LintProject } from '../model.js';
import type { Problem } from '../types.js';

/** Every place the realm label gets a value outside unit tests. */
function observe(project: LintProject, label: string, includeQueries: boolean): LabelObservation[] {
  const out: LabelObservation[] = [...project.observations.filter((o) => o.label === label)];
  for (const g of project.gates) out.push(...g.require.filter((o) => o.label === label));
  for (const r of project.rules) {
    const own = r.rule.labels.find((l) => l.name === label);
    const at = r.rule.fields.labels;
    if (own !== undefined && at !== undefined)
      out.push({
        label,
        value: own.value,
        source: findKey(project.sources.get(r.file), at, label),
        where: `${r.rule.kind === 'alerting' ? 'alert' : 'rule'} ${goQuote(r.rule.name)}'s labels`,
        kind: 'rule-label',
      });
  }
  if (!includeQueries) return out;
  for (const expr of project.exprs) {
    if (expr.origin === 'test') continue;
    walk(expr.ast, (node) => {
      if (node.kind !== 'VectorSelector') return;
      for (const m of node.matchers)
        if (m.name === label && m.type === '=')
          out.push({
            label,
            value: m.value,
            source: expr.position(node.pos.start),
            where: `a selector in ${ownerOf(expr)}`,
            kind: expr.origin === 'gate' ? 'gate' : 'rule-label',
          });
    });
  }
  return out;
}

export const labelRealmConsistency: Check = {
  id: 'label/realm-consistency',
  defaultSeverity: 'error',
  description:
    'The realm label has one value across heartbeat writer, scrape targets, rules, unit tests and gates.',
  check({ project, config }) {
    const label = config.realmLabel;
    const required = config.require.find((r) => r.label === label && r.metrics === undefined);
    // With a required matcher, label/required-matcher already reports selectors.
    const seen = observe(project, label, required === undefined);
    if (config.heartbeatRealm !== undefined) seen.unshift(config.heartbeatRealm);
    const testSeries = project.tests.map((t) => ({
      file: t.file,
      series: t.series.flatMap((s) => {
        const value = s.labels.find((l) => l.name === label)?.value;
        return value === undefined ? [] : [{ value, source: s.source }];
      }),
    }));

    let expected: string | undefined;
    let basis: string;
    const heartbeat = seen.find((o) => o.kind === 'heartbeat');
    if (required !== undefined) {
      expected = required.value;
      basis = 'the required matcher';
    } else if (heartbeat !== undefined) {
      expected = heartbeat.value;
      basis = `${heartbeat.where} (${heartbeat.source.file}:${heartbeat.source.line})`;
    } else {
      const counts = new Map<string, number>();
      for (const o of seen) counts.set(o.value, (counts.get(o.value) ?? 0) + 1);
      for (const t of testSeries)
        for (const v of new Set(t.series.map((s) => s.value)))
          counts.set(v, (counts.get(v) ?? 0) + 1);
      let best = 0;
      for (const [v, n] of counts)
        if (n > best) {
          best = n;
          expected = v;
        }
      basis = `most inputs (${best} of ${[...counts.values()].reduce((a, b) => a + b, 0)})`;
    }
    if (expected === undefined) return [];

    const problems: Problem[] = [];
    for (const o of seen) {
      if (o.value === expected) continue;
      problems.push(
        problemAt(
          labelRealmConsistency,
          o.source,
          `${o.where} sets ${label}=${goQuote(o.value)}, but ${basis} says ${goQuote(expected)}: use one realm everywhere`,
        ),
      );
    }
    for (const t of testSeries) {
      const first = t.series[0];
      if (first === undefined || t.series.some((s) => s.value === expected)) continue;
      const values = [...new Set(t.series.map((s) => goQuote(s.value)))].join(', ');
      problems.push(
        problemAt(
          labelRealmConsistency,
          first.source,
          `no input series of this unit-test file has ${label}=${goQuote(expected)} (${basis}); they use ${values}: the tests do not exercise the realm the rules read`,
        ),
      );
    }
    return problems;
  },
};
