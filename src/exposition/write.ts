/**
 * Writes metric families in the text format 0.0.4 byte for byte as Go's `expfmt` does, or as
 * OpenMetrics (timestamps in seconds, `unknown` type, `# EOF`) for dumps that promtool backfills.
 *
 * @module
 */
import { escapeHelp, escapeLabelValue } from './escape.js';
import { formatFloat } from './float.js';
import type { Label, Labels } from '../model/labels.js';
import type { ExpositionFormat, ExpositionSample, MetricFamily } from './types.js';

export interface WriteOptions {
  /** Default `text`. */
  readonly format?: ExpositionFormat;
}

/**
 * Renders families; HELP comes before TYPE, and each sample line ends with a newline.
 *
 * @example
 * writeExposition([{ name: 'up', type: 'gauge', samples: [{ name: 'up', labels: [], value: 1 }] }])
 * // '# TYPE up gauge\nup 1\n'
 */
export function writeExposition(
  families: readonly MetricFamily[],
  options: WriteOptions = {},
): string {
  const format = options.format ?? 'text';
  const renderLabels = labelRenderer();
  let out = '';
  for (const family of families) {
    if (family.help !== undefined)
      out += `# HELP ${family.name} ${escapeHelp(family.help, format)}\n`;
    const type = format === 'openmetrics' && family.type === 'untyped' ? 'unknown' : family.type;
    out += `# TYPE ${family.name} ${type}\n`;
    if (format === 'openmetrics' && family.unit !== undefined)
      out += `# UNIT ${family.name} ${family.unit}\n`;
    for (const sample of family.samples) out += sampleLine(sample, format, renderLabels);
  }
  if (format === 'openmetrics') out += '# EOF\n';
  return out;
}

/** One sample line, with its trailing newline. */
export function writeSampleLine(
  sample: ExpositionSample,
  format: ExpositionFormat = 'text',
): string {
  return sampleLine(sample, format, renderLabelSet);
}

function sampleLine(
  sample: ExpositionSample,
  format: ExpositionFormat,
  renderLabels: (labels: Labels) => string,
): string {
  let line = sample.name + renderLabels(sample.labels);
  // expfmt's writeFloat prints any zero as `0`: the sign of negative zero is dropped.
  line += ` ${sample.value === 0 ? '0' : formatFloat(sample.value)}`;
  if (sample.timestampMs !== undefined) {
    line +=
      format === 'openmetrics' ? ` ${formatSeconds(sample.timestampMs)}` : ` ${sample.timestampMs}`;
  }
  return `${line}\n`;
}

function renderLabelSet(labels: Labels): string {
  if (labels.length === 0) return '';
  let text = '{';
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as Label;
    if (i > 0) text += ',';
    text += `${label.name}="${escapeLabelValue(label.value)}"`;
  }
  return `${text}}`;
}

/** Dumps repeat one label set on consecutive lines, often as the same array: render it once. */
function labelRenderer(): (labels: Labels) => string {
  let last: Labels | undefined;
  let lastText = '';
  return (labels) => {
    if (labels !== last) {
      last = labels;
      lastText = renderLabelSet(labels);
    }
    return lastText;
  };
}

/** Milliseconds as plain decimal seconds (`1764359239.123`), exact to the millisecond. */
function formatSeconds(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const whole = Math.floor(abs / 1000);
  const frac = abs % 1000;
  return frac === 0
    ? `${sign}${whole}`
    : `${sign}${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}
