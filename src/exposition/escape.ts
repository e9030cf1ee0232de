/**
 * Escaping rules of the text formats (`expfmt/text_create.go`): HELP escapes backslash and
 * newline; label values also escape the double quote. OpenMetrics HELP escapes the quote too.
 *
 * @module
 */

export function escapeHelp(text: string, format: 'text' | 'openmetrics' = 'text'): string {
  const pattern = format === 'text' ? /[\\\n]/g : /[\\\n"]/g;
  return text.replace(pattern, escapeChar);
}

export function escapeLabelValue(value: string): string {
  return value.replace(/[\\\n"]/g, escapeChar);
}

function escapeChar(c: string): string {
  return c === '\n' ? '\\n' : `\\${c}`;
}
