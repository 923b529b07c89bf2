// The socket to one driver (sock-protocol.md §3): connect, DUMPALL, feed
// lines into the UpsEntry, drop everything on disconnect.

import net from 'node:net';
import { Tokenizer, feedReads } from '../core/tokenizer.js';
import { parseDriverMessage } from '../sockproto/codec.js';
import { errnoText } from '../core/cstd.js';

export { errnoText };
import type { Logger } from '../core/logger.js';
import type { UpsEntry } from './ups.js';
import type { TrackingTable } from './tracking.js';

/** Max bytes queued towards a driver before we give up on it. */
const MAX_DRIVER_BACKLOG = 1 << 20;

export class DriverLink {
  private sock: net.Socket | undefined;
  private tok = new Tokenizer();
  private connecting = false;

  constructor(
    readonly ups: UpsEntry,
    private readonly path: string,
    private readonly log: Logger,
    private readonly tracking: TrackingTable,
    private readonly now: () => number,
    /** called whenever data of this UPS changed (for event listeners) */
    private readonly onData: (u: UpsEntry) => void = () => {},
  ) {}

  get connected(): boolean { return this.ups.connected; }
  get pending(): boolean { return this.connecting; }

  connect(): void {
    if (this.sock || this.connecting) return;
    this.connecting = true;
    const s = net.createConnection({ path: this.path });
    s.setNoDelay?.(true);
    s.once('connect', () => {
      this.connecting = false;
      this.sock = s;
      this.tok = new Tokenizer();
      this.ups.onConnect(this.now());
      s.write('DUMPALL\n');
      this.log.info(`Connected to UPS [${this.ups.name}]: ${this.ups.sockName}`);
      this.onData(this.ups);
    });
    s.on('data', (buf: Buffer) => this.receive(buf));
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (this.connecting) {
        this.connecting = false;
        const t = this.now();
        if (t - this.ups.lastConnectFailLog >= 300000 || this.ups.lastConnectFailLog === 0) {
          this.ups.lastConnectFailLog = t;
          this.log.err(`Can't connect to UPS [${this.ups.name}] (${this.ups.sockName}): ${errnoText(e)}`);
        }
        s.destroy();
        return;
      }
      this.log.warn(`Read from UPS [${this.ups.name}] failed: ${errnoText(e)}`);
    });
    s.on('close', () => {
      if (this.sock === s) this.drop();
    });
  }

  private receive(buf: Buffer): void {
    let changed = false;
    feedReads(this.tok, buf, (args) => {
      const m = parseDriverMessage(args);
      if (!m) return;
      const wasOver = this.ups.overflow;
      const t = this.ups.apply(m, this.now());
      changed = true;
      if (this.ups.overflow && !wasOver) this.log.warn(`UPS [${this.ups.name}]: driver sent more data than upsd keeps (limits: variables, enums, ranges, commands); extra ignored`);
      if (t) {
        const text = this.tracking.set(t.trackingId, t.status);
        if (text !== undefined) this.log.info(`tracking ID: ${t.trackingId}\tresult: ${text}`);
      }
    }, (message) => this.log.notice(`Parse error on sock: ${message}`));
    if (changed) this.onData(this.ups);
  }

  /** Write a line; false (and disconnect) on failure. */
  send(line: string): boolean {
    const s = this.sock;
    if (!s || s.destroyed) return false;
    if (s.writableLength > MAX_DRIVER_BACKLOG) {
      this.log.notice(`Send to UPS [${this.ups.name}] failed`);
      this.drop();
      return false;
    }
    s.write(line);
    return true;
  }

  ping(): void {
    if (!this.send('PING\n')) this.log.notice(`Send ping to UPS [${this.ups.name}] failed`);
  }

  /** Close the link and forget the data (next pass reconnects). */
  drop(): void {
    const s = this.sock;
    this.sock = undefined;
    if (s) s.destroy();
    if (this.ups.connected) {
      this.ups.onDisconnect();
      this.onData(this.ups);
    }
  }
}

