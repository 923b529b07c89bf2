// Differential tests: the reference nutdrv_qx / blazer_ser and ours, each run
// with `-d 1` against its own copy of the same simulated device. Same variables
// (driver.version* aside), same exit code, same bytes sent to the device
// (autodetection probe order included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { assertSameRun, dumpRun } from '../sims/driver-run.js';
import { MegatecModel, EchoModel, type MegatecOptions, type MegatecState } from '../sims/megatec.js';
import type { DeviceModel } from '../sims/serial-sim.js';

const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference nutdrv_qx or socat missing' : false;

async function same(driver: string, model: () => DeviceModel, args: string[] = []): Promise<string[]> {
  return (await assertSameRun(driver, model, args)).ref.vars;
}

const megatec = (o: MegatecOptions = {}, s: Partial<MegatecState> = {}) => () => new MegatecModel(o, s);

const devices: [string, () => DeviceModel, string[]][] = [
  ['megatec (Q1/F/I)', megatec(), []],
  ['mustek (QS)', megatec({ statusCmd: 'QS' }), []],
  ['megatec/old (D)', megatec({ statusCmd: 'D' }), []],
  ['zinto (FW?)', megatec({ infoCmd: 'FW?' }), []],
  ['q1 (status only)', megatec({ infoCmd: null, ratings: false }), []],
  ['mecer (QPI → PI98, (ACK)', megatec({ qpi: '(PI98', ack: '(ACK' }), []],
  ['voltronic-qs (M → V, QS)', megatec({ m: 'V', statusCmd: 'QS', infoCmd: null }), []],
  ['M → T (QS-Hex letter) with a "(" QS reply: falls through to mustek', megatec({ m: 'T', statusCmd: 'QS' }), []],
  ['hunnox (protocol=hunnox)', megatec({ infoCmd: 'FW?', ack: 'UPS No Ack' }), ['-x', 'protocol=hunnox']],
  ['nothing understood (echo): every subdriver probed', () => new EchoModel(), []],
  ['on battery, low battery, test, shutdown active, failed', megatec({}, { utilFail: true, battLow: true, test: true, shutdown: true, upsFail: true, inV: 0, outV: 230 }), []],
  ['buck (trim) and standby type, beeper off', megatec({}, { boost: true, outV: 210, inV: 240, standby: true, beeper: false }), []],
  ['boost', megatec({}, { boost: true, outV: 230, inV: 200 }), []],
  ['24 V battery pack, odd numbers', megatec({}, { battV: 27.3, ratedBattV: 24, load: 7, freq: 49.9, temp: 31.5, inV: 221.4 }), []],
];

for (const [name, model, args] of devices) {
  test(`nutdrv_qx -d 1 matches the reference: ${name}`, { skip }, async () => { await same('nutdrv_qx', model, args); });
}

const options: [string, string[]][] = [
  ['protocol=megatec', ['-x', 'protocol=megatec']],
  ['protocol=zinto on a megatec device (claim fails)', ['-x', 'protocol=zinto']],
  ['norating novendor', ['-x', 'norating', '-x', 'novendor']],
  ['ignoresab', ['-x', 'ignoresab']],
  ['runtimecal', ['-x', 'runtimecal=240,100,720,50', '-x', 'chargetime=3600', '-x', 'idleload=5']],
  ['runtimecal incomplete (fatal)', ['-x', 'runtimecal=240,100']],
  ['default.battery.voltage.high/low', ['-x', 'default.battery.voltage.high=13.2', '-x', 'default.battery.voltage.low=10.8']],
  ['ondelay/offdelay', ['-x', 'ondelay=300', '-x', 'offdelay=45']],
  ['override.* (battery.voltage.nominal, ups.type)', ['-x', 'override.battery.voltage.nominal=24', '-x', 'override.ups.type=custom']],
  ['default.battery.packs', ['-x', 'default.battery.packs=2']],
  ['offdelay out of range (fatal)', ['-x', 'offdelay=5']],
  ['pollfreq', ['-x', 'pollfreq=10']],
  ['cablepower=reverse', ['-x', 'cablepower=reverse']],
  ['cablepower invalid (fatal)', ['-x', 'cablepower=sideways']],
];

for (const [name, args] of options) {
  test(`nutdrv_qx -d 1 matches the reference with ${name}`, { skip }, async () => { await same('nutdrv_qx', megatec({}, { battV: 12.9 }), args); });
}

const blazerDevices: [string, () => DeviceModel, string[]][] = [
  ['megatec', megatec(), []],
  ['mustek', megatec({ statusCmd: 'QS' }), []],
  ['megatec/old', megatec({ statusCmd: 'D' }), []],
  ['zinto', megatec({ infoCmd: 'FW?' }), []],
  ['no vendor/rating answers', megatec({ infoCmd: null, ratings: false }), []],
  ['echo (no supported UPS)', () => new EchoModel(), []],
  ['on battery + alarms', megatec({}, { utilFail: true, battLow: true, shutdown: true, upsFail: true, boost: true, outV: 250, inV: 200 }), []],
  ['norating novendor', megatec(), ['-x', 'norating', '-x', 'novendor']],
  ['runtimecal', megatec(), ['-x', 'runtimecal=240,100,720,50']],
  ['ondelay/offdelay', megatec(), ['-x', 'ondelay=2', '-x', 'offdelay=90']],
  ['offdelay out of range (fatal)', megatec(), ['-x', 'offdelay=700']],
  ['default.battery.voltage.high/low', megatec(), ['-x', 'default.battery.voltage.high=13.2', '-x', 'default.battery.voltage.low=10.8']],
];

for (const [name, model, args] of blazerDevices) {
  test(`blazer_ser -d 1 matches the reference: ${name}`, { skip }, async () => { await same('blazer_ser', model, args); });
}

// -k: the shutdown sequence on the wire and the exit status
const shutdowns: [string, string, () => DeviceModel, string[]][] = [
  ['nutdrv_qx', 'defaults', megatec(), []],
  ['nutdrv_qx', 'stayoff, offdelay=120', megatec(), ['-x', 'stayoff', '-x', 'offdelay=120']],
  ['nutdrv_qx', 'ondelay=0 offdelay=12', megatec(), ['-x', 'ondelay=0', '-x', 'offdelay=12']],
  ['nutdrv_qx', 'mecer ((ACK replies)', megatec({ qpi: '(PI98', ack: '(ACK' }), []],
  ['nutdrv_qx', 'unsupported device', () => new EchoModel(), []],
  ['nutdrv_qx', 'voltronic-qs', megatec({ m: 'V', statusCmd: 'QS', infoCmd: null }), []],
  ['blazer_ser', 'defaults', megatec(), []],
  ['blazer_ser', 'ondelay=0 offdelay=60', megatec(), ['-x', 'ondelay=0', '-x', 'offdelay=60']],
];
for (const [driver, name, model, args] of shutdowns) {
  test(`${driver} -k sends what the reference sends: ${name}`, { skip }, async () => {
    const [ref, ours] = await Promise.all([dumpRun('ref', driver, model, args, 60000, ['-k']), dumpRun('ours', driver, model, args, 60000, ['-k'])]);
    if (name !== 'unsupported device') assert.ok(ref.sent.some((c) => /^S[.\d]/.test(c)), `no shutdown command sent: ${ref.sent.join(' ')}`);
    assert.deepEqual(ours.sent, ref.sent, `ref stderr ${ref.stderr}\nour stderr ${ours.stderr}`);
    assert.equal(ours.code, ref.code, `ref stderr ${ref.stderr}\nour stderr ${ours.stderr}`);
  });
}
