// Our dummy-ups socket answers a scripted session byte for byte like the
// reference 2.8.0 dummy-ups (same .dev file, separate state dirs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REF, haveReference, ourBin, sandbox, start, type Proc } from '../helpers/ref.js';
import { SockPeer, sleep } from './driver-helpers.js';

const DEV = `# test device
ups.mfr: ACME
ups.model: "Smart 1500"
ups.status: OL CHRG
battery.charge: 90
input.voltage: 233
ups.serial: AB12
custom.thing: a b   c
`;

// each step: a request and a line that marks the end of the expected answer
// (undefined: no answer expected, we wait a fixed short time)
const STEPS: Array<[string, string | undefined]> = [
  ['DUMPALL\n', 'DUMPDONE\n'],
  ['PING\n', 'PONG\n'],
  ['SET ups.id "hello world" TRACKING abc-1\n', 'TRACKING abc-1 '],
  ['INSTCMD load.off TRACKING abc-2\n', 'TRACKING abc-2 '],
  ['INSTCMD load.off\n', undefined],
  ['INSTCMD load.off 5 TRACKING abc-3\n', 'TRACKING abc-3 '],
  ['set ups.status "OB LB" tracking abc-4\n', 'TRACKING abc-4 '],
  ['SET battery.charge 20\n', undefined],
  ['SET battery.charge 20 TRACKING abc-5\n', 'TRACKING abc-5 '],
  ['SET ups.alarm "" TRACKING abc-6\n', 'TRACKING abc-6 '],
  ['SET new.var "v1" TRACKING abc-7\n', 'TRACKING abc-7 '],
  ['SET ups.id x FOO bar\n', undefined],
  ['SET ups.id\n', undefined],
  ['INSTCMD a b c d e f\n', undefined],
  ['FOO bar\n', undefined],
  ['\n', undefined],
  ['SET ups.id "a#b"\nPING\n', undefined],
  ['ping\n', 'PONG\n'],
  ['DUMPALL\n', 'DUMPDONE\n'],
];

async function session(path: string): Promise<string[]> {
  const p = await SockPeer.connect(path);
  const out: string[] = [];
  try {
    for (const [req, end] of STEPS) {
      p.send(req);
      if (end) await p.until(end);
      await sleep(end ? 100 : 400);
      out.push(p.take());
    }
  } finally {
    p.close();
  }
  return out;
}

test('driver socket: scripted session equals the reference dummy-ups byte for byte', { skip: !haveReference || !existsSync(REF.dummyUps) }, async () => {
  const a = sandbox('tsnut-sock-ours-');
  const b = sandbox('tsnut-sock-ref-');
  const procs: Proc[] = [];
  try {
    for (const sb of [a, b]) {
      sb.write('test.dev', DEV);
      sb.write('ups.conf', '[t]\n driver = dummy-ups\n port = test.dev\n');
    }
    procs.push(start(ourBin('dummy-ups'), ['-a', 't', '-u', 'root', '-F'], { env: a.env }));
    procs.push(start(REF.dummyUps, ['-a', 't', '-u', 'root', '-F'], { env: b.env }));
    const [ours, ref] = await Promise.all([session(join(a.state, 'dummy-ups-t')), session(join(b.state, 'dummy-ups-t'))]);
    for (let i = 0; i < STEPS.length; i++) {
      assert.equal(ours[i], ref[i], `step ${i}: ${JSON.stringify(STEPS[i]![0])}`);
    }
    // socket file mode as the reference: srw-rw----
    assert.equal(statSync(join(a.state, 'dummy-ups-t')).mode & 0o777, 0o660);
    assert.equal(statSync(join(b.state, 'dummy-ups-t')).mode & 0o777, 0o660);
  } finally {
    for (const p of procs) await p.kill();
    a.cleanup();
    b.cleanup();
  }
});

test('driver socket: live SETINFO values are escaped (deliberate difference)', async () => {
  const a = sandbox('tsnut-sock-esc-');
  let p: Proc | undefined;
  try {
    a.write('test.dev', DEV);
    p = start(ourBin('dummy-ups'), ['-s', 't', '-x', 'port=test.dev', '-u', 'root', '-F'], { env: a.env });
    const c = await SockPeer.connect(join(a.state, 'dummy-ups-t'));
    c.send('SET ups.id "x\\"y\\\\z\\#" TRACKING e1\n');
    await c.until('TRACKING e1 0');
    assert.match(c.data, /^SETINFO ups\.id "x\\"y\\\\z\\#"\n/m);
    c.close();
  } finally {
    await p?.kill();
    a.cleanup();
  }
});
