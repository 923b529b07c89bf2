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
    await waitFor(() => existsSync(path), timeoutMs);
    const sock = await new Promise<net.Socket>((res, rej) => {
      const s = net.connect(path);
      s.once('connect', () => res(s));
      s.once('error', rej);
    });
    return new SockPeer(sock);
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
