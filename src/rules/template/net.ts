/**
 * Go's `net.SplitHostPort`, `net.JoinHostPort` and `net.ParseIP`, which Prometheus's `stripPort`
 * and `stripDomain` are built on. Only success or failure matters to those functions, so errors
 * are not spelled out.
 *
 * @module
 */

/** Go's `net.SplitHostPort`; undefined where Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return undefined;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 === hostport.length || end + 1 !== i) return undefined;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return undefined;
  }
  if (hostport.slice(j).includes('[') || hostport.slice(k).includes(']')) return undefined;
  return { host, port: hostport.slice(i + 1) };
}

/** Go's `net.JoinHostPort`: brackets around hosts that contain a colon. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isIPv4(s: string): boolean {
  const fields = s.split('.');
  return (
    fields.length === 4 && fields.every((f) => /^(0|[1-9][0-9]{0,2})$/.test(f) && Number(f) <= 255)
  );
}

function isIPv6(s: string): boolean {
  if (s.includes('%')) return false; // zones are not IPs for ParseIP
  let groups = 0;
  let ellipsis = false;
  let i = 0;
  if (s.startsWith('::')) {
    ellipsis = true;
    i = 2;
    if (i === s.length) return true;
  }
  while (i < s.length) {
    let j = i;
    while (j < s.length && /[0-9a-fA-F]/.test(s[j] as string)) j++;
    if (s[j] === '.') {
      // An embedded IPv4 address takes the last two groups.
      if ((!ellipsis && groups !== 6) || groups + 2 > 8) return false;
      if (!isIPv4(s.slice(i))) return false;
      groups += 2;
      break;
    }
    const field = j - i;
    if (field === 0 || field > 4) return false;
    groups++;
    i = j;
    if (i === s.length) break;
    if (s[i] !== ':' || groups >= 8) return false;
    i++;
    if (s[i] === ':') {
      if (ellipsis) return false;
      ellipsis = true;
      i++;
      if (i === s.length) break;
    } else if (i === s.length) {
      return false;
    }
  }
  return ellipsis ? groups < 8 : groups === 8;
}

/** Whether Go's `net.ParseIP` accepts the text. */
export function isIP(s: string): boolean {
  return s.includes(':') ? isIPv6(s) : isIPv4(s);
}
