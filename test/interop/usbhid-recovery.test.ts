// Self-recovery: faults injected in the simulated USB device while the driver
// runs — unplug/replug (every transfer fails with ENODEV, as after a USB reset
// or a hub glitch), a device that stops answering (transfers time out), a
// stalled report, garbage reports. Ours must go DATASTALE at once, stay cheap
// while the device is away (CPU measured), and come back by itself with
// fresh data. The reference 2.8.0 is put through the same faults and what it
// does is recorded as test diagnostics (not asserted: it is the baseline we
// improve on).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { simSkip, startUsbDaemon, type Side, type UsbDaemon } from '../sims/usbhid-run.js';
import { syntheticApc } from '../sims/usbhid-model.js';

const skip = simSkip(false);
const refSkip = simSkip(true);

/** the driver process under the python simulator */
function driverPid(d: UsbDaemon): number {
  const py = d.proc.child.pid!;
  for (const t of readdirSync(`/proc/${py}/task`)) {
    const kids = readFileSync(`/proc/${py}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    if (kids.length) return kids[0]!;
  }
  throw new Error('driver process not found');
}

/** CPU seconds used by a process (or one of its threads: /proc/P/task/T) so far */
function cpuSeconds(pid: number, tid?: number): number {
  const f = readFileSync(tid ? `/proc/${pid}/task/${tid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / 100;
}

async function state(d: UsbDaemon): Promise<{ stale: boolean; charge: string | undefined }> {
  const all = await d.session.dumpAll(15000);
  const c = all.find((l) => l.startsWith('SETINFO battery.charge '));
  return { stale: all.includes('DATASTALE'), charge: c?.slice('SETINFO battery.charge '.length).replace(/"/g, '') };
}

async function until(d: UsbDaemon, cond: (s: { stale: boolean; charge: string | undefined }) => boolean, ms: number): Promise<number | undefined> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (cond(await state(d))) return (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

interface FaultRun { staleAfter?: number; cpuPercent: number; mainThreadPercent: number; simCpuPercent: number; recoveredAfter?: number; freshValue: boolean }

/** fault on → stale? → CPU over `holdS` → fault off → fresh data (charge changed while away)? */
async function fault(side: Side, on: string[], off: string[], args: string[] = [], holdS = 8): Promise<FaultRun> {
  const d = await startUsbDaemon(side, syntheticApc(), ['-i', '1', '-x', 'pollfreq=2', ...args]);
  try {
    assert.ok(await until(d, (s) => !s.stale && s.charge === '97', 15000) !== undefined, 'starts fresh');
    for (const c of on) await d.control(c);
    const staleAfter = await until(d, (s) => s.stale, 12000);
    const pid = driverPid(d);
    const c0 = cpuSeconds(pid);
    const m0 = cpuSeconds(pid, pid);
    const s0 = cpuSeconds(d.proc.child.pid!);
    await new Promise((r) => setTimeout(r, holdS * 1000));
    const cpuPercent = ((cpuSeconds(pid) - c0) / holdS) * 100;
    const mainThreadPercent = ((cpuSeconds(pid, pid) - m0) / holdS) * 100;
    const simCpuPercent = ((cpuSeconds(d.proc.child.pid!) - s0) / holdS) * 100;
    await d.control('set 0c 0c3c'); // the charge changed meanwhile: 60 %
    for (const c of off) await d.control(c);
    const recoveredAfter = await until(d, (s) => !s.stale && s.charge === '60', 40000);
    return { staleAfter, cpuPercent, mainThreadPercent, simCpuPercent, recoveredAfter, freshValue: recoveredAfter !== undefined };
  } finally {
    await d.stop();
  }
}

// While transfers hang unanswered, libusb's event thread polls umockdev's
// emulated usbdevfs fd, which is always ready: that costs CPU in the
// simulation only (the reference, single-threaded, shows it too: ~16 % here,
// ours ~10 % in the "node-usb events" thread). So for the silent device the
// driver's own (JavaScript) thread is what is bounded; for unplug, the whole process.
const FAULTS: [string, string[], string[], 'process' | 'main', string[]][] = [
  ['unplug / replug (ENODEV on every transfer)', ['unplug'], ['replug'], 'process', []],
  ['unplug / replug with pollonly', ['unplug'], ['replug'], 'process', ['-x', 'pollonly']],
  ['device stops answering (every transfer times out)', ['silent on'], ['silent off'], 'main', []],
  ['I/O errors on every control transfer (EPROTO)', ['ioerror on'], ['ioerror off'], 'process', ['-x', 'pollonly']],
];

for (const [name, on, off, bound, args] of FAULTS) {
  test(`self-recovery, ours: ${name}: stale at once, no CPU spinning, back without restart`, { skip, timeout: 120000 }, async (t) => {
    const r = await fault('ours', on, off, args);
    t.diagnostic(`ours: ${JSON.stringify(r)}`);
    assert.ok(r.staleAfter !== undefined && r.staleAfter < 8, `stale after ${r.staleAfter} s`);
    const cpu = bound === 'process' ? r.cpuPercent : r.mainThreadPercent;
    assert.ok(cpu < 5, `CPU (${bound}) while the device is away: ${cpu.toFixed(1)} %`);
    assert.ok(r.recoveredAfter !== undefined && r.recoveredAfter < 35, `recovered after ${r.recoveredAfter} s`);
  });

  test(`self-recovery, reference 2.8.0 on the same fault (recorded, not asserted): ${name}`, { skip: refSkip, timeout: 120000 }, async (t) => {
    // the reference may stop answering its socket while it waits on the device
    const r = await fault('ref', on, off, args).catch((e: Error) => ({ error: e.message }));
    t.diagnostic(`reference: ${JSON.stringify(r)}`);
  });
}

test('stalled and garbage reports: no crash, other values still read, clamped values, stays fresh', { skip, timeout: 60000 }, async () => {
  const d = await startUsbDaemon('ours', syntheticApc(), ['-i', '1', '-x', 'pollfreq=1']);
  try {
    assert.ok(await until(d, (s) => !s.stale && s.charge === '97', 15000) !== undefined);
    await d.control('stall 0d on'); // runtime report refuses
    await d.control('set 0c 0cff'); // charge 255 > LogMax 100: clamped
    await d.control('set 10 10ffffffff'); // a report longer than declared
    assert.ok(await until(d, (s) => !s.stale && s.charge === '100', 10000) !== undefined, 'clamped to LogMax, still fresh');
    await d.control('interrupt 063f'); // a status report by interrupt
    await d.control('interrupt ee0102'); // an unknown report ID
    await new Promise((r) => setTimeout(r, 2500));
    const all = await d.session.dumpAll();
    assert.ok(all.includes('DATAOK'), all.join('\n'));
  } finally {
    await d.stop();
  }
});

/** a USB reset in the middle of polling: gone for 600 ms, then back with a new charge */
async function resetRun(side: Side): Promise<{ sawStale: boolean; freshAfter?: number }> {
  const d = await startUsbDaemon(side, syntheticApc(), ['-i', '1', '-x', 'pollfreq=1']);
  try {
    assert.ok(await until(d, (s) => !s.stale && s.charge === '97', 15000) !== undefined, 'starts fresh');
    await d.control('set 0c 0c3c');
    await d.control('reset 600');
    let sawStale = false;
    const freshAfter = await until(d, (s) => { if (s.stale) sawStale = true; return !s.stale && s.charge === '60' && sawStale; }, 30000)
      ?? await until(d, (s) => !s.stale && s.charge === '60', 1000);
    return { sawStale, freshAfter };
  } finally {
    await d.stop();
  }
}

test('a USB reset mid-poll: ours goes stale and comes back with fresh data by itself; the reference recorded', { skip, timeout: 120000 }, async (t) => {
  const ours = await resetRun('ours');
  t.diagnostic(`ours: ${JSON.stringify(ours)}`);
  assert.ok(ours.freshAfter !== undefined && ours.freshAfter < 15, JSON.stringify(ours));
  if (!refSkip) t.diagnostic(`reference: ${JSON.stringify(await resetRun('ref').catch((e: Error) => ({ error: e.message })))}`);
});
