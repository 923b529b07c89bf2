// usbhid-ups engine on the in-memory USB fake with a small table written
// here: matching rules, status words, the init walk's mapping rules, commands
// and SETs as bytes, and self-recovery in simulated time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpsStore } from '../../../src/state/store.js';
import type { DriverContext } from '../../../src/driver/types.js';
import { fakeHidDevice, fakeUsbBus, type FakeHidDevice } from '../../../src/transports/usb-fake.js';
import { HidUpsEngine } from '../../../src/drivers/usbhid-ups/engine.js';
import { regexMatcher, exactMatcher, RegexError } from '../../../src/drivers/usbhid-ups/match.js';
import { statusWords, alarmTexts } from '../../../src/drivers/usbhid-ups/status.js';
import { HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING, type HidDeviceInfo, type HidInfo, type HidSubdriver } from '../../../src/drivers/usbhid-ups/subdriver.js';
import { syntheticApc } from '../../sims/usbhid-model.js';

const dev = (o: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({ vendorId: 0x051d, productId: 0x0002, vendor: ' American Power Conversion ', product: 'Back-UPS ES', serial: 'X1', bus: '001', device: null, bcdDevice: 0x100, ...o });

test('matching: whole-value, case-insensitive POSIX regexes; blanks trimmed; ids as 4 hex digits', () => {
  const cases: [Record<string, string>, Partial<HidDeviceInfo>, boolean][] = [
    [{}, {}, true],
    [{ vendorid: '051D' }, {}, true],
    [{ vendorid: '05' }, {}, false],
    [{ productid: '000[0-3]' }, {}, true],
    [{ vendor: 'american power conversion' }, {}, true],
    [{ product: 'Back-UPS' }, {}, false],
    [{ product: 'Back-UPS.*' }, {}, true],
    [{ serial: 'X[[:digit:]]' }, {}, true],
    [{ serial: '.+' }, { serial: null }, false],
    [{ bus: '00[12]' }, {}, true],
    [{ device: '' }, {}, true],
  ];
  for (const [opts, d, want] of cases) assert.equal(regexMatcher((k) => opts[k])(dev(d)), want, JSON.stringify([opts, d]));
  assert.throws(() => regexMatcher((k) => ({ vendor: '(' } as Record<string, string>)[k]), (e: unknown) => e instanceof RegexError && e.message === 'invalid regular expression: (null)');
  assert.equal(exactMatcher(dev())(dev({ bus: '003' })), true);
  assert.equal(exactMatcher(dev())(dev({ serial: 'X2' })), false);
});

test('status words and alarms as 2.8.0 computes them', () => {
  const cases: [string[], boolean, string][] = [
    [['online'], false, 'OL'],
    [['online', 'chrg'], false, 'OL CHRG'],
    [['online', 'chrg', 'fullycharged'], false, 'OL'],
    [[], false, 'OB'],
    [['dischrg', 'lowbatt'], false, 'OB DISCHRG LB'],
    [['online', 'dischrg'], false, 'OL DISCHRG'],
    [['online', 'dischrg'], true, 'OB DISCHRG'],
    [['online', 'dischrg', 'depleted', 'timelimitexp'], false, 'OL LB'],
    [['online', 'overload', 'replacebatt', 'trim', 'boost', 'bypassman', 'off', 'cal'], false, 'OL OVER RB TRIM BOOST BYPASS OFF CAL'],
  ];
  for (const [flags, od, want] of cases) assert.equal(statusWords(new Set(flags), od).words.join(' '), want, flags.join(','));
  assert.equal(statusWords(new Set(['online', 'dischrg']), false).warnOnlineDischarging, true);
  assert.equal(statusWords(new Set(['online', 'vrange']), false).transferReason, 'input voltage out of range');
  assert.deepEqual(alarmTexts(new Set(['replacebatt', 'bypassauto'])), ['Replace battery!', 'Automatic bypass mode!']);
});

// ------------------------------------------------------------ engine on the fake

const row = (name: string, flags: number, len: number, path: string | null, dfl: string | null, hidflags: number, lookup?: HidInfo['lookup']): HidInfo =>
  ({ name, flags, len, path, dfl, hidflags, lookup });
const onl = [{ hid: 1, nut: 'online' }, { hid: 0, nut: '!online' }];
const dis = [{ hid: 1, nut: 'dischrg' }, { hid: 0, nut: '!dischrg' }];
const beep = [{ hid: 1, nut: 'disabled' }, { hid: 2, nut: 'enabled' }, { hid: 3, nut: 'muted' }];

const TABLE: HidSubdriver = {
  name: 'TEST HID 0.1',
  ids: [{ vendorId: 0x051d, productId: 0x0002 }],
  usageTables: [],
  hid2nut: [
    row('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
    row('battery.charge', 0, 0, 'UPS.PowerSummary.FullChargeCapacity', '%.0f', 0), // duplicate name: dropped
    row('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.1f', 0),
    row('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', 0),
    row('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', '20', HU_FLAG_ABSENT),
    row('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', null, 0, beep),
    row('input.voltage', 0, 0, 'UPS.NoSuch.Voltage', '%.1f', 0), // not on the device
    row('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, onl),
    row('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, dis),
    row('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
    row('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', 'muted', HU_TYPE_CMD, beep),
    row('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', null, HU_TYPE_CMD),
  ],
};

function fakeCtx(opts: Record<string, string | true> = {}) {
  const store = new UpsStore();
  const cmds = new Set<string>();
  let status: string[] = [];
  const logs: string[] = [];
  const state = { stale: false, status: '' };
  const ctx = {
    upsname: 'test', progname: 'usbhid-ups', port: 'auto', debugLevel: 0, dumpMode: false, forceShutdown: false, pollInterval: 2, store,
    log: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), notice: (m: string) => logs.push(m), err: (m: string) => logs.push(m), log: (_p: number, m: string) => logs.push(m), debug: () => undefined },
    getval: (n: string) => (typeof opts[n] === 'string' ? (opts[n] as string) : undefined),
    testvar: (n: string) => n in opts,
    setInfo: (n: string, v: string | number) => store.setInfo(n, String(v)),
    getInfo: (n: string) => store.get(n)?.raw,
    getRaw: (n: string) => store.get(n)?.raw,
    delInfo: (n: string) => store.delInfo(n),
    setFlags: (n: string, f: number) => store.setFlags(n, f),
    addFlags: () => undefined, delFlags: () => undefined,
    setAux: (n: string, a: number) => store.setAux(n, a),
    addEnum: (n: string, v: string) => store.addEnum(n, v), delEnum: () => undefined,
    addRange: () => undefined, delRange: () => undefined,
    addCmd: (c: string) => cmds.add(c), delCmd: (c: string) => cmds.delete(c),
    dataOk: () => { state.stale = false; }, dataStale: () => { state.stale = true; }, isStale: () => state.stale,
    statusInit: () => { status = []; }, statusSet: (t: string) => status.push(t), statusGet: (t: string) => status.includes(t),
    statusCommit: () => { state.status = status.join(' '); },
    alarmInit: () => undefined, alarmSet: () => undefined, alarmCommit: () => undefined,
    fatal: (m: string): never => { throw new Error(`fatal: ${m}`); },
    sleep: async () => undefined, wakeup: () => undefined,
  };
  return { ctx: ctx as unknown as DriverContext, store, cmds, logs, state };
}

function device(): FakeHidDevice {
  const m = syntheticApc();
  const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));
  return fakeHidDevice({
    info: { vendorId: m.vendorId, productId: m.productId },
    strings: Object.fromEntries(Object.entries(m.strings).map(([k, v]) => [Number(k), v])),
    reportDescriptor: hex(m.reportDescriptor),
    reports: Object.entries(m.reports).map(([k, v]) => [Number(k), hex(v)] as [number, Uint8Array]),
  });
}

async function engineOn(d: FakeHidDevice, opts: Record<string, string | true> = { pollonly: true }) {
  let now = 1000;
  const f = fakeCtx(opts);
  const bus = fakeUsbBus([d]);
  const e = new HidUpsEngine(f.ctx, { bus, subdrivers: [TABLE], now: () => now });
  await e.initups();
  e.initinfo();
  return { e, f, bus, tick: (s: number) => { now += s; } };
}

test('init walk: first row of a name wins, absent rows get their default, missing paths are skipped, commands found', async () => {
  const { f } = await engineOn(device());
  assert.equal(f.store.get('battery.charge')?.raw, '97');
  assert.equal(f.store.get('battery.voltage')?.raw, '13.6');
  assert.equal(f.store.get('ups.delay.shutdown')?.raw, '20');
  assert.equal(f.store.get('ups.beeper.status')?.raw, 'enabled');
  assert.equal(f.store.get('input.voltage'), undefined);
  assert.equal(f.store.get('battery.charge.low')?.aux, 10);
  assert.deepEqual([...f.cmds].sort(), ['beeper.disable', 'beeper.mute', 'load.off', 'load.off.delay']);
  assert.equal(f.store.get('ups.mfr')?.raw, 'American Power Conversion');
  assert.equal(f.store.get('ups.vendorid')?.raw, '051d');
});

test('updates: status from the booleans; commands and SETs write the report as last read with the item changed', async () => {
  const d = device();
  const { e, f, tick } = await engineOn(d);
  await e.updateinfo();
  assert.equal(f.state.status, 'OL');
  d.reports.set(6, Uint8Array.from([6, 0x0a])); // discharging, no AC
  await e.updateinfo();
  assert.equal(f.state.status, 'OL', 'reports are reused for pollinterval seconds, as the reference');
  tick(2);
  await e.updateinfo();
  assert.equal(f.state.status, 'OB DISCHRG');
  assert.equal(await e.instcmd('beeper.disable', undefined), 0);
  assert.equal(await e.instcmd('beeper.mute', undefined), 0);
  assert.equal(await e.instcmd('load.off', undefined), 0); // → load.off.delay 0
  assert.equal(await e.instcmd('nope', undefined), 2);
  assert.equal(await e.setvar('battery.charge.low', '25'), 0);
  assert.equal(await e.setvar('ups.delay.shutdown', '60'), 0); // driver-side: no write
  assert.equal(await e.setvar('battery.voltage', '12'), 1); // not writable
  assert.deepEqual(d.written.map(([t, b]) => `${t} ${Buffer.from(b).toString('hex')}`), ['3 1801', '3 1803', '3 150000', '3 0e19']);
  assert.equal(f.store.get('ups.delay.shutdown')?.raw, '60');
});

test('self-recovery: unplugged → stale at once; retries bounded by back-off; replugged → fresh without restart', async () => {
  const d = device();
  const { e, f, bus, tick } = await engineOn(d);
  await e.updateinfo();
  assert.equal(f.state.stale, false);
  d.present = false;
  tick(2); // past the report buffer's age: the next poll talks to the device
  await e.updateinfo();
  assert.equal(f.state.stale, true);
  assert.match(f.logs.join('\n'), /USB device lost/);
  const opens = bus.opened;
  for (let i = 0; i < 10; i++) await e.updateinfo(); // same second: no retry storm
  assert.equal(bus.opened, opens);
  tick(1); await e.updateinfo(); // first retry after 1 s
  tick(1); await e.updateinfo(); // back-off now 2 s: not yet
  assert.equal(bus.opened, opens); // device absent from the bus: nothing to open
  d.present = true;
  d.reports.set(12, Uint8Array.from([12, 55]));
  tick(8); await e.updateinfo();
  assert.equal(f.state.stale, false);
  assert.equal(f.store.get('battery.charge')?.raw, '55');
  assert.equal(e.reconnects, 1);
  assert.match(f.logs.join('\n'), /USB device back/);
});

test('a different unit on the bus is not taken on reconnect (same IDs and strings only)', async () => {
  const d = device();
  const { e, f, bus, tick } = await engineOn(d);
  d.present = false;
  tick(2);
  await e.updateinfo();
  const other = device();
  other.strings[3] = 'OTHER0001';
  bus.devices.push(other);
  tick(60); await e.updateinfo();
  assert.equal(f.state.stale, true);
  d.present = true;
  tick(60); await e.updateinfo();
  assert.equal(f.state.stale, false);
});
