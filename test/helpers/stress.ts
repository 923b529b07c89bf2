// Bounded stress helpers: a process's RSS, and a probe that keeps asking
// another question of a server and records how long each answer took.

import { readFileSync } from 'node:fs';
import net from 'node:net';

/** VmRSS of a process in kB (0 once it is gone). */
export function rssKb(pid: number): number {
  try {
    return parseInt(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!, 10);
  } catch {
    return 0;
  }
}

/** Connect (TCP port or Unix socket path), send `req`, resolve with the ms until `expect` is seen (Infinity on timeout). */
export function timedAsk(target: number | string, req: string, expect: RegExp, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = typeof target === 'number' ? net.connect(target, '127.0.0.1') : net.connect(target);
    let got = '';
    const done = (ms: number) => { clearTimeout(t); c.destroy(); resolve(ms); };
    const t = setTimeout(() => done(Infinity), timeoutMs);
    c.on('connect', () => c.write(req));
    c.on('data', (d) => { got += d.toString('latin1'); if (expect.test(got)) done(performance.now() - t0); });
    c.on('error', () => done(Infinity));
  });
}

/**
 * Every `everyMs` until `stop()`: sample the server's RSS and ask the probe
 * question; returns the peak RSS and the slowest answer.
 */
export function watch(pid: number, ask: () => Promise<number>, everyMs = 200): { stop(): Promise<{ peakRssKb: number; worstMs: number; asked: number; times: number[] }> } {
  let peak = rssKb(pid);
  let worst = 0;
  let asked = 0;
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const ms = await ask();
      asked++;
      times.push(ms);
      worst = Math.max(worst, ms);
      peak = Math.max(peak, rssKb(pid));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      peak = Math.max(peak, rssKb(pid));
      return { peakRssKb: peak, worstMs: worst, asked, times };
    },
  };
}
