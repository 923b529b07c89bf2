// One client connection's protocol state (net-protocol.md §4). No I/O here:
// the transport (TCP, TLS, Unix socket) lives in connection.ts.

import type { UpsEntry } from './ups.js';

export interface Session {
  readonly id: number;
  /** peer address as NUT prints it: "127.0.0.1", "::1", or "unix" for the local socket */
  readonly addr: string;
  username: string | undefined;
  password: string | undefined;
  loginUps: UpsEntry | undefined;
  tracking: boolean;
  tls: boolean;
  /** LOGOUT seen: close after the current read chunk */
  closing: boolean;
  /** time (ms) of the last complete request line */
  lastHeard: number;
}

export function newSession(id: number, addr: string, now: number): Session {
  return { id, addr, username: undefined, password: undefined, loginUps: undefined, tracking: false, tls: false, closing: false, lastHeard: now };
}
