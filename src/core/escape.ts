// pconf_encode: NUT escapes only '"', '\' and '#' with a backslash.

export function nutEscape(s: string): string {
  return s.replace(/["\\#]/g, (m) => '\\' + m);
}

/** Escape and truncate to at most `max` characters without splitting an escape pair. */
export function nutEscapeLimited(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    const piece = ch === '"' || ch === '\\' || ch === '#' ? '\\' + ch : ch;
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}
