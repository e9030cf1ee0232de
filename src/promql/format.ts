/**
 * Renders query results: the Prometheus HTTP API's JSON shape, and a plain text form like
 * promtool's `query` output.
 *
 * @module
 */
import { formatFloat } from '../exposition/float.js';
import { formatLabels, type Labels } from '../model/labels.js';
import type { Value } from './value.js';

function metricObject(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

/** Prometheus's JSON for a time: seconds as a number. */
function seconds(ms: number): number {
  return ms / 1000;
}

/** `data` of a Prometheus API query answer. */
export function toApiData(value: Value): Record<string, unknown> {
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: [seconds(value.t), formatFloat(value.f)] };
    case 'string':
      return { resultType: 'string', result: [seconds(value.t), value.s] };
    case 'vector':
      return {
        resultType: 'vector',
        result: value.samples.map((s) => ({
          metric: metricObject(s.labels),
          value: [seconds(s.t), formatFloat(s.f)],
        })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((s) => ({
          metric: metricObject(s.labels),
          values: s.points.map((p) => [seconds(p.t), formatFloat(p.f)]),
        })),
      };
  }
}

/** One line per sample: `{labels} => value @[time]`, as promtool prints. */
export function formatValueText(value: Value): string {
  switch (value.type) {
    case 'scalar':
      return `scalar: ${formatFloat(value.f)} @[${seconds(value.t)}]\n`;
    case 'string':
      return `string: ${value.s} @[${seconds(value.t)}]\n`;
    case 'vector':
      return value.samples
        .map((s) => `${formatLabels(s.labels)} => ${formatFloat(s.f)} @[${seconds(s.t)}]\n`)
        .join('');
    case 'matrix':
      return value.series
        .map(
          (s) =>
            `${formatLabels(s.labels)} =>\n${s.points.map((p) => `${formatFloat(p.f)} @[${seconds(p.t)}]\n`).join('')}`,
        )
        .join('');
  }
}
