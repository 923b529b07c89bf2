// Runs a serial driver (reference or ours) against a fresh simulator on a pty
// pair, the way the differential tests need it: one `-d 1` dump, or a
// long-running instance reachable on its driver socket.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import assert from 'node:assert/strict';
import { run, start, waitFor, ourBin, type Proc } from '../helpers/ref.js';
import { ptyPair, type PtyPair } from './pty.js';
import { SerialSim, type DeviceModel } from './serial-sim.js';

export type Side = 'ref' | 'ours';

export function driverPath(side: Side, driver: string): string {
  return side === 'ref' ? `/lib/nut/${driver}` : ourBin(driver);
}

export interface DumpResult {
  code: number | null;
  /** `name: value` lines, driver.version* dropped, the port path replaced by PORT */
  vars: string[];
  /** with the port path replaced by PORT */
  stderr: string;
  stdout: string;
  /** commands the simulator received, in order */
  sent: string[];
}

/** One `-s sim -x port=... -u root -d 1` (or `mode`, e.g. -k) run against a new simulator built by `model()`. */
export async function dumpRun(side: Side, driver: string, model: () => DeviceModel, args: string[] = [], timeoutMs = 60000, mode: string[] = ['-d', '1']): Promise<DumpResult> {
  const pty = await ptyPair();
  const sim = new SerialSim(pty.sim, model());
  const state = mkdtempSync(join(tmpdir(), 'tsnut-drv-'));
  try {
    const r = await run(driverPath(side, driver), ['-s', 'sim', '-x', `port=${pty.drv}`, ...args, '-u', 'root', ...mode], {
      env: { ...process.env, NUT_STATEPATH: state, NUT_CONFPATH: state, NUT_ALTPIDPATH: state },
      timeoutMs,
    });
    const vars = r.stdout.split('\n')
      .filter((l) => /^[a-z0-9_.]+: /i.test(l) && !l.startsWith('driver.version'))
      .map((l) => l.split(pty.drv).join('PORT'));
    return { code: r.code, vars, stderr: r.stderr.split(pty.drv).join('PORT'), stdout: r.stdout, sent: sim.commands() };
  } finally {
    sim.close();
    await pty.close();
    rmSync(state, { recursive: true, force: true });
  }
}

/**
 * The differential check: the reference and ours, each on its own copy of the device, must print
 * the same variables, exit alike, send the same bytes and log the same lines. Both results are returned.
 */
export async function assertSameRun(driver: string, model: () => DeviceModel, args: string[] = [], mode?: string[]): Promise<{ ref: DumpResult; ours: DumpResult }> {
  const [ref, ours] = await Promise.all([dumpRun('ref', driver, model, args, 60000, mode), dumpRun('ours', driver, model, args, 60000, mode)]);
  assert.deepEqual(ours.vars, ref.vars, `variables differ\nref stderr: ${ref.stderr}\nour stderr: ${ours.stderr}`);
  assert.equal(ours.code, ref.code, `exit code: ref stderr ${ref.stderr}\nours ${ours.stderr}`);
  assert.deepEqual(ours.sent, ref.sent, 'bytes sent to the device differ');
  assert.equal(ours.stderr, ref.stderr, 'log messages differ');
  return { ref, ours };
}

export interface Daemon {
  proc: Proc;
  /** one connection kept open for the whole run (see SockSession) */
  session: SockSession;
  sim: SerialSim;
  pty: PtyPair;
  state: string;
  socket: string;
  stop(): Promise<void>;
}

/** A driver running in the foreground (`-F`) with its socket in a private state dir. */
export async function startDaemon(side: Side, driver: string, model: DeviceModel, args: string[] = []): Promise<Daemon> {
  const pty = await ptyPair();
  const sim = new SerialSim(pty.sim, model);
  const state = mkdtempSync(join(tmpdir(), 'tsnut-drv-'));
  const proc = start(driverPath(side, driver), ['-s', 'sim', '-x', `port=${pty.drv}`, ...args, '-u', 'root', '-F'], {
    env: { ...process.env, NUT_STATEPATH: state, NUT_CONFPATH: state, NUT_ALTPIDPATH: state },
  });
  const socket = join(state, `${driver}-sim`);
  const d: Daemon = {
    proc, sim, pty, state, socket, session: undefined as unknown as SockSession,
    async stop() {
      d.session?.close();
      await proc.kill('SIGTERM');
      sim.close();
      await pty.close();
      rmSync(state, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(async () => {
      if (!existsSync(socket)) return false;
      try { d.session = await SockSession.open(socket); return true; } catch { return false; }
    }, 30000, 100);
    await d.session.request('', 10000);
  } catch (e) {
    const err = proc.stderr();
    await d.stop();
    throw new Error(`${side} ${driver} did not come up: ${err}`, { cause: e });
  }
  return d;
}

export interface SessionRun {
  /** DUMPALL declarations (flags, ranges, enums, commands), sorted */
  dump: string[];
  /** DUMPALL values, sorted, without driver.version* and the port path */
  values: string[];
  /** what the device received after the dump, poll queries left out */
  sent: string[];
  stderr: string;
}

/**
 * A driver as a daemon on a fresh device: DUMPALL, then `requests` on its socket; waits until
 * `expectSent` non-poll commands reached the device (and 1.5 s more for stragglers), then stops it.
 */
export async function driveSession(side: Side, driver: string, model: DeviceModel, requests: string[], expectSent: number,
  isPoll: (cmd: string) => boolean, args: string[] = []): Promise<SessionRun> {
  const d = await startDaemon(side, driver, model, ['-i', '1', ...args]);
  const s = d.session;
  const nonPoll = (): string[] => d.sim.commands().filter((c) => !isPoll(c));
  try {
    const all = await s.dumpAll();
    const dump = all.filter((l) => !l.startsWith('SETINFO ') && l !== 'DATAOK').sort();
    const values = all.filter((l) => l.startsWith('SETINFO ') && !/^SETINFO driver\.(version|parameter\.port)/.test(l)).sort();
    d.sim.clearLog();
    for (const r of requests) await s.request(r);
    await waitFor(() => nonPoll().length >= expectSent, 30000);
    await new Promise((r) => setTimeout(r, 1500));
    return { dump, values, sent: nonPoll(), stderr: d.proc.stderr() };
  } finally {
    await d.stop();
  }
}

/** Send lines to a driver socket and collect the reply until `until` is seen. */
export function sockQuery(path: string, lines: string, until: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect(path);
    let buf = '';
    const t = setTimeout(() => { c.destroy(); reject(new Error(`socket: no '${until}' in ${JSON.stringify(buf)}`)); }, timeoutMs);
    c.on('connect', () => c.write(lines));
    c.on('data', (d) => {
      buf += d.toString();
      if (buf.includes(until)) { clearTimeout(t); c.destroy(); resolve(buf); }
    });
    c.on('error', (e) => { clearTimeout(t); reject(e); });
  });
}

/** DUMPALL → the sorted ADDCMD names and the SETINFO/flags/range lines */
export async function dumpAll(socket: string): Promise<{ cmds: string[]; lines: string[] }> {
  const out = await sockQuery(socket, 'DUMPALL\n', 'DUMPDONE');
  const lines = out.split('\n').filter((l) => l && l !== 'DUMPDONE');
  return { cmds: lines.filter((l) => l.startsWith('ADDCMD ')).map((l) => l.slice(7)).sort(), lines };
}

/**
 * One long-lived connection to a driver socket. (The 2.8.0 reference driver
 * can abort with "bit out of range 0 - FD_SETSIZE" when clients come and go
 * while it broadcasts, so tests keep one connection open.)
 */
export class SockSession {
  private buf = '';
  private waiters: (() => void)[] = [];
  private constructor(private readonly c: net.Socket) {
    c.on('data', (d) => { this.buf += d.toString(); for (const w of this.waiters.splice(0)) w(); });
    c.on('error', () => { /* surfaced as timeouts */ });
  }

  static open(path: string): Promise<SockSession> {
    return new Promise((resolve, reject) => {
      const c = net.connect(path);
      c.once('connect', () => resolve(new SockSession(c)));
      c.once('error', reject);
    });
  }

  /** send `line`, then PING; resolve with everything received up to the PONG */
  async request(line: string, timeoutMs = 10000): Promise<string> {
    this.buf = '';
    this.c.write(line ? `${line}\nPING\n` : "PING\n");
    const end = Date.now() + timeoutMs;
    while (!this.buf.includes('PONG\n')) {
      if (Date.now() > end) throw new Error(`no PONG after ${line}: ${JSON.stringify(this.buf)}`);
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 200); });
    }
    const i = this.buf.indexOf('PONG\n');
    const out = this.buf.slice(0, i);
    this.buf = this.buf.slice(i + 5);
    return out;
  }

  /** DUMPALL on this connection: the lines up to DUMPDONE */
  async dumpAll(timeoutMs = 10000): Promise<string[]> {
    this.buf = '';
    this.c.write('DUMPALL\n');
    const end = Date.now() + timeoutMs;
    while (!this.buf.includes('DUMPDONE\n')) {
      if (Date.now() > end) throw new Error('no DUMPDONE');
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 200); });
    }
    const lines = this.buf.slice(0, this.buf.indexOf('DUMPDONE\n')).split('\n').filter(Boolean);
    this.buf = '';
    return lines;
  }

  close(): void { this.c.destroy(); }
}
