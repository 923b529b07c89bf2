// The running tsnut answers `tsnut status` on a Unix socket in the state
// path (<statepath>/tsnut.ctl, mode 0660 like the driver sockets). One
// request line per connection: STATUS → one JSON line. Reload and stop go
// through the PID file and signals, as NUT's programs do.

import net from 'node:net';
import { chmodSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const CONTROL_NAME = 'tsnut.ctl';
const MAX_REQUEST = 256;

export function controlPath(statePath: string): string {
  return join(statePath, CONTROL_NAME);
}

export class ControlServer {
  private server: net.Server | undefined;
  constructor(private readonly path: string, private readonly snapshot: () => unknown) {}

  async listen(): Promise<void> {
    try { unlinkSync(this.path); } catch { /* none */ }
    this.server = net.createServer((c) => {
      let buf = '';
      c.setTimeout(5000, () => c.destroy());
      c.on('error', () => c.destroy());
      c.on('data', (d) => {
        buf += d.toString('latin1');
        if (buf.length > MAX_REQUEST) { c.end('ERR request too long\n'); return; }
        const i = buf.indexOf('\n');
        if (i < 0) return;
        const req = buf.slice(0, i).trim();
        if (req === 'STATUS') c.end(JSON.stringify(this.snapshot()) + '\n');
        else c.end('ERR unknown request\n');
      });
    });
    await new Promise<void>((res, rej) => {
      this.server!.once('error', rej);
      this.server!.listen(this.path, () => res());
    });
    chmodSync(this.path, 0o660);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((r) => this.server!.close(() => r()));
    try { unlinkSync(this.path); } catch { /* gone */ }
  }
}

/** Ask a running tsnut for its status snapshot. */
export function queryStatus(path: string, timeoutMs = 5000): Promise<unknown> {
  return new Promise((res, rej) => {
    const c = net.connect(path);
    let buf = '';
    const t = setTimeout(() => { c.destroy(); rej(new Error('no answer')); }, timeoutMs);
    c.on('connect', () => c.write('STATUS\n'));
    c.on('data', (d) => {
      buf += d.toString('utf8');
      if (buf.length > 4 * 1024 * 1024) { c.destroy(); clearTimeout(t); rej(new Error('answer too long')); }
    });
    c.on('error', (e) => { clearTimeout(t); rej(e); });
    c.on('end', () => {
      clearTimeout(t);
      try { res(JSON.parse(buf)); } catch { rej(new Error(`bad answer: ${buf.slice(0, 80)}`)); }
    });
  });
}
