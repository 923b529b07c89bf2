// fix_report_desc against the reference: devices whose descriptors carry the
// defects the APC (Back-UPS XS 1400U, 230 V) and CyberPower (CP900EPFCLCD)
// hooks mend, read by /lib/nut/usbhid-ups and by ours: the same voltages.
// The same devices under another product id are left alone by both.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simSkip, usbDump } from '../sims/usbhid-run.js';
import { synthetic, type Field, type HidModel } from '../sims/usbhid-model.js';

const skip = simSkip();
const VOLT = 0x00f0d121;
const volt = (usage: string, rid: number, value: number, logMin: number, logMax: number): Field =>
  ({ usage, rid, bits: 16, value, logMin, logMax, unit: VOLT, unitExp: 7, kinds: ['feature'] });
const pct = (usage: string, rid: number, value: number): Field => ({ usage, rid, bits: 8, value, logMax: 100, kinds: ['feature'] });

/** APC: input voltage limits 0..255 below the high transfer voltage's 280 */
function apc(productId: number): HidModel {
  return synthetic({ vendorId: 0x051d, productId, iManufacturer: 1, iProduct: 2, iSerialNumber: 3, strings: { 1: 'American Power Conversion', 2: 'Back-UPS XS 1400U', 3: 'SIM1' } }, [{
    usage: '84:04', kind: 'application', children: [
      { usage: '84:24', children: [pct('85:66', 0x0c, 100)] },
      { usage: '84:1a', children: [volt('84:40', 0x30, 230, 0, 127), volt('84:30', 0x31, 480, 0, 255), volt('84:54', 0x33, 266, 0, 280)] },
    ],
  }]);
}

/** CyberPower: output voltage with the high transfer voltage's limits (report 17 missing) */
function cps(productId: number): HidModel {
  return synthetic({ vendorId: 0x0764, productId, iManufacturer: 1, iProduct: 2, iSerialNumber: 3, strings: { 1: 'CPS', 2: 'CP900EPFCLCD', 3: 'SIM2' } }, [{
    usage: '84:04', kind: 'application', children: [
      { usage: '84:24', children: [pct('85:66', 8, 100)] },
      { usage: '84:1a', children: [volt('84:30', 15, 233, 0, 300), volt('84:54', 16, 260, 120, 140)] },
      { usage: '84:1c', children: [volt('84:30', 18, 229, 120, 140)] },
    ],
  }]);
}

// the reference's readings: mended, the raw values come through; left alone, they are squeezed into the bad limits
const cases: [string, HidModel, string][] = [
  ['APC 051d:0002 (fixed)', apc(0x0002), 'input.voltage: 480.0'],
  ['APC 051d:0003 (left alone)', apc(0x0003), 'input.voltage: 224.0'],
  ['CyberPower 0764:0501 (fixed)', cps(0x0501), 'output.voltage: 229.0'],
  ['CyberPower 0764:0601 (left alone)', cps(0x0601), 'output.voltage: 140.0'],
];

for (const [name, model, reading] of cases) {
  test(`fix_report_desc as the reference: ${name}`, { skip }, async () => {
    const ref = await usbDump('ref', model, ['-x', 'pollonly']);
    const ours = await usbDump('ours', model, ['-x', 'pollonly']);
    assert.ok(ref.vars.includes(reading), ref.stdout + ref.stderr);
    assert.deepEqual(ours.vars, ref.vars);
    assert.equal(ours.code, ref.code);
  });
}
