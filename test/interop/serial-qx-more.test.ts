// Differential tests for the BestUPS, Voltronic-QS-Hex and Ablerex subdrivers of
// nutdrv_qx: the reference and ours, each against its own copy of the same
// simulated unit. Same variables, exit code, bytes on the line and log lines;
// -k sends the same; INSTCMD/SET over the driver socket reach the unit alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { assertSameRun, driveSession, type Side } from '../sims/driver-run.js';
import { BestUpsModel, type BestUpsState } from '../sims/bestups.js';
import type { MegatecState } from '../sims/megatec.js';
import { QsHexModel, type QsHexState } from '../sims/voltronic-qs-hex.js';
import { AblerexModel, type AblerexState } from '../sims/ablerex.js';
import type { DeviceModel } from '../sims/serial-sim.js';

const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference nutdrv_qx or socat missing' : false;

async function same(model: () => DeviceModel, args: string[] = [], mode?: string[]): Promise<string[]> {
  return (await assertSameRun('nutdrv_qx', model, args, mode)).ref.sent;
}

// ---- BestUPS ----

const best = (b: Partial<BestUpsState> = {}, s: Partial<MegatecState> = {}) => () => new BestUpsModel(b, s);

const bestDevices: [string, () => DeviceModel, string[]][] = [
  ['Fortress 750 on line', best(), []],
  ['Fortress on line, boost bit', best({}, { boost: true, inV: 100, outV: 118 }), []],
  ['Patriot Pro (inverted bypass bit, no runtime), bit clear', best({ id: 'PRO,400,120,120,10.0,13.6', runtime: null }), []],
  ['Patriot Pro II, bit set = no boost', best({ id: 'PR2,400,120,120,10.0,13.6' }, { boost: true }), []],
  ['on battery, low battery', best({}, { utilFail: true, battLow: true, inV: 0, battV: 10.9, boost: true }), []],
  ['test and shutdown active, failed', best({}, { test: true, shutdown: true, upsFail: true }), []],
  ['Axxium with battery packs', best({ id: 'AX1,1500,120,120,20.0,27.6', packs: '02', m: '3' }), []],
  ['Sola 620, E model (230 V)', best({ id: '620,3000,230,230,40.0,100.6', packs: '01', m: '8' }, { inV: 231, inFaultV: 231, outV: 230, freq: 50 }), []],
  ['Sola 320 (no runtime)', best({ id: '320,320,230,230,10.0,13.6', runtime: null, m: '4' }), []],
  ['unknown model ID', best({ id: 'XYZ,750,120,120,20.0,27.6' }), []],
  ['ID too long: not a BestUPS', best({ id: 'FOR,10000,120,120,200.0,270.6' }), []],
  ['M out of range', best({ m: 'A' }), []],
];
for (const [name, model, args] of bestDevices) {
  test(`bestups -d 1 matches the reference: ${name}`, { skip }, async () => { await same(model, args); });
}

const bestOptions: [string, Partial<BestUpsState>, string[]][] = [
  ['protocol=bestups', {}, ['-x', 'protocol=bestups']],
  ['pins_shutdown_mode=2 (sent)', {}, ['-x', 'pins_shutdown_mode=2']],
  ['pins_shutdown_mode=4 on a unit set to 5', { pinsMode: 5 }, ['-x', 'pins_shutdown_mode=4']],
  ['pins_shutdown_mode=5 on a unit set to 5 (already set)', { pinsMode: 5 }, ['-x', 'pins_shutdown_mode=5']],
  ['pins_shutdown_mode=0 (already set)', {}, ['-x', 'pins_shutdown_mode=0']],
  ['pins_shutdown_mode=9 (out of range)', {}, ['-x', 'pins_shutdown_mode=9']],
  ['ignoresab', {}, ['-x', 'ignoresab']],
  ['ondelay/offdelay', {}, ['-x', 'ondelay=600', '-x', 'offdelay=3000']],
  ['norating (not a BestUPS option)', {}, ['-x', 'norating']],
];
for (const [name, b, args] of bestOptions) {
  test(`bestups -d 1 matches the reference with ${name}`, { skip }, async () => {
    await same(best(b, { shutdown: name === 'ignoresab' }), args);
  });
}

const bestShutdowns: [string, Partial<BestUpsState>, string[]][] = [
  ['defaults', {}, []],
  ['stayoff', {}, ['-x', 'stayoff']],
  ['ondelay=60 offdelay=1200', {}, ['-x', 'ondelay=60', '-x', 'offdelay=1200']],
  ['ondelay=0 (out of BestUPS range: fatal)', {}, ['-x', 'ondelay=0']],
  ['Patriot Pro', { id: 'PRO,400,120,120,10.0,13.6', runtime: null }, []],
];
for (const [name, b, args] of bestShutdowns) {
  test(`bestups -k sends what the reference sends: ${name}`, { skip }, async () => {
    const sent = await same(best(b), args, ['-k']);
    if (!name.includes('fatal')) assert.ok(sent.some((c) => /^S[.\d]/.test(c)), `no shutdown command sent: ${sent.join(' ')}`);
  });
}

// ---- over the driver socket ----

const POLL = new Set(['Q1', 'ID', 'RT', 'BP?', 'SS?', 'M', 'QS', 'F', 'I', 'Q5', 'At', 'TR']);
const drive = (side: Side, model: DeviceModel, requests: string[], expectSent: number, args: string[] = []) =>
  driveSession(side, 'nutdrv_qx', model, requests, expectSent, (c) => POLL.has(c), args);

test('bestups: commands, flags, ranges; INSTCMD and SET send what the reference sends', { skip, timeout: 90000 }, async () => {
  const requests = [
    'INSTCMD test.battery.start.quick', 'INSTCMD test.battery.start 120', 'INSTCMD test.battery.stop', 'INSTCMD test.battery.start.deep',
    'INSTCMD shutdown.stop', 'INSTCMD load.on', 'SET ups.delay.shutdown "130"', 'INSTCMD shutdown.stayoff',
    'SET ups.delay.start "0"', 'INSTCMD shutdown.return', 'SET battery.packs "3"', 'SET battery.packs "7"', 'INSTCMD load.off',
    'SET pins_shutdown_mode "3"', 'INSTCMD beeper.toggle',
  ];
  const model = () => new BestUpsModel({ id: 'AX1,1500,120,120,20.0,27.6', packs: '02' });
  const [ref, ours] = await Promise.all([drive('ref', model(), requests, 10), drive('ours', model(), requests, 10)]);
  assert.ok(ref.dump.some((l) => l.startsWith('ADDCMD ')), 'reference published no command');
  assert.deepEqual(ours.dump, ref.dump);
  assert.deepEqual(ours.sent, ref.sent);
});

// ---- Voltronic-QS-Hex ----

const hex = (h: Partial<QsHexState> = {}, s: Partial<MegatecState> = {}) => () => new QsHexModel(h, s);

const hexDevices: [string, () => DeviceModel, string[]][] = [
  ['protocol P on line', hex(), []],
  ['protocol T, ratings byte (60 Hz, 24 V, 120 V)', hex({ protocol: 'T', freq60: true, battCode: 1, outCode: 1 }, { inV: 118.5, outV: 120.2, freq: 59.9, battV: 27.1, load: 42 }), []],
  ['protocol T, 48 V, 240 V', hex({ protocol: 'T', battCode: 3, outCode: 4 }, { battV: 54.2 }), []],
  ['protocol T, 36 V, 220 V', hex({ protocol: 'T', battCode: 2, outCode: 2 }, { battV: 40.5 }), []],
  ['on battery, low battery, beeper off', hex({}, { utilFail: true, battLow: true, inV: 0, beeper: false, battV: 11.1 }), []],
  ['test, shutdown active, failed, standby, buck', hex({}, { test: true, shutdown: true, upsFail: true, standby: true, boost: true, inV: 245, outV: 229 }), []],
  ['escaped bytes (space, CR, LF, XON, XOFF in fields)', hex({}, { load: 32, inV: (0x0d0a * 53) / 13056, outV: (0x1113 * 53) / 13056, battV: (13 * 30) / 510 }), []],
  ['lower-case protocol letter t', hex({ protocol: 't' }), []],
  ['protocol letter V: not QS-Hex', hex({ protocol: 'V' }), []],
  ['QS reply with 9 fields: not supported', hex({ rawQs: '#\x6C\x01 \x35 \x6C\x01 \x35 \x03 \x51\x9A \x12\xD0 \xE6\x1E \x09\r' }), []],
  ['QS reply "N" (rejected)', hex({ rawQs: 'N\r' }), []],
  ['upstream sample reply', hex({ rawQs: '#\x6C\x01 \x35 \x6C\x01 \x35 \x03 \x51\x9A \x28\x02\x12\xD0 \xE6 \x1E \x09\r' }), []],
  ['protocol=voltronic-qs-hex, ignoresab', hex({}, { shutdown: true }), ['-x', 'protocol=voltronic-qs-hex', '-x', 'ignoresab']],
  ['offdelay above 540 (fatal)', hex(), ['-x', 'offdelay=600']],
];
for (const [name, model, args] of hexDevices) {
  test(`voltronic-qs-hex -d 1 matches the reference: ${name}`, { skip }, async () => { await same(model, args); });
}

for (const [name, h, args] of [['defaults', {}, []], ['stayoff offdelay=540', { protocol: 'T' }, ['-x', 'stayoff', '-x', 'offdelay=540']]] as [string, Partial<QsHexState>, string[]][]) {
  test(`voltronic-qs-hex -k sends what the reference sends: ${name}`, { skip }, async () => {
    const sent = await same(hex(h), args, ['-k']);
    assert.ok(sent.some((c) => /^S[.\d]/.test(c)), `no shutdown command sent: ${sent.join(' ')}`);
  });
}

test('voltronic-qs-hex: commands, flags, ranges; INSTCMD and SET send what the reference sends', { skip, timeout: 90000 }, async () => {
  const requests = [
    'INSTCMD beeper.toggle', 'INSTCMD test.battery.start.quick', 'INSTCMD shutdown.stop', 'INSTCMD load.on',
    'SET ups.delay.shutdown "130"', 'INSTCMD shutdown.stayoff', 'SET ups.delay.start "0"', 'SET ups.delay.start "120"',
    'INSTCMD shutdown.return', 'INSTCMD load.off', 'INSTCMD test.battery.start',
  ];
  const model = () => new QsHexModel({ protocol: 'T' });
  const [ref, ours] = await Promise.all([drive('ref', model(), requests, 7), drive('ours', model(), requests, 7)]);
  assert.ok(ref.dump.some((l) => l === 'ADDCMD test.battery.start.quick'), 'reference did not publish the T-only command');
  assert.deepEqual(ours.dump, ref.dump);
  assert.deepEqual(ours.sent, ref.sent);
});

// ---- Ablerex (only with protocol=ablerex: Megatec claims these units first) ----

const abl = (a: Partial<AblerexState> = {}, s: Partial<MegatecState> = {}) => () => new AblerexModel(a, s);
const P = ['-x', 'protocol=ablerex'];

const ablDevices: [string, () => DeviceModel, string[]][] = [
  ['GRs on line (per-cell battery voltage)', abl(), P],
  ['MSII: 240 V battery, error code, current', abl({ vb: 1360, vbc: 960, err: 3, oCur: 2, fout: 600 }, { battV: 272, ratedBattV: 240, ratedV: 230, ratedI: 43 }), P],
  ['no Q5/At/TR (echoed): block voltage', abl({ q5: false, runtime: null, tr: null }, { battV: 27.3 }), P],
  ['no Q5: per-cell voltage scaled', abl({ q5: false }, { battV: 1.95 }), P],
  ['on battery, low battery, battery abnormal', abl({}, { utilFail: true, battLow: true, upsFail: true, inV: 0, battV: 1.8 }), P],
  ['bypass bit, on-line type', abl({}, { boost: true }), P],
  ['bypass bit, standby type: buck', abl({}, { boost: true, standby: true, inV: 250, outV: 230 }), P],
  ['bypass bit, standby type: boost', abl({}, { boost: true, standby: true, inV: 200, outV: 225 }), P],
  ['output off (<50 V), test, shutdown active', abl({}, { outV: 0, test: true, shutdown: true }), P],
  ['runtime above 2^31 (C int wraps)', abl({ runtime: 0xF0000001 }), P],
  ['raw CR and LF bytes inside the binary Q5/At fields', abl({ runtime: 0x0d0a, oCur: 0x0d, fout: 0x0a0d }), P],
  ['norating novendor', abl(), [...P, '-x', 'norating', '-x', 'novendor']],
  ['autodetected: Megatec claims it', abl(), []],
];
for (const [name, model, args] of ablDevices) {
  test(`ablerex -d 1 matches the reference: ${name}`, { skip }, async () => { await same(model, args); });
}

for (const [name, args] of [['defaults', P], ['stayoff', [...P, '-x', 'stayoff']]] as [string, string[]][]) {
  test(`ablerex -k sends what the reference sends: ${name}`, { skip }, async () => {
    const sent = await same(abl(), args, ['-k']);
    assert.ok(sent.some((c) => /^S[.\d]/.test(c)), `no shutdown command sent: ${sent.join(' ')}`);
  });
}

test('ablerex: commands, flags, ranges; INSTCMD and SET send what the reference sends', { skip, timeout: 90000 }, async () => {
  const requests = [
    'INSTCMD beeper.toggle', 'INSTCMD test.battery.start 300', 'INSTCMD test.battery.stop', 'INSTCMD load.off',
    'INSTCMD load.on', 'SET ups.delay.shutdown "45"', 'INSTCMD shutdown.return', 'INSTCMD shutdown.stop',
  ];
  const [ref, ours] = await Promise.all([drive('ref', new AblerexModel(), requests, 7, P), drive('ours', new AblerexModel(), requests, 7, P)]);
  assert.ok(ref.dump.some((l) => l.startsWith('ADDCMD ')), 'reference published no command');
  assert.deepEqual(ours.dump, ref.dump);
  assert.deepEqual(ours.sent, ref.sent);
});
