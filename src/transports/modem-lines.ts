// Serial modem-control lines for contact-closure UPSes (genericups): read
// CTS/DCD/RNG/DSR and drive DTR/RTS with the TIOCMGET/TIOCMSET ioctls, send a
// break. serialport cannot read RNG, so this calls libc through koffi (FFI).
// Symbols are looked up globally (koffi.load(null)) so that LD_PRELOAD
// interposers — umockdev in the tests — see the calls, as they see the C driver's.

import { closeSync, constants, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { errnoText } from '../core/cstd.js';

export const TIOCM_LE = 0x001;
export const TIOCM_DTR = 0x002;
export const TIOCM_RTS = 0x004;
export const TIOCM_ST = 0x008;
export const TIOCM_SR = 0x010;
export const TIOCM_CTS = 0x020;
export const TIOCM_CD = 0x040;
export const TIOCM_RNG = 0x080;
export const TIOCM_DSR = 0x100;

const TIOCMGET = 0x5415;
const TIOCMSET = 0x5418;
const TCGETS = 0x5401;
const TCSETS = 0x5402;
const HUPCL = 0o2000;

export interface ModemLines {
  readonly path: string;
  /** TIOCMGET: the line bits (TIOCM_*) */
  get(): number;
  /** TIOCMSET */
  set(bits: number): void;
  /** tcsendbreak(fd, duration) */
  sendBreak(duration: number): void;
  /** clear HUPCL so closing the port does not drop DTR */
  noHangupOnClose(): void;
  close(): void;
}

interface Libc {
  ioctlInt(fd: number, req: number, v: Int32Array): number;
  ioctlBuf(fd: number, req: number, b: Buffer): number;
  tcsendbreak(fd: number, d: number): number;
  errno(): number;
}

let libc: Libc | undefined;

function loadLibc(): Libc {
  if (libc) return libc;
  const require = createRequire(import.meta.url);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load(null as unknown as string);
  const ioctl = lib.func('int ioctl(int fd, unsigned long req, ...)');
  const tcsendbreak = lib.func('int tcsendbreak(int fd, int duration)');
  libc = {
    ioctlInt: (fd, req, v) => ioctl(fd, req, 'int *', v) as number,
    ioctlBuf: (fd, req, b) => ioctl(fd, req, 'void *', b) as number,
    tcsendbreak: (fd, d) => tcsendbreak(fd, d) as number,
    errno: () => koffi.errno(),
  };
  return libc;
}

export class ModemLineError extends Error {
  constructor(readonly call: string, readonly errno: number) {
    super(`${call}: ${strerror(errno)}`);
  }
}

/** strerror() of an errno number */
export const strerror = (e: number): string => errnoText(e);

/** ser_open() for a line-only port: O_RDWR|O_NOCTTY|O_NONBLOCK (no speed change, no data). */
export function openModemLines(path: string): ModemLines {
  const c = loadLibc();
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  let open = true;
  return {
    path,
    get() {
      const v = new Int32Array(1);
      if (c.ioctlInt(fd, TIOCMGET, v) !== 0) throw new ModemLineError('ioctl TIOCMGET', c.errno());
      return v[0]!;
    },
    set(bits) {
      const v = new Int32Array([bits]);
      if (c.ioctlInt(fd, TIOCMSET, v) !== 0) throw new ModemLineError('ioctl TIOCMSET', c.errno());
    },
    sendBreak(duration) {
      if (c.tcsendbreak(fd, duration) !== 0) throw new ModemLineError('tcsendbreak', c.errno());
    },
    noHangupOnClose() {
      const t = Buffer.alloc(64);
      if (c.ioctlBuf(fd, TCGETS, t) !== 0) throw new ModemLineError('tcgetattr', c.errno());
      t.writeUInt32LE(t.readUInt32LE(8) & ~HUPCL, 8); // c_cflag
      if (c.ioctlBuf(fd, TCSETS, t) !== 0) throw new ModemLineError('tcsetattr', c.errno());
    },
    close() {
      if (open) { open = false; closeSync(fd); }
    },
  };
}
