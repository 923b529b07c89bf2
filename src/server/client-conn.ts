// One client connection: bytes in (512-byte reads, like the reference, so
// parse-error recovery matches), replies out as they are made.
// Back-pressure: requests are answered one at a time while the client's
// unsent output is under OUTPUT_BOUND; over it we stop reading from that
// client (the kernel then stops its sender) and resume when it drains. A
// client that leaves its output over the bound for STALL_MS is dropped,
// as the reference drops one whose write() fails. So one client that never
// reads costs at most about one read plus OUTPUT_BOUND, and the others are
// served meanwhile.

import type net from 'node:net';
import tls from 'node:tls';
import { Tokenizer, simpleLine, READ_CHUNK } from '../core/tokenizer.js';
import type { Logger } from '../core/logger.js';
import { dispatch } from './commands/index.js';
import type { ServerContext } from './commands/context.js';
import type { Session } from './session.js';

/** Unsent reply bytes above which we stop answering (and reading from) a client. */
export const OUTPUT_BOUND = 64 * 1024;
/** A client whose output stays over the bound this long is dropped. */
export const STALL_MS = 10_000;
/** Reply bytes made per turn before yielding to other clients (fairness). */
const BYTES_PER_TURN = 4 * 1024;

function ignore(): void { /* 'close' follows an 'error' */ }

export class ClientConn {
  /** created on the first request that is not one plain line in one read (see simpleLine) */
  private tok: Tokenizer | undefined;
  private sock: net.Socket;
  private tlsPending: tls.SecureContext | undefined;
  /** received but not yet parsed: one socket read and our position in it */
  private inBuf: Buffer | undefined;
  private inPos = 0;
  private later: Buffer[] = [];
  private waiting = false;
  private stall: NodeJS.Timeout | undefined;
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
    s.on('drain', () => this.drained());
    s.on('error', ignore);
    s.on('close', () => this.close());
  }

  private receive(buf: Buffer): void {
    if (this.closed || this.session.closing) return;
    // fast path: the usual request, one plain line per read, needs no state machine
    if (this.inBuf === undefined && !this.waiting && (this.tok === undefined || this.tok.idle())) {
      const words = simpleLine(buf);
      if (words !== undefined) {
        this.session.lastHeard = this.ctx.now();
        this.send(dispatch(this.ctx, this.session, words));
        this.after();
        return;
      }
    }
    // (a paused socket emits no 'data', so at most one read is ever held here)
    if (this.inBuf !== undefined) { this.later.push(buf); this.sock.pause(); return; }
    this.inBuf = buf;
    this.inPos = 0;
    this.pump();
  }

  /** Answer queued requests while the client's output is under the bound. */
  private pump(): void {
    this.waiting = false;
    const buf = this.inBuf;
    if (buf === undefined || this.closed) return;
    this.tok ??= new Tokenizer();
    // one write for the replies of one turn, as the reference's replies to one read leave together
    this.sock.cork();
    try { this.turn(buf); } finally { if (!this.sock.destroyed) this.sock.uncork(); }
  }

  private turn(buf: Buffer): void {
    const tok = this.tok!;
    let made = 0;
    while (this.inPos < buf.length) {
      if (this.sock.writableLength > OUTPUT_BOUND) { this.block(); return; }
      if (made >= BYTES_PER_TURN) { this.yieldTurn(); return; }
      const r = tok.push(buf[this.inPos++]!);
      if (!r) continue;
      if (r.kind === 'error') {
        this.log.notice(`Parse error on sock: ${r.message}`);
        // the reference drops the rest of its 512-byte read
        this.inPos = Math.min(buf.length, Math.ceil(this.inPos / READ_CHUNK) * READ_CHUNK);
        continue;
      }
      this.session.lastHeard = this.ctx.now();
      const out = dispatch(this.ctx, this.session, r.args);
      this.send(out);
      made += out.length + 16;
      // nothing after LOGOUT is answered; everything after STARTTLS belongs to the TLS stream
      if (this.session.closing || this.tlsPending !== undefined) break;
      if (this.closed) return;
    }
    this.inBuf = this.later.shift();
    this.inPos = 0;
    if (this.inBuf !== undefined && !this.session.closing && this.tlsPending === undefined) { this.yieldTurn(); return; }
    this.inBuf = undefined;
    this.later = [];
    if (this.sock.isPaused()) this.sock.resume();
    this.after();
  }

  /** Let other clients have a turn; no further reads from this one until this read is answered. */
  private yieldTurn(): void {
    this.waiting = true;
    this.sock.pause();
    setImmediate(() => { if (this.waiting) this.pump(); });
  }

  private after(): void {
    if (this.tlsPending !== undefined) this.upgrade();
    else if (this.session.closing) this.end();
  }

  private send(out: string): void {
    if (out !== '' && !this.closed) this.sock.write(out, 'latin1');
  }

  /** Output over the bound: wait for 'drain', drop the client if it never comes. */
  private block(): void {
    this.waiting = true;
    this.sock.pause();
    this.stall ??= setTimeout(() => {
      this.log.notice(`write() failed for ${this.session.addr}: output not read for ${STALL_MS / 1000} s`);
      this.destroy();
    }, STALL_MS);
  }

  private drained(): void {
    if (this.stall) { clearTimeout(this.stall); this.stall = undefined; }
    // 'drain' comes from a nextTick: pumping from here directly would loop drain → pump → drain
    // without ever returning to the event loop while the kernel takes our writes
    if (this.waiting && this.inBuf !== undefined) setImmediate(() => { if (this.waiting) this.pump(); });
  }

  /** Queue the switch to TLS after the current reply. */
  requestTls(ctx: tls.SecureContext): void {
    this.tlsPending = ctx;
  }

  private upgrade(): void {
    const secureContext = this.tlsPending!;
    this.tlsPending = undefined;
    this.inBuf = undefined;
    const raw = this.sock;
    raw.removeAllListeners('data');
    raw.removeAllListeners('drain');
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
    this.inBuf = undefined;
    this.sock.destroySoon();
    this.close();
  }

  destroy(): void {
    this.sock.destroy();
    this.close();
  }

  private close(): void {
    if (this.stall) { clearTimeout(this.stall); this.stall = undefined; }
    if (this.closed) return;
    this.closed = true;
    this.inBuf = undefined;
    this.onClose(this);
  }
}
