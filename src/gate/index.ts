/**
 * The GO / NO-GO decision: gate specs, their evaluation against a Prometheus-compatible API or
 * drygate's engine, the probability model, and the reports.
 *
 * @example
 * import { decide, HttpSource, readGateSpec, renderTable } from 'drygate/gate';
 * const spec = await readGateSpec('gates.yml');
 * const { result } = await decide(spec, { source: new HttpSource({ url }), atMs: Date.now(), lookbackMs: 86_400_000 });
 * process.stdout.write(renderTable(result, { color: false }));
 *
 * @module
 */
export { decide, combine } from './decide.js';
export type { DecideOptions, DecisionWithHistory } from './decide.js';
export { evaluateGate } from './evaluate/gate.js';
export { gateTimelines } from './history.js';
export type { GateTimeline, SignalPoint } from './history.js';
export { estimateProbability } from './probability.js';
export type * from './result.js';
export { EmbeddedSource } from './source/embedded.js';
export { HttpSource, redactUrl } from './source/http.js';
export type { HttpSourceOptions } from './source/http.js';
export type { MetricsSource, SourceResult } from './source/types.js';
export { GateSpecError, loadGateSpec, readGateSpec } from './spec/load.js';
export { gatesSchema } from './spec/schema.js';
export type * from './spec/types.js';
export { renderHtml } from './report/html.js';
export { renderJson } from './report/json.js';
export { renderMarkdown } from './report/markdown.js';
export { renderTable } from './report/table.js';
export { decisionFamilies, writeDecisionTextfile } from './report/textfile.js';
