// End to end: a simulated Megatec UPS on a pty, our nutdrv_qx started by
// upsdrvctl from ups.conf, upsd serving it, upsc/upscmd reading and commanding it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { REF, REPO, freePort, ourBin, run, sandbox, start, waitFor, waitForPort, type Proc } from '../helpers/ref.js';
import { ptyPair } from '../sims/pty.js';
import { SerialSim, type DeviceModel } from '../sims/serial-sim.js';
import { MegatecModel } from '../sims/megatec.js';
import { VoltronicModel, qgs } from '../sims/voltronic.js';
import { join } from 'node:path';

const skip = !existsSync(REF.upsc) || !existsSync('/usr/bin/socat') ? 'reference clients or socat missing' : false;

/** ups.conf section [name] for our nutdrv_qx on a simulated unit, our upsdrvctl, the chosen upsd; `fn` gets the upsc target */
async function withStack(model: DeviceModel, name: string, extra: string, server: 'ours' | 'ref', fn: (target: string, sim: SerialSim, sb: ReturnType<typeof sandbox>) => Promise<void>): Promise<void> {
  const sb = sandbox('tsnut-serial-e2e-');
  const pty = await ptyPair();
  const sim = new SerialSim(pty.sim, model);
  const procs: Proc[] = [];
  try {
    const port = await freePort();
    sb.write('ups.conf', `driverpath = ${join(REPO, 'bin')}\n\n[${name}]\n driver = nutdrv_qx\n port = ${pty.drv}\n pollinterval = 1\n${extra}`);
    sb.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    sb.write('upsd.users', '[admin]\n password = pw\n actions = SET\n instcmds = ALL\n');
    sb.write('nut.conf', 'MODE=standalone\n');
    const ctl = await run(ourBin('upsdrvctl'), ['-u', 'root', 'start'], { env: sb.env, timeoutMs: 60000 });
    assert.equal(ctl.code, 0, `upsdrvctl: ${ctl.stdout} ${ctl.stderr}`);
    assert.ok(existsSync(join(sb.state, `nutdrv_qx-${name}`)), 'driver socket');
    procs.push(start(server === 'ours' ? ourBin('upsd') : REF.upsd, ['-u', 'root', '-F'], { env: sb.env }));
    await waitForPort(port);
    await fn(`${name}@127.0.0.1:${port}`, sim, sb);
  } finally {
    for (const p of procs) await p.kill();
    await run(ourBin('upsdrvctl'), ['stop'], { env: sb.env });
    sim.close();
    await pty.close();
    sb.cleanup();
  }
}

for (const server of ['ours', 'ref'] as const) {
  test(`upsdrvctl start + ${server} upsd + upsc/upscmd: a simulated serial UPS end to end`, { skip, timeout: 90000 }, async () => {
    const model = new MegatecModel();
    await withStack(model, 'qx', ' desc = "simulated Q1 UPS"\n', server, async (target, sim, sb) => {
      const upsc = async (v?: string) => (await run(ourBin('upsc'), v ? [target, v] : [target], { env: sb.env })).stdout.trim();
      await waitFor(async () => (await upsc('ups.status')) === 'OL', 30000, 200);
      const all = await upsc();
      assert.match(all, /^device\.mfr: TSNUTSIM$/m);
      assert.match(all, /^driver\.version\.data: Megatec 0\.06$/m);
      assert.match(all, /^input\.voltage: 230\.0$/m);
      // the same through the reference upsc
      const ref = await run(REF.upsc, [target, 'battery.voltage'], { env: sb.env });
      assert.equal(ref.stdout.trim(), '13.50');

      // power fails: the quick poll shows it
      model.st.utilFail = true;
      model.st.inV = 0;
      await waitFor(async () => (await upsc('ups.status')) === 'OB', 30000, 200);

      // an instant command through upsd reaches the device
      sim.clearLog();
      const cmd = await run(REF.upscmd, ['-u', 'admin', '-p', 'pw', target, 'test.battery.start.quick'], { env: sb.env });
      assert.equal(cmd.code, 0, cmd.stderr);
      await waitFor(() => sim.commands().includes('T'), 30000);
      await waitFor(async () => (await upsc('ups.status')) === 'OB CAL', 30000, 200);

      const stop = await run(ourBin('upsdrvctl'), ['stop'], { env: sb.env });
      assert.equal(stop.code, 0, stop.stderr);
      await waitFor(() => !existsSync(join(sb.state, 'nutdrv_qx-qx')), 30000);
    });
  });
}

for (const server of ['ours', 'ref'] as const) {
  test(`upsdrvctl start + ${server} upsd + upsc/upsrw/upscmd: a simulated Voltronic P31 unit end to end`, { skip, timeout: 90000 }, async () => {
    const model = new VoltronicModel();
    await withStack(model, 'volt', ' bypass_alarm = disabled\n', server, async (target, sim, sb) => {
      assert.ok(sim.commands().includes('PDP'), `the ups.conf capability was not applied: ${sim.commands().join(' ')}`);
      const upsc = async (v?: string) => (await run(REF.upsc, v ? [target, v] : [target], { env: sb.env })).stdout.trim();
      await waitFor(async () => (await upsc('ups.status')) === 'OL', 30000, 200);
      const all = await upsc();
      assert.match(all, /^driver\.version\.data: Voltronic 0\.06$/m);
      assert.match(all, /^ups\.firmware\.aux: P31$/m);
      assert.match(all, /^battery\.type: Flooded$/m);

      // settable capability through upsd: the enum is published, SET reaches the unit as PER
      const rw = await run(REF.upsrw, ['-u', 'admin', '-p', 'pw', '-s', 'ups.start.auto=yes', '-w', target], { env: sb.env });
      assert.equal(rw.code, 0, rw.stderr);
      await waitFor(() => sim.commands().includes('PER'), 30000);

      // power fails: status flags and working mode
      model.replies.QGS = qgs({ utilFail: true });
      model.replies.QMOD = '(B';
      await waitFor(async () => (await upsc('ups.status')) === 'OB', 30000, 200);
      const cmd = await run(REF.upscmd, ['-u', 'admin', '-p', 'pw', target, 'test.battery.start', '120'], { env: sb.env });
      assert.equal(cmd.code, 0, cmd.stderr);
      await waitFor(() => sim.commands().includes('T02'), 30000);
    });
  });
}
