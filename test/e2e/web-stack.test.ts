// upsweb inside the single-process stack (tsnut): started when upsweb.conf exists,
// and woken by every driver update, so a change shows without waiting for POLLFREQ.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { sandbox, freePort, start, ourBin, waitFor, waitForPort } from '../helpers/ref.js';

test('tsnut serves upsweb; a driver change reaches the API well before POLLFREQ', async () => {
  const box = sandbox('tsnut-stack-web-');
  const port = await freePort();
  const webPort = await freePort();
  const dev = join(box.conf, 'sim.dev');
  writeFileSync(dev, 'ups.status: OL\nbattery.charge: 100\n');
  box.write('ups.conf', `[sim]\n  driver = dummy-ups\n  port = ${dev}\n  mode = dummy-once\n`);
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '');
  box.write('hosts.conf', `MONITOR sim@127.0.0.1:${port} "in-process"\n`);
  box.write('upsweb.conf', `LISTEN 127.0.0.1 ${webPort}\nPOLLFREQ 60\n`);
  const p = start(process.execPath, [ourBin('tsnut')], { env: box.env });
  try {
    await waitForPort(webPort, '127.0.0.1', 60000).catch((e) => { throw new Error(`${(e as Error).message}: ${p.stderr()}`); });
    const status = async () => ((await (await fetch(`http://127.0.0.1:${webPort}/api/v1/devices/sim`)).json()) as { vars: Record<string, string> }).vars['ups.status'];
    await waitFor(async () => (await status()) === 'OL', 30000, 100);
    const t0 = Date.now();
    writeFileSync(dev, 'ups.status: OB\nbattery.charge: 90\n');
    await waitFor(async () => (await status()) === 'OB', 20000, 50);
    const took = Date.now() - t0;
    assert.ok(took < 15000, `seen after ${took} ms with POLLFREQ 60`);
    assert.match(p.stderr(), /upsweb: listening on 127\.0\.0\.1 port \d+/);
  } finally {
    await p.kill();
    box.cleanup();
  }
});
