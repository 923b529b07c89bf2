// A scripted driver for tests: a Unix socket server at <state>/<driver>-<ups>
// that answers DUMPALL with a fixed dump, PING with PONG, SET/INSTCMD with
// TRACKING replies, and records what it was sent. Any upsd (ours or the
// reference) can connect to it.

import net from 'node:net';
import { chmodSync, unlinkSync } from 'node:fs';

export interface FakeDriver {
  path: string;
  received: string[];
  /** send a line to every connected client */
  broadcast(line: string): void;
  /** result code for the next tracked SET/INSTCMD replies */
  trackingResult: number;
  clientCount(): number;
  close(): Promise<void>;
}

export function fakeDriver(path: string, dump: string): Promise<FakeDriver> {
  const clients = new Set<net.Socket>();
  const received: string[] = [];
  const fd: FakeDriver = {
    path,
    received,
    trackingResult: 0,
    broadcast(line) { for (const c of clients) c.write(line.endsWith('\n') ? line : line + '\n'); },
    clientCount: () => clients.size,
    close: () => new Promise((r) => {
      for (const c of clients) c.destroy();
      server.close(() => r());
      try { unlinkSync(path); } catch { /* gone */ }
    }),
  };
  const server = net.createServer((c) => {
    clients.add(c);
    let buf = '';
    c.on('data', (d) => {
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        received.push(line);
        const w = line.split(' ');
        const kw = (w[0] ?? '').toUpperCase();
        if (kw === 'DUMPALL') c.write(dump.endsWith('\n') ? dump : dump + '\n');
        else if (kw === 'PING') c.write('PONG\n');
        else if ((kw === 'SET' || kw === 'INSTCMD') && w.length >= 2 && w[w.length - 2] === 'TRACKING') {
          c.write(`TRACKING ${w[w.length - 1]} ${fd.trackingResult}\n`);
        }
      }
    });
    c.on('error', () => {});
    c.on('close', () => clients.delete(c));
  });
  try { unlinkSync(path); } catch { /* none */ }
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(path, () => { chmodSync(path, 0o660); res(fd); });
  });
}
