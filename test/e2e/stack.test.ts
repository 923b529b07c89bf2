// Single-process mode: drivers + upsd + upsmon in one tsnut process, driven
// through a power cut. NUT clients see the usual TCP port; upsmon reacts at
// once to the status change instead of waiting for POLLFREQ.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { sandbox, freePort, start, run, ourBin, waitFor, waitForPort, REF, haveReference } from '../helpers/ref.js';

test('tsnut single process: clients see upsd, upsmon shuts down on OB LB well before POLLFREQ', async () => {
  const box = sandbox('tsnut-stack-');
  const port = await freePort();
  const dev = join(box.conf, 'sim.dev');
  writeFileSync(dev, 'ups.status: OL\nbattery.charge: 100\nups.mfr: tsnut\n');
  box.write('ups.conf', `[sim]\n  driver = dummy-ups\n  port = ${dev}\n  mode = dummy-once\n  desc = "in-process"\n`);
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
  const notify = join(box.dir, 'notify');
  const marker = join(box.dir, 'shutdown');
  box.write('upsmon.conf', [
    `MONITOR sim@127.0.0.1:${port} 1 mon pw primary`,
    `SHUTDOWNCMD "/bin/sh -c 'echo ran >> ${marker}'"`,
    `NOTIFYCMD "/bin/sh -c 'echo $NOTIFYTYPE $UPSNAME >> ${notify}'"`,
    'NOTIFYFLAG ONBATT EXEC', 'NOTIFYFLAG LOWBATT EXEC', 'NOTIFYFLAG FSD EXEC', 'NOTIFYFLAG SHUTDOWN EXEC', 'NOTIFYFLAG ONLINE EXEC',
    // long polls: only the in-process wake-up can make the deadline below
    'POLLFREQ 60', 'POLLFREQALERT 60', 'HOSTSYNC 1', 'FINALDELAY 0', 'DEADTIME 180',
    `POWERDOWNFLAG ${join(box.dir, 'killpower')}`, '',
  ].join('\n'));
  const p = start(process.execPath, [ourBin('tsnut')], { env: box.env });
  try {
    await waitForPort(port, '127.0.0.1', 30000);
    await waitFor(() => existsSync(join(box.state, 'dummy-ups-sim')), 30000, 50);
    assert.equal(statSync(join(box.state, 'dummy-ups-sim')).mode & 0o777, 0o660, 'driver socket as NUT makes it');
    if (haveReference) {
      await waitFor(async () => (await run(REF.upsc, [`sim@127.0.0.1:${port}`, 'ups.status'])).stdout === 'OL\n', 30000, 100);
      const l = await run(REF.upsc, ['-l', `127.0.0.1:${port}`]);
      assert.equal(l.stdout, 'sim\n');
    }
    await waitFor(() => /logged into UPS \[sim\]/.test(p.stderr()), 30000, 50);
    if (haveReference) {
      const c = await run(REF.upsc, ['-c', `sim@127.0.0.1:${port}`]);
      assert.equal(c.stdout, 'local\n', 'upsmon is an in-process client');
    }
    const t0 = Date.now();
    writeFileSync(dev, 'ups.status: OB LB\nbattery.charge: 4\nups.mfr: tsnut\n');
    await waitFor(() => existsSync(marker), 40000, 50);
    const took = Date.now() - t0;
    // without the in-process wake-up upsmon would only look again after POLLFREQ (60 s)
    assert.ok(took < 30000, `shutdown ${took} ms after the change, with POLLFREQ 60`);
    // as NUT: FSD once the primary has set it, SHUTDOWN without a UPS name
    assert.deepEqual(readFileSync(notify, 'utf8').trim().split('\n'), ['ONBATT sim@127.0.0.1:' + port, 'LOWBATT sim@127.0.0.1:' + port, 'FSD sim@127.0.0.1:' + port, 'SHUTDOWN']);
    assert.equal(readFileSync(marker, 'utf8'), 'ran\n');
    assert.match(readFileSync(join(box.dir, 'killpower'), 'utf8'), /upsmon-shutdown-file/);
    if (haveReference) assert.equal((await run(REF.upsc, [`sim@127.0.0.1:${port}`, 'ups.status'])).stdout, 'FSD OB LB\n');
  } finally {
    await p.kill();
    box.cleanup();
  }
  assert.equal(existsSync(join(box.state, 'dummy-ups-sim')), false);
});

test('tsnut refuses to run unprotected: missing ups.conf, or an upsmon.conf that cannot shut down, exit 1 with a clear message', async () => {
  const box = sandbox('tsnut-stack-bad-');
  try {
    const r1 = await run(process.execPath, [ourBin('tsnut')], { env: box.env });
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, new RegExp(`Can't open ${box.conf}/ups\\.conf: No such file or directory\\n`));
    const port = await freePort();
    box.write('ups.conf', `[sim]\n  driver = dummy-ups\n  port = ${join(box.conf, 'sim.dev')}\n`);
    writeFileSync(join(box.conf, 'sim.dev'), 'ups.status: OL\n');
    box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
    box.write('upsmon.conf', `MONITOR sim@127.0.0.1:${port} 1 mon pw primary\nMINSUPPLIES 2\n`);
    const r2 = await run(process.execPath, [ourBin('tsnut')], { env: box.env, timeoutMs: 30000 });
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /Fatal error: insufficient power configured! \(power values 1 < MINSUPPLIES 2\)/);
    assert.equal(existsSync(join(box.state, 'dummy-ups-sim')), false, 'the in-process driver was stopped');
  } finally {
    box.cleanup();
  }
});
