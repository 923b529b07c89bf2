// A connected pty pair made by socat: the driver opens `drv`, a simulator `sim`.
// (A pty has no modem-control lines; see modem-lines sims for those.)

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair { drv: string; sim: string; close(): Promise<void> }

export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-pty-'));
  const drv = join(dir, 'ttyDRV');
  const sim = join(dir, 'ttySIM');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${drv}`, `pty,raw,echo=0,link=${sim}`], { stdio: 'ignore' });
  const end = Date.now() + 5000;
  while (!(existsSync(drv) && existsSync(sim))) {
    if (Date.now() > end || child.exitCode !== null) throw new Error('socat pty pair did not come up');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    drv, sim,
    async close() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
