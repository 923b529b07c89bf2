// The driver's Unix socket server (dstate.c sock_open / sock_read / sock_arg):
// upsd and other local clients connect, send DUMPALL/PING/SET/INSTCMD... and
// receive every state change as a broadcast. sock-protocol.md §1, §5, §7.

import net from 'node:net';
import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { Tokenizer } from '../core/tokenizer.js';
import { formatDumpAll } from '../sockproto/codec.js';
import type { Logger } from '../core/logger.js';
import type { DState } from './dstate.js';

/** SMALLBUF: NUT reads 512 bytes at a time; a parse error drops the rest of that read */
const READ_CHUNK = 512;
/** bound on queued-but-unprocessed input per client */
const MAX_PENDING_BYTES = 64 * 1024;

export interface SockHandlers {
  /** INSTCMD: returns the STAT code to send when tracked, or undefined to send nothing */
  instcmd(cmd: string, param: string | undefined): Promise<number | undefined>;
  /** SET: likewise */
  setvar(name: string, value: string): Promise<number | undefined>;
  /** run `fn` when no driver hook is running (serialises with updateinfo) */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

class Conn {
  readonly tok = new Tokenizer();
  broadcast = true;
  /** per-connection ordering of requests that need the driver */
  tail: Promise<void> = Promise.resolve();
  pending = 0;
  closed = false;
  constructor(readonly sock: net.Socket) {}
  write(s: string): void {
    if (!this.closed && !this.sock.destroyed) this.sock.write(s);
  }
}

export class SockServer {
  private server: net.Server | undefined;
  private conns = new Set<Conn>();
  path = '';

  constructor(private readonly dstate: DState, private readonly log: Logger, private readonly handlers: SockHandlers) {}

  /** send a line to every client that wants broadcasts */
  broadcast(line: string): void {
    for (const c of this.conns) if (c.broadcast) c.write(line);
  }

  /**
   * sock_open(): unlink, umask 0007, bind, chmod 0660, listen. Rejects with
   * the bind error (the caller prints NUT's sock_fail text).
   */
  async open(path: string): Promise<void> {
    this.path = path;
    try {
      if (existsSync(path) && !lstatSync(path).isDirectory()) unlinkSync(path);
    } catch { /* bind will report it */ }
    const old = process.umask(0o007);
    const server = net.createServer((s) => this.accept(s));
    try {
      await new Promise<void>((res, rej) => {
        server.once('error', rej);
        server.listen({ path, backlog: 16 }, () => { server.off('error', rej); res(); });
      });
    } finally {
      process.umask(old);
    }
    chmodSync(path, 0o660);
    server.on('error', (e) => this.log.err(`socket server error: ${e.message}`));
    this.server = server;
    this.log.debug(2, `dstate_init: sock ${path} open`);
  }

  close(): void {
    for (const c of this.conns) { c.closed = true; c.sock.destroy(); }
    this.conns.clear();
    if (this.server) {
      this.server.close();
      this.server = undefined;
      try { unlinkSync(this.path); } catch { /* already gone */ }
    }
  }

  get clientCount(): number { return this.conns.size; }

  private accept(sock: net.Socket): void {
    const c = new Conn(sock);
    this.conns.add(c);
    this.log.debug(3, 'new connection');
    sock.on('data', (buf) => this.onData(c, buf));
    const drop = () => { c.closed = true; this.conns.delete(c); };
    sock.on('close', drop);
    sock.on('error', (e) => { this.log.debug(2, `socket client error: ${e.message}`); drop(); });
  }

  private onData(c: Conn, buf: Buffer): void {
    for (let off = 0; off < buf.length; off += READ_CHUNK) {
      const chunk = buf.subarray(off, off + READ_CHUNK);
      for (let i = 0; i < chunk.length; i++) {
        const r = c.tok.push(chunk[i]!);
        if (!r) continue;
        if (r.kind === 'error') {
          this.log.notice(`Parse error on sock: ${r.message}`);
          break; // NUT abandons the rest of this read
        }
        this.request(c, r.args);
      }
    }
  }

  /** Route one request: read-only ones answer at once unless earlier requests are queued. */
  private request(c: Conn, args: string[]): void {
    if (args.length === 0) { this.unknown(args); return; }
    const kw = args[0]!.toUpperCase();
    const needsDriver = kw === 'INSTCMD' || kw === 'SET' || kw === 'LOGOUT';
    if (!needsDriver && c.pending === 0) { this.immediate(c, kw, args); return; }
    if (c.pending * 64 > MAX_PENDING_BYTES) { this.log.warn('socket client floods requests, dropping it'); c.sock.destroy(); return; }
    c.pending++;
    c.tail = c.tail.then(async () => {
      try {
        if (needsDriver) await this.handlers.exclusive(() => this.driverRequest(c, kw, args));
        else this.immediate(c, kw, args);
      } catch (e) {
        this.log.err(`socket request failed: ${(e as Error).message}`);
      } finally {
        c.pending--;
      }
    });
  }

  private unknown(args: readonly string[]): void {
    this.log.info('Unknown command on socket: ');
    args.forEach((a, i) => this.log.info(`arg ${i}: ${a}`));
  }

  private immediate(c: Conn, kw: string, args: string[]): void {
    switch (kw) {
      case 'DUMPALL':
        c.write(formatDumpAll(this.dstate.store, this.dstate.stale));
        return;
      case 'PING':
        c.write('PONG\n');
        return;
      // 2.8.1+ extensions (not understood by the 2.8.0 reference)
      case 'NOBROADCAST':
        c.broadcast = false;
        return;
      case 'BROADCAST': {
        let on = true;
        if (args.length > 1 && /^[+-]?\d+$/.test(args[1]!) && parseInt(args[1]!, 10) < 1) on = false;
        c.broadcast = on;
        return;
      }
      case 'GETPID':
        c.write(`PID ${process.pid}\n`);
        return;
      case 'DUMPSTATUS':
        this.dumpValue(c, 'ups.status');
        return;
      case 'DUMPVALUE':
        if (args.length >= 2) { this.dumpValue(c, args[1]!); return; }
        break;
    }
    this.unknown(args);
  }

  private dumpValue(c: Conn, name: string): void {
    const v = this.dstate.store.get(name);
    let out = this.dstate.stale ? 'DATASTALE\n' : '';
    if (v) {
      const one = formatDumpAll(singleVarStore(v), false).split('\n').filter((l) => l.startsWith('SETINFO') || l.startsWith('ADDENUM') || l.startsWith('ADDRANGE') || l.startsWith('SETAUX') || l.startsWith('SETFLAGS'));
      out += one.map((l) => l + '\n').join('');
    }
    if (!this.dstate.stale) out += 'DATAOK\n';
    c.write(out + 'DUMPDONE\n');
  }

  private async driverRequest(c: Conn, kw: string, args: string[]): Promise<void> {
    const n = args.length;
    if (kw === 'LOGOUT') {
      c.write('OK Goodbye\n');
      setTimeout(() => c.sock.end(), 1000);
      return;
    }
    if (kw === 'INSTCMD' && n >= 2) {
      let param: string | undefined;
      let id: string | undefined;
      if (n === 3) param = args[2];
      else if (n === 4 && args[2]!.toUpperCase() === 'TRACKING') id = args[3];
      else if (n === 5 && args[3]!.toUpperCase() === 'TRACKING') { param = args[2]; id = args[4]; }
      else if (n !== 2) { this.log.notice('Malformed INSTCMD request'); this.unknown(args); return; }
      if (id !== undefined) this.log.debug(3, `sock_arg: TRACKING = ${id}`);
      const r = await this.handlers.instcmd(args[1]!, param);
      if (r !== undefined && id !== undefined) c.write(`TRACKING ${id} ${r}\n`);
      return;
    }
    if (kw === 'SET' && n >= 3) {
      let id: string | undefined;
      if (n === 5) {
        if (args[3]!.toUpperCase() !== 'TRACKING') {
          this.log.notice(`Got SET <var> with unsupported parameters (${args[3]}/${args[4]})`);
          this.unknown(args);
          return;
        }
        id = args[4];
        this.log.debug(3, `sock_arg: TRACKING = ${id}`);
      }
      const r = await this.handlers.setvar(args[1]!, args[2]!);
      if (r !== undefined && id !== undefined) c.write(`TRACKING ${id} ${r}\n`);
      return;
    }
    this.unknown(args);
  }
}

import { UpsStore, type Variable } from '../state/store.js';
function singleVarStore(v: Variable): UpsStore {
  const s = new UpsStore();
  s.setInfo(v.name, v.raw);
  const nv = s.get(v.name)!;
  nv.flags = v.flags;
  nv.aux = v.aux;
  nv.enums = [...v.enums];
  nv.ranges = [...v.ranges];
  return s;
}
