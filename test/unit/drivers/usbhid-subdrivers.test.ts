// The usbhid-ups subdrivers as data: names as the reference binary carries
// them, NUT's subdriver order, the claim decision for USB ids and options
// (with the engine tweaks and messages the match hooks produce),
// fix_report_desc on constructed descriptors, and every table path readable
// with the HID path syntax.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { subdriver_list } from '../../../src/drivers/usbhid-ups/subdrivers/index.js';
import type { ClaimEnv, EngineTweaks, HidDeviceInfo, HidSubdriver } from '../../../src/drivers/usbhid-ups/subdriver.js';
import { HU_FLAG_ABSENT, HU_TYPE_CMD } from '../../../src/drivers/usbhid-ups/subdriver.js';
import type { HidData, HidDesc } from '../../../src/hid/types.js';
import { HID_USAGES, stringToPath } from '../../../src/hid/index.js';
import { apc_subdriver } from '../../../src/drivers/usbhid-ups/subdrivers/apc.js';
import { cps_subdriver } from '../../../src/drivers/usbhid-ups/subdrivers/cps.js';
import { mge_subdriver } from '../../../src/drivers/usbhid-ups/subdrivers/mge.js';

const REF = '/lib/nut/usbhid-ups';

function dev(vendorId: number, productId: number, o: Partial<HidDeviceInfo> = {}): HidDeviceInfo {
  return { vendorId, productId, vendor: null, product: null, serial: null, bus: '001', device: '002', bcdDevice: 0x100, ...o };
}

function claimEnv(opts: Record<string, string> = {}): ClaimEnv & { tweaks: EngineTweaks; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    getval: (n) => opts[n],
    log: { info: (m) => lines.push(`info: ${m}`), debug: (l, m) => lines.push(`debug${l}: ${m}`), warning: (m) => lines.push(`warning: ${m}`) },
    tweaks: { useInterruptPipe: true, maxReportSize: false, interruptOnly: false, interruptSize: 0 },
  };
}

/** the first subdriver of NUT's list that claims the device, as match_function_subdriver() picks it */
function pick(d: HidDeviceInfo, opts: Record<string, string> = {}): { name: string | null; env: ReturnType<typeof claimEnv> } {
  const env = claimEnv(opts);
  const sd = subdriver_list.find((s) => s.claim!(d, env));
  return { name: sd?.name ?? null, env };
}

test('subdriver names and order are 2.8.0\'s (explore aside, which the engine puts first)', { skip: !existsSync(REF) && 'reference usbhid-ups missing' }, () => {
  assert.deepEqual(subdriver_list.map((s) => s.name), [
    'MGE HID 1.46', 'APC HID 0.98', 'Arduino HID 0.2', 'Belkin/Liebert HID 0.18', 'CyberPower HID 0.6', 'Delta UPS HID 0.6',
    'Ever HID 0.1', 'iDowell HID 0.2', 'Legrand HID 0.2', 'Phoenixtec/Liebert HID 0.41', 'openUPS HID 0.5', 'PowerCOM HID 0.6',
    'Powervar HID 0.20', 'Salicru HID 0.3', 'TrippLite HID 0.84',
  ]);
  // the reference binary carries each name as a C string
  const bin = readFileSync(REF).toString('latin1');
  for (const s of subdriver_list) assert.ok(bin.includes(`\0${s.name}\0`), `${s.name} not in ${REF}`);
});

test('every USB id of every table is claimed by a subdriver (the first in NUT\'s order)', () => {
  for (const sd of subdriver_list) {
    for (const id of sd.ids) {
      const { name } = pick(dev(id.vendorId, id.productId, { vendor: 'X', product: 'Y' }));
      assert.ok(name, `${sd.name} ${id.vendorId.toString(16)}:${id.productId.toString(16)} unclaimed`);
    }
  }
});

test('claims: shared ids go to the first subdriver in NUT\'s order', () => {
  assert.equal(pick(dev(0x06da, 0xffff)).name, 'Phoenixtec/Liebert HID 0.41'); // MGE only takes AEG-branded Phoenixtec units
  assert.equal(pick(dev(0x06da, 0xffff, { vendor: 'AEG Power Solutions' })).name, 'MGE HID 1.46');
  assert.equal(pick(dev(0x06da, 0x1234, { product: 'PROTECT NAS AEG' })).name, 'MGE HID 1.46');
  assert.equal(pick(dev(0x05dd, 0xa011)).name, 'TrippLite HID 0.84'); // Delta/Minuteman id in TrippLite's table
  assert.equal(pick(dev(0x05dd, 0x041b)).name, 'Delta UPS HID 0.6');
  assert.equal(pick(dev(0x03f0, 0x1fe5)).name, 'MGE HID 1.46');
  assert.equal(pick(dev(0x03f0, 0x1fe0)).name, 'TrippLite HID 0.84');
  assert.equal(pick(dev(0x10af, 0x0004)).name, 'Belkin/Liebert HID 0.18');
  assert.equal(pick(dev(0x1234, 0x5678)).name, null);
});

test('claims: a known vendor with an unknown product is taken only with productid, else NUT\'s hint', () => {
  const r = pick(dev(0x051d, 0xbeef));
  assert.equal(r.name, null);
  assert.ok(r.env.lines.some((l) => l.startsWith('debug0: This APC device (051d:beef) is not (or perhaps not yet) supported')));
  assert.equal(pick(dev(0x051d, 0xbeef), { productid: 'beef' }).name, 'APC HID 0.98');
  // HP and Dell make many other USB devices: no hint, and MGE takes them with productid (before TrippLite)
  const hp = pick(dev(0x03f0, 0x0abc));
  assert.equal(hp.name, null);
  assert.deepEqual(hp.env.lines, []);
  assert.equal(pick(dev(0x03f0, 0x0abc), { productid: '0abc' }).name, 'MGE HID 1.46');
  assert.ok(pick(dev(0x0463, 0x0002)).env.lines.some((l) => l.includes('This Eaton / MGE device (0463:0002)')));
  // serial-over-USB units are pointed at their own drivers
  const tl = pick(dev(0x09ae, 0x0001), { productid: '0001' });
  assert.equal(tl.name, null);
  assert.ok(tl.env.lines.includes('debug0: This Tripp Lite device (09ae/0001) is not supported by usbhid-ups.\nPlease use the tripplite_usb driver instead.\n'));
  assert.ok(pick(dev(0x0d9f, 0x0002)).env.lines.some((l) => l.includes("Please use the 'powercom' driver instead.")));
  assert.deepEqual(pick(dev(0x050d, 0x0218)).env.lines, []); // Belkin USB hub, silently refused
});

test('claims: match hooks set the engine\'s tweaks', () => {
  const es525 = pick(dev(0x051d, 0x0002, { product: 'Back-UPS ES 525' }));
  assert.equal(es525.env.tweaks.maxReportSize, true);
  assert.equal(pick(dev(0x051d, 0x0002, { product: 'Back-UPS RS 1500' })).env.tweaks.maxReportSize, false);
  assert.ok(pick(dev(0x051d, 0x0002)).env.lines.some((l) => l.startsWith('warning: device->Product is NULL')));
  const fiveG = pick(dev(0x051d, 0x0003));
  assert.equal(fiveG.env.tweaks.useInterruptPipe, false);
  assert.ok(fiveG.env.lines.includes("info: interrupt pipe disabled (add 'pollonly' flag to 'ups.conf' to get rid of this message)"));
  assert.equal(pick(dev(0x1cb0, 0x0032)).env.tweaks.useInterruptPipe, false); // Legrand Keor SP
  const pc = pick(dev(0x0d9f, 0x0001)).env.tweaks;
  assert.equal(pc.interruptOnly, true);
  assert.equal(pc.interruptSize, 8);
  const ard = pick(dev(0x2341, 0x8036)).env.tweaks;
  assert.deepEqual([ard.hidRepIndex, ard.hidEpIn, ard.hidEpOut], [2, 4, 5]);
  assert.equal(pick(dev(0x4234, 0x0002)).env.tweaks.hidRepIndex, 1);
});

function item(reportId: number, usage: number, logMin: number, logMax: number): HidData {
  return {
    path: [0x00840004, 0x0084001a, usage], reportId, offset: 0, size: 16, type: 'Feature', attribute: 2, unit: 0, unitExp: 0,
    logMin, logMax, phyMin: 0, phyMax: 0, havePhyMin: false, havePhyMax: false,
  };
}
const desc = (items: HidData[]): HidDesc => ({ items, replen: [] });

test('APC fix_report_desc (Back-UPS XS 1400U in 230 V regions): input voltage limits widened from the high transfer voltage', () => {
  const d = desc([item(0x30, 0x00840040, 0, 127), item(0x31, 0x00840030, 0, 255), item(0x33, 0x00840054, 0, 280)]);
  const env = claimEnv();
  assert.equal(apc_subdriver.fixReportDesc!(dev(0x051d, 0x0002), d, env), 1);
  assert.deepEqual([d.items[1]!.logMin, d.items[1]!.logMax, d.items[0]!.logMax], [0, 560, 255]);
  assert.ok(env.lines.includes('debug3: Fixing Report Descriptor. Set voltage LogMin = 0, LogMax = 560'));
  assert.ok(env.lines.includes('debug3: Attempting Report Descriptor fix for UPS: Vendor: 051d, Product: 0002'));
  const ok = desc([item(0x30, 0x00840040, 0, 255), item(0x31, 0x00840030, 0, 510), item(0x33, 0x00840054, 0, 140)]);
  assert.equal(apc_subdriver.fixReportDesc!(dev(0x051d, 0x0002), ok, claimEnv()), 0);
  assert.equal(ok.items[1]!.logMax, 510);
  assert.equal(apc_subdriver.fixReportDesc!(dev(0x051d, 0x0003), d, claimEnv()), 0);
});

test('CyberPower fix_report_desc: output voltage with the high transfer voltage\'s limits gets 0..511', () => {
  const d = desc([item(15, 0x00840030, 0, 140), item(16, 0x00840054, 129, 140), item(18, 0x00840030, 129, 140)]);
  assert.equal(cps_subdriver.fixReportDesc!(dev(0x0764, 0x0501), d, claimEnv()), 1);
  assert.deepEqual([d.items[2]!.logMin, d.items[2]!.logMax], [0, 511]);
  assert.deepEqual([d.items[0]!.logMin, d.items[0]!.logMax], [0, 140]); // 2.8.0 only logs the input voltage
  const fine = desc([item(16, 0x00840054, 129, 140), item(18, 0x00840030, 0, 300)]);
  assert.equal(cps_subdriver.fixReportDesc!(dev(0x0764, 0x0501), fine, claimEnv()), 0);
  assert.equal(cps_subdriver.fixReportDesc!(dev(0x0764, 0x0601), d, claimEnv()), 0);
});

test('MGE format_model: model table names, iModel fallback to the nominal power, Dell as is', async () => {
  const fenv = (iModel: string | null, power: number | null) => ({
    setInfo() {}, getItemString: async () => iModel, getItemValue: async () => power,
  });
  assert.equal(await mge_subdriver.formatModel!(dev(0x0463, 0xffff, { product: 'Evolution' }), fenv('S 1250', null)), 'Evolution S 1250');
  assert.equal(await mge_subdriver.formatModel!(dev(0x0463, 0xffff, { product: 'Evolution' }), fenv('3000XL', null)), 'Pulsar Evolution 3000 XL');
  assert.equal(await mge_subdriver.formatModel!(dev(0x0463, 0xffff, { product: 'Ellipse PRO' }), fenv('', 650)), 'Ellipse PRO 650');
  assert.equal(await mge_subdriver.formatModel!(dev(0x047c, 0xffff, { product: 'Dell UPS Tower 1000W' }), fenv('x', 1)), 'Dell UPS Tower 1000W');
});

test('APC format_model splits the product string into model and firmware versions', async () => {
  const set: Record<string, string> = {};
  const fenv = { setInfo: (n: string, v: string) => { set[n] = v; }, getItemString: async () => null, getItemValue: async () => null };
  assert.equal(await apc_subdriver.formatModel!(dev(0x051d, 0x0002, { product: 'Back-UPS RS 1500G FW:865.L5 .D USB FW:L5 ' }), fenv), 'Back-UPS RS 1500G');
  assert.deepEqual(set, { 'ups.firmware.aux': 'L5 ', 'ups.firmware': '865.L5 .D' });
  assert.equal(await apc_subdriver.formatModel!(dev(0x051d, 0x0002), fenv), 'unknown');
  assert.equal(apc_subdriver.formatMfr!(dev(0x051d, 0x0002)), 'APC');
});

/** every path of every table reads as usages with the subdriver's names and the standard ones */
test('every table path parses with the HID path syntax, every row is well-formed', () => {
  const check = (sd: HidSubdriver): void => {
    for (const r of sd.hid2nut) {
      assert.ok(r.name.length > 0);
      // a command writes its number, or with a NULL default what its nuf makes of it (PowerCOM's delays)
      const nuf = r.lookup && !Array.isArray(r.lookup) && 'fun' in r.lookup && r.lookup.nuf;
      if (r.hidflags & HU_TYPE_CMD) assert.ok(r.dfl !== null ? /^-?\d+$/.test(r.dfl) : nuf, `${sd.name} ${r.name}: command value ${r.dfl}`);
      if (r.path === null) continue;
      const n = stringToPath(r.path, [...sd.usageTables, HID_USAGES]);
      assert.equal(n.length, r.path.split('.').length, `${sd.name}: ${r.path}`);
      if (!(r.hidflags & (HU_FLAG_ABSENT | HU_TYPE_CMD)) && r.name !== 'BOOL' && !r.lookup) assert.match(r.dfl ?? '', /^%/, `${sd.name} ${r.name}`);
    }
  };
  for (const sd of subdriver_list) check(sd);
});
