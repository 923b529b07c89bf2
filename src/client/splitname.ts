// upscli_splitname / upscli_splitaddr with the 2.8.0 reference's exact rules
// (clients.md §1.1), pure. Diagnostics are returned, the caller prints them to
// stderr before its own error, as libupsclient does.

import { strtol } from '../core/cstd.js';

export const DEFAULT_PORT = 3493;
const SMALLBUF = 512;

export type SplitResult<T> = ({ ok: true } & T) | { ok: false; message: string };
export type HostPort = { host: string; port: number };
export type UpsHostPort = { ups: string } & HostPort;

/** C strtok on a single call: skip leading delimiters, take up to the next one. */
function strtok(s: string, delims: string): { token: string | null; rest: string } {
  let i = 0;
  while (i < s.length && delims.includes(s[i]!)) i++;
  if (i >= s.length) return { token: null, rest: '' };
  let j = i;
  while (j < s.length && !delims.includes(s[j]!)) j++;
  return { token: s.slice(i, j), rest: j < s.length ? s.slice(j + 1) : '' };
}


function portAfterColon(after: string): SplitResult<{ port: number }> {
  const l = strtol(after);
  if (after === '' || l < 1 || l > 65535) {
    return { ok: false, message: "upscli_splitaddr: no port specified after ':' separator" };
  }
  return { ok: true, port: l };
}

/** `hostname[:port]` or `[v6literal][:port]`. */
export function splitAddr(buf: string): SplitResult<HostPort> {
  const tmp = buf.slice(0, SMALLBUF - 1);
  if (tmp === '') return { ok: false, message: "upscli_splitaddr: can't parse empty string" };
  if (tmp[0] === '[') {
    if (!tmp.includes(']')) {
      return { ok: false, message: 'upscli_splitaddr: missing closing bracket in [domain literal]' };
    }
    const { token, rest } = strtok(tmp.slice(1), ']');
    // The reference crashes on `[]` (strdup of NULL); we report it instead.
    if (token === null) return { ok: false, message: 'upscli_splitaddr: got empty hostname in [domain literal]' };
    if (!rest.startsWith(':')) return { ok: true, host: token, port: DEFAULT_PORT };
    const p = portAfterColon(rest.slice(1));
    return p.ok ? { ok: true, host: token, port: p.port } : p;
  }
  const colon = tmp.indexOf(':');
  const { token } = strtok(tmp, ':');
  // Reference crashes here too (`ups@:`): strdup of NULL.
  if (token === null) return { ok: false, message: 'upscli_splitaddr: got empty hostname string' };
  if (colon < 0) return { ok: true, host: token, port: DEFAULT_PORT };
  const p = portAfterColon(tmp.slice(colon + 1));
  return p.ok ? { ok: true, host: token, port: p.port } : p;
}

/** `upsname[@hostname[:port]]`; defaults localhost:3493. */
export function splitName(buf: string): SplitResult<UpsHostPort> {
  const tmp = buf.slice(0, SMALLBUF - 1);
  if (tmp === '') return { ok: false, message: "upscli_splitname: can't parse empty string" };
  const at = tmp.indexOf('@');
  const { token } = strtok(tmp, '@');
  // The reference crashes on "@" / "@@" (strdup of NULL).
  if (token === null) return { ok: false, message: 'upscli_splitname: got empty upsname string' };
  if (at < 0) return { ok: true, ups: token, host: 'localhost', port: DEFAULT_PORT };
  // 2.8.0 quirk kept: "@host" gives upsname=host, hostname=host (strtok skips the '@').
  const a = splitAddr(tmp.slice(at + 1));
  return a.ok ? { ok: true, ups: token, host: a.host, port: a.port } : a;
}

/** Format host:port back, bracketing IPv6 literals. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
