// One client connection: bytes in (512-byte reads, like the reference, so
// parse-error recovery matches), replies out in one write per read chunk.
// Bounded: a client that never reads its replies is dropped.

import type net from 'node:net';
import tls from 'node:tls';
import { Tokenizer } from '../core/tokenizer.js';
import type { Logger } from '../core/logger.js';
import { dispatch } from './commands/index.js';
import type { ServerContext } from './commands/context.js';
import type { Session } from './session.js';

/** Replies queued for a client that does not read before we drop it. */
export const MAX_CLIENT_BACKLOG = 4 << 20;
const CHUNK = 512;

export class ClientConn {
  private tok = new Tokenizer();
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
    s.on('error', () => { /* 'close' follows */ });
    s.on('close', () => this.close());
  }

  private receive(buf: Buffer): void {
    if (this.closed) return;
    let out = '';
    for (let off = 0; off < buf.length; off += CHUNK) {
      const end = Math.min(off + CHUNK, buf.length);
      for (let i = off; i < end; i++) {
        const r = this.tok.push(buf[i]!);
        if (!r) continue;
        if (r.kind === 'error') {
          // reference: no reply, and the rest of this read is discarded
          this.log.notice(`Parse error on sock: ${r.message}`);
          break;
        }
        this.session.lastHeard = this.ctx.now();
        out += dispatch(this.ctx, this.session, r.args);
        if (this.tlsPending) {
          // everything after STARTTLS in this read belongs to the TLS stream; the client must wait for our OK
          this.flush(out);
          this.upgrade();
          return;
        }
      }
    }
    this.flush(out);
    if (this.session.closing) this.end();
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
    this.tok = new Tokenizer();
    t.on('secure', () => this.log.info(`SSL handshake done successfully with client ${this.session.addr}`));
    this.attach(t);
    raw.on('close', () => this.close());
  }

  /** Graceful close after pending replies (LOGOUT). */
  end(): void {
    if (this.closed) return;
    this.sock.end();
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
