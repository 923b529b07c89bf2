// An in-process client of upsd: the same protocol and the same handlers as a
// TCP client, without a socket. Used when components share one process
// (upsmon next to upsd hears data changes at once and costs no connection).

import { Tokenizer } from '../core/tokenizer.js';
import { dispatch } from './commands/index.js';
import type { ServerContext } from './commands/context.js';
import type { Session } from './session.js';

export class LocalSession {
  private tok = new Tokenizer();
  closed = false;

  constructor(readonly session: Session, private readonly ctx: ServerContext, private readonly onClose: (l: LocalSession) => void) {}

  /** One request line (without "\n") → the reply lines, exactly as a TCP client would read them. */
  request(line: string): string[] {
    if (this.closed) throw new Error('local session closed');
    let out = '';
    for (const b of Buffer.from(line + '\n', 'latin1')) {
      const r = this.tok.push(b);
      if (!r) continue;
      // a parse error gets no reply, and the rest of the request is dropped, as on the wire
      if (r.kind === 'error') { this.tok.reset(); break; }
      this.session.lastHeard = this.ctx.now();
      out += dispatch(this.ctx, this.session, r.args);
    }
    if (this.session.closing) this.destroy();
    return out === '' ? [] : out.slice(0, -1).split('\n');
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}
