// Each subdriver's whole HID-to-NUT table against the reference: a simulated
// device (umockdev) carries every HID path the table reads, with values
// chosen to drive its lookups; /lib/nut/usbhid-ups and ours dump it with
// `-d 1` and must print the same variables and exit the same way. A second
// device leaves out the first path of each variable that has several, so
// that the fallback rows are read too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simSkip, usbDump } from '../sims/usbhid-run.js';
import { STRING_INDEX, modelFromTable } from '../sims/usbhid-tables.js';
import { subdriver_list } from '../../src/drivers/usbhid-ups/subdrivers/index.js';
import type { EngineTweaks, HidSubdriver, InfoLookup } from '../../src/drivers/usbhid-ups/subdriver.js';
import { date_conversion, hex_conversion, kelvin_celsius_conversion, stringid_conversion } from '../../src/drivers/usbhid-ups/lookups.js';
import { apc_date_conversion } from '../../src/drivers/usbhid-ups/subdrivers/apc.js';
import { tripplite_chemistry } from '../../src/drivers/usbhid-ups/subdrivers/tripplite.js';
import { mge_date_conversion, mge_time_conversion } from '../../src/drivers/usbhid-ups/subdrivers/mge-lookups.js';

const skip = simSkip();

const special = new Map<InfoLookup, number>([
  [date_conversion, 0x2a21], // 2001/01/01
  [apc_date_conversion, 0x102202], // 2002/10/22
  [kelvin_celsius_conversion, 300],
  [stringid_conversion, STRING_INDEX],
  [tripplite_chemistry, STRING_INDEX],
  [hex_conversion, 0x1234],
  [mge_date_conversion, 1700000000],
  [mge_time_conversion, 1700000000],
]);

/** the HID interface the subdriver's claim selects (Arduino, Powervar) */
function hidInterface(sd: HidSubdriver, vendorId: number, productId: number): number {
  const tweaks: EngineTweaks = { useInterruptPipe: true, maxReportSize: false, interruptOnly: false, interruptSize: 0 };
  const dev = { vendorId, productId, vendor: null, product: null, serial: null, bus: null, device: null, bcdDevice: 0 };
  sd.claim?.(dev, { getval: () => undefined, log: { info: () => {}, debug: () => {} }, tweaks });
  return tweaks.hidRepIndex ?? 0;
}

for (const sd of subdriver_list) {
  const id = sd.ids[0]!;
  const iface = hidInterface(sd, id.vendorId, id.productId);
  for (const secondChoice of [false, true]) {
    test(`${sd.name}: every table row gives what the reference gives (${secondChoice ? 'fallback rows' : 'first rows'})`, { skip }, async () => {
      const model = modelFromTable(sd, { vendorId: id.vendorId, productId: id.productId, secondChoice, special, hidInterface: iface });
      const ref = await usbDump('ref', model, ['-x', 'pollonly']);
      const ours = await usbDump('ours', model, ['-x', 'pollonly']);
      assert.ok(ref.vars.length > 5, `the reference read little:\n${ref.stdout}\n${ref.stderr}`);
      assert.deepEqual(ours.vars, ref.vars, `variables differ\nref stderr: ${ref.stderr.slice(-2000)}\nour stderr: ${ours.stderr.slice(-2000)}`);
      assert.equal(ours.code, ref.code);
    });
  }
}
