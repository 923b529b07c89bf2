// sd_notify(3) for tsnut under systemd (Type=notify): READY, RELOADING,
// STOPPING, WATCHDOG. Node cannot send Unix datagrams, so the libc calls go
// through koffi (already a dependency for the USB/serial transports); only
// loaded when NOTIFY_SOCKET is set, and any failure only disables it.

import { createRequire } from 'node:module';

export interface SdNotifier {
  send(state: string): boolean;
  /** WATCHDOG_USEC in ms when the watchdog is meant for this process */
  watchdogMs: number | undefined;
}

const AF_UNIX = 1;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const MSG_NOSIGNAL = 0x4000;
const SUN_PATH = 108;

/** sockaddr_un for a NOTIFY_SOCKET value ('@name' is the abstract namespace); undefined if unusable */
export function sockaddrUn(path: string): Buffer | undefined {
  if (!(path.startsWith('/') || path.startsWith('@'))) return undefined;
  const name = Buffer.from(path, 'utf8');
  if (name[0] === 0x40) name[0] = 0;
  const abstract = name[0] === 0;
  if (name.length + (abstract ? 0 : 1) > SUN_PATH) return undefined;
  const b = Buffer.alloc(2 + name.length + (abstract ? 0 : 1));
  b.writeUInt16LE(AF_UNIX, 0);
  name.copy(b, 2);
  return b;
}

/** WATCHDOG_USEC/WATCHDOG_PID → interval in ms, or undefined (sd_watchdog_enabled). */
export function watchdogMs(env: Record<string, string | undefined>, pid = process.pid): number | undefined {
  const us = Number(env.WATCHDOG_USEC);
  if (!env.WATCHDOG_USEC || !Number.isFinite(us) || us <= 0) return undefined;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return undefined;
  return Math.max(1, Math.floor(us / 1000));
}

export function sdNotify(env: Record<string, string | undefined>): SdNotifier | undefined {
  const path = env.NOTIFY_SOCKET;
  if (!path) return undefined;
  const addr = sockaddrUn(path);
  if (!addr) return undefined;
  let sendOne: (msg: string) => boolean;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const libc = koffi.load('libc.so.6');
    const socket = libc.func('int socket(int, int, int)');
    const sendto = libc.func('long sendto(int, const void *, size_t, int, const void *, uint32_t)');
    const close = libc.func('int close(int)');
    sendOne = (msg) => {
      const fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0) as number;
      if (fd < 0) return false;
      const b = Buffer.from(msg, 'utf8');
      const n = sendto(fd, b, b.length, MSG_NOSIGNAL, addr, addr.length) as number;
      close(fd);
      return n === b.length;
    };
  } catch {
    return undefined;
  }
  return { send: sendOne, watchdogMs: watchdogMs(env) };
}
