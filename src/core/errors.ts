// The NUT network ERR tokens (net-protocol.md §9) and the project's error base.

export const NUT_ERR_CODES = [
  'ACCESS-DENIED', 'UNKNOWN-UPS', 'VAR-NOT-SUPPORTED', 'CMD-NOT-SUPPORTED', 'INVALID-ARGUMENT',
  'INSTCMD-FAILED', 'SET-FAILED', 'READONLY', 'TOO-LONG', 'INVALID-VALUE', 'FEATURE-NOT-SUPPORTED',
  'FEATURE-NOT-CONFIGURED', 'ALREADY-SSL-MODE', 'DRIVER-NOT-CONNECTED', 'DATA-STALE', 'ALREADY-LOGGED-IN',
  'ALREADY-SET-PASSWORD', 'ALREADY-SET-USERNAME', 'USERNAME-REQUIRED', 'PASSWORD-REQUIRED',
  'UNKNOWN-COMMAND', 'INVALID-USERNAME', 'INVALID-PASSWORD', 'VAR-UNKNOWN', 'UNKNOWN-TYPE',
  'UNKNOWN-INSTCMD', 'MISSING-ARGUMENT', 'PASSWORD-INCORRECT', 'UNKNOWN-VAR', 'UNKNOWN', 'FAILED',
] as const;

export type NutErrCode = (typeof NUT_ERR_CODES)[number];

/** Base class: every tsnut error carries a stable machine code. Callers switch on `code`. */
export class NutError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message ?? code);
    this.name = 'NutError';
  }
}

/** An `ERR <CODE> [extra]` reply from upsd. */
export class NutProtocolError extends NutError {
  constructor(code: string, readonly extra?: string) {
    super(code, extra ? `${code} ${extra}` : code);
    this.name = 'NutProtocolError';
  }
}

/** Configuration problem with a location. */
export class ConfigError extends NutError {
  constructor(readonly file: string, readonly line: number | undefined, message: string) {
    super('CONFIG', line !== undefined ? `${file}:${line}: ${message}` : `${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

