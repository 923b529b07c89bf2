// End to end on a simulated USB APC: our upsdrvctl starts our usbhid-ups
// (under umockdev), our upsd serves it, the reference upsc reads it, the
// reference upscmd's beeper.disable reaches the device as a SET_REPORT, and a
// power cut shows OB then OB LB, after which upsmon runs its SHUTDOWNCMD
// (which only appends a line to a file).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { REF, freePort, ourBin, run, sandbox, start, waitFor, waitForPort, type Proc } from '../helpers/ref.js';
import { PY, SIM, simSkip } from '../sims/usbhid-run.js';
import { syntheticApc } from '../sims/usbhid-model.js';
import { eventLog, monHost, startMon } from './drill.js';

const skip = simSkip() || (!existsSync(REF.upsc) || !existsSync(REF.upscmd) ? 'reference clients missing' : false);

function control(path: string, cmd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = net.connect(path);
    c.on('connect', () => c.write(cmd + '\n'));
    c.on('data', (b) => { c.end(); b.toString().startsWith('ok') ? resolve() : reject(new Error(b.toString())); });
    c.on('error', reject);
  });
}

test('usbhid-ups end to end: upsdrvctl, upsd, reference upsc/upscmd, power cut → OB → OB LB → upsmon shutdown', { skip, timeout: 180000 }, async () => {
  const sb = sandbox('tsnut-usb-e2e-');
  const simDir = mkdtempSync(join(tmpdir(), 'tsnut-usbsim-'));
  const modelFile = join(simDir, 'model.json');
  const log = join(simDir, 'sim.log');
  const ctl = join(simDir, 'ctl.sock');
  writeFileSync(modelFile, JSON.stringify(syntheticApc()));
  const procs: Proc[] = [];
  let sim: Proc | undefined;
  try {
    const port = await freePort();
    sb.write('ups.conf', `driverpath = ${join(ourBin('usbhid-ups'), '..')}\n\n[apc]\n driver = usbhid-ups\n port = auto\n pollinterval = 1\n desc = "simulated Back-UPS"\n`);
    sb.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    sb.write('upsd.users', '[admin]\n password = pw\n instcmds = ALL\n[pri]\n password = pp\n upsmon primary\n');
    sb.write('nut.conf', 'MODE=standalone\n');
    // upsdrvctl forks the driver and exits; the simulator keeps serving it
    sim = start(PY, [SIM, modelFile, '--log', log, '--control', ctl, '--keep', '--', ourBin('upsdrvctl'), '-u', 'root', 'start'], { env: sb.env });
    await waitFor(() => sim!.stderr().includes('program exited'), 60000, 100).catch(() => { throw new Error(`upsdrvctl under the simulator: ${sim!.stderr()} ${sim!.stdout()}`); });
    assert.match(sim.stderr(), /program exited \(0\)/, sim.stderr());
    assert.ok(existsSync(join(sb.state, 'usbhid-ups-apc')), 'driver socket');
    procs.push(start(ourBin('upsd'), ['-u', 'root', '-F'], { env: sb.env }));
    await waitForPort(port);
    const target = `apc@127.0.0.1:${port}`;
    const upsc = async (v: string) => (await run(REF.upsc, [target, v], { env: sb.env })).stdout.trim();
    await waitFor(async () => (await upsc('ups.status')) === 'OL CHRG', 30000, 200).catch(async () => { throw new Error(`status ${await upsc('ups.status')}: ${sim!.stderr()} ${procs[0]!.stderr()}`); });
    assert.equal(await upsc('device.model'), 'Back-UPS SIM 700');
    assert.equal(await upsc('battery.charge'), '97');
    assert.equal(await upsc('driver.version.data'), 'APC HID 0.98');

    const cmd = await run(REF.upscmd, ['-u', 'admin', '-p', 'pw', target, 'beeper.disable'], { env: sb.env });
    assert.equal(cmd.code, 0, cmd.stderr);
    await waitFor(() => readFileSync(log, 'utf8').includes('SET feature 18 01'), 15000);
    await waitFor(async () => (await upsc('ups.beeper.status')) === 'disabled', 30000, 300);

    const events = eventLog(sb);
    const mon = monHost(sb, 'm1', { port, primary: true, events, ups: 'apc' });
    procs.push(startMon(mon, 'ours'));

    await control(ctl, 'set 06 060a'); // mains gone: discharging, battery present
    await waitFor(async () => (await upsc('ups.status')) === 'OB DISCHRG', 30000, 200);
    assert.equal(readFileSync(events, 'utf8').includes('SHUTDOWN'), false, 'no shutdown on battery alone');
    await control(ctl, 'set 06 061a'); // below the remaining-capacity limit
    await control(ctl, 'set 0c 0c08');
    await waitFor(async () => /^OB DISCHRG LB/.test(await upsc('ups.status')), 30000, 200);
    await waitFor(() => mon.shutdowns().length > 0, 30000, 200);
    assert.deepEqual(mon.shutdowns(), ['m1 SHUTDOWN']);
    assert.ok(mon.notes().some((n) => n.type === 'ONBATT') && mon.notes().some((n) => n.type === 'LOWBATT'), JSON.stringify(mon.notes()));
  } finally {
    for (const p of procs) await p.kill();
    await run(ourBin('upsdrvctl'), ['stop'], { env: sb.env });
    await sim?.kill();
    sb.cleanup();
  }
});
