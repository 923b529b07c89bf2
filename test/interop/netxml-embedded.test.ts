// Two netxml-ups devices hosted in one process (single-process mode): each
// keeps its own card session, pages and status (the registered module makes
// one driver instance per device).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sandbox, waitFor } from '../helpers/ref.js';
import { DriverRuntime } from '../../src/driver/runtime.js';
import { netxmlUps } from '../../src/drivers/netxml-ups/index.js';
import { NetxmlSim, defaultModel } from '../sims/netxml.js';
import { SockPeer } from './driver-helpers.js';

test('two netxml-ups cards in one process do not share state', async () => {
  const sb = sandbox('tsnut-netxml-embed-');
  const saved = { ...process.env };
  Object.assign(process.env, { NUT_CONFPATH: sb.conf, NUT_STATEPATH: sb.state, NUT_ALTPIDPATH: sb.state });
  const a = await new NetxmlSim().listen();
  const bModel = defaultModel();
  bModel.summaryUrl = 'ws/summary.xml';
  const b = await new NetxmlSim(bModel).listen();
  b.set('UPS.PowerSummary.PresentStatus.ACPresent', '0');
  b.set('UPS.PowerSummary.PresentStatus.Discharging', '1');
  b.set('UPS.PowerSummary.RemainingCapacity', '42');
  const rts: DriverRuntime[] = [];
  try {
    sb.write('ups.conf', `[a]\n driver = netxml-ups\n port = ${a.url}\n pollinterval = 1\n[b]\n driver = netxml-ups\n port = ${b.url}\n pollinterval = 1\n`);
    const done: Array<Promise<number>> = [];
    for (const u of ['a', 'b']) {
      const rt = new DriverRuntime(netxmlUps);
      rt.log.sink = () => undefined;
      rts.push(rt);
      done.push(rt.runEmbedded(u, join(sb.conf, 'ups.conf')));
    }
    const dump = async (u: string) => {
      const p = await SockPeer.connect(join(sb.state, `netxml-ups-${u}`));
      p.send('DUMPALL\n');
      await p.until('DUMPDONE\n');
      const t = p.take();
      p.close();
      return t;
    };
    let da = '';
    let db = '';
    await waitFor(async () => {
      try { da = await dump('a'); db = await dump('b'); } catch { return false; }
      return da.includes('ups.status') && db.includes('ups.status');
    }, 20000, 300);
    assert.match(da, /SETINFO ups\.status "OL CHRG"/);
    assert.match(da, /SETINFO battery\.charge "100"/);
    assert.match(db, /SETINFO ups\.status "OB DISCHRG"/);
    assert.match(db, /SETINFO battery\.charge "42"/);
    // each card was polled on its own pages
    assert.ok(a.requests.some((r) => r.url === '/upsprop.xml') && !a.requests.some((r) => r.url === '/ws/summary.xml'));
    assert.ok(b.requests.some((r) => r.url === '/ws/summary.xml') && !b.requests.some((r) => r.url === '/upsprop.xml'));
    for (const rt of rts) rt.stop();
    assert.deepEqual(await Promise.all(done), [0, 0]);
  } finally {
    for (const rt of rts) { rt.stop(); await rt.finish(0); }
    process.env = saved;
    await a.close();
    await b.close();
    sb.cleanup();
  }
});
