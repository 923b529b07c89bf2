// The project's error base; NutProtocolError carries a NUT ERR token (net-protocol.md §9).

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
