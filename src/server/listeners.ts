// upsd's listening sockets: TCP (LISTEN) and the tsnut Unix socket
// (LISTEN_UNIX), plus what to do with a connection over MAXCONN.

import net from 'node:net';
import { readFileSync, statSync, chmodSync, unlinkSync, existsSync } from 'node:fs';
import type { Logger } from '../core/logger.js';
import { errnoText } from './driverlink.js';

/** Deep backlog: the reference's 16 makes connect bursts wait seconds for SYN retries. */
const BACKLOG = 4096;

export function listenTcp(host: string, port: number, log: Logger, onConnection: (s: net.Socket) => void): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const srv = net.createServer({ noDelay: true });
    const h = host === '*' ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : host;
    srv.once('error', (e: NodeJS.ErrnoException) => {
      log.debug(3, `setuptcp: bind: ${errnoText(e)}`);
      log.err(`not listening on ${host} port ${port}`);
      resolve(undefined);
    });
    srv.listen({ host: h, port, backlog: BACKLOG, ipv6Only: h.includes(':') }, () => {
      log.info(`listening on ${host} port ${port}`);
      srv.on('connection', onConnection);
      resolve(srv);
    });
  });
}

export function listenUnix(path: string, mode: number | undefined, log: Logger, onConnection: (s: net.Socket) => void): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    // a stale socket file from an earlier run is replaced, as drivers do
    try { if (existsSync(path) && statSync(path).isSocket()) unlinkSync(path); } catch { /* bind reports it */ }
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      log.err(`not listening on ${path}: ${errnoText(e)}`);
      resolve(undefined);
    });
    srv.listen({ path, backlog: BACKLOG }, () => {
      try { chmodSync(path, mode ?? 0o660); } catch { /* keep default */ }
      log.info(`listening on ${path}`);
      srv.on('connection', onConnection);
      resolve(srv);
    });
  });
}

/** "::ffff:127.0.0.1" → "127.0.0.1", as inet_ntop on an AF_INET socket prints it. */
export function normalizeAddr(a: string | undefined): string {
  if (!a) return 'unknown';
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** Soft RLIMIT_NOFILE (Linux), for the default MAXCONN. */
export function openFileLimit(): number {
  try {
    const m = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return parseInt(m[1]!, 10);
  } catch { /* not Linux */ }
  return 1024;
}

/** Answer the first request of a connection over MAXCONN with an error, then close. */
export function refuse(sock: net.Socket): void {
  const t = setTimeout(() => sock.destroy(), 2000);
  sock.once('data', () => {
    clearTimeout(t);
    sock.end('ERR ACCESS-DENIED MAXCONN reached\n');
  });
  sock.on('error', () => sock.destroy());
  sock.on('close', () => clearTimeout(t));
}
