/**
 * Go `text/template` with Prometheus's template functions, for alerting rule labels and
 * annotations: parsing as `promtool check rules` does and expansion as the rule manager does, with
 * Go's and Prometheus's output and error texts.
 *
 * @example
 * import { expandTemplate, parseAlertTemplate } from './rules/template/index.js';
 * parseAlertTemplate('{{ $value | humanize }}', 'HighLatency'); // throws TemplateError if bad
 * expandTemplate('{{ $value | humanizePercentage }}', { labels: {}, value: 0.1234 }, { alertName: 'X' });
 * // '12.34%'
 *
 * @module
 */
export {
  ALERT_TEMPLATE_PRELUDE,
  alertTemplateName,
  expandTemplate,
  parseAlertTemplate,
  parseTemplate,
  renderAlertTemplate,
} from './expand.js';
export type { AlertTemplateData, ExpandOptions } from './expand.js';
export { TemplateError } from './errors.js';
export type { Template } from './parser.js';
export type { QueryFunc, QuerySample } from './prometheus.js';
