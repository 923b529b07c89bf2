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

test('in-process client: same replies as TCP, counted in LOGIN and LIST CLIENT, STARTTLS refused', async () => {
  const box = sandbox('tsnut-local-');
  const port = await freePort();
  box.write('ups.conf', '[u1]\n driver = fake\n port = none\n');
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
  const d = await fakeDriver(join(box.state, 'fake-u1'), 'SETINFO ups.status "OB LB"\nSETINFO battery.charge "5"\nDATAOK\nDUMPDONE\n');
  const log = new Logger('upsd');
  log.sink = () => {};
  const upsd = new Upsd({ confPath: box.conf, envStatePath: box.state, defaultStatePath: box.state, log, env: {} });
  try {
    await upsd.start();
    upsd.connectDrivers();
    await waitFor(async () => (await exchange(port, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "OB LB"'), 5000, 20);
    const l = upsd.openLocal();
    assert.deepEqual(l.request('GET VAR u1 ups.status'), ['VAR u1 ups.status "OB LB"']);
    assert.deepEqual(l.request('LIST VAR u1'), ['BEGIN LIST VAR u1', 'VAR u1 battery.charge "5"', 'VAR u1 ups.status "OB LB"', 'END LIST VAR u1']);
    assert.deepEqual(l.request('STARTTLS'), ['ERR FEATURE-NOT-CONFIGURED']);
    for (const r of ['USERNAME mon', 'PASSWORD pw', 'LOGIN u1']) assert.deepEqual(l.request(r), ['OK']);
    assert.deepEqual(l.request('PRIMARY u1'), ['OK PRIMARY-GRANTED']);
    assert.equal(await exchange(port, 'GET NUMLOGINS u1\nLIST CLIENT u1\n'), 'NUMLOGINS u1 1\nBEGIN LIST CLIENT u1\nCLIENT u1 local\nEND LIST CLIENT u1\nOK Goodbye\n');
    assert.deepEqual(l.request('GET VAR u1 "a#b"'), [], 'parse error: no reply, as on the wire');
    assert.deepEqual(l.request('LOGOUT'), ['OK Goodbye']);
    assert.equal(l.closed, true);
    assert.equal(await exchange(port, 'GET NUMLOGINS u1\n'), 'NUMLOGINS u1 0\nOK Goodbye\n');
  } finally {
    await upsd.stop();
    await d.close();
    box.cleanup();
  }
});
