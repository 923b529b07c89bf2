// upsd as a library: an Upsd instance in this process, on real sockets,
// with short timers so time-based rules can be checked quickly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import net from 'node:net';
import { Logger } from '../../../src/core/logger.js';
import { Upsd } from '../../../src/server/upsd.js';
import { sandbox, freePort, waitFor } from '../../helpers/ref.js';
import { fakeDriver } from '../../helpers/fake-driver.js';
import { exchange } from '../../helpers/upsd-pair.js';

test('in-process upsd: idle clients are dropped after the idle timeout, talking ones are kept', async () => {
  const box = sandbox('tsnut-inproc-');
  const port = await freePort();
  box.write('ups.conf', '[u1]\n driver = fake\n port = none\n');
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '');
  const d = await fakeDriver(join(box.state, 'fake-u1'), 'SETINFO ups.status "OL"\nDATAOK\nDUMPDONE\n');
  const lines: string[] = [];
  const log = new Logger('upsd');
  log.sink = (l) => lines.push(l);
  log.debugLevel = 2;
  const upsd = new Upsd({ confPath: box.conf, envStatePath: box.state, defaultStatePath: box.state, log, env: {}, idleTimeoutMs: 400, tickMs: 100 });
  const seen: string[] = [];
  upsd.onUpsData = (u) => seen.push(u.store.get('ups.status')?.value ?? '');
  try {
    await upsd.start();
    upsd.connectDrivers();
    await waitFor(async () => (await exchange(port, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "OL"'), 5000, 20);
    assert.ok(seen.includes('OL'), 'data change callback fired');
    const idle = net.connect(port, '127.0.0.1');
    const talk = net.connect(port, '127.0.0.1');
    talk.on('data', () => {});
    let idleClosed = false;
    let talkClosed = false;
    idle.on('close', () => { idleClosed = true; });
    talk.on('close', () => { talkClosed = true; });
    const keepAlive = setInterval(() => talk.write('VER\n'), 100);
    await waitFor(() => idleClosed, 3000, 20);
    assert.equal(talkClosed, false);
    clearInterval(keepAlive);
    assert.ok(lines.some((l) => /Disconnect 127\.0\.0\.1 \(timeout\)/.test(l)));
    talk.destroy();
    // a driver line arriving pushes straight through to the data listener
    d.broadcast('SETINFO ups.status "OB"');
    await waitFor(() => seen.includes('OB'), 2000, 10);
  } finally {
    await upsd.stop();
    await d.close();
    box.cleanup();
  }
});
