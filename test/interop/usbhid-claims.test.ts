// Which subdriver takes a device, against the reference: ids shared by two
// tables, vendor/product strings that decide (AEG on a Phoenixtec id), known
// vendors with unknown products (refused with NUT's hint, or taken with
// -x productid), and ids NUT sends to other drivers. Both drivers run `-d 1`
// on the same simulated device: same subdriver, same exit code, same lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simSkip, usbDump } from '../sims/usbhid-run.js';
import { STRING_INDEX, modelFromTable } from '../sims/usbhid-tables.js';
import { stringid_conversion } from '../../src/drivers/usbhid-ups/lookups.js';
import { apc_subdriver } from '../../src/drivers/usbhid-ups/subdrivers/apc.js';

const skip = simSkip();

/** the lines a user reads without -D, timestamps and banners left out */
const userLines = (s: string): string[] => s.split('\n')
  .filter((l) => l && !/^\s*\d+\.\d+\s/.test(l) && !/^Network UPS Tools|^USB communication|^\*\* \(process|^libusb1:/.test(l));

const cases: [string, number, number, string[], string?][] = [
  ['Phoenixtec id without AEG: Phoenixtec/Liebert', 0x06da, 0xffff, []],
  ['Phoenixtec id of an AEG unit: MGE', 0x06da, 0xffff, [], 'AEG Power Solutions'],
  ['Delta/Minuteman id in the TrippLite table', 0x05dd, 0xa011, []],
  ['Delta RT series', 0x05dd, 0x041b, []],
  ['HP id in the MGE table', 0x03f0, 0x1fe5, []],
  ['HP id in the TrippLite table', 0x03f0, 0x1fe0, []],
  ['unknown HP product: refused without a hint', 0x03f0, 0x0abc, []],
  ['unknown HP product with productid: MGE', 0x03f0, 0x0abc, ['-x', 'productid=0abc']],
  ['unknown APC product: the hint', 0x051d, 0xbeef, []],
  ['unknown APC product with productid', 0x051d, 0xbeef, ['-x', 'productid=beef']],
  ['Tripp Lite serial-over-USB unit', 0x09ae, 0x0001, ['-x', 'productid=0001']],
  ['PowerCOM serial unit', 0x0d9f, 0x0002, []],
  ['Belkin USB hub', 0x050d, 0x0218, []],
  ['Liebert GXT4 id in the Belkin table', 0x10af, 0x0004, []],
];

for (const [name, vendorId, productId, args, vendor] of cases) {
  test(`subdriver choice as the reference: ${name}`, { skip }, async () => {
    // any table gives a device with the usual paths; the ids and strings decide the claim
    const special = new Map([[stringid_conversion, STRING_INDEX]]);
    const model = modelFromTable(apc_subdriver, { vendorId, productId, special, ...(vendor ? { vendor } : {}) });
    const ref = await usbDump('ref', model, ['-x', 'pollonly', ...args]);
    const ours = await usbDump('ours', model, ['-x', 'pollonly', ...args]);
    assert.equal(ours.code, ref.code);
    assert.deepEqual(userLines(ours.stderr), userLines(ref.stderr));
    if (ref.code === 0) assert.ok(userLines(ref.stderr).some((l) => l.startsWith('Using subdriver: ')), ref.stderr);
    assert.deepEqual(ours.vars, ref.vars);
  });
}
