// Reference C drivers other than dummy-ups feed our upsd unchanged: the
// reference nutdrv_qx (Megatec) and apcsmart on simulated serial devices,
// served by the reference upsd and by ours at the same time; the reference
// upsc, upsrw and upscmd see the same thing through both.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REF, run, sandbox, start, waitFor, haveReference, type Proc } from '../helpers/ref.js';
import { startPair, type UpsdPair } from '../helpers/upsd-pair.js';
import { ptyPair, type PtyPair } from '../sims/pty.js';
import { SerialSim } from '../sims/serial-sim.js';
import { MegatecModel } from '../sims/megatec.js';
import { ApcSmartModel } from '../sims/apcsmart.js';

const skip = !haveReference || !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/lib/nut/apcsmart') || !existsSync('/usr/bin/socat');

const cleanups: Array<() => Promise<void>> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

test('reference nutdrv_qx and apcsmart on simulated devices: same upsc/upsrw/upscmd output through both servers', { skip, timeout: 120000 }, async () => {
  const box = sandbox('tsnut-refdrv-');
  const ptys: PtyPair[] = [await ptyPair(), await ptyPair()];
  const sims = [new SerialSim(ptys[0]!.sim, new MegatecModel()), new SerialSim(ptys[1]!.sim, new ApcSmartModel())];
  void sims;
  const upsConf = `[qx]\n driver = nutdrv_qx\n port = ${ptys[0]!.drv}\n pollinterval = 1\n[apc]\n driver = apcsmart\n port = ${ptys[1]!.drv}\n pollinterval = 1\n`;
  box.write('ups.conf', upsConf);
  const drivers: Proc[] = [];
  cleanups.push(async () => {
    for (const d of drivers) await d.kill();
    for (const p of ptys) await p.close();
    box.cleanup();
  });
  for (const [drv, ups] of [['nutdrv_qx', 'qx'], ['apcsmart', 'apc']] as const) {
    drivers.push(start(`/lib/nut/${drv}`, ['-a', ups, '-u', 'root', '-F'], { env: box.env }));
    await waitFor(() => existsSync(join(box.state, `${drv}-${ups}`)), 60000, 100);
  }
  const pair: UpsdPair = await startPair({ upsConf, users: '[admin]\n password = pw\n actions = SET\n instcmds = ALL\n' }, box);
  cleanups.push(() => pair.stop());
  for (const port of [pair.refPort, pair.ourPort]) {
    for (const ups of ['qx', 'apc']) {
      await waitFor(async () => /^(OL|OB)/.test((await run(REF.upsc, [`${ups}@127.0.0.1:${port}`, 'ups.status'])).stdout), 30000, 200);
    }
  }
  // values that move with each poll are compared by name only
  const volatile = /^(ups\.timer|battery\.runtime|ups\.load|input\.frequency)/;
  const norm = (s: string, port: number) => s.split(String(port)).join('{PORT}').split('\n').map((l) => (volatile.test(l) ? l.replace(/: .*/, ': <v>') : l)).join('\n');
  for (const ups of ['qx', 'apc']) {
    for (const [cmd, args] of [[REF.upsc, []], [REF.upsrw, []], [REF.upscmd, ['-l']]] as const) {
      const r = await run(cmd, [...args, `${ups}@127.0.0.1:${pair.refPort}`], { env: box.env });
      const o = await run(cmd, [...args, `${ups}@127.0.0.1:${pair.ourPort}`], { env: box.env });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual({ code: o.code, out: norm(o.stdout, pair.ourPort), err: o.stderr }, { code: r.code, out: norm(r.stdout, pair.refPort), err: r.stderr }, `${cmd} ${ups}`);
    }
  }
});
