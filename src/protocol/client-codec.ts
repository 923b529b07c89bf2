// Client side of the NUT network protocol, pure: request formatting and
// reply-line checks the way libupsclient does them (clients.md §6).
// No sockets here; src/client/ drives these over a connection.

import { tokenizeLine } from '../core/tokenizer.js';
import { nutEscape } from '../core/escape.js';

/**
 * Encode one request argument. Names pass through unchanged; anything the
 * server tokenizer would split or mangle (empty, blanks, '=', control chars)
 * is quoted, and '"', '\\', '#' are always backslash-escaped (pconf_encode).
 */
export function encodeArg(arg: string): string {
  const enc = nutEscape(arg);
  if (arg === '' || /[\s=]/.test(arg)) return `"${enc}"`;
  return enc;
}

/** Build a request line: words joined by single spaces, arguments encoded, LF-terminated. */
export function formatRequest(cmd: string, ...args: string[]): string {
  let line = cmd;
  for (const a of args) line += ' ' + encodeArg(a);
  return line + '\n';
}

/** libupsclient's build_cmd: escape every argument, quote only those containing a space. */
export function formatRequestUpscli(cmd: string, ...args: string[]): string {
  let line = cmd;
  for (const a of args) {
    const enc = nutEscape(a);
    line += enc.includes(' ') ? ` "${enc}"` : ` ${enc}`;
  }
  return line + '\n';
}

export type ParsedReply =
  | { kind: 'err'; code: string; extra?: string }
  | { kind: 'words'; words: string[] }
  | { kind: 'parse-error'; message: string };

/** Split an `ERR <CODE> [extra]` line; undefined for anything else. */
export function parseErr(line: string): { code: string; extra?: string } | undefined {
  if (!line.startsWith('ERR ')) return undefined;
  const rest = line.slice(4);
  const sp = rest.indexOf(' ');
  if (sp < 0) return { code: rest };
  return { code: rest.slice(0, sp), extra: rest.slice(sp + 1) };
}

/** Classify and tokenize one reply line (without its LF). */
export function parseReply(line: string): ParsedReply {
  const err = parseErr(line);
  if (err) return { kind: 'err', ...err };
  const r = tokenizeLine(line);
  if (!Array.isArray(r)) return { kind: 'parse-error', message: r.error };
  return { kind: 'words', words: r };
}

/** True when the first query.length words equal the query, case-insensitively. */
export function echoes(words: string[], query: string[]): boolean {
  if (words.length < query.length) return false;
  for (let i = 0; i < query.length; i++) {
    if (words[i]!.toLowerCase() !== query[i]!.toLowerCase()) return false;
  }
  return true;
}

/** `BEGIN LIST <query>` check (BEGIN/LIST and the echo are case-insensitive). */
export function isListBegin(words: string[], query: string[]): boolean {
  return words.length >= 2 + query.length && echoes(words, ['BEGIN', 'LIST', ...query]);
}

/** libupsclient ends a list at the first line whose first two words are exactly END LIST. */
export function isListEnd(words: string[]): boolean {
  return words[0] === 'END' && words[1] === 'LIST';
}

/** What `GET TYPE` says about a variable. */
export interface VarType {
  rw: boolean;
  enum: boolean;
  range: boolean;
  /** STRING:<n> seen: maximum length */
  string?: number;
  number: boolean;
  /** the type words exactly as received (after `TYPE <ups> <var>`) */
  words: string[];
}

export function parseTypeWords(words: string[]): VarType {
  const t: VarType = { rw: false, enum: false, range: false, number: false, words };
  for (const w of words) {
    if (w === 'RW') t.rw = true;
    else if (w === 'ENUM') t.enum = true;
    else if (w === 'RANGE') t.range = true;
    else if (w === 'NUMBER') t.number = true;
    else if (w.startsWith('STRING:')) t.string = parseInt(w.slice(7), 10) || 0;
  }
  return t;
}

/** `OK TRACKING <id>` → id, as upscmd/upsrw check it (exactly 36 chars). */
export function trackingId(reply: string): string | undefined {
  const m = /^OK TRACKING (\S+)$/.exec(reply);
  return m && m[1]!.length === 36 ? m[1] : undefined;
}
