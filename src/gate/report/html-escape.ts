/**
 * Escaping for the HTML report. Every piece of markup is built with the `markup` template
 * tag, which escapes each interpolated string or number; only values that are themselves
 * `markup` results pass through unchanged. So a label value, a query or a command's output can
 * never become markup, in text or in an (always double-quoted) attribute.
 *
 * @module
 */

/** Markup built by `markup`: safe to place in a page as it is. */
export interface Html {
  readonly html: string;
}

/** What may be interpolated: text (escaped), trusted markup, lists of either, or nothing. */
export type Interpolation =
  string | number | Html | readonly Interpolation[] | null | undefined | false;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // NUL is a parse error in HTML; show what the parser would show, without the error.
  '\0': '\uFFFD',
};

/**
 * Escapes text for an HTML text node or a quoted attribute value.
 *
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\0]/g, (c) => ENTITIES[c] as string);
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && 'html' in value && !Array.isArray(value);
}

function interpolate(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (isHtml(value)) return value.html;
  return value.map(interpolate).join('');
}

/**
 * The template tag for every piece of the report: the literal parts are markup, every
 * interpolation is escaped unless it is itself the result of `markup`.
 *
 * @example markup`<td>${label}</td>` // label escaped
 */
export function markup(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++)
    out += interpolate(values[i]) + (strings[i + 1] as string);
  return { html: out };
}
