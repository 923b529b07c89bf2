// LineConn over an in-process upsd session (single-process mode): upsmon
// speaks the same protocol lines, answered by the same handlers, without a
// socket. A UPS name must be served by this upsd (host is ignored).

import type { LineConn } from './wire.js';
import type { LocalSession } from '../server/local.js';

export class LocalLineConn implements LineConn {
  private session: LocalSession | undefined;
  private replies: string[] = [];

  constructor(private readonly open_: () => LocalSession) {}

  get open(): boolean { return !!this.session && !this.session.closed; }

  async connect(): Promise<string | undefined> {
    this.session = this.open_();
    this.replies = [];
    return undefined;
  }

  async send(line: string): Promise<string | undefined> {
    if (!this.open) return 'Write error: not connected';
    this.replies.push(...this.session!.request(line));
    return undefined;
  }

  async read(): Promise<{ line: string } | { error: string }> {
    const l = this.replies.shift();
    return l === undefined ? { error: 'Server disconnected' } : { line: l };
  }

  async close(logout = true): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.replies = [];
    if (s && !s.closed) {
      if (logout) s.request('LOGOUT');
      s.destroy();
    }
  }
}
