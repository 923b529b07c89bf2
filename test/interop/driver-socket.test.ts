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

// The requests of the session. After each one we send a sync marker (an
// unknown INSTCMD with TRACKING, which changes nothing) and wait for its reply,
// so every answer is attributed to its request whatever the driver's timing
// (the reference serves its socket only between polls). Markers are retried
// because a parse error makes the reference drop the rest of a read.
const STEPS: string[] = [
  'DUMPALL\n',
  'PING\n',
  'SET ups.id "hello world" TRACKING abc-1\n',
  'INSTCMD load.off TRACKING abc-2\n',
  'INSTCMD load.off\n',
  'INSTCMD load.off 5 TRACKING abc-3\n',
  'set ups.status "OB LB" tracking abc-4\n',
  'SET battery.charge 20\n',
  'SET battery.charge 20 TRACKING abc-5\n',
  'SET ups.alarm "" TRACKING abc-6\n',
  'SET new.var "v1" TRACKING abc-7\n',
  'SET ups.id x FOO bar\n',
  'SET ups.id\n',
  'INSTCMD a b c d e f\n',
  'FOO bar\n',
  '\n',
  'SET ups.id "a#b"\nPING\n',
  'ping\n',
  'DUMPALL\n',
];

let syncId = 0;
const SYNC_LINE = /^TRACKING sync\d+ \d+\n/gm;

async function sync(p: SockPeer): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const id = `sync${syncId++}`;
    p.send(`INSTCMD sync.marker TRACKING ${id}\n`);
    try { await p.until(`TRACKING ${id} `, 3000); return; } catch { /* marker lost: retry */ }
  }
  throw new Error('driver did not answer the sync marker');
}

async function session(path: string): Promise<string[]> {
  const p = await SockPeer.connect(path);
  const out: string[] = [];
  try {
    await sync(p);
    p.take();
    for (const req of STEPS) {
      p.send(req);
      await sleep(50);
      await sync(p);
      out.push(p.take().replace(SYNC_LINE, ''));
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
      assert.equal(ours[i], ref[i], `step ${i}: ${JSON.stringify(STEPS[i])}`);
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
