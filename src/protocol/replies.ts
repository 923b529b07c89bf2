// Reply formatting for the network protocol (net-protocol.md §1, §3, §9).
// Pure: strings in, reply lines out.

/** NUT_NET_ANSWER_MAX: each reply line is cut to 512 bytes; a cut line loses its "\n". */
export const NET_ANSWER_MAX = 512;

/** One reply line, with "\n", truncated like the reference's snprintf into a 513-byte buffer. */
export function line(s: string): string {
  const withNl = s + '\n';
  if (withNl.length <= NET_ANSWER_MAX) return withNl;
  return withNl.slice(0, NET_ANSWER_MAX);
}

export function err(code: string, extra?: string): string {
  return line(extra ? `ERR ${code} ${extra}` : `ERR ${code}`);
}

/** "BEGIN LIST <query>" … "END LIST <query>" around already-formatted item lines. */
export function list(query: string, items: string): string {
  return line(`BEGIN LIST ${query}`) + items + line(`END LIST ${query}`);
}
