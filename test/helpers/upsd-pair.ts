// Start the reference upsd and ours side by side over the same drivers:
// one state dir (both connect to the same driver sockets), two config dirs
// that differ only in LISTEN, two free ports.

import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { sandbox, freePort, start, waitForPort, REF, ourBin, type Proc, type Sandbox } from './ref.js';

export interface UpsdPair {
  box: Sandbox;
  refPort: number;
  ourPort: number;
  ref: Proc;
  ours: Proc;
  stop(): Promise<void>;
}

export interface PairConfig {
  upsConf: string;
  users: string;
  /** extra upsd.conf lines (besides LISTEN) */
  upsdConf?: string;
}

export async function startPair(cfg: PairConfig, box: Sandbox = sandbox('tsnut-pair-')): Promise<UpsdPair> {
  const refPort = await freePort();
  const ourPort = await freePort();
  const mk = (name: string, port: number) => {
    const dir = join(box.dir, name);
    mkdirSync(dir, { recursive: true });
    const w = (f: string, s: string) => { writeFileSync(join(dir, f), s); chmodSync(join(dir, f), 0o640); };
    w('ups.conf', cfg.upsConf);
    w('upsd.users', cfg.users);
    w('upsd.conf', `LISTEN 127.0.0.1 ${port}\n${cfg.upsdConf ?? ''}`);
    const pid = join(box.dir, `${name}-pid`);
    mkdirSync(pid, { recursive: true });
    return { ...box.env, NUT_CONFPATH: dir, NUT_ALTPIDPATH: pid };
  };
  const refEnv = mk('ref', refPort);
  const ourEnv = mk('ours', ourPort);
  const ref = start(REF.upsd, ['-F', '-u', 'root'], { env: refEnv });
  const ours = start(ourBin('upsd'), ['-F', '-u', 'root'], { env: ourEnv });
  await Promise.all([waitForPort(refPort), waitForPort(ourPort)]);
  return {
    box, refPort, ourPort, ref, ours,
    async stop() { await Promise.all([ref.kill(), ours.kill()]); },
  };
}

/**
 * Send `data` on a fresh connection, then (after `gapMs`, as a separate
 * segment) `tail`, and collect everything until the server closes or
 * `timeoutMs` passes.
 */
export function exchange(port: number, data: Buffer | string, tail = 'LOGOUT\n', gapMs = 0, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.setNoDelay(true);
    const chunks: Buffer[] = [];
    const t = setTimeout(() => c.destroy(), timeoutMs);
    c.on('connect', () => {
      if (gapMs === 0) c.write(Buffer.concat([Buffer.from(data as string, 'latin1'), Buffer.from(tail)]));
      else {
        c.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
        setTimeout(() => c.write(tail), gapMs);
      }
    });
    c.on('data', (d) => chunks.push(d));
    c.on('error', () => {});
    c.on('close', () => { clearTimeout(t); resolve(Buffer.concat(chunks).toString('latin1')); });
  });
}

/** Wait until GET VAR <ups> ups.status answers something other than WAIT/errors on a port. */
export async function waitForData(port: number, ups: string, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await exchange(port, `GET VAR ${ups} ups.status\n`);
    if (r.startsWith('VAR ') && !r.includes('"WAIT"')) return;
    if (Date.now() > end) throw new Error(`no data for ${ups} on port ${port}: ${r}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
