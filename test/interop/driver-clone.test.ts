// clone and clone-outlet on top of a dummy-ups: our stack (our dummy-ups +
// our clone) against the reference stack, compared through DUMPALL; the
// clone's shutdown timer sends load.off upstream.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REF_DIR, haveReference, ourBin, sandbox, start, waitFor, type Proc, type Sandbox } from '../helpers/ref.js';
import { SockPeer, sleep } from './driver-helpers.js';

const DEV = 'ups.mfr: ACME\nups.status: OL\nbattery.charge: 80\nbattery.runtime: 1200\noutlet.1.status: off\noutlet.1.delay.shutdown: 30\noutlet.1.timer.shutdown: -1\n';
const CONF = '[src]\n driver = dummy-ups\n port = src.dev\n' +
  '[cl]\n driver = clone\n port = dummy-ups-src\n offdelay = 2\n ondelay = 3\n load.off = outlet.1.load.off\n load.on = outlet.1.load.on\n mincharge = 20\n' +
  '[co]\n driver = clone-outlet\n port = dummy-ups-src\n prefix = outlet.1\n';

async function stack(sb: Sandbox, bin: (d: string) => string, procs: Proc[]): Promise<void> {
  sb.write('src.dev', DEV);
  sb.write('ups.conf', CONF);
  procs.push(start(bin('dummy-ups'), ['-a', 'src', '-u', 'root', '-F'], { env: sb.env }));
  (await SockPeer.connect(join(sb.state, 'dummy-ups-src'))).close();
  procs.push(start(bin('clone'), ['-a', 'cl', '-u', 'root', '-F'], { env: sb.env }));
  procs.push(start(bin('clone-outlet'), ['-a', 'co', '-u', 'root', '-F'], { env: sb.env }));
}

async function dumpall(path: string): Promise<string> {
  const p = await SockPeer.connect(path);
  p.send('DUMPALL\n');
  await p.until('DUMPDONE\n');
  await sleep(50);
  const d = p.take();
  p.close();
  return d.slice(0, d.indexOf('DUMPDONE\n') + 9);
}

test('clone / clone-outlet: same published data as the reference stack; shutdown timer', { skip: !haveReference }, async () => {
  const a = sandbox('tsnut-clone-a-');
  const b = sandbox('tsnut-clone-b-');
  const procs: Proc[] = [];
  try {
    await Promise.all([stack(a, ourBin, procs), stack(b, (d) => join(REF_DIR, d), procs)]);
    // wait until both clones relayed the upstream dump (ups.mfr appears)
    for (const sb of [a, b]) {
      for (const s of ['clone-cl', 'clone-outlet-co']) {
        await waitFor(async () => (await dumpall(join(sb.state, s))).includes('SETINFO ups.mfr "ACME"'), 20000, 300);
      }
    }
    await sleep(2500);
    for (const s of ['clone-cl', 'clone-outlet-co']) {
      const [o, r] = await Promise.all([dumpall(join(a.state, s)), dumpall(join(b.state, s))]);
      assert.equal(o, r, s);
    }
    assert.match(await dumpall(join(a.state, 'clone-outlet-co')), /SETINFO ups\.status "OL OFF"/);

    // shutdown.return on the clone: FSD now, load.off upstream after offdelay
    const cl = await SockPeer.connect(join(a.state, 'clone-cl'));
    cl.send('INSTCMD shutdown.return TRACKING sd1\n');
    await cl.until('TRACKING sd1 0');
    await cl.until('SETINFO ups.status "FSD OL"');
    await waitFor(() => procs[0]!.stderr().includes('instcmd: unknown command [outlet.1.load.off]'), 15000, 200);
    cl.send('SET battery.charge.low 30 TRACKING st1\n');
    await cl.until('TRACKING st1 0');
    assert.match(cl.data, /SETINFO battery\.charge\.low "30"/);
    cl.close();
  } finally {
    for (const p of procs.reverse()) await p.kill();
    a.cleanup();
    b.cleanup();
  }
});
