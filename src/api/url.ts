/**
 * Server URLs as they may be printed (no user, no password, no query string) and the
 * credentials written into them, sent as a Basic header instead.
 *
 * @module
 */

/** The URL as it may be printed: no user, no password, no query string or fragment. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid URL>';
  }
}

/** Credentials written into the URL (`https://user:pass@host`) as a Basic header. */
export function urlCredentials(url: string): Record<string, string> {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return {};
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    return { authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
  } catch {
    return {};
  }
}

/** Whether a header value can be sent as is: Latin-1 without control line breaks or NUL. */
export function isSendableHeaderValue(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (code === 0 || code === 10 || code === 13 || code > 0xff) return false;
  }
  return true;
}
