// The small "driver query" dialog other programs use on a driver socket
// (sock-protocol.md §8): NOBROADCAST, PING/PONG, then a request with
// TRACKING <id>, read until the matching TRACKING reply.

import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { Tokenizer } from '../core/tokenizer.js';

/** Returns the TRACKING result, or undefined if the driver could not be asked. */
export function driverSocketRequest(path: string, request: string, timeoutMs = 5000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const id = randomUUID();
    const tok = new Tokenizer();
    const sock = net.connect(path);
    let stage = 0;
    const done = (r: number | undefined) => {
      clearTimeout(timer);
      if (!sock.destroyed) { sock.write('BROADCAST 1\n'); sock.end(); }
      resolve(r);
    };
    const timer = setTimeout(() => { sock.destroy(); resolve(undefined); }, timeoutMs);
    sock.on('connect', () => sock.write('NOBROADCAST\nPING\n'));
    sock.on('error', () => { clearTimeout(timer); resolve(undefined); });
    sock.on('data', (buf) => {
      for (const b of buf) {
        const r = tok.push(b);
        if (!r || r.kind !== 'line' || r.args.length === 0) continue;
        const kw = r.args[0]!.toUpperCase();
        if (stage === 0 && kw === 'PONG') { stage = 1; sock.write(`${request} TRACKING ${id}\n`); }
        else if (stage === 1 && kw === 'TRACKING' && r.args[1] === id) { done(parseInt(r.args[2] ?? '', 10)); return; }
      }
    });
  });
}
