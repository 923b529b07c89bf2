// The clone drivers' connection to another driver's socket (clone.c /
// clone-outlet.c sstate_*): DUMPALL on connect, lines parsed with parseconf,
// PING after maxage/3 of silence, "dead" after maxage or upstream DATASTALE.

import net from 'node:net';
import { join } from 'node:path';
import { Tokenizer } from '../../core/tokenizer.js';
import { statePath } from '../../core/paths.js';
import type { DriverContext } from '../types.js';

const MAX_QUEUE = 10000;

export class Upstream {
  private sock: net.Socket | undefined;
  private tok = new Tokenizer();
  private queue: Array<string[] | { error: string }> = [];
  private failed = false;
  dumpdone = false;
  lastHeard = 0;
  private lastPing = 0;
  private lastConnFail = 0;
  readonly path: string;

  /**
   * The upstream lines both clones handle alike (PONG, DUMPDONE, DATASTALE,
   * DATAOK, DELINFO). A SETINFO with its value is handed back to the caller;
   * anything else is the verdict (true: handled, false: ignored).
   */
  common(arg: string[]): boolean | { name: string; val: string } {
    const n = arg.length;
    if (n < 1) return false;
    const kw = arg[0]!.toUpperCase();
    if (kw === 'PONG') { this.ctx.log.debug(3, 'Got PONG from UPS'); return true; }
    if (kw === 'DUMPDONE') { this.ctx.log.debug(3, 'UPS: dump is done'); this.dumpdone = true; return true; }
    if (kw === 'DATASTALE') { this.ctx.dataStale(); return true; }
    if (kw === 'DATAOK') { this.ctx.dataOk(); return true; }
    if (n < 2) return false;
    if (kw === 'DELINFO') { this.ctx.delInfo(arg[1]!); return true; }
    if (n < 3 || kw !== 'SETINFO') return false;
    return { name: arg[1]!, val: arg[2]! };
  }

  constructor(private readonly ctx: DriverContext, private readonly onLine: (args: string[]) => boolean) {
    this.path = join(statePath(), ctx.port);
    if (Buffer.byteLength(this.path) >= 108) {
      ctx.fatal(`Can't create a unix domain socket: pathname '${this.path}' is too long (${Buffer.byteLength(this.path)}) for 'struct sockaddr_un->sun_path' on this system (108)`);
    }
  }

  get connected(): boolean { return this.sock !== undefined; }

  async connect(): Promise<void> {
    const s = net.connect(this.path);
    const ok = await new Promise<boolean>((res) => {
      s.once('connect', () => res(true));
      s.once('error', (e) => {
        const now = Math.floor(Date.now() / 1000);
        if (now - this.lastConnFail >= 60) {
          this.lastConnFail = now;
          const code = (e as NodeJS.ErrnoException).code;
          const text = code === 'ENOENT' ? 'No such file or directory' : code === 'ECONNREFUSED' ? 'Connection refused' : code === 'EACCES' ? 'Permission denied' : e.message;
          this.ctx.log.err(`Can't connect to UPS [${this.ctx.port}]: ${text}`);
        }
        res(false);
      });
    });
    if (!ok) { s.destroy(); return; }
    this.sock = s;
    this.failed = false;
    this.tok = new Tokenizer();
    this.queue = [];
    s.on('data', (b) => {
      for (const c of b) {
        const r = this.tok.push(c);
        if (!r) continue;
        if (this.queue.length < MAX_QUEUE) this.queue.push(r.kind === 'line' ? r.args : { error: r.message });
      }
      this.ctx.wakeup();
    });
    s.on('close', () => { this.failed = true; this.ctx.wakeup(); });
    s.on('error', () => { this.failed = true; });
    s.write('DUMPALL\n');
    this.lastHeard = Math.floor(Date.now() / 1000);
    this.dumpdone = false;
    this.ctx.setInfo('ups.status', 'WAIT');
    this.ctx.log.info(`Connected to UPS [${this.ctx.port}]`);
  }

  disconnect(): void {
    this.sock?.destroy();
    this.sock = undefined;
  }

  send(line: string): void {
    if (!this.sock) return;
    this.sock.write(line);
  }

  /** sstate_dead(maxage): true when the upstream must be reconnected */
  dead(maxage: number): boolean {
    if (!this.sock) { this.ctx.log.debug(3, `sstate_dead: connection to driver socket for UPS [${this.ctx.port}] lost`); return true; }
    const now = Math.floor(Date.now() / 1000);
    if (this.dumpdone && this.ctx.isStale()) { this.ctx.log.debug(3, `sstate_dead: driver for UPS [${this.ctx.port}] says data is stale`); return true; }
    const elapsed = now - this.lastHeard;
    const third = Math.floor(maxage / 3);
    if (elapsed > third && now - this.lastPing > third) {
      this.ctx.log.debug(3, 'Send PING to UPS');
      this.send('PING\n');
      this.lastPing = now;
    }
    if (elapsed > maxage) {
      this.ctx.log.debug(3, `sstate_dead: didn't hear from driver for UPS [${this.ctx.port}] for ${elapsed} seconds (max ${maxage})`);
      return true;
    }
    return false;
  }

  /** sstate_readline(): process what arrived; false on failure (caller disconnects) */
  readLines(): boolean {
    const q = this.queue;
    this.queue = [];
    for (const item of q) {
      if (!Array.isArray(item)) { this.ctx.log.notice(`Parse error on sock: ${item.error}`); return false; }
      if (this.onLine(item)) this.lastHeard = Math.floor(Date.now() / 1000);
    }
    if (this.failed) { this.ctx.log.warn(`Read from UPS [${this.ctx.port}] failed`); return false; }
    return true;
  }

  /** one update of both clone drivers: reconnect when dead, else read */
  async poll(): Promise<boolean> {
    if (this.dead(15)) {
      this.disconnect();
      await this.connect();
      return false;
    }
    if (!this.readLines()) { this.disconnect(); return false; }
    return true;
  }
}
