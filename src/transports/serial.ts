// Serial transport: the few things NUT's drivers/serial.c does, behind a small
// interface so drivers can be tested against in-process fakes as well as a
// real tty (a socat pty pair in the test suite).
//
// The reference reads replies in two ways, both reproduced here:
//  - "line" reads (nutdrv_qx/blazer put the tty in canonical mode with VEOL='\r':
//    one read() returns one line, ended by '\r' or '\n');
//  - "until" reads (apcsmart/ser_get_line: read up to an end char, skipping
//    ignored chars), each with a timeout.
// Received bytes are buffered (bounded) between reads; flushInput() is
// ser_flush_io()/tcflush(TCIFLUSH).

import { statSync, type Stats } from 'node:fs';
import type { SerialPort } from 'serialport';
import { errnoText } from '../core/cstd.js';

export interface SerialOptions {
  baudRate: number;
  /** data bits (default 8) */
  dataBits?: 5 | 6 | 7 | 8;
}

export interface ModemStatus { cts: boolean; dsr: boolean; dcd: boolean }

/** What a serial driver needs from the port. */
export interface SerialLink {
  readonly path: string;
  write(data: string | Buffer): Promise<void>;
  /**
   * Read one line: bytes up to and including the first byte in `ends`
   * (default '\r' and '\n'). Resolves '' on timeout (nothing complete arrived).
   */
  readLine(timeoutMs: number, ends?: string): Promise<string>;
  /** Read whatever is available, waiting up to timeoutMs for the first byte ('' on timeout). */
  readSome(timeoutMs: number): Promise<string>;
  /** Drop buffered input (tcflush TCIFLUSH). */
  flushInput(): Promise<void>;
  setLines(lines: { dtr?: boolean; rts?: boolean; brk?: boolean }): Promise<void>;
  getLines(): Promise<ModemStatus>;
  close(): Promise<void>;
}

/** Upper bound of buffered unread input: a sane UPS never sends this much between two reads. */
export const MAX_BUFFERED = 64 * 1024;

/** Line buffer shared by the real port and fakes: push() bytes in, readLine() lines out. */
export class InputBuffer {
  private buf = '';
  private waiter: (() => void) | undefined;

  push(chunk: string): void {
    this.buf += chunk;
    if (this.buf.length > MAX_BUFFERED) this.buf = this.buf.slice(-MAX_BUFFERED);
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  clear(): void { this.buf = ''; }

  get pending(): string { return this.buf; }

  private wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.waiter = undefined; resolve(false); }, ms);
      this.waiter = () => { clearTimeout(t); resolve(true); };
    });
  }

  async readLine(timeoutMs: number, ends = '\r\n'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let idx = -1;
      for (let i = 0; i < this.buf.length; i++) if (ends.includes(this.buf[i]!)) { idx = i; break; }
      if (idx >= 0) {
        const line = this.buf.slice(0, idx + 1);
        this.buf = this.buf.slice(idx + 1);
        return line;
      }
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.wait(left))) return '';
    }
  }

  async readSome(timeoutMs: number): Promise<string> {
    if (!this.buf && !(await this.wait(timeoutMs))) return '';
    const s = this.buf;
    this.buf = '';
    return s;
  }
}

class NodeSerialLink implements SerialLink {
  private readonly input = new InputBuffer();
  private closed = false;

  constructor(readonly path: string, private readonly port: SerialPort) {
    port.on('data', (d: Buffer) => this.input.push(d.toString('latin1')));
    port.on('error', () => { /* surfaced by the next write/read timeout */ });
    port.on('close', () => { this.closed = true; });
  }

  write(data: string | Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('port closed'));
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    return new Promise((resolve, reject) => {
      this.port.write(b, (err) => {
        if (err) reject(err);
        else this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  readLine(timeoutMs: number, ends?: string): Promise<string> { return this.input.readLine(timeoutMs, ends); }
  readSome(timeoutMs: number): Promise<string> { return this.input.readSome(timeoutMs); }

  async flushInput(): Promise<void> {
    await new Promise<void>((resolve) => this.port.flush(() => resolve()));
    this.input.clear();
  }

  async setLines(lines: { dtr?: boolean; rts?: boolean; brk?: boolean }): Promise<void> {
    await new Promise<void>((resolve, reject) => this.port.set(lines, (e) => (e ? reject(e) : resolve())));
  }

  getLines(): Promise<ModemStatus> {
    return new Promise((resolve, reject) => this.port.get((e, s) => (e || !s ? reject(e ?? new Error('no status')) : resolve(s))));
  }

  async close(): Promise<void> {
    if (this.closed || !this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.closed = true;
  }
}

/** ser_open() + ser_set_speed(): open the tty raw at the given speed. Throws with NUT's message. */
export async function openSerial(path: string, opts: SerialOptions): Promise<SerialLink> {
  // loaded on first use: the native binding costs ~0.3 s, not needed for -h/-V/-L or genericups
  const { SerialPort: Port } = await import('serialport');
  const port = new Port({ path, baudRate: opts.baudRate, dataBits: opts.dataBits ?? 8, autoOpen: false, hupcl: false, lock: true });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const link = new NodeSerialLink(path, port);
  await link.flushInput();
  return link;
}

/**
 * ser_open_error(): what the reference prints to stdout before its fatal
 * "Fatal error: unusable configuration" when a port cannot be opened.
 */
export function openErrorText(path: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // serialport says e.g. "Error: No such file or directory, cannot open /dev/x";
  // node:fs "ENOENT: no such file or directory, open '/dev/x'"
  const m = /^(?:Error: )?(.*?), cannot open/.exec(msg);
  const reason = m ? m[1] : errnoText(err);
  let out = `\nUnable to open ${path}: ${reason}\n\n`;
  let st: Stats | undefined;
  try { st = statSync(path); } catch { /* missing */ }
  if (!st) return out + "Things to try:\n\n - Check 'port=' in ups.conf\n\n - Check owner/permissions of all parts of path\n\n";
  out += `     Mode of port: ${(st.mode & 0o7777).toString(8).padStart(4, '0')}\n\n`;
  out += 'Things to try:\n\n - Use another port (with the right permissions)\n\n - Fix the port owner/group or permissions on this port\n\n';
  out += " - Run this driver as another user (upsdrvctl -u or 'user=...' in ups.conf).\n   See upsdrvctl(8) and ups.conf(5).\n\n";
  return out;
}

/** the reply wait of the Q* serial drivers (SER_WAIT_SEC) */
export const SER_WAIT_MS = 1000;

/**
 * Command/reply over a line-mode serial link (the Q* protocols): flush, send,
 * read one line. The reference reads in canonical mode with VEOL = CR, so a
 * reply ends at the first CR or LF byte, even one inside a binary field
 * (Ablerex Q5/At): so does this. Reply '' on timeout, null on a write error.
 */
export function lineCommandIo(link: SerialLink, log: { debug(level: number, msg: string): void }, waitMs = SER_WAIT_MS): { command(cmd: string): Promise<string | null> } {
  return {
    async command(cmd) {
      try {
        await link.flushInput();
        await link.write(cmd);
      } catch (e) {
        log.debug(3, `send: ${(e as Error).message}`);
        return null;
      }
      log.debug(3, `send: '${cmd.split('\r')[0]}'`);
      const reply = await link.readLine(waitMs);
      if (!reply) { log.debug(3, 'read: timeout (0)'); return ''; }
      log.debug(3, `read: '${reply.split('\r')[0]}'`);
      return reply;
    },
  };
}
