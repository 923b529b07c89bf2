// One client connection: bytes in (512-byte reads, like the reference, so
// parse-error recovery matches), replies out in one write per read chunk.
// Bounded: a client that never reads its replies is dropped.

import type net from 'node:net';
import tls from 'node:tls';
import { Tokenizer, feedReads, simpleLine } from '../core/tokenizer.js';
import type { Logger } from '../core/logger.js';
import { dispatch } from './commands/index.js';
import type { ServerContext } from './commands/context.js';
import type { Session } from './session.js';

/** Replies queued for a client that does not read before we drop it. */
export const MAX_CLIENT_BACKLOG = 4 << 20;

function ignore(): void { /* 'close' follows an 'error' */ }

export class ClientConn {
  /** created on the first request that is not one plain line in one read (see simpleLine) */
  private tok: Tokenizer | undefined;
  private sock: net.Socket;
  private tlsPending: tls.SecureContext | undefined;
  closed = false;

  constructor(
    raw: net.Socket,
    readonly session: Session,
    private readonly ctx: ServerContext,
    private readonly log: Logger,
    private readonly onClose: (c: ClientConn) => void,
  ) {
    this.sock = raw;
    this.attach(raw);
  }

  private attach(s: net.Socket): void {
    s.on('data', (buf: Buffer) => this.receive(buf));
    s.on('error', ignore);
    s.on('close', () => this.close());
  }

  private receive(buf: Buffer): void {
    if (this.closed) return;
    this.flush(this.answer(buf));
    if (this.tlsPending !== undefined) this.upgrade();
    else if (this.session.closing) this.end();
  }

  /** The replies to the requests of one read. */
  private answer(buf: Buffer): string {
    // fast path: the usual request, one plain line per read, needs no state machine
    const words = this.tok === undefined || this.tok.idle() ? simpleLine(buf) : undefined;
    if (words !== undefined) {
      this.session.lastHeard = this.ctx.now();
      return dispatch(this.ctx, this.session, words);
    }
    this.tok ??= new Tokenizer();
    let out = '';
    feedReads(this.tok, buf, (args) => {
      this.session.lastHeard = this.ctx.now();
      out += dispatch(this.ctx, this.session, args);
      // everything after STARTTLS in this read belongs to the TLS stream; the client must wait for our OK
      return this.tlsPending !== undefined;
    }, (message) => this.log.notice(`Parse error on sock: ${message}`));
    return out;
  }

  private flush(out: string): void {
    if (out === '' || this.closed) return;
    if (this.sock.writableLength > MAX_CLIENT_BACKLOG) {
      this.log.notice(`write() failed for ${this.session.addr}`);
      this.destroy();
      return;
    }
    this.sock.write(out, 'latin1');
  }

  /** Queue the switch to TLS after the current reply. */
  requestTls(ctx: tls.SecureContext): void {
    this.tlsPending = ctx;
  }

  private upgrade(): void {
    const secureContext = this.tlsPending!;
    this.tlsPending = undefined;
    const raw = this.sock;
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    const t = new tls.TLSSocket(raw, { isServer: true, secureContext });
    this.sock = t;
    this.session.tls = true;
    this.tok = undefined;
    t.on('secure', () => this.log.info(`SSL handshake done successfully with client ${this.session.addr}`));
    this.attach(t);
    raw.on('close', () => this.close());
  }

  /**
   * Graceful close after pending replies (LOGOUT): shutdown once they are
   * written, then close, as the reference does (shutdown + close) without
   * waiting for the client's own FIN (one read and poll less per client).
   */
  end(): void {
    if (this.closed) return;
    this.sock.destroySoon();
    this.close();
  }

  destroy(): void {
    this.sock.destroy();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}
