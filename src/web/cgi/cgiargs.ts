// cgilib's query-string reading (cgi.md §1): `&`-separated `name=value` or bare
// `name` flags, both URL-decoded (`+` → space, `%XY` → byte; CR/LF → space).
// A malformed escape is an error, as NUT's "bad escape char".

export class CgiArgError extends Error {}

function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let ch = s[i]!;
    if (ch === '+') ch = ' ';
    else if (ch === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new CgiArgError('bad escape char');
      i += 2;
      ch = String.fromCharCode(parseInt(hex, 16));
      if (ch === '\n' || ch === '\r') ch = ' ';
    }
    out += ch;
  }
  return out;
}

/** the raw query string (without `?`) → pairs in order; values are latin1 byte strings */
export function cgiArgs(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [unescape(part), ''] : [unescape(part.slice(0, eq)), unescape(part.slice(eq + 1))];
  });
}
