/** Go's `Regexp.Expand`, shared by label_replace and the template function reReplaceAll. */

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}` and `$$`. A name is the longest run
 * of letters, digits and `_` (so `$1x` is the group named "1x", which gives ""); a group that
 * does not exist or did not match gives ""; a malformed `$` is kept as text.
 */
export function expandRegexTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const brace = rest.startsWith('{');
    const body = brace ? rest.slice(1) : rest;
    let end = 0;
    for (const ch of body) {
      if (!NAME_CHAR.test(ch)) break;
      end += ch.length;
    }
    if (end === 0 || (brace && body[end] !== '}')) {
      out += '$'; // malformed: the `$` is literal
      continue;
    }
    const name = body.slice(0, end);
    rest = body.slice(end + (brace ? 1 : 0));
    // A group number only when it is ASCII digits, at most nine, without a leading zero.
    const num = /^(0|[1-9][0-9]{0,8})$/.test(name) ? Number(name) : -1;
    const value = num >= 0 ? match[num] : match.groups?.[name];
    out += value ?? '';
  }
  return out + rest;
}
