// libupsclient's error numbers and upscli_strerror texts (upstream clients/upsclient.c),
// and the mapping from upsd `ERR` tokens to them (clients.md §6).

import { NutError, NutProtocolError } from '../core/errors.js';

/** upscli error names → [number, text]; "%s" is filled with the OS/TLS/parser detail. */
export const UPSCLI_ERRORS = {
  UNKNOWN: [0, 'Unknown error'],
  VARNOTSUPP: [1, 'Variable not supported by UPS'],
  NOSUCHHOST: [2, 'No such host'],
  INVRESP: [3, 'Invalid response from server'],
  UNKNOWNUPS: [4, 'Unknown UPS'],
  INVLISTTYPE: [5, 'Invalid list type'],
  ACCESSDENIED: [6, 'Access denied'],
  PWDREQUIRED: [7, 'Password required'],
  PWDINCORRECT: [8, 'Password incorrect'],
  MISSINGARG: [9, 'Missing argument'],
  DATASTALE: [10, 'Data stale'],
  VARUNKNOWN: [11, 'Variable unknown'],
  LOGINTWICE: [12, 'Already logged in'],
  PWDSETTWICE: [13, 'Already set password'],
  UNKNOWNTYPE: [14, 'Unknown variable type'],
  UNKNOWNVAR: [15, 'Unknown variable'],
  VARREADONLY: [16, 'Read-only variable'],
  TOOLONG: [17, 'New value is too long'],
  INVALIDVALUE: [18, 'Invalid value for variable'],
  SETFAILED: [19, 'Set command failed'],
  UNKINSTCMD: [20, 'Unknown instant command'],
  CMDFAILED: [21, 'Instant command failed'],
  CMDNOTSUPP: [22, 'Instant command not supported'],
  INVUSERNAME: [23, 'Invalid username'],
  USERSETTWICE: [24, 'Already set username'],
  UNKCOMMAND: [25, 'Unknown command'],
  INVALIDARG: [26, 'Invalid argument'],
  SENDFAILURE: [27, 'Send failure: %s'],
  RECVFAILURE: [28, 'Receive failure: %s'],
  SOCKFAILURE: [29, 'socket failure: %s'],
  BINDFAILURE: [30, 'bind failure: %s'],
  CONNFAILURE: [31, 'Connection failure: %s'],
  WRITE: [32, 'Write error: %s'],
  READ: [33, 'Read error: %s'],
  INVPASSWORD: [34, 'Invalid password'],
  USERREQUIRED: [35, 'Username required'],
  SSLFAIL: [36, 'SSL is not available'],
  SSLERR: [37, 'SSL error: %s'],
  SRVDISC: [38, 'Server disconnected'],
  DRVNOTCONN: [39, 'Driver not connected'],
  NOMEM: [40, 'Memory allocation failure'],
  PARSE: [41, 'Parse error: %s'],
  PROTOCOL: [42, 'Protocol error'],
} as const satisfies Record<string, readonly [number, string]>;

export type UpscliErrorName = keyof typeof UPSCLI_ERRORS;

/** upsd ERR tokens that libupsclient knows (matched by prefix, in this order). */
const ERR_TOKEN_MAP: [string, UpscliErrorName][] = [
  ['VAR-NOT-SUPPORTED', 'VARNOTSUPP'],
  ['UNKNOWN-UPS', 'UNKNOWNUPS'],
  ['ACCESS-DENIED', 'ACCESSDENIED'],
  ['PASSWORD-REQUIRED', 'PWDREQUIRED'],
  ['PASSWORD-INCORRECT', 'PWDINCORRECT'],
  ['MISSING-ARGUMENT', 'MISSINGARG'],
  ['DATA-STALE', 'DATASTALE'],
  ['VAR-UNKNOWN', 'VARUNKNOWN'],
  ['ALREADY-LOGGED-IN', 'LOGINTWICE'],
  ['ALREADY-SET-PASSWORD', 'PWDSETTWICE'],
  ['UNKNOWN-TYPE', 'UNKNOWNTYPE'],
  ['UNKNOWN-VAR', 'UNKNOWNVAR'],
  ['READONLY', 'VARREADONLY'],
  ['TOO-LONG', 'TOOLONG'],
  ['INVALID-VALUE', 'INVALIDVALUE'],
  ['SET-FAILED', 'SETFAILED'],
  ['UNKNOWN-INSTCMD', 'UNKINSTCMD'],
  ['INSTCMD-FAILED', 'CMDFAILED'],
  ['CMD-NOT-SUPPORTED', 'CMDNOTSUPP'],
  ['INVALID-USERNAME', 'INVUSERNAME'],
  ['ALREADY-SET-USERNAME', 'USERSETTWICE'],
  ['UNKNOWN-COMMAND', 'UNKCOMMAND'],
  ['INVALID-PASSWORD', 'INVPASSWORD'],
  ['USERNAME-REQUIRED', 'USERREQUIRED'],
  ['DRIVER-NOT-CONNECTED', 'DRVNOTCONN'],
];

/** The upscli error an `ERR <token>` maps to (prefix match, like upscli_errcheck). */
export function upscliNameForToken(token: string): UpscliErrorName {
  for (const [t, name] of ERR_TOKEN_MAP) if (token.startsWith(t)) return name;
  return 'UNKNOWN';
}

/**
 * A client-side failure that is not an `ERR` reply: resolution, connect, I/O,
 * TLS, timeouts, malformed replies. `code` is the libupsclient error name
 * (CONNFAILURE, SRVDISC, PROTOCOL, ...); `message` is upscli_strerror's text.
 */
export class NutClientError extends NutError {
  readonly errno: number;
  /** set when connect() failed while negotiating TLS: the STARTTLS exchange or the handshake */
  stage?: 'starttls' | 'handshake';
  constructor(code: UpscliErrorName, readonly detail?: string, override readonly cause?: unknown) {
    const [num, text] = UPSCLI_ERRORS[code];
    super(code, text.includes('%s') ? text.replace('%s', detail ?? '') : text);
    this.errno = num;
    this.name = 'NutClientError';
  }
}

/**
 * upscli_strerror for any error a NutClient method rejects with:
 * `ERR` replies map through libupsclient's table, client errors carry their text.
 */
export function upscliStrerror(err: unknown): string {
  if (err instanceof NutClientError) return err.message;
  if (err instanceof NutProtocolError) return UPSCLI_ERRORS[upscliNameForToken(err.code)][1];
  if (err instanceof Error) return err.message;
  return String(err);
}

/** C strerror() text for a Node system error (core/cstd.ts) */
export { errnoText as strerror } from '../core/cstd.js';
