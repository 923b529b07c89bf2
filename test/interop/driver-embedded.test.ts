// Several instances of the same driver hosted in one process (single-process
// mode) keep separate state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sandbox } from '../helpers/ref.js';
import { DriverRuntime } from '../../src/driver/runtime.js';
import { dummyUps } from '../../src/drivers/dummy-ups/index.js';
import { SockPeer } from './driver-helpers.js';

test('two dummy-ups instances in one process do not share state', async () => {
  const sb = sandbox('tsnut-embed-');
  const saved = { ...process.env };
  Object.assign(process.env, { NUT_CONFPATH: sb.conf, NUT_STATEPATH: sb.state, NUT_ALTPIDPATH: sb.state });
  const rts: DriverRuntime[] = [];
  try {
    sb.write('a.dev', 'ups.mfr: Alpha\nbattery.charge: 11\n');
    sb.write('b.seq', 'ups.mfr: Beta\nbattery.charge: 22\nTIMER 100\n');
    sb.write('ups.conf', '[a]\n driver = dummy-ups\n port = a.dev\n[b]\n driver = dummy-ups\n port = b.seq\n');
    const done: Array<Promise<number>> = [];
    for (const u of ['a', 'b']) {
      const rt = new DriverRuntime(dummyUps);
      rt.log.sink = () => undefined;
      rts.push(rt);
      done.push(rt.runEmbedded(u, join(sb.conf, 'ups.conf')));
    }
    const dumps: string[] = [];
    for (const u of ['a', 'b']) {
      const p = await SockPeer.connect(join(sb.state, `dummy-ups-${u}`));
      p.send('DUMPALL\n');
      await p.until('DUMPDONE\n');
      dumps.push(p.take());
      p.close();
    }
    assert.match(dumps[0]!, /SETINFO ups\.mfr "Alpha"/);
    assert.match(dumps[0]!, /SETINFO driver\.parameter\.mode "dummy-once"/);
    assert.match(dumps[0]!, /SETINFO battery\.charge "11"/);
    assert.match(dumps[1]!, /SETINFO ups\.mfr "Beta"/);
    assert.match(dumps[1]!, /SETINFO driver\.parameter\.mode "dummy-loop"/);
    assert.match(dumps[1]!, /SETINFO battery\.charge "22"/);
    for (const rt of rts) rt.stop();
    assert.deepEqual(await Promise.all(done), [0, 0]);
  } finally {
    for (const rt of rts) { rt.stop(); await rt.finish(0); }
    process.env = saved;
    sb.cleanup();
  }
});
