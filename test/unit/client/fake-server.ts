// A scripted fake upsd for client tests: answers request lines from a table
// (exact line → reply lines) and records every line it received.

import net from 'node:net';

export type Script = Record<string, string | string[] | ((line: string, sock: net.Socket) => string | string[] | undefined)>;

export interface FakeServer {
  port: number;
  received: string[];
  /** number of data chunks received (to see pipelining) */
  chunks: number;
  server: net.Server;
  close(): Promise<void>;
}

export async function fakeServer(script: Script, opts: { path?: string } = {}): Promise<FakeServer> {
  const received: string[] = [];
  const socks = new Set<net.Socket>();
  const fs: FakeServer = { port: 0, received, chunks: 0, server: undefined as unknown as net.Server, close: async () => {} };
  const server = net.createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    const onData = (d: Buffer) => {
      fs.chunks++;
      buf += d.toString('latin1');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        received.push(line);
        let r: Script[string] | undefined = script[line] ?? script["*"];
        if (typeof r === 'function') r = r(line, sock);
        if (r === undefined) continue;
        const lines = Array.isArray(r) ? r : [r];
        if (lines.length) sock.write(lines.map((l) => l + '\n').join(''));
        if (line === 'LOGOUT') sock.end();
        if (line === 'STARTTLS' && lines[0] === 'OK STARTTLS') { sock.removeListener('data', onData); sock.emit('starttls'); return; }
      }
    };
    sock.on('data', onData);
  });
  fs.server = server;
  await new Promise<void>((res) => (opts.path ? server.listen(opts.path, res) : server.listen(0, '127.0.0.1', res)));
  if (!opts.path) fs.port = (server.address() as net.AddressInfo).port;
  fs.close = () => new Promise<void>((res) => { for (const s of socks) s.destroy(); server.close(() => res()); });
  return fs;
}
