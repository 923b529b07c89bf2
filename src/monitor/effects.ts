// The side effects of upsmon: notifications (wall, NOTIFYCMD), POWERDOWNFLAG,
// SHUTDOWNCMD, PID files. Thin wrappers; decisions live in core.ts/engine.ts.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { POWERDOWNFLAG_MAGIC } from '../config/upsmonconf.js';

/** Run a command line through /bin/sh (system(3)); resolves with the exit status. */
export function system(cmd: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((res) => {
    const c = spawn('/bin/sh', ['-c', cmd], { stdio: 'ignore', env });
    c.on('error', () => res(127));
    c.on('exit', (code, sig) => res(code ?? (sig ? 128 : 1)));
  });
}

/**
 * wall(1) with the message on stdin. Spawned on the next turn of the event
 * loop (in order): forking a node process costs milliseconds, and a broadcast
 * must not delay the request that follows the event (SET FSD, the shutdown).
 */
export function wall(msg: string): void {
  wallQueue.push(msg);
  if (wallQueue.length === 1) setImmediate(flushWalls);
}

const wallQueue: string[] = [];

function flushWalls(): void {
  for (const m of wallQueue.splice(0)) wallNow(m);
}

function wallNow(msg: string): void {
  try {
    const c = spawn('wall', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    c.on('error', () => { /* no wall on this system */ });
    c.stdin.on('error', () => { /* ignore */ });
    c.stdin.end(msg.endsWith('\n') ? msg : msg + '\n');
  } catch { /* ignore */ }
}

/**
 * Run NOTIFYCMD with UPSNAME/NOTIFYTYPE set and the message as the last
 * argument. Several tokens → exec directly (master); one token containing a
 * space → through the shell as `<cmd> "<msg>"` (2.8.0 configs keep working).
 */
export function execNotify(cmd: string[], type: string, ups: string, message: string, onError: (m: string) => void): Promise<void> {
  const env = { ...process.env, UPSNAME: ups, NOTIFYTYPE: type };
  let c;
  try {
    if (cmd.length === 1 && /\s/.test(cmd[0]!)) {
      const q = message.replace(/(["\\$`])/g, '\\$1');
      c = spawn('/bin/sh', ['-c', `${cmd[0]} "${q}"`], { stdio: 'ignore', env });
    } else {
      c = spawn(cmd[0]!, [...cmd.slice(1), message], { stdio: 'ignore', env });
    }
  } catch {
    onError(`notify: execvp(${cmd[0]}) failed`);
    return Promise.resolve();
  }
  return new Promise((res) => {
    c.on('error', () => { onError(`notify: execvp(${cmd[0]}) failed`); res(); });
    c.on('exit', () => res());
  });
}

/**
 * Runs notifiers one after another so that they see events in order (NUT
 * forks them all at once, so order is luck there); a notifier that hangs
 * only holds the queue for `maxWaitMs`.
 */
export class NotifyQueue {
  private chain: Promise<void> = Promise.resolve();
  constructor(private maxWaitMs = 10000) {}
  push(run: () => Promise<void>): void {
    this.chain = this.chain.then(() => new Promise<void>((res) => {
      const t = setTimeout(res, this.maxWaitMs);
      run().finally(() => { clearTimeout(t); res(); });
    }));
  }
  /** resolves once everything queued so far has run (or timed out) */
  drained(): Promise<void> { return this.chain; }
}

export type PdFlagState = 'set' | 'absent' | 'foreign';

export function pdFlagStatus(path: string | undefined): PdFlagState {
  if (!path) return 'absent';
  let text: string;
  try { text = readFileSync(path, 'latin1'); } catch { return 'absent'; }
  const first = text.split('\n')[0] ?? '';
  return first.startsWith(POWERDOWNFLAG_MAGIC) ? 'set' : 'foreign';
}

/** Create POWERDOWNFLAG with the magic and no newline; false on failure. */
export function writePdFlag(path: string | undefined): boolean {
  if (!path) return true;
  try { writeFileSync(path, POWERDOWNFLAG_MAGIC); return true; } catch { return false; }
}

export function removeFile(path: string): void {
  try { unlinkSync(path); } catch { /* gone */ }
}

export function writePid(file: string, pid = process.pid): void {
  writeFileSync(file, `${pid}\n`);
}

/** pid from a PID file, or a reason: 'find' (missing) / 'parse'. */
export function readPid(file: string): number | 'find' | 'parse' {
  let t: string;
  try { t = readFileSync(file, 'utf8'); } catch { return 'find'; }
  const n = parseInt(t.trim(), 10);
  return Number.isInteger(n) && n > 0 ? n : 'parse';
}
