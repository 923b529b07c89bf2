// usbhid-ups on its driver socket, reference and ours on the same simulated
// APC: the same DUMPALL (commands, RW flags, string lengths, enums), and the
// same SET_REPORT bytes reaching the device for each instant command and SET.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simSkip, startUsbDaemon, type Side } from '../sims/usbhid-run.js';
import { syntheticApc } from '../sims/usbhid-model.js';
import { waitFor } from '../helpers/ref.js';

const skip = simSkip();

interface Session { decl: string[]; values: string[]; sets: string[][]; after: string[] }

const REQUESTS = [
  'INSTCMD beeper.disable', 'INSTCMD beeper.enable', 'INSTCMD beeper.mute', 'INSTCMD beeper.off',
  'INSTCMD test.battery.start.quick', 'INSTCMD test.battery.start.deep', 'INSTCMD test.battery.stop',
  'INSTCMD load.off.delay', 'INSTCMD load.on.delay 40', 'INSTCMD load.off', 'INSTCMD shutdown.stayoff', 'INSTCMD shutdown.return',
  'INSTCMD no.such.command',
  'SET battery.charge.low "25"', 'SET battery.runtime.low "200"', 'SET ups.delay.shutdown "60"', 'SET ups.delay.start "90"',
  'SET input.transfer.low "170"', 'SET battery.mfr.date "2021/03/04"', 'SET ups.beeper.status "disabled"', 'SET no.such.var "1"',
];

async function session(side: Side): Promise<Session> {
  const d = await startUsbDaemon(side, syntheticApc(), ['-x', 'pollonly', '-i', '1']);
  try {
    const all = await d.session.dumpAll();
    const decl = all.filter((l) => !l.startsWith('SETINFO ') && l !== 'DATAOK').sort();
    const values = all.filter((l) => l.startsWith('SETINFO ') && !/^SETINFO driver\.version/.test(l)).sort();
    const sets: string[][] = [];
    for (const r of REQUESTS) {
      const before = d.simLog().length;
      await d.session.request(r, 20000);
      // a command's writes land before its reply; shutdown.* pause 125 ms between two writes
      await new Promise((res) => setTimeout(res, 400));
      sets.push(d.simLog().slice(before).filter((l) => l.startsWith('SET ')));
    }
    // the next full update shows what the device now reports
    await waitFor(async () => (await d.session.dumpAll()).some((l) => l === 'SETINFO ups.beeper.status "disabled"'), 15000, 300).catch(() => undefined);
    const after = (await d.session.dumpAll()).filter((l) => /^SETINFO (ups\.beeper\.status|battery\.charge\.low|ups\.delay)/.test(l)).sort();
    return { decl, values, sets, after };
  } finally {
    await d.stop();
  }
}

test('driver socket: same DUMPALL declarations and values, same SET_REPORT bytes per command and SET', { skip, timeout: 240000 }, async () => {
  const ref = await session('ref');
  const ours = await session('ours');
  assert.deepEqual(ours.decl, ref.decl);
  assert.ok(ref.decl.some((l) => l.startsWith('ADDCMD beeper.disable')), ref.decl.join('\n'));
  assert.deepEqual(ours.values, ref.values);
  for (let i = 0; i < REQUESTS.length; i++) assert.deepEqual(ours.sets[i], ref.sets[i], REQUESTS[i]);
  assert.ok(ref.sets[0]!.length > 0, 'beeper.disable writes to the device');
  assert.deepEqual(ours.after, ref.after);
  if (process.env.USBHID_SHOW) console.log(JSON.stringify({ decl: ref.decl, sets: ref.sets, after: ref.after }, null, 1));
});

/** interrupt-IN reports reach the variables the same way (between full updates) */
async function interruptRun(side: Side): Promise<string[]> {
  const d = await startUsbDaemon(side, syntheticApc(), ['-i', '1', '-x', 'pollfreq=300']);
  try {
    await d.session.dumpAll();
    await d.control('interrupt 0c32'); // RemainingCapacity (input report 12): 50 %
    await d.control('interrupt 0d1027'); // RunTimeToEmpty: 10000 s
    await d.control('interrupt 060a'); // status: discharging, no AC
    const pick = (all: string[]) => all.filter((l) => /^SETINFO (battery\.charge|battery\.runtime|ups\.status) /.test(l)).sort();
    let got: string[] = [];
    await waitFor(async () => {
      got = pick(await d.session.dumpAll());
      return got.includes('SETINFO battery.charge "50"') && got.includes('SETINFO battery.runtime "10000"');
    }, 20000, 300).catch(() => undefined);
    return got;
  } finally {
    await d.stop();
  }
}

test('interrupt pipe: input reports update the same variables as the reference', { skip, timeout: 120000 }, async () => {
  const ref = await interruptRun('ref');
  const ours = await interruptRun('ours');
  assert.ok(ref.includes('SETINFO battery.charge "50"'), ref.join('\n'));
  assert.deepEqual(ours, ref);
});

// Every subdriver's table on a device carrying all its paths (test/sims/usbhid-tables.ts):
// the same commands, RW flags, string lengths and enums on the driver socket.
import { subdriver_list } from '../../src/drivers/usbhid-ups/subdrivers/index.js';
import { modelFromTable } from '../sims/usbhid-tables.js';

async function declarations(side: Side, sd: (typeof subdriver_list)[number]): Promise<string[]> {
  const id = sd.ids[0]!;
  const model = modelFromTable(sd, { vendorId: id.vendorId, productId: id.productId, secondChoice: false, special: new Map(), hidInterface: 0 });
  const d = await startUsbDaemon(side, model, ['-x', 'pollonly']);
  try {
    return (await d.session.dumpAll()).filter((l) => !l.startsWith('SETINFO ') && l !== 'DATAOK' && l !== 'DATASTALE').sort();
  } finally {
    await d.stop();
  }
}

for (const name of ['MGE HID', 'APC HID', 'CyberPower HID', 'TrippLite HID', 'Belkin', 'PowerCOM HID']) {
  const sd = subdriver_list.find((s) => s.name.startsWith(name));
  test(`driver socket declarations (ADDCMD, SETFLAGS, SETAUX, ADDENUM) as the reference: ${sd?.name ?? name}`, { skip: skip || (!sd ? 'no such subdriver' : false), timeout: 60000 }, async () => {
    const ref = await declarations('ref', sd!);
    const ours = await declarations('ours', sd!);
    assert.ok(ref.length > 3, ref.join('\n'));
    assert.deepEqual(ours, ref);
  });
}
