// The APC Smart line discipline of the reference (apc_read/apc_write & co.):
// replies end with LF (CR ignored), '*' ends a "line" early (shutdown ack),
// alert characters arriving in the stream update the status, each read has a
// timeout picked by flags. Works on any SerialLink.

import type { SerialLink } from '../../transports/serial.js';

export const SER_D0 = 0x001; // 0 s (flushes)
export const SER_DX = 0x002; // 200 ms
export const SER_D1 = 0x004; // 1.5 s
export const SER_D3 = 0x008; // 3 s (default)
export const SER_AA = 0x010; // alert aware
export const SER_CC = 0x020; // capability check ignore set
export const SER_CS = 0x040; // command set ignore set
export const SER_TO = 0x080; // timeout allowed
export const SER_HA = 0x100; // handle asterisk

const IGN_AACHARS = '\r|&';
const ALERT_CHARS = '$!%+#?=';
const IGN_CHARS = IGN_AACHARS + ALERT_CHARS;
const IGN_CCCHARS = '\r|&$!%+?=';
const IGN_CSCHARS = '';
const LBUF = 512;

export interface ApcLog { debug(level: number, msg: string): void }

export class ApcIo {
  /** called for each alert character seen by an alert-aware read */
  onAlert: (ch: string) => void = () => undefined;

  constructor(readonly link: SerialLink, readonly log: ApcLog) {}

  private commFail(msg: string): void { this.log.debug(1, msg); }

  /** apc_read(): one reply (without its LF); null = error (-1), '' with ok=false = timeout */
  async read(flags: number, buflen = LBUF): Promise<{ ret: number; buf: string }> {
    let iset = IGN_CHARS;
    let aset = '';
    let ms = 3000;
    if (flags & SER_D0) ms = 0;
    if (flags & SER_DX) ms = 200;
    if (flags & SER_D1) ms = 1500;
    if (flags & SER_D3) ms = 3000;
    if (flags & SER_AA) { iset = IGN_AACHARS; aset = ALERT_CHARS; }
    if (flags & SER_CC) { iset = IGN_CCCHARS; aset = ''; ms = 6000; }
    if (flags & SER_CS) { iset = IGN_CSCHARS; aset = ''; ms = 6000; }
    let buf = '';
    for (;;) {
      // canonical mode: a read returns one line, ended by LF or by '*' (VEOL)
      const line = await this.link.readLine(ms, '\n*');
      if (line === '') {
        if (buf.length) { this.commFail('serial port partial timeout'); return { ret: -1, buf: '' }; }
        if (!(flags & SER_TO)) this.commFail('serial port read timeout');
        return { ret: 0, buf: '' };
      }
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (buf.length === buflen - 1) {
          this.commFail('serial port read overflow');
          await this.link.flushInput();
          return { ret: -1, buf: '' };
        }
        if (c === '\n') return { ret: buf.length, buf };
        if (c === '\r') continue; // IGNCR
        if (flags & SER_HA && c === '*') {
          await this.link.readSome(1000); // the rest of the line, if any
          return { ret: 2, buf: 'OK' };
        }
        if (iset.includes(c) || c === '*') continue;
        if (aset.includes(c)) { this.onAlert(c); continue; }
        buf += c;
      }
    }
  }

  async write(ch: string): Promise<number> {
    try { await this.link.write(ch); return 1; } catch (e) { this.commFail(`serial port write error: ${(e as Error).message}`); return -1; }
  }

  /** apc_write_long(): first char, check the unit stays silent 200 ms, then the rest paced 50 ms */
  async writeLong(code: string): Promise<number> {
    if ((await this.write(code[0]!)) !== 1) return -1;
    const r = await this.read(SER_DX | SER_TO);
    if (r.ret) return -1;
    let n = 1;
    for (const c of code.slice(1)) {
      await new Promise((res) => setTimeout(res, 50));
      if ((await this.write(c)) !== 1) return n;
      n++;
    }
    return n;
  }

  /** apc_write_rep(): char, 200 ms of silence, 1.3 s pause, char again */
  async writeRep(ch: string): Promise<number> {
    if ((await this.write(ch)) !== 1) return -1;
    const r = await this.read(SER_DX | SER_TO);
    if (r.ret) return -1;
    await new Promise((res) => setTimeout(res, 1300));
    const w = await this.write(ch);
    return w >= 0 ? w + 1 : w;
  }

  /** apc_flush(): SER_AA reads (and handles) what is already there; else drop everything */
  async flush(flags: number): Promise<void> {
    if (flags & SER_AA) {
      while ((await this.read(SER_D0 | SER_TO | SER_AA)).ret > 0) { /* drain */ }
    } else {
      await this.link.flushInput();
    }
  }
}
