// Our dummy-ups behind the reference upsd: .seq timing seen by the reference
// upsc, and repeater mode relaying another reference upsd.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { REF, REPO, haveReference, ourBin, run, sandbox, start, waitFor, type Proc } from '../helpers/ref.js';
import { SockPeer, refUpsc, startRefUpsd } from './driver-helpers.js';

test('dummy-ups .seq: status changes appear when the file says (reference upsd + upsc)', { skip: !haveReference }, async () => {
  const sb = sandbox('tsnut-seq-');
  const procs: Proc[] = [];
  try {
    sb.write('test.seq', 'ups.status: OL\nbattery.charge: 100\nTIMER 4\nups.status: OB DISCHRG\nbattery.charge: 50\nTIMER 4\n');
    sb.write('ups.conf', '[seq]\n driver = dummy-ups\n port = test.seq\n desc = "sequence"\n');
    procs.push(start(ourBin('dummy-ups'), ['-a', 'seq', '-u', 'root', '-F'], { env: sb.env }));
    await waitFor(async () => (await SockPeer.connect(join(sb.state, 'dummy-ups-seq')).then((p) => { p.close(); return true; })), 15000);
    const { proc, port } = await startRefUpsd(sb);
    procs.push(proc);
    const target = `seq@127.0.0.1:${port}`;
    await waitFor(async () => (await refUpsc(sb, target, 'ups.status')).out === 'OL', 15000, 100);
    const t0 = Date.now();
    await waitFor(async () => (await refUpsc(sb, target, 'ups.status')).out === 'OB DISCHRG', 15000, 100);
    const t1 = Date.now();
    assert.equal((await refUpsc(sb, target, 'battery.charge')).out, '50');
    await waitFor(async () => (await refUpsc(sb, target, 'ups.status')).out === 'OL', 15000, 100);
    const t2 = Date.now();
    // TIMER 4 with a 1 s update sleep and a 2 s poll: the change lands 3..8 s later
    assert.ok(t2 - t1 >= 2500 && t2 - t1 <= 9000, `OB→OL took ${t2 - t1} ms`);
    assert.ok(t1 - t0 <= 9000, `OL→OB took ${t1 - t0} ms`);
  } finally {
    for (const p of procs.reverse()) await p.kill();
    sb.cleanup();
  }
});

test('dummy-ups repeater: relays a reference upsd, forwards SET/INSTCMD, goes stale with the remote', { skip: !haveReference }, async () => {
  const up = sandbox('tsnut-rep-up-');
  const down = sandbox('tsnut-rep-down-');
  const procs: Proc[] = [];
  try {
    up.write('src.dev', 'ups.mfr: Remote\nups.status: OL\nbattery.charge: 77\n');
    up.write('ups.conf', '[src]\n driver = dummy-ups\n port = src.dev\n');
    const upDrv = start(REF.dummyUps, ['-a', 'src', '-u', 'root', '-F'], { env: up.env });
    procs.push(upDrv);
    const upDrvSock = await SockPeer.connect(join(up.state, 'dummy-ups-src'));
    const A = await startRefUpsd(up);
    procs.push(A.proc);
    await waitFor(async () => (await refUpsc(up, `src@127.0.0.1:${A.port}`, 'battery.charge')).out === '77', 15000, 100);

    down.write('ups.conf', `[rep]\n driver = dummy-ups\n port = src@127.0.0.1:${A.port}\n username = admin\n password = pw\n`);
    procs.push(start(ourBin('dummy-ups'), ['-a', 'rep', '-u', 'root', '-F'], { env: down.env }));
    const rep = await SockPeer.connect(join(down.state, 'dummy-ups-rep'));
    const B = await startRefUpsd(down);
    procs.push(B.proc);
    const target = `rep@127.0.0.1:${B.port}`;
    await waitFor(async () => (await refUpsc(down, target, 'battery.charge')).out === '77', 15000, 100);
    assert.equal((await refUpsc(down, target, 'ups.mfr')).out, 'Remote');
    assert.equal((await refUpsc(down, target, 'driver.parameter.mode')).out, 'repeater');

    // a change upstream shows up within a poll
    upDrvSock.send('SET battery.charge 42\n');
    await waitFor(async () => (await refUpsc(down, target, 'battery.charge')).out === '42', 10000, 100);

    // SET and INSTCMD through the repeater reach the remote upsd
    rep.send('SET ups.mfr "from-repeater" TRACKING s1\n');
    await rep.until('TRACKING s1 ');
    assert.match(rep.data, /TRACKING s1 0/);
    await waitFor(async () => (await refUpsc(up, `src@127.0.0.1:${A.port}`, 'ups.mfr')).out === 'from-repeater', 10000, 100);
    await waitFor(async () => (await refUpsc(down, target, 'ups.mfr')).out === 'from-repeater', 10000, 100);
    // a variable the remote does not have: upsd refuses, reported as invalid
    rep.send('SET no.such.var 1 TRACKING s2\n');
    await rep.until('TRACKING s2 ');
    assert.match(rep.data, /TRACKING s2 2/);
    rep.send('INSTCMD load.off TRACKING c1\n');
    await rep.until('TRACKING c1 ');
    assert.match(rep.data, /TRACKING c1 0/);

    // the remote loses its driver: the repeater goes stale, the reference upsd says so
    upDrvSock.close();
    await upDrv.kill();
    await waitFor(async () => /Data stale/i.test((await refUpsc(down, target, 'ups.status')).err), 30000, 200);
    rep.close();
  } finally {
    for (const p of procs.reverse()) await p.kill();
    up.cleanup();
    down.cleanup();
  }
});

test('the reference upsd serves our dummy-ups exactly as the reference dummy-ups (upsc, upsrw, upscmd)', { skip: !haveReference }, async () => {
  const files = [join(REPO, 'test/fixtures/ddl/synthetic/quoting.dev'), '/work/shared/data/ddl/APC/APC__AP7724__snmp-ups__2.7.4.1__01.dev',
    '/work/shared/data/ddl/Eaton/Eaton__3S_550__usbhid-ups__2.6.5__01.dev'].filter((f) => existsSync(f));
  const a = sandbox('tsnut-serve-a-');
  const b = sandbox('tsnut-serve-b-');
  const procs: Proc[] = [];
  try {
    let conf = '';
    files.forEach((f, i) => { conf += `[u${i}]\n driver = dummy-ups\n port = ${f}\n desc = "device ${i}"\n`; });
    const users = '[admin]\n password = pw\n actions = SET\n instcmds = ALL\n';
    for (const sb of [a, b]) sb.write('ups.conf', conf);
    for (let i = 0; i < files.length; i++) {
      procs.push(start(ourBin('dummy-ups'), ['-a', `u${i}`, '-u', 'root', '-F'], { env: a.env }));
      procs.push(start(REF.dummyUps, ['-a', `u${i}`, '-u', 'root', '-F'], { env: b.env }));
    }
    for (let i = 0; i < files.length; i++) {
      for (const sb of [a, b]) (await SockPeer.connect(join(sb.state, `dummy-ups-u${i}`))).close();
    }
    const A = await startRefUpsd(a, users);
    const B = await startRefUpsd(b, users);
    procs.push(A.proc, B.proc);
    const q = async (sb: typeof a, port: number, cmd: string, args: string[]) =>
      (await run(cmd, args.map((x) => x.replace('@H', `@127.0.0.1:${port}`)), { env: sb.env, timeoutMs: 10000 }));
    for (let i = 0; i < files.length; i++) {
      // until the dump is in (upsd shows WAIT while DUMPALL is pending)
      const ready = async (sb: typeof a, port: number) => { const r = await q(sb, port, REF.upsc, [`u${i}@H`, 'ups.status']); return r.code === 0 && r.stdout.trim() !== 'WAIT'; };
      await waitFor(() => ready(a, A.port), 15000, 200);
      await waitFor(() => ready(b, B.port), 15000, 200);
      for (const [cmd, args] of [[REF.upsc, [`u${i}@H`]], [REF.upsc, ['-l', '127.0.0.1:PORT']], [REF.upsrw, [`u${i}@H`]], [REF.upscmd, ['-l', `u${i}@H`]]] as Array<[string, string[]]>) {
        const ro = await q(a, A.port, cmd, args.map((x) => x.replace('PORT', String(A.port))));
        const rr = await q(b, B.port, cmd, args.map((x) => x.replace('PORT', String(B.port))));
        assert.equal(ro.stdout, rr.stdout, `${cmd} ${args.join(' ')} (${files[i]})`);
        assert.equal(ro.code, rr.code);
        assert.ok(rr.stdout.length > 0, 'non-empty answer');
      }
    }
  } finally {
    for (const p of procs.reverse()) await p.kill();
    a.cleanup();
    b.cleanup();
  }
});
