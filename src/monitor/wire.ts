// The few libupsclient behaviours upsmon relies on, over an injected line
// connection: ERR token → message mapping and upscli_get's reply check.

import { tokenizeLine } from '../core/tokenizer.js';

/** A line-oriented connection to upsd (real socket or test fake). */
export interface LineConn {
  readonly open: boolean;
  /** TCP connect (+ STARTTLS attempt as libupsclient's TRYSSL/REQSSL); error text on failure */
  connect(): Promise<string | undefined>;
  /** write one line (without \n); error text on failure (connection then closed) */
  send(line: string): Promise<string | undefined>;
  /** read one line; error text (e.g. "Server disconnected") closes the connection */
  read(): Promise<{ line: string } | { error: string }>;
  /** LOGOUT and close (best effort); logout=false just drops the socket */
  close(logout?: boolean): Promise<void>;
}

const ERR_TEXT: Record<string, string> = {
  'VAR-NOT-SUPPORTED': 'Variable not supported by UPS', 'UNKNOWN-UPS': 'Unknown UPS', 'ACCESS-DENIED': 'Access denied',
  'PASSWORD-REQUIRED': 'Password required', 'PASSWORD-INCORRECT': 'Password incorrect', 'MISSING-ARGUMENT': 'Missing argument',
  'DATA-STALE': 'Data stale', 'VAR-UNKNOWN': 'Variable unknown', 'ALREADY-LOGGED-IN': 'Already logged in',
  'ALREADY-SET-PASSWORD': 'Already set password', 'UNKNOWN-TYPE': 'Unknown variable type', 'UNKNOWN-VAR': 'Unknown variable',
  READONLY: 'Read-only variable', 'TOO-LONG': 'New value is too long', 'INVALID-VALUE': 'Invalid value for variable',
  'SET-FAILED': 'Set command failed', 'UNKNOWN-INSTCMD': 'Unknown instant command', 'INSTCMD-FAILED': 'Instant command failed',
  'CMD-NOT-SUPPORTED': 'Instant command not supported', 'INVALID-USERNAME': 'Invalid username',
  'ALREADY-SET-USERNAME': 'Already set username', 'UNKNOWN-COMMAND': 'Unknown command', 'INVALID-PASSWORD': 'Invalid password',
  'USERNAME-REQUIRED': 'Username required', 'DRIVER-NOT-CONNECTED': 'Driver not connected',
};

export function errText(token: string): string {
  return ERR_TEXT[token] ?? 'Unknown error';
}

export type GetResult = { ok: true; value: string } | { ok: false; error: string; token?: string };

/** upscli_get: send `GET <q...>`, check the echo case-insensitively, return the value. */
export async function upscliGet(c: LineConn, query: string[]): Promise<GetResult> {
  const e = await c.send(`GET ${query.join(' ')}`);
  if (e) return { ok: false, error: e };
  const r = await c.read();
  if ('error' in r) return { ok: false, error: r.error };
  if (r.line.startsWith('ERR')) {
    const tok = r.line.split(' ')[1] ?? '';
    return { ok: false, error: errText(tok), token: tok };
  }
  const words = tokenizeLine(r.line);
  if (!Array.isArray(words)) return { ok: false, error: `Parse error: ${words.error}` };
  if (words.length <= query.length || query.some((q, i) => q.toLowerCase() !== words[i]!.toLowerCase())) {
    return { ok: false, error: 'Protocol error' };
  }
  return { ok: true, value: words[query.length]! };
}

const ERRNO_TEXTS: Array<[number, string]> = [
  [0, 'Unknown error'], [1, 'Variable not supported by UPS'], [2, 'No such host'], [3, 'Invalid response from server'],
  [4, 'Unknown UPS'], [6, 'Access denied'], [10, 'Data stale'], [25, 'Unknown command'], [27, 'Send failure'],
  [28, 'Receive failure'], [31, 'Connection failure'], [32, 'Write error'], [33, 'Read error'], [36, 'SSL is not available'],
  [37, 'SSL error'], [38, 'Server disconnected'], [39, 'Driver not connected'], [41, 'Parse error'], [42, 'Protocol error'],
];

/** The UPSCLI_ERR_* number for an error text (for POLLFAIL_LOG_THROTTLE_MAX reports). */
export function upscliErrno(text: string): number {
  for (const [n, t] of ERRNO_TEXTS) if (text.startsWith(t)) return n;
  return 0;
}
