// Helpers for interop tests: sandboxes, free ports, the reference NUT binaries.

import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

export const REF_DIR = '/lib/nut';
export const REF = {
  upsd: '/lib/nut/upsd',
  upsmon: '/lib/nut/upsmon',
  dummyUps: '/lib/nut/dummy-ups',
  upsdrvctl: existsSync('/lib/nut/upsdrvctl') ? '/lib/nut/upsdrvctl' : '/sbin/upsdrvctl',
  upsc: '/usr/bin/upsc',
  upscmd: '/usr/bin/upscmd',
  upsrw: '/usr/bin/upsrw',
  upslog: '/usr/bin/upslog',
  upssched: '/usr/sbin/upssched',
};
export const haveReference = existsSync(REF.upsd) && existsSync(REF.upsc);

/** Repository root (dist/test/helpers → ../../..) */
export const REPO = resolve(new URL('../../..', import.meta.url).pathname);
export function ourBin(name: string): string {
  return join(REPO, 'bin', name);
}

export interface Sandbox {
  dir: string;
  conf: string;
  state: string;
  env: NodeJS.ProcessEnv;
  write(name: string, content: string, mode?: number): string;
  cleanup(): void;
}

/** A fresh config + state dir pair and the env that points NUT at it. */
export function sandbox(prefix = 'tsnut-'): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const conf = join(dir, 'etc');
  const state = join(dir, 'state');
  for (const d of [conf, state]) {
    mkdirSync(d, { recursive: true });
  }
  chmodSync(state, 0o770);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NUT_CONFPATH: conf,
    NUT_STATEPATH: state,
    NUT_ALTPIDPATH: state,
    NUT_QUIET_INIT_UPSNOTIFY: 'true',
  };
  return {
    dir, conf, state, env,
    write(name, content, mode = 0o640) {
      const p = name.startsWith('/') ? name : join(conf, name);
      writeFileSync(p, content);
      chmodSync(p, mode);
      return p;
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}


/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => res(p));
    });
  });
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10000, stepMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 10000): Promise<void> {
  await waitFor(() => new Promise<boolean>((res) => {
    const c = net.connect(port, host);
    c.once('connect', () => { c.destroy(); res(true); });
    c.once('error', () => res(false));
  }), timeoutMs);
}

export interface Proc {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  kill(sig?: NodeJS.Signals): Promise<void>;
}

export function start(cmd: string, args: string[], opts: SpawnOptions = {}): Proc {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => { out += d; });
  child.stderr?.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill(sig = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(sig);
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

export interface RunResult { code: number | null; stdout: string; stderr: string }

export function run(cmd: string, args: string[], opts: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((res) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => { stdout += d; });
    child.stderr?.on('data', (d) => { stderr += d; });
    const t = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20000);
    child.on('close', (code) => { clearTimeout(t); res({ code, stdout, stderr }); });
    // a child that exits without reading its stdin must not crash the test with EPIPE
    child.stdin?.on('error', () => {});
    if (opts.input !== undefined) child.stdin?.end(opts.input); else child.stdin?.end();
  });
}

import { openSync, closeSync, readFileSync, unlinkSync } from 'node:fs';

const UPSMON_LOCK = '/tmp/tsnut-ref-upsmon.lock';

/**
 * The reference upsmon always writes /run/nut/upsmon.pid, so only one may run
 * at a time on the machine (across parallel test files and worktrees).
 */
export async function withRefUpsmonLock<T>(fn: () => Promise<T>, timeoutMs = 300000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(UPSMON_LOCK, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      try {
        const pid = parseInt(readFileSync(UPSMON_LOCK, 'utf8'), 10);
        if (pid && pid !== process.pid) {
          try { process.kill(pid, 0); } catch { unlinkSync(UPSMON_LOCK); continue; }
        }
      } catch { /* raced */ }
      if (Date.now() > end) throw new Error('withRefUpsmonLock: timed out');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  // under the lock no reference upsmon runs, so the PID file is stale; a stale
  // file whose PID was reused by another process makes upsmon exit 1 silently
  try { unlinkSync('/run/nut/upsmon.pid'); } catch { /* none */ }
  try {
    return await fn();
  } finally {
    try { unlinkSync(UPSMON_LOCK); } catch { /* gone */ }
  }
}

/**
 * Start the reference upsmon (call inside withRefUpsmonLock). If it exits at
 * once because /run/nut/upsmon.pid names a live process (a reused PID, or a
 * upsmon started outside the lock), remove the file and try again.
 */
export async function startRefUpsmon(args: string[], opts: SpawnOptions = {}): Promise<Proc> {
  for (let attempt = 0; ; attempt++) {
    try { unlinkSync('/run/nut/upsmon.pid'); } catch { /* none */ }
    const p = start(REF.upsmon, args, opts);
    const early = await Promise.race([p.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 700))]);
    if (!early || !/already running/.test(p.stdout() + p.stderr()) || attempt >= 10) return p;
    await new Promise((r) => setTimeout(r, 300));
  }
}
