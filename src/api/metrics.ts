/**
 * Reading single values from a server's own `/metrics` page (text exposition format), such as
 * `prometheus_config_last_reload_successful`. A line scan rather than a full parse: the page
 * holds hundreds of families drygate does not need, and one odd line there must not hide the
 * value that is needed.
 *
 * @module
 */

/**
 * The value of the first sample of `name` on the page, with or without labels, or undefined
 * when there is none.
 *
 * @example readMetricValue('up 1\n', 'up') // 1
 */
export function readMetricValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    let valuePart: string;
    if (rest.startsWith(' ')) valuePart = rest.trim();
    else if (rest.startsWith('{')) {
      const close = rest.lastIndexOf('}');
      if (close < 0) continue;
      valuePart = rest.slice(close + 1).trim();
    } else continue;
    const field = valuePart.split(/\s+/)[0] ?? '';
    const value = parseExpositionFloat(field);
    if (value !== undefined) return value;
  }
  return undefined;
}

function parseExpositionFloat(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === '') return undefined;
  const f = Number(text);
  return Number.isNaN(f) ? undefined : f;
}
