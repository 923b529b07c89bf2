// Runs usbhid-ups (the reference or ours) against test/sims/usbhid-sim.py:
// one `-d 1` dump, or a daemon with its driver socket and the simulator's
// control socket (faults, power events, interrupt reports).

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { REPO, run, start, waitFor, ourBin, type Proc } from '../helpers/ref.js';
import { SockSession } from './driver-run.js';
import type { HidModel } from './usbhid-model.js';

export type Side = 'ref' | 'ours';
export const SIM = join(REPO, 'test/sims/usbhid-sim.py');
export const PY = '/usr/bin/python3';

/** why the USB simulation cannot run here, or false */
export function simSkip(needRef = true): string | false {
  if (needRef && !existsSync('/lib/nut/usbhid-ups')) return 'reference usbhid-ups missing';
  if (!existsSync('/usr/lib/x86_64-linux-gnu/libumockdev-preload.so.0') && !existsSync('/usr/lib/libumockdev-preload.so.0')) return 'umockdev missing';
  if (!existsSync('/usr/lib/x86_64-linux-gnu/girepository-1.0/UMockdev-1.0.typelib')) return 'gir1.2-umockdev-1.0 missing';
  return false;
}

export function driverCmd(side: Side): string {
  return side === 'ref' ? '/lib/nut/usbhid-ups' : ourBin('usbhid-ups');
}

export interface DumpResult {
  code: number | null;
  /** name: value lines without driver.version* */
  vars: string[];
  stdout: string;
  stderr: string;
  /** simulator log: GET/SET lines */
  sim: string[];
}

function prep(model: HidModel): { dir: string; modelFile: string; log: string; ctl: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-usb-'));
  const modelFile = join(dir, 'model.json');
  writeFileSync(modelFile, JSON.stringify(model));
  return { dir, modelFile, log: join(dir, 'sim.log'), ctl: join(dir, 'ctl.sock') };
}

const env = (dir: string): NodeJS.ProcessEnv => ({ ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir, NUT_ALTPIDPATH: dir });

/** `usbhid-ups -s sim -x port=auto ARGS -u root -d 1` (or `mode`) on a fresh simulated device */
export async function usbDump(side: Side, model: HidModel, args: string[] = [], mode: string[] = ['-d', '1'], timeoutMs = 60000): Promise<DumpResult> {
  const p = prep(model);
  try {
    const r = await run(PY, [SIM, p.modelFile, '--log', p.log, '--', driverCmd(side), '-s', 'sim', '-x', 'port=auto', ...args, '-u', 'root', ...mode],
      { env: env(p.dir), timeoutMs });
    const vars = r.stdout.split('\n').filter((l) => /^[a-z0-9_.]+: /i.test(l) && !l.startsWith('driver.version'));
    const sim = existsSync(p.log) ? readFileSync(p.log, 'utf8').split('\n').filter(Boolean) : [];
    return { code: r.code, vars, stdout: r.stdout, stderr: r.stderr, sim };
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
}

export interface UsbDaemon {
  proc: Proc;
  session: SockSession;
  dir: string;
  socket: string;
  /** simulator log lines so far */
  simLog(): string[];
  /** one control command to the simulator ("set 0c 0c64", "unplug", ...) */
  control(cmd: string): Promise<void>;
  stop(): Promise<void>;
}

/** A driver in the foreground on a simulated device, its socket open. */
export async function startUsbDaemon(side: Side, model: HidModel, args: string[] = []): Promise<UsbDaemon> {
  const p = prep(model);
  const proc = start(PY, [SIM, p.modelFile, '--log', p.log, '--control', p.ctl, '--', driverCmd(side), '-s', 'sim', '-x', 'port=auto', ...args, '-u', 'root', '-F'],
    { env: env(p.dir) });
  const socket = join(p.dir, 'usbhid-ups-sim');
  const d: UsbDaemon = {
    proc, dir: p.dir, socket, session: undefined as unknown as SockSession,
    simLog: () => (existsSync(p.log) ? readFileSync(p.log, 'utf8').split('\n').filter(Boolean) : []),
    control: (cmd) => new Promise((resolve, reject) => {
      const c = net.connect(p.ctl);
      let buf = '';
      c.on('connect', () => c.write(cmd + '\n'));
      c.on('data', (b) => { buf += b.toString(); if (buf.includes('\n')) { c.end(); buf.startsWith('ok') ? resolve() : reject(new Error(buf)); } });
      c.on('error', reject);
    }),
    async stop() {
      d.session?.close();
      await proc.kill('SIGTERM');
      rmSync(p.dir, { recursive: true, force: true });
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
    throw new Error(`${side} usbhid-ups did not come up: ${err}`, { cause: e });
  }
  return d;
}
