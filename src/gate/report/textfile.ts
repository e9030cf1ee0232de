/**
 * The decision as metrics for the node_exporter textfile collector (`--textfile DIR`), written
 * with the heartbeat's atomic writer, so that Prometheus can alert on the gate itself.
 *
 * @module
 */
import { writeFileAtomic } from '../../model/atomic-write.js';
import { writeExposition } from '../../exposition/write.js';
import type { MetricFamily } from '../../exposition/types.js';
import type { Decision, DecisionResult } from '../result.js';

const DECISIONS: readonly Decision[] = ['GO', 'NO-GO', 'INCONCLUSIVE'];

export function decisionFamilies(result: DecisionResult): MetricFamily[] {
  const spec = { name: 'spec', value: result.spec };
  const families: MetricFamily[] = [
    {
      name: 'drygate_decision',
      help: 'The latest decision of a gate spec: 1 for the decision made, 0 for the others.',
      type: 'gauge',
      samples: DECISIONS.map((d) => ({
        name: 'drygate_decision',
        labels: [{ name: 'decision', value: d }, spec],
        value: d === result.decision ? 1 : 0,
      })),
    },
    {
      name: 'drygate_gate_pass',
      help: 'Whether each top-level gate passed in the latest decision (1) or not (0).',
      type: 'gauge',
      samples: result.gates.map((g) => ({
        name: 'drygate_gate_pass',
        labels: [
          { name: 'gate', value: g.gate },
          { name: 'required', value: String(g.required) },
          spec,
          { name: 'state', value: g.state },
        ],
        value: g.state === 'pass' ? 1 : 0,
      })),
    },
    {
      name: 'drygate_decision_timestamp_seconds',
      help: 'The time the latest decision judged the gates at, in unix seconds.',
      type: 'gauge',
      samples: [
        { name: 'drygate_decision_timestamp_seconds', labels: [spec], value: result.at / 1000 },
      ],
    },
  ];
  if (result.probability !== null)
    families.push({
      name: 'drygate_decision_probability',
      help: "P(GO) of the latest decision: the product of the required gates' pass probabilities.",
      type: 'gauge',
      samples: [
        { name: 'drygate_decision_probability', labels: [spec], value: result.probability.pGo },
      ],
    });
  return families;
}

/** The file name for a spec: one file per spec, so that several specs can share a directory. */
export function textfileName(spec: string): string {
  return `drygate_decision_${spec.replace(/[^A-Za-z0-9_]/g, '_')}.prom`;
}

export function writeDecisionTextfile(dir: string, result: DecisionResult): string {
  const name = textfileName(result.spec);
  writeFileAtomic(dir, name, writeExposition(decisionFamilies(result)));
  return name;
}
