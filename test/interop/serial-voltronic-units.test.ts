// Differential tests for whole Voltronic (QGS/QPI) units under nutdrv_qx: the reference
// and ours, each against its own copy of the same simulated unit. Protocols P00-P99 (single,
// two and three phase), working modes, warning and capability flags, the ups.conf-only
// settings (capabilities, bypass limits, battery number, phase angle, grid range, reset),
// -k, and INSTCMD/SET over the driver socket: same variables, exit code, bytes on the line
// and log lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { assertSameRun, driveSession, startDaemon, type Side } from '../sims/driver-run.js';
import { VoltronicModel, qgs } from '../sims/voltronic.js';
import { ourBin, run, waitFor } from '../helpers/ref.js';

const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference nutdrv_qx or socat missing' : false;

type Over = Record<string, string | null>;

async function same(over: Over, args: string[] = [], mode?: string[]): Promise<string[]> {
  return (await assertSameRun('nutdrv_qx', () => new VoltronicModel(over), args, mode)).ref.sent;
}

const x = (...kv: string[]): string[] => kv.flatMap((a) => ['-x', a]);
const qgsValues = (vin: string, vout: string): string => `${vin} 50.0 ${vout} 50.0 000.0 012 369.1 ---.- 026.5 ---.- 018.8`;
const warnings = (bits: number[]): string => `(${Array.from({ length: 64 }, (_, i) => (bits.includes(i) ? '1' : '0')).join('')}`;
const P01 = { QPI: '(PI01' };
const threePhase: Over = {
  Q3PV: '(123.4 456.4 789.4 012.4 323.4 223.4', Q3OV: '(253.4 163.4 023.4 143.4 103.4 523.4', Q3OC: '(109 069 023',
  Q3LD: '(005 033 089', Q3PC: '(002 023 051',
};

const units: [string, Over][] = [
  ['P31 on-line unit (defaults)', {}],
  ['P01 230 V: bypass and ECO limits', { ...P01, QFLAG: '(EpashcjeDbroegfl' }],
  ['P01 120 V 60 Hz', { ...P01, QRI: '(120.0 008 024.0 60.0', QMD: '(#######OLHVT1K0 ###1000 80 1/1 120 120 02 12.0', QFLAG: '(EpashcjeDbroegfl', QHE: '(125 115', QFRE: '(63.0 57.0', QBYV: '(140 085', QBYF: '(61.0 59.0' }],
  ['P02 with ECO mode', { QPI: '(PI02', QFLAG: '(EpeaDbroshcjgfl', QBYV: '(276 110', QBYF: '(54.0 46.0', QFRE: '(54.0 46.0' }],
  ['P09 two-phase', { QPI: '(PI09', ...threePhase, Q3YV: '(303.4 245.4 126.4' }],
  ['P10 three-phase', { QPI: '(PI10', ...threePhase, Q3YV: '(303.4 245.4 126.4 222.4 293.4 321.4' }],
  ['P03 three-phase in, one out', { QPI: '(PI03', ...threePhase }],
  ['P00 bypass/boost/buck bit at nominal: AVR alarm', { QPI: '(PI00', QGS: qgs({ bypassBoostBuck: true }, qgsValues('230.0', '229.8')) }],
  ['P08 boost', { QPI: '(PI08', QGS: qgs({ bypassBoostBuck: true }, qgsValues('200.0', '229.8')) }],
  ['P13 trim', { QPI: '(PI13', QGS: qgs({ bypassBoostBuck: true }, qgsValues('250.0', '229.8')) }],
  ['P14 bypass', { QPI: '(PI14', QGS: qgs({ bypassBoostBuck: true }, qgsValues('230.0', '229.8')) }],
  ['P99 output far below input: status unreadable, init fails', { QPI: '(PI99', QGS: qgs({ bypassBoostBuck: true }, qgsValues('230.0', '100.8')) }],
  ['on battery, low battery, beeper off', { QMOD: '(B', QGS: qgs({ utilFail: true, battLow: true, beeper: false }) }],
  ['test and shutdown active, fault bit, line-interactive', { QGS: qgs({ test: true, shutdown: true, fault: true, type: '01' }) }],
  ['standby type 00', { QGS: qgs({ type: '00' }) }],
  ['invalid type 11', { QGS: qgs({ type: '11' }) }],
  ...['P', 'S', 'Y', 'T', 'F', 'E', 'C', 'D', 'X'].map((m): [string, Over] => [`QMOD ${m}`, { QMOD: `(${m}` }]),
  ['warnings raising LB, OVER, RB', { QWS: warnings([7, 8, 55]) }],
  ['unknown warnings only', { QWS: warnings([58, 59, 62]) }],
  ['known and unknown warnings', { QWS: warnings([0, 3, 58, 63]) }],
  ['40 warnings: listed as bit numbers', { QWS: warnings([...Array(40).keys()]) }],
  ['all 64 warnings: alarm buffer truncated', { QWS: warnings([...Array(64).keys()]) }],
  ['warnings garbage', { QWS: '(00000000000000000000000000000000000000000000000000000000000000x1' }],
  ['QFLAG "ED…" (read as all enabled)', { QFLAG: '(EDabc' }],
  ['QFLAG without D', { QFLAG: '(Epashcjaeroegfl' }],
  ['alarm control disabled', { QFLAG: '(EpshcjDbroegfla' }],
  ['alarm control enabled, beeper off', { QFLAG: '(EpashcjaDbroegfl', QGS: qgs({ beeper: false }) }],
  ['every capability enabled', { QFLAG: '(EpbovdflnqwrsgcjaeD' }],
  ['no capability', { QFLAG: '(D' }],
  ['serial all zeros', { QID: '(000000' }],
  ['parallel master', { QPAR: '(001' }],
  ['parallel slave', { QPAR: '(003' }],
  ['parallel id out of range', { QPAR: '(009' }],
  ['programmable outlets', { QSK1: '(1', QSK2: '(0', QSK3: '(1', QSK4: '(NAK', QSKT1: '(008', QSKT2: '(012', QSKT3: '(NAK', QSKT4: '(007' }],
  ['programmable outlets, garbage', { QSK1: '(x', QSKT1: '(0a8' }],
  ['battery low voltage 24 V', { RE0: '#24' }],
  ['F and I instead of QMD/QMF/QVFW', { QMF: null, QMD: null, QVFW: null, F: '#220.0 000 024.0 50.0', I: '#-------------   ------     VT12046Q  ' }],
  ['no ratings (QRI)', { QRI: null }],
  ['battery type AGM, grid range UPS', { QBT: '(02', QGR: '(01' }],
  ['battery type and grid range out of range', { QBT: '(03', QGR: '(1' }],
  ['phase angles 120/000', { QPD: '(120 000' }],
  ['QBV and QLDL garbage', { QBV: '(026.5 0x 1a 068 255', QLDL: '(0x5 080', QPD: '(1x0 000' }],
];
for (const [name, over] of units) {
  test(`voltronic -d 1 matches the reference: ${name}`, { skip }, async () => { await same(over); });
}

const options: [string, Over, string[]][] = [
  ['bypass_alarm=disabled (PDP sent)', {}, x('bypass_alarm=disabled')],
  ['bypass_alarm=enabled (already)', {}, x('bypass_alarm=enabled')],
  ['battery_alarm=bogus', {}, x('battery_alarm=bogus')],
  ['converter_mode=enabled on a unit without it', {}, x('converter_mode=enabled')],
  ['eco_mode=enabled alarm_control=disabled', {}, x('eco_mode=enabled', 'alarm_control=disabled')],
  ['ten capabilities switched off', { QFLAG: '(EpbovdflnqwrsgcjaeD' }, x('bypass_alarm=disabled', 'battery_alarm=disabled', 'bypass_when_off=disabled', 'converter_mode=disabled', 'battery_open_status_check=disabled', 'bypass_forbidding=disabled', 'site_fault_detection=disabled', 'advanced_eco_mode=disabled', 'constant_phase_angle=disabled', 'limited_runtime_on_battery=disabled')],
  ['P01 max_bypass_volt=230', P01, x('max_bypass_volt=230')],
  ['P01 max_bypass_volt=264 (already)', P01, x('max_bypass_volt=264')],
  ['P01 max_bypass_volt=250 (out of range)', P01, x('max_bypass_volt=250')],
  ['P01 min_bypass_volt=220', P01, x('min_bypass_volt=220')],
  ['P01 max_bypass_freq=60.0 min_bypass_freq=40', P01, x('max_bypass_freq=60.0', 'min_bypass_freq=40')],
  ['P01 max_bypass_freq=53.0 (already)', P01, x('max_bypass_freq=53.0')],
  ['P31 max_bypass_volt (P31 has no bypass limits)', {}, x('max_bypass_volt=230')],
  ['battery_number=3', {}, x('battery_number=3')],
  ['battery_number=12 (out of range)', {}, x('battery_number=12')],
  ['work_range_type=UPS', {}, x('work_range_type=UPS')],
  ['work_range_type=Appliance (already)', {}, x('work_range_type=Appliance')],
  ['output_phase_angle=120 (sends the index)', {}, x('output_phase_angle=120')],
  ['output_phase_angle=90', {}, x('output_phase_angle=90')],
  ['reset_to_default on line (refused)', {}, x('reset_to_default')],
  ['reset_to_default in standby', { QMOD: '(S' }, x('reset_to_default')],
  ['testing (QBDR)', {}, x('testing')],
  ['protocol=voltronic', {}, x('protocol=voltronic')],
  ['ondelay/offdelay', {}, x('ondelay=130', 'offdelay=45')],
  ['offdelay=6000 (out of range)', {}, x('offdelay=6000')],
  ['runtimecal on a unit without charge/runtime', { QBV: '(026.5 02 01 --- ---' }, x('runtimecal=240,100,720,50')],
];
for (const [name, over, args] of options) {
  test(`voltronic -d 1 matches the reference with ${name}`, { skip }, async () => { await same(over, args); });
}

const shutdowns: [string, Over, string[]][] = [
  ['defaults', {}, []],
  ['stayoff', {}, x('stayoff')],
  ['ondelay=0 offdelay=30', {}, x('ondelay=0', 'offdelay=30')],
  ['ondelay=600 offdelay=120', {}, x('ondelay=600', 'offdelay=120')],
  ['unit refuses', { 'S.5R0003': '(NAK', CS: '(NAK' }, []],
];
for (const [name, over, args] of shutdowns) {
  test(`voltronic -k sends what the reference sends: ${name}`, { skip }, async () => {
    const sent = await same(over, args, ['-k']);
    assert.ok(sent.some((c) => /^S[.\d]/.test(c)), `no shutdown command sent: ${sent.join(' ')}`);
  });
}

// ---- over the driver socket ----

const POLL = new Set(['F', 'I', 'RE0']);
const commandLog = (err: string): string[] => err.split('\n').filter((l) => /^(instcmd|setvar|The beeper|test\.battery|[a-z_.]+: (given value|value \[))/.test(l));

async function drive(side: Side, over: Over, requests: string[], expectSent: number) {
  const r = await driveSession(side, 'nutdrv_qx', new VoltronicModel(over), requests, expectSent, (c) => c.startsWith('Q') || POLL.has(c));
  return { ...r, log: commandLog(r.stderr) };
}

async function sameSession(over: Over, requests: string[], expectSent: number): Promise<void> {
  const [ref, ours] = await Promise.all([drive('ref', over, requests, expectSent), drive('ours', over, requests, expectSent)]);
  assert.ok(ref.dump.some((l) => l.startsWith('ADDCMD ')), 'reference published no command');
  assert.deepEqual(ours.dump, ref.dump, 'commands, flags, ranges and enums differ');
  assert.deepEqual(ours.values, ref.values, 'values differ');
  assert.deepEqual(ours.sent, ref.sent, 'bytes sent to the unit differ');
  assert.deepEqual(ours.log, ref.log, 'command log lines differ');
  assert.ok(ref.sent.length >= expectSent, `reference sent ${ref.sent.length}`);
}

test('voltronic P01 with ECO mode, alarm control and outlets: INSTCMD and SET send what the reference sends', { skip, timeout: 120000 }, async () => {
  const over: Over = { ...P01, RE0: '#24', QFLAG: '(EpashcjaeDbroegfl', QSK1: '(1', QSK2: '(0', QSKT1: '(008', QSKT2: '(NAK' };
  await sameSession(over, [
    'INSTCMD test.battery.start.quick', 'INSTCMD test.battery.start 120', 'INSTCMD test.battery.start 30', 'INSTCMD test.battery.start 5',
    'INSTCMD test.battery.start 1a', 'INSTCMD test.battery.stop', 'INSTCMD test.battery.start.deep', 'INSTCMD shutdown.stop',
    'INSTCMD load.on', 'INSTCMD load.off', 'SET ups.delay.shutdown "45"', 'INSTCMD shutdown.stayoff', 'SET ups.delay.start "0"',
    'INSTCMD shutdown.return', 'SET ups.delay.start "125"', 'SET ups.delay.shutdown "130"', 'INSTCMD shutdown.return',
    'INSTCMD beeper.toggle', 'INSTCMD beeper.disable', 'INSTCMD beeper.enable', 'INSTCMD bypass.start', 'INSTCMD bypass.stop',
    'INSTCMD outlet.1.load.off', 'INSTCMD outlet.2.load.on', 'SET ups.start.auto "yes"', 'SET battery.protection "no"',
    'SET outlet.1.delay.shutdown "120"', 'SET input.transfer.high "250"', 'SET input.transfer.low "210"',
    'SET input.frequency.high "52.0"', 'SET input.frequency.low "47.0"', 'SET battery.packs "4"', 'SET battery.voltage.low "28"',
  ], 25);
});

test('voltronic P31: battery type, beeper without alarm control, refused commands', { skip, timeout: 120000 }, async () => {
  await sameSession({ RE0: '#20', QFLAG: '(EpshcjDbroegfl', SON: '(NAK', CT: '(NAK' }, [
    'SET battery.type "AGM"', 'SET battery.type "Flooded"', 'INSTCMD beeper.toggle', 'INSTCMD load.on', 'INSTCMD test.battery.stop',
    'SET ups.start.battery "no"', 'SET outlet.0.switchable "no"', 'SET battery.voltage.low "24"', 'INSTCMD shutdown.return',
  ], 6);
});

// The Voltronic ups.conf options appear in -h and -L as in the reference (whose USB build adds
// a libusb banner and the list of USB subdrivers, which tsnut's serial nutdrv_qx does not have).
test('nutdrv_qx -h and -L list the same options as the reference, Voltronic ones included', { skip }, async () => {
  const usbOnly = (s: string): string => s.split('\n')
    .filter((l) => !l.startsWith('USB communication driver') && !l.startsWith("Acceptable values for 'subdriver'"))
    .join('\n').replace(/\n\n\n/g, '\n');
  for (const flag of ['-h', '-L']) {
    const [ref, ours] = await Promise.all([run('/lib/nut/nutdrv_qx', [flag]), run(ourBin('nutdrv_qx'), [flag])]);
    assert.equal(usbOnly(ours.stdout + ours.stderr), usbOnly(ref.stdout + ref.stderr), `${flag} differs`);
    assert.equal(ours.code, ref.code);
    assert.match(ours.stdout + ours.stderr, /max_bypass_volt|Maximum voltage for Bypass Mode/);
  }
});

// Deliberate difference: the 2.8.0 driver dereferences the missing value and dies (SIGSEGV)
// when a SET names a variable the unit never reported; ours refuses it and keeps serving.
test('voltronic: SET of a variable the unit never reported is refused and the driver lives on', { skip, timeout: 60000 }, async () => {
  const d = await startDaemon('ours', 'nutdrv_qx', new VoltronicModel(), ['-i', '1']);
  try {
    d.sim.clearLog();
    await d.session.request('SET battery.voltage.low "24"');
    await d.session.request('INSTCMD test.battery.start.quick');
    await waitFor(() => d.sim.commands().includes('T'), 10000);
    assert.ok(!d.sim.commands().some((c) => c.startsWith('W0E')), `sent ${d.sim.commands().join(' ')}`);
    assert.equal(d.proc.child.exitCode, null);
    assert.match(d.proc.stderr(), /setvar\(battery\.voltage\.low, 24\)/);
  } finally {
    await d.stop();
  }
});

// Full updates (every pollfreq seconds) ask the non-static queries again; a power failure with a
// low-battery warning shows in the values either way.
test('voltronic full updates (pollfreq=2) through a power failure: same queries, values and log', { skip, timeout: 60000 }, async () => {
  const run = async (side: Side) => {
    const model = new VoltronicModel({ ...P01, QFLAG: '(EpashcjaeDbroegfl', QWS: warnings([7]), RE0: '#20' });
    const d = await startDaemon(side, 'nutdrv_qx', model, ['-i', '1', '-x', 'pollfreq=2']);
    try {
      d.sim.clearLog();
      await new Promise((r) => setTimeout(r, 4500));
      model.replies.QGS = qgs({ utilFail: true, battLow: true });
      model.replies.QMOD = '(B';
      await new Promise((r) => setTimeout(r, 4500));
      const values = (await d.session.dumpAll()).filter((l) => /^SETINFO (ups|battery|input|output)\./.test(l));
      // each full update logs the warnings again: how many fit in the window is timing, so distinct lines
      const log = [...new Set(d.proc.stderr().split('\n').filter((l) => !l.startsWith('sock_connect')))];
      return { sent: d.sim.commands().join(' '), values, log };
    } finally {
      await d.stop();
    }
  };
  const [ref, ours] = await Promise.all([run('ref'), run('ours')]);
  for (const r of [ref, ours]) assert.match(r.sent, /QGS QMOD QWS QBV QLDL QGS/, 'no full update seen');
  assert.ok(ref.values.includes('SETINFO ups.status "ALARM OB LB"'), ref.values.join('\n'));
  assert.deepEqual(ours.values, ref.values);
  assert.deepEqual(ours.log, ref.log);
});
