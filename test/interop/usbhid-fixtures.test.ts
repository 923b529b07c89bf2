// Real devices users posted in public NUT issue threads (test/fixtures/usbhid,
// each file naming its source): the reference and ours, on the same simulated
// device, must read the same HID items (-D item lines) and print the same
// variables, and the variables the poster showed where the file lists them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../helpers/ref.js';
import { simSkip, usbDump } from '../sims/usbhid-run.js';
import type { HidModel } from '../sims/usbhid-model.js';

interface Fixture extends HidModel {
  source: string;
  /** driver options the device needs (explore for an unsupported one) */
  args?: string[];
  /** "name: value" lines the poster's log shows */
  expected?: string[];
}

const DIR = join(REPO, 'test/fixtures/usbhid');
const skip = simSkip();
const itemLines = (s: string): string[] => s.split('\n').map((l) => /\[D1\] (Path: .*)$/.exec(l)?.[1]).filter((x): x is string => !!x);

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const fx = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture;
  test(`${file} (${fx.source}): reference and ours read the same items and variables`, { skip }, async () => {
    const args = [...(fx.args ?? []), '-x', 'pollonly', '-D'];
    const ref = await usbDump('ref', fx, args);
    const ours = await usbDump('ours', fx, args);
    assert.ok(itemLines(ref.stderr).length > 0, ref.stderr);
    assert.deepEqual(itemLines(ours.stderr), itemLines(ref.stderr));
    assert.deepEqual(ours.vars, ref.vars);
    assert.equal(ours.code, ref.code);
    for (const line of fx.expected ?? []) assert.ok(ours.vars.includes(line), `${line} missing`);
  });
}
