// Faults during a drill: what NUT documents must happen. A UPS last seen on
// battery that disappears (upsd killed, driver gone, network cut) is treated
// as OB+LB once DEADTIME has passed → shutdown. A UPS last seen on line power
// that disappears only yields COMMBAD/NOCOMM, never a shutdown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haveDummy, startServer, monHost, startMon, eventLog, events, RecordingProxy, type Mon, type Server } from './drill.js';
import { waitFor, start, REF, withRefUpsmonLock } from '../helpers/ref.js';
import { existsSync } from 'node:fs';

async function withRig(steps: Array<[string, number]>, fn: (srv: Server, m: Mon, ev: string, proxy: RecordingProxy) => Promise<void>, impl: 'ours' | 'ref' = 'ours') {
  const srv = await startServer(steps);
  const proxy = new RecordingProxy(srv.port);
  await proxy.listen();
  const ev = eventLog(srv.sb);
  const m = monHost(srv.sb, 'pri', { port: proxy.port, primary: true, events: ev, deadtime: 3, finaldelay: 1 });
  try {
    startMon(m, impl);
    await fn(srv, m, ev, proxy);
  } catch (e) {
    process.stderr.write(`${m.proc?.stderr()}\n${events(ev).join('\n')}\n`);
    throw e;
  } finally {
    await m.proc?.kill();
    await proxy.close();
    await srv.stop();
  }
}

const types = (m: Mon) => m.notes().map((n) => n.type);
const shutdownDone = (m: Mon) => () => m.shutdowns().length > 0;

test('fault: upsd killed while on battery → COMMBAD, shutdown after DEADTIME', { skip: !haveDummy }, async () => {
  await withRig([['OL', 2], ['OB DISCHRG', 3600]], async (srv, m) => {
    await waitFor(() => types(m).includes('ONBATT'), 15000, 50);
    await srv.upsd.kill('SIGKILL');
    const t0 = Date.now();
    await waitFor(shutdownDone(m), 20000, 50);
    const dt = (Date.now() - t0) / 1000;
    assert.ok(dt >= 3, `shutdown ${dt}s after the kill, DEADTIME is 3`);
    const t = types(m);
    assert.deepEqual([t[0], t[1]], ['ONBATT', 'COMMBAD']);
    assert.equal(t[t.length - 1], 'SHUTDOWN');
    assert.match(m.proc!.stderr(), /Poll UPS \[ups1@127\.0\.0\.1:\d+\] failed - |UPS \[ups1@127\.0\.0\.1:\d+\]: connect failed: Connection failure: Connection refused/);
    assert.match(m.proc!.stderr(), /FSD set on UPS ups1@127\.0\.0\.1:\d+ failed: /);
  });
});

test('fault: driver gone while on battery → poll fails, shutdown after DEADTIME', { skip: !haveDummy }, async () => {
  await withRig([['OL', 2], ['OB DISCHRG', 3600]], async (srv, m) => {
    await waitFor(() => types(m).includes('ONBATT'), 15000, 50);
    await srv.driver.kill('SIGKILL');
    await waitFor(shutdownDone(m), 40000, 50);
    assert.ok(types(m).includes('COMMBAD'));
    assert.match(m.proc!.stderr(), /Poll UPS \[ups1@127\.0\.0\.1:\d+\] failed - (Driver not connected|Data stale)/);
  });
});

test('fault: network cut while on battery → shutdown after DEADTIME', { skip: !haveDummy }, async () => {
  await withRig([['OL', 2], ['OB DISCHRG', 3600]], async (_srv, m, _ev, proxy) => {
    await waitFor(() => types(m).includes('ONBATT'), 15000, 50);
    await proxy.cut();
    await waitFor(shutdownDone(m), 20000, 50);
    assert.deepEqual(types(m).slice(0, 2), ['ONBATT', 'COMMBAD']);
  });
});

test('fault: upsd killed while on line power → COMMBAD only; COMMOK when it is back', { skip: !haveDummy }, async () => {
  await withRig([['OL', 3600]], async (srv, m) => {
    await waitFor(() => srv.upsd.stderr() !== undefined && m.proc!.stderr().includes('UPS: '), 10000, 50);
    await new Promise((r) => setTimeout(r, 1500));
    await srv.upsd.kill('SIGKILL');
    await waitFor(() => types(m).includes('COMMBAD'), 10000, 50);
    await new Promise((r) => setTimeout(r, 5000)); // well past DEADTIME 3
    assert.equal(m.shutdowns().length, 0);
    srv.upsd = start(REF.upsd, ['-F', '-u', 'root'], { env: srv.sb.env });
    await waitFor(() => types(m).includes('COMMOK'), 30000, 50);
    assert.deepEqual(types(m).filter((t) => t !== 'NOCOMM'), ['COMMBAD', 'COMMOK']);
    assert.equal(m.shutdowns().length, 0);
  });
});

test('oracle: the reference upsmon also shuts down when upsd dies while on battery', { skip: !haveDummy || !existsSync(REF.upsmon) }, async () => {
  await withRefUpsmonLock(() => withRig([['OL', 2], ['OB DISCHRG', 3600]], async (srv, m) => {
    await waitFor(() => types(m).includes('ONBATT'), 15000, 50);
    await srv.upsd.kill('SIGKILL');
    const t0 = Date.now();
    await waitFor(shutdownDone(m), 20000, 50);
    assert.ok((Date.now() - t0) / 1000 >= 3);
    assert.deepEqual(types(m).slice(0, 2), ['ONBATT', 'COMMBAD']);
  }, 'ref'));
});
