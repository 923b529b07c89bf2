// Shared helpers for the driver interop tests: talk to a driver socket.

import net from 'node:net';
import { existsSync } from 'node:fs';
import { waitFor } from '../helpers/ref.js';

export class SockPeer {
  data = '';
  private constructor(readonly sock: net.Socket) {
    sock.on('data', (d) => { this.data += d.toString('latin1'); });
    sock.on('error', () => undefined);
  }
  static async connect(path: string, timeoutMs = 15000): Promise<SockPeer> {
    const end = Date.now() + timeoutMs;
    await waitFor(() => existsSync(path), timeoutMs);
    for (;;) {
      try {
        const sock = await new Promise<net.Socket>((res, rej) => {
          const s = net.connect(path);
          s.once('connect', () => res(s));
          s.once('error', rej);
        });
        return new SockPeer(sock);
      } catch (e) {
        // a stale socket file of a dead driver: wait for the new one
        if (Date.now() > end) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  send(s: string): void { this.sock.write(s); }
  /** wait until the received text contains `needle` (or a timeout) */
  async until(needle: string | RegExp, timeoutMs = 8000): Promise<void> {
    await waitFor(() => (typeof needle === 'string' ? this.data.includes(needle) : needle.test(this.data)), timeoutMs, 20);
  }
  take(): string { const d = this.data; this.data = ''; return d; }
  close(): void { this.sock.destroy(); }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

import { REF, freePort, run, start, waitForPort, type Proc, type Sandbox } from '../helpers/ref.js';

/** Start the reference upsd on a free loopback port in `sb` (ups.conf must exist). */
export async function startRefUpsd(sb: Sandbox, users = '[admin]\n password = pw\n actions = SET\n instcmds = ALL\n', extraConf = ''): Promise<{ proc: Proc; port: number }> {
  const port = await freePort();
  sb.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n${extraConf}`);
  sb.write('upsd.users', users);
  const proc = start(REF.upsd, ['-u', 'root', '-F'], { env: sb.env });
  await waitForPort(port);
  return { proc, port };
}

/** reference upsc <ups>@127.0.0.1:<port> [var] */
export async function refUpsc(sb: Sandbox, target: string, v?: string): Promise<{ code: number | null; out: string; err: string }> {
  const r = await run(REF.upsc, v ? [target, v] : [target], { env: sb.env, timeoutMs: 10000 });
  return { code: r.code, out: r.stdout.trim(), err: r.stderr.trim() };
}
