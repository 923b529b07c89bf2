// tsnut drill against the real upsmon: the same upsmon.conf, the same
// outage played by dummy-ups through upsd to a running upsmon (the rig of
// the existing drills, test/e2e/drill.ts) and simulated by the drill. Both
// must give the same notifications (type, UPS, message) in the same order and
// the same decision (shut down or not).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haveDummy, startServer, monHost, startMon, eventLog, RecordingProxy, type Mon } from './drill.js';
import { waitFor, run, ourBin, REF, withRefUpsmonLock } from '../helpers/ref.js';
import { existsSync } from 'node:fs';
import { parseUpsmonConf } from '../../src/config/upsmonconf.js';
import { runDrill } from '../../src/drill/sim.js';
import type { DrillEvent, Scenario } from '../../src/drill/scenarios.js';

type Steps = Array<[string, number]>;

/** the drill's events for a dummy-ups sequence (status held for n seconds each) */
function scenarioOf(steps: Steps, extra: DrillEvent[] = []): Scenario {
  let t = 0;
  const ev: DrillEvent[] = [];
  for (const [st, hold] of steps) { if (t > 0) ev.push({ t, ups: 0, status: st, why: 'seq' }); t += hold; }
  return { name: 'rig', title: 'as the rig', seconds: 120, events: () => [...ev, ...extra] };
}

async function compare(steps: Steps, opts: { primary: boolean; cutAt?: number; shutdown: boolean; impl?: 'ours' | 'ref' }) {
  const srv = await startServer(steps);
  const proxy = new RecordingProxy(srv.port);
  await proxy.listen();
  const ev = eventLog(srv.sb);
  const m: Mon = monHost(srv.sb, 'host', { port: proxy.port, primary: opts.primary, events: ev, deadtime: 3, finaldelay: 1, hostsync: 3 });
  try {
    startMon(m, opts.impl ?? 'ours');
    if (opts.cutAt !== undefined) {
      await waitFor(() => m.notes().some((n) => n.type === 'ONBATT'), 20000, 50);
      await proxy.cut();
    }
    if (opts.shutdown) await waitFor(() => m.shutdowns().length > 0, 40000, 100);
    else await new Promise((r) => setTimeout(r, 12000));
    await new Promise((r) => setTimeout(r, 500));
    const real = m.notes().map((n) => `${n.type}|${n.ups}|${n.msg}`);
    const conf = parseUpsmonConf(readFileSync(join(m.dir, 'etc', 'upsmon.conf')), 'upsmon.conf');
    const cut: DrillEvent[] = opts.cutAt !== undefined ? [{ t: opts.cutAt, ups: 0, reachable: false, why: 'cut' }] : [];
    const res = await runDrill({ conf, scenario: scenarioOf(steps, cut) });
    // what the drill says goes to NOTIFYCMD (EXEC), in order
    const sim = res.steps.filter((s) => s.kind === 'notify' && s.flags.exec && !s.flags.ignore).map((s) => (s.kind === 'notify' ? `${s.type}|${s.ups}|${s.message}` : ''));
    assert.deepEqual(sim, real, `drill:\n${sim.join('\n')}\nreal upsmon:\n${real.join('\n')}`);
    assert.equal(res.shutdownAt !== undefined, m.shutdowns().length > 0);
    // the drill puts SHUTDOWNCMD after every notification, as the real one does
    const order = res.steps.filter((s) => s.kind === 'notify' || s.kind === 'shutdown').map((s) => s.kind);
    if (opts.shutdown) assert.equal(order[order.length - 1], 'shutdown');
    return real.map((r) => r.split('|')[0]);
  } finally {
    await m.proc?.kill();
    await proxy.close();
    await srv.stop();
  }
}

test('drill = real upsmon: a primary on low battery (ONBATT, LOWBATT, FSD, SHUTDOWN, then SHUTDOWNCMD)', { skip: !haveDummy }, async () => {
  assert.deepEqual(await compare([['OL', 3], ['OB DISCHRG', 3], ['OB DISCHRG LB', 3600]], { primary: true, shutdown: true }), ['ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN']);
});

test('drill = real upsmon: a secondary sees FSD set by the primary', { skip: !haveDummy }, async () => {
  assert.deepEqual(await compare([['OL', 3], ['OB DISCHRG', 3], ['FSD OB DISCHRG', 3600]], { primary: false, shutdown: true }), ['ONBATT', 'FSD', 'SHUTDOWN']);
});

test('drill = real upsmon: the connection is lost while on battery (COMMBAD, then shutdown after DEADTIME)', { skip: !haveDummy }, async () => {
  const types = await compare([['OL', 3], ['OB DISCHRG', 3600]], { primary: true, cutAt: 4, shutdown: true });
  assert.deepEqual(types, ['ONBATT', 'COMMBAD', 'SHUTDOWN']);
});

test('drill = the reference NUT 2.8.0 upsmon: the connection is lost while on battery', { skip: !haveDummy || !existsSync(REF.upsmon) }, async () => {
  // the reference exits by itself after SHUTDOWNCMD, so its forked child does not outlive the test
  const types = await withRefUpsmonLock(() => compare([['OL', 3], ['OB DISCHRG', 3600]], { primary: true, cutAt: 4, shutdown: true, impl: 'ref' }));
  assert.deepEqual(types, ['ONBATT', 'COMMBAD', 'SHUTDOWN']);
});

test('drill = real upsmon: power back in the middle of the shutdown does not stop it', { skip: !haveDummy }, async () => {
  assert.deepEqual(await compare([['OL', 3], ['OB DISCHRG', 2], ['OB DISCHRG LB', 2], ['OL CHRG', 3600]], { primary: true, shutdown: true }), ['ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN']);
});

test('drill = real upsmon: a short outage on line again: ONBATT, ONLINE, no shutdown', { skip: !haveDummy }, async () => {
  assert.deepEqual(await compare([['OL', 3], ['OB DISCHRG', 3], ['OL CHRG', 3600]], { primary: true, shutdown: false }), ['ONBATT', 'ONLINE']);
});

test('tsnut drill on a directory prints the steps and the verdict; -l lists the scenarios', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-drill-'));
  try {
    writeFileSync(join(dir, 'upsmon.conf'), 'MONITOR a@h1 1 u p primary\nMONITOR b@h2 1 u p primary\nMINSUPPLIES 1\nSHUTDOWNCMD "/sbin/poweroff"\nPOWERDOWNFLAG /etc/killpower\nFINALDELAY 5\n');
    const r = await run(process.execPath, [ourBin('tsnut'), 'drill', '-s', 'onelost', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Drill 'onelost': one of several supplies is lost/);
    assert.match(r.stdout, /t= {3}20s {2}CRITICAL a@h1: on battery with a low battery \(OB LB\)\n/);
    assert.match(r.stdout, /Verdict: no shutdown within 600 s/);
    assert.doesNotMatch(r.stdout, /SHUTDOWNCMD would run/);
    writeFileSync(join(dir, 'upsmon.conf'), 'MONITOR a@h1 1 u p primary\nMONITOR b@h2 1 u p primary\nMINSUPPLIES 2\nSHUTDOWNCMD "/sbin/poweroff"\nFINALDELAY 5\n');
    const r2 = await run(process.execPath, [ourBin('tsnut'), 'drill', '-s', 'onelost', dir]);
    assert.match(r2.stdout, /t= {3}20s {2}upsmon logs: Too few UPS\(es\) are healthy \(1<2\), initiating forced shutdown\n/);
    assert.match(r2.stdout, /t= {3}25s {2}SHUTDOWNCMD would run now: \/sbin\/poweroff\n/);
    assert.match(r2.stdout, /Verdict: this machine would shut down at t=25s/);
    const l = await run(process.execPath, [ourBin('tsnut'), 'drill', '-l']);
    assert.deepEqual(l.stdout.split('\n').filter(Boolean).map((x) => x.split(' ')[0]), ['outage', 'lowbatt', 'fsd', 'commlost', 'powerback', 'onelost']);
    const bad = await run(process.execPath, [ourBin('tsnut'), 'drill', '-s', 'nope', dir]);
    assert.equal(bad.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
