// src/hid: the parser and codec against real descriptors (the two complete
// captures in the DDL: every item line the reference logged, with its value
// decoded from the captured report bytes) and table-driven edge cases.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReportDescriptor, getPhysical, getLogical, setLogical, toLogical, pathToString, stringToPath, findByPath,
  HID_USAGES, cprintf, general, type HidData } from '../../../src/hid/index.js';
import { DDL_DIR } from '../../helpers/ddl.js';
import { modelFromNutLog } from '../../sims/usbhid-model.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

for (const rel of ['APC/APC__Back-UPS_CS_500__usbhid-ups__2.8.0__01.dev', 'APC/APC__Back-UPS_BK650M2-CH__usbhid-ups__2.8.0__01.dev']) {
  test(`parser + codec reproduce every item line of ${rel}`, { skip: DDL_DIR ? false : 'DDL missing' }, () => {
    const text = readFileSync(join(DDL_DIR!, rel), 'utf8');
    const model = modelFromNutLog(text);
    const r = parseReportDescriptor(hex(model.reportDescriptor));
    assert.ok(r);
    const want = [...text.matchAll(/\[D1\] (Path: [^\n]*)/g)].map((m) => m[1]!.trim());
    const header = /(\d+) HID objects found/.exec(text);
    assert.equal(r.desc.items.length, Number(header![1]));
    const got = r.desc.items.map((it) => {
      const rep = model.reports[String(it.reportId)];
      const head = `Path: ${pathToString(it.path, [HID_USAGES])}, Type: ${it.type}, ReportID: 0x${it.reportId.toString(16).padStart(2, '0')}, Offset: ${it.offset}, Size: ${it.size}`;
      return rep ? `${head}, Value: ${general(getPhysical(hex(rep), it))}` : head;
    });
    assert.deepEqual(got.slice(0, want.length), want);
  });
}

// a descriptor builder for the edge cases: [prefix, ...data]
const d = (...items: number[][]): Uint8Array => Uint8Array.from(items.flat());
const PAGE = (p: number) => [0x05, p];
const USAGE = (u: number) => [0x09, u];
const COLL = (k: number) => [0xa1, k];
const END = [0xc0];
const RID = (n: number) => [0x85, n];
const SIZE = (n: number) => [0x75, n];
const COUNT = (n: number) => [0x95, n];
const LMIN = (n: number) => [0x15, n & 0xff];
const LMAX = (n: number) => [0x25, n & 0xff];
const FEAT = [0xb1, 0x02];
const INPUT = [0x81, 0x02];

test('LogMax below LogMin is read unsigned, with the reference warning', () => {
  const r = parseReportDescriptor(d(PAGE(0x84), USAGE(4), COLL(1), RID(1), SIZE(8), COUNT(1), LMIN(0), LMAX(0xff), USAGE(0x30), FEAT, END))!;
  assert.equal(r.desc.items[0]!.logMax, 255);
  assert.equal(r.warnings[0], 'HIDParse: LogMax is less than LogMin. Vendor HID report descriptor may be incorrect; interpreting LogMax -1 as 255 in ReportID: 0x01');
});

test('offsets per report and type; usages are not repeated over Report Count; unnamed fields still take bits', () => {
  const r = parseReportDescriptor(d(PAGE(0x85), USAGE(0x66), COLL(1), RID(2), SIZE(4), COUNT(3), LMIN(0), LMAX(15),
    USAGE(0x44), USAGE(0x45), FEAT, USAGE(0xd0), FEAT, USAGE(0xd1), INPUT, END))!;
  const view = r.desc.items.map((i) => [pathToString(i.path, [HID_USAGES]), i.type, i.offset]);
  assert.deepEqual(view, [
    ['RemainingCapacity.Charging', 'Feature', 0], ['RemainingCapacity.Discharging', 'Feature', 4],
    ['RemainingCapacity.ACPresent', 'Feature', 12], ['RemainingCapacity.BatteryPresent', 'Input', 0],
  ]);
  assert.equal(r.desc.replen[2], 3); // 3x4 + 3x4 bits of Feature → 3 bytes
});

test('report ID 0 keeps offset 0 for every field, as the reference', () => {
  const r = parseReportDescriptor(d(PAGE(0x84), USAGE(4), COLL(1), SIZE(8), COUNT(1), LMIN(0), LMAX(100), USAGE(0x30), FEAT, USAGE(0x31), FEAT, END))!;
  assert.deepEqual(r.desc.items.map((i) => i.offset), [0, 0]);
});

test('offsets wrap at 256 bits (8-bit offset table)', () => {
  const r = parseReportDescriptor(d(PAGE(0x84), USAGE(4), COLL(1), RID(3), SIZE(128), COUNT(1), USAGE(0x30), FEAT, USAGE(0x31), FEAT, SIZE(8), USAGE(0x32), FEAT, END))!;
  assert.deepEqual(r.desc.items.map((i) => i.offset), [0, 128, 0]);
});

test('a vendor collection type adds an [n] node; hex for unnamed usages; text paths read back', () => {
  const r = parseReportDescriptor(d(PAGE(0x84), USAGE(4), COLL(1), [0x06, 0x86, 0xff], USAGE(0x05), COLL(0x81), RID(4), SIZE(8), COUNT(1), LMAX(1), USAGE(0x7c), FEAT, END, END))!;
  const p = pathToString(r.desc.items[0]!.path, [HID_USAGES]);
  assert.equal(p, 'UPS.ff860005.[1].ff86007c');
  assert.deepEqual(stringToPath(p, [HID_USAGES]), r.desc.items[0]!.path);
  assert.equal(findByPath(r.desc, stringToPath('ups.FF860005', [HID_USAGES]), 'Feature'), r.desc.items[0]);
});

const item = (o: Partial<HidData>): HidData => ({ path: [], reportId: 1, offset: 0, size: 8, type: 'Feature', attribute: 2, unit: 0, unitExp: 0,
  logMin: 0, logMax: 255, phyMin: 0, phyMax: 0, havePhyMin: false, havePhyMax: false, ...o });

test('values: masking and clamping to LogMin..LogMax, signed fields, units and exponents, physical scaling', () => {
  const cases: [Partial<HidData>, string, number][] = [
    [{ size: 32, logMax: 0xffff }, '01000a0880ffffff', 0x0a00], // junk high bits dropped (APC BF500)
    [{ size: 16, logMin: -1, logMax: 32767 }, '01ffff', -1],
    [{ size: 8, logMin: 1, logMax: 3 }, '0100', 1], // clamped up to LogMin
    [{ size: 16, logMax: 65534, unit: 0x00f0d121, unitExp: 5 }, '015005', 1360 * (0.1 * 0.1)], // volts, exponent 5 - 7, as 0.1 * 0.1
    [{ size: 8, logMax: 255, phyMin: 0, phyMax: 510, havePhyMin: true, havePhyMax: true }, '0164', 200],
    [{ size: 1, offset: 3, logMax: 1 }, '0108', 1],
  ];
  for (const [o, bytes, want] of cases) assert.equal(getPhysical(hex(bytes), item(o)), want, JSON.stringify(o));
});

test('writing: two complement bits in place, other fields kept; physical → logical as the reference truncates', () => {
  const buf = hex('01ff00');
  setLogical(buf, item({ offset: 8, size: 4 }), 5);
  assert.deepEqual(Array.from(buf), [1, 0xff, 0x05]);
  setLogical(buf, item({ offset: 0, size: 16, logMin: -1 }), -1);
  assert.deepEqual(Array.from(buf), [1, 0xff, 0xff]);
  // 13.6 / (0.1 * 0.1) is 1359.99...: the reference writes 1359 too
  assert.equal(toLogical(item({ unit: 0x00f0d121, unitExp: 5 }), 13.6), 1359);
  assert.equal(getLogical(hex('01ff'), item({ logMin: 0, logMax: 0 })), 0);
});

test('C number formats as glibc prints them', () => {
  const cases: [string, number, string][] = [
    ['%.0f', 2.5, '2'], ['%.0f', 3.5, '4'], ['%.1f', 13.6, '13.6'], ['%.1f', 0.25, '0.2'], ['%.0f', -0.4, '-0'],
    ['%g', 2280, '2280'], ['%g', 13.58, '13.58'], ['%g', 0.03, '0.03'], ['%g', 1e-7, '1e-07'], ['%g', 1234567, '1.23457e+06'],
    ['%08lx', 0x1c0204, '001c0204'], ['%d', 12.7, '12'], ['%s %%', 1, '1 %'], ['%5.1f', 3.14159, '  3.1'],
  ];
  for (const [f, v, want] of cases) assert.equal(cprintf(f, v), want, `${f} ${v}`);
});
