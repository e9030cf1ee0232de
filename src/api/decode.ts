/**
 * Turns Prometheus API JSON into drygate's values, checking the shape as it goes: a server that
 * answers garbage must produce an error, never a half-read result.
 *
 * @module
 */
import { type Label, type Labels, sortLabels } from '../model/labels.js';
import type { FPoint, Sample, Series, Value } from '../promql/value.js';
import { ApiError } from './errors.js';

function fail(what: string): never {
  throw new ApiError('decode', `unexpected response from the Prometheus API: ${what}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Sample values come as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(x: unknown): number {
  if (typeof x !== 'string') fail(`sample value ${JSON.stringify(x)} is not a string`);
  if (x === 'NaN') return NaN;
  if (x === '+Inf' || x === 'Inf') return Infinity;
  if (x === '-Inf') return -Infinity;
  const f = Number(x);
  if (x.trim() === '' || Number.isNaN(f)) fail(`sample value ${JSON.stringify(x)} is not a number`);
  return f;
}

function decodeLabels(x: unknown): Labels {
  if (!isRecord(x)) fail('metric is not an object');
  const labels: Label[] = [];
  for (const [name, value] of Object.entries(x)) {
    if (typeof value !== 'string') fail(`label ${name} is not a string`);
    if (value !== '') labels.push({ name, value });
  }
  return sortLabels(labels);
}

function decodePoint(x: unknown): FPoint {
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'number')
    fail('a point is not [time, "value"]');
  return { t: Math.round(x[0] * 1000), f: parseSampleValue(x[1]) };
}

/** Decodes `data` of a query or query_range answer. */
export function decodeQueryData(data: unknown): Value {
  if (!isRecord(data)) fail('data is not an object');
  const { resultType, result } = data;
  switch (resultType) {
    case 'scalar': {
      const p = decodePoint(result);
      return { type: 'scalar', t: p.t, f: p.f };
    }
    case 'string': {
      if (!Array.isArray(result) || typeof result[1] !== 'string' || typeof result[0] !== 'number')
        fail('string result');
      return {
        type: 'string',
        t: Math.round(result[0] * 1000),
        s: result[1],
      };
    }
    case 'vector': {
      if (!Array.isArray(result)) fail('vector result is not a list');
      const samples: Sample[] = result.map((item: unknown) => {
        if (!isRecord(item)) fail('vector item is not an object');
        if (item['histogram'] !== undefined) fail('native histogram samples are not supported');
        const p = decodePoint(item['value']);
        return { labels: decodeLabels(item['metric']), t: p.t, f: p.f };
      });
      return { type: 'vector', samples };
    }
    case 'matrix': {
      if (!Array.isArray(result)) fail('matrix result is not a list');
      const series: Series[] = result.map((item: unknown) => {
        if (!isRecord(item)) fail('matrix item is not an object');
        if (item['histograms'] !== undefined) fail('native histogram samples are not supported');
        const values = item['values'];
        if (!Array.isArray(values)) fail('matrix values are not a list');
        return { labels: decodeLabels(item['metric']), points: values.map(decodePoint) };
      });
      return { type: 'matrix', series };
    }
    default:
      return fail(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}
