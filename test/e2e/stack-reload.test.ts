// bin/tsnut on SIGHUP with each config file missing or broken: the stack
// keeps serving on its previous configuration and upsmon keeps watching.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, readFileSync, existsSync, renameSync } from 'node:fs';
import { sandbox, freePort, start, ourBin, waitFor, waitForPort } from '../helpers/ref.js';
import { exchange } from '../helpers/upsd-pair.js';

test('SIGHUP with ups.conf, upsd.conf, upsd.users or upsmon.conf missing or broken: logged, the stack keeps serving and upsmon keeps watching', async () => {
  const box = sandbox('tsnut-reload-');
  const port = await freePort();
  const dev = join(box.conf, 'sim.dev');
  writeFileSync(dev, 'ups.status: OL\nbattery.charge: 100\n');
  box.write('ups.conf', `[sim]\n  driver = dummy-ups\n  port = ${dev}\n  mode = dummy-once\n`);
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
  const notify = join(box.dir, 'notify');
  box.write('upsmon.conf', [
    `MONITOR sim@127.0.0.1:${port} 1 mon pw primary`,
    `SHUTDOWNCMD "/bin/true"`,
    `NOTIFYCMD "/bin/sh -c 'echo $NOTIFYTYPE >> ${notify}'"`,
    'NOTIFYFLAG ONBATT EXEC', 'POLLFREQ 1', 'POLLFREQALERT 1', '',
  ].join('\n'));
  const p = start(process.execPath, [ourBin('tsnut')], { env: box.env });
  try {
    await waitForPort(port, '127.0.0.1', 30000);
    await waitFor(() => /logged into UPS \[sim\]/.test(p.stderr()), 30000, 50);
    const serving = async (what: string) => {
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(p.child.exitCode, null, `tsnut still running after SIGHUP with ${what}`);
      assert.equal(await exchange(port, 'GET VAR sim ups.status\n', ''), 'VAR sim ups.status "OL"\n', `still serving with ${what}`);
    };
    for (const f of ['ups.conf', 'upsd.conf', 'upsd.users', 'upsmon.conf']) {
      const path = join(box.conf, f);
      renameSync(path, path + '.away');
      p.child.kill('SIGHUP');
      await serving(`${f} missing`);
      assert.match(p.stderr(), new RegExp(`Reload failed: .*${f.replace('.', '\\.')}.*No such file or directory`, 'i'));
      renameSync(path + '.away', path);
      const good = readFileSync(path);
      writeFileSync(path, '\x01[broken "unterminated\n= = =\n');
      p.child.kill('SIGHUP');
      await serving(`${f} broken`);
      writeFileSync(path, good);
    }
    // upsmon still watches: a power cut is noticed
    writeFileSync(dev, 'ups.status: OB\nbattery.charge: 90\n');
    await waitFor(() => existsSync(notify) && readFileSync(notify, 'utf8').includes('ONBATT'), 20000, 100);
    assert.equal(p.child.exitCode, null);
  } finally {
    await p.kill();
    box.cleanup();
  }
});
