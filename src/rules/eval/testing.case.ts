/** Helpers shared by the rule-evaluation tests. */
import { expect } from 'vitest';
import { formatLabels, type Labels, labelsFromRecord } from '../../model/labels.js';
import { Engine } from '../../promql/engine/engine.js';
import { MemoryStore } from '../../promql/store/memory.js';
import { loadRuleFile } from '../load.js';
import { RuleEvaluator } from './evaluator.js';
import type { RuleEvaluatorOptions } from './types.js';

export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** A store, an engine and an evaluator for the rule file `text`, which must load cleanly. */
export function setup(
  text: string,
  options: RuleEvaluatorOptions = {},
): { store: MemoryStore; evaluator: RuleEvaluator; engine: Engine } {
  const file = loadRuleFile(text, 'r.yml');
  expect(file.problems).toEqual([]);
  const store = new MemoryStore();
  const engine = new Engine(store);
  return { store, engine, evaluator: new RuleEvaluator(file.groups, store, engine, options) };
}

/** The query's result at `t` as sorted `{labels} value` lines. */
export function vec(engine: Engine, query: string, t: number): string[] {
  const { value } = engine.instantQuery(query, t);
  if (value.type !== 'vector') throw new Error(`not a vector: ${value.type}`);
  return value.samples.map((s) => `${formatLabels(s.labels)} ${s.f}`).sort();
}

export const up = (instance: string, job = 'api'): Labels =>
  labelsFromRecord({ __name__: 'up', job, instance });
