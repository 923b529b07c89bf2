// upsdrvctl against the reference /sbin/upsdrvctl 2.8.0: test-mode output,
// errors and exit codes; starting/stopping a mix of our drivers and
// reference C drivers; retries of a driver that fails; shutdown order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REF, freePort, haveReference, ourBin, run, sandbox, waitFor, type Sandbox } from '../helpers/ref.js';

const haveCtl = haveReference && existsSync(REF.upsdrvctl);

/** strip NUT's "   0.001234\t" debug timestamps and the program path in the usage line */
function norm(s: string, prog: string, dir?: string): string {
  let out = s.replace(/^ *\d+\.\d{6}\t/gm, '');
  if (prog) out = out.split(prog).join('<prog>');
  if (dir) out = out.split(dir).join('<dir>');
  return out;
}

async function both(sbOurs: Sandbox, sbRef: Sandbox, args: string[]) {
  const [o, r] = await Promise.all([
    run(ourBin('upsdrvctl'), args, { env: sbOurs.env, timeoutMs: 60000 }),
    run(REF.upsdrvctl, args, { env: sbRef.env, timeoutMs: 60000 }),
  ]);
  return {
    ours: { code: o.code, out: norm(o.stdout, ourBin('upsdrvctl'), sbOurs.dir), err: norm(o.stderr, ourBin('upsdrvctl'), sbOurs.dir) },
    ref: { code: r.code, out: norm(r.stdout, REF.upsdrvctl, sbRef.dir), err: norm(r.stderr, REF.upsdrvctl, sbRef.dir) },
  };
}

test('upsdrvctl: -t output, errors and exit codes equal the reference', { skip: !haveCtl }, async () => {
  const a = sandbox('tsnut-ctl-a-');
  const b = sandbox('tsnut-ctl-b-');
  try {
    const conf = 'driverpath = /lib/nut\nmaxretry = 2\n[u1]\n driver = dummy-ups\n port = a.dev\n sdorder = 2\n' +
      '[u2]\n driver = dummy-ups\n port = /x/b.dev\n[u3]\n driver = dummy-ups\n port = c.dev\n sdorder = 1\n[u4]\n driver = dummy-ups\n port = d.dev\n sdorder = -1\n' +
      '[zz]\n driver = nosuchdriver\n port = x\n';
    for (const sb of [a, b]) sb.write('ups.conf', conf);
    const cases = [
      ['-t', 'start', 'u1'], ['-t', 'shutdown'], ['-t', 'stop'], ['-t', '-u', 'nut', '-r', '/tmp', 'start', 'u3'],
      ['-t', '-D', '-d', 'start', 'u2'], ['-t', 'start'], ['start', 'nope'], ['frob'], [], ['-h'], ['-V'], ['-t', 'shutdown', 'zz'],
    ];
    for (const args of cases) {
      const { ours, ref } = await both(a, b, args);
      assert.deepEqual(ours, ref, `upsdrvctl ${args.join(' ')}`);
    }
    // no sections / no ups.conf
    for (const sb of [a, b]) sb.write('ups.conf', 'maxretry = 1\n');
    let r = await both(a, b, ['start']);
    assert.deepEqual(r.ours, r.ref);
    for (const sb of [a, b]) sb.write('ups.conf', '');
    r = await both(a, b, ['-t', 'stop', 'x']);
    assert.deepEqual(r.ours, r.ref);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

/** A fake apcupsd NIS server so the reference apcupsd-ups driver can run. */
async function fakeApcupsd(): Promise<{ port: number; close(): void }> {
  const rec = (s: string) => { const b = Buffer.alloc(2 + s.length); b.writeUInt16BE(s.length); b.write(s, 2, 'latin1'); return b; };
  const reply = Buffer.concat([rec('STATUS   : ONLINE \n'), rec('BCHARGE  : 100.0 Percent\n'), rec('MODEL    : Fake UPS\n'), Buffer.from([0, 0])]);
  const srv = net.createServer((s) => { s.on('data', () => s.end(reply)); s.on('error', () => undefined); });
  const port = await freePort();
  await new Promise<void>((res) => srv.listen(port, '127.0.0.1', res));
  return { port, close: () => srv.close() };
}

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

test('upsdrvctl: starts and stops a mix of our and reference drivers, retries a failing one', { skip: !haveCtl || !existsSync('/lib/nut/apcupsd-ups') }, async () => {
  const sb = sandbox('tsnut-ctl-mix-');
  const apc = await fakeApcupsd();
  const closed = await freePort();
  try {
    sb.write('a.dev', 'ups.status: OL\nbattery.charge: 88\n');
    sb.write('ups.conf', `maxretry = 2\nretrydelay = 1\n[ours]\n driver = dummy-ups\n port = a.dev\n` +
      `[theirs]\n driver = apcupsd-ups\n port = 127.0.0.1:${apc.port}\n[broken]\n driver = apcupsd-ups\n port = 127.0.0.1:${closed}\n`);
    const t0 = Date.now();
    const start = await run(ourBin('upsdrvctl'), ['-u', 'root', 'start'], { env: sb.env, timeoutMs: 90000 });
    assert.equal(start.code, 1, start.stderr);
    // the failing driver was tried twice (maxretry), retrydelay apart, and reported as the reference does
    assert.equal(start.stderr.match(/^Driver failed to start \(exit status=1\)$/gm)?.length, 2, start.stderr);
    assert.ok(Date.now() - t0 >= 1000);
    const oursPid = parseInt(readFileSync(join(sb.state, 'dummy-ups-ours.pid'), 'utf8'), 10);
    const theirsPid = parseInt(readFileSync(join(sb.state, 'apcupsd-ups-theirs.pid'), 'utf8'), 10);
    assert.ok(readFileSync(`/proc/${oursPid}/cmdline`, 'latin1').includes(join('bin', 'dummy-ups')), 'ours is the tsnut driver');
    assert.ok(readFileSync(`/proc/${theirsPid}/cmdline`, 'latin1').startsWith('/lib/nut/apcupsd-ups'), 'theirs is the reference driver');
    assert.ok(existsSync(join(sb.state, 'dummy-ups-ours')) && existsSync(join(sb.state, 'apcupsd-ups-theirs')));

    const stop = await run(ourBin('upsdrvctl'), ['stop'], { env: sb.env });
    assert.equal(stop.code, 1); // [broken] has no PID file
    assert.match(stop.stderr, /Can't open .*apcupsd-ups-broken\.pid: No such file or directory/);
    await waitFor(() => !pidAlive(oursPid) && !pidAlive(theirsPid), 15000);
    await waitFor(() => !existsSync(join(sb.state, 'dummy-ups-ours')) && !existsSync(join(sb.state, 'dummy-ups-ours.pid')), 5000);
  } finally {
    apc.close();
    await run(ourBin('upsdrvctl'), ['stop'], { env: sb.env });
    sb.cleanup();
  }
});

test('upsdrvctl shutdown: sdorder respected, failures reported, same as the reference', { skip: !haveCtl }, async () => {
  const a = sandbox('tsnut-ctl-sd-a-');
  const b = sandbox('tsnut-ctl-sd-b-');
  try {
    const conf = '[s2]\n driver = dummy-ups\n port = a.dev\n sdorder = 2\n[s0]\n driver = dummy-ups\n port = a.dev\n' +
      '[s1]\n driver = dummy-ups\n port = a.dev\n sdorder = 1\n[never]\n driver = dummy-ups\n port = a.dev\n sdorder = -1\n[s0b]\n driver = dummy-ups\n port = a.dev\n';
    for (const sb of [a, b]) { sb.write('ups.conf', conf); sb.write('a.dev', 'ups.status: OL\n'); }
    // ours runs our dummy-ups (bin/), the reference runs /lib/nut/dummy-ups: both refuse -k
    const [o, r] = await Promise.all([
      run(ourBin('upsdrvctl'), ['-D', '-u', 'root', 'shutdown'], { env: a.env, timeoutMs: 60000 }),
      run(REF.upsdrvctl, ['-D', '-u', 'root', 'shutdown'], { env: b.env, timeoutMs: 60000 }),
    ]);
    const pick = (s: string) => norm(s, '').split('\n').filter((l) => /^(\[D1\] Shutdown UPS|Driver failed|shutdown not supported)/.test(l));
    assert.deepEqual(pick(o.stderr), pick(r.stderr));
    assert.deepEqual(pick(o.stderr).filter((l) => l.startsWith('[D1]')), ['[D1] Shutdown UPS: s0', '[D1] Shutdown UPS: s0b', '[D1] Shutdown UPS: s1', '[D1] Shutdown UPS: s2']);
    assert.equal(o.code, r.code);
    assert.equal(o.code, 1);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('upsdrvctl: timeout, failure, signal and retry reporting equal the reference (fake drivers)', { skip: !haveCtl }, async () => {
  const a = sandbox('tsnut-ctl-fake-a-');
  const b = sandbox('tsnut-ctl-fake-b-');
  try {
    for (const sb of [a, b]) {
      const dir = join(sb.dir, 'drv');
      mkdirSync(dir);
      for (const [name, body] of [['hang', 'sleep 3'], ['fail3', 'echo "fail3 $*"; exit 3'], ['sig', 'kill -9 $$'], ['good', 'echo "good $*"']]) {
        writeFileSync(join(dir, name!), `#!/bin/sh\n${body}\n`);
        chmodSync(join(dir, name!), 0o755);
      }
      sb.write('ups.conf', `driverpath = ${dir}\nmaxstartdelay = 1\nmaxretry = 2\nretrydelay = 0\n` +
        '[h]\n driver = hang\n port = x\n[f]\n driver = fail3\n port = x\n[s]\n driver = sig\n port = x\n[g]\n driver = good\n port = x\n sdorder = 1\n[h2]\n driver = hang\n port = x\n maxstartdelay = 0\n sdorder = -1\n');
    }
    for (const args of [['-D', 'start'], ['-u', 'nut', 'start', 'g'], ['shutdown']]) {
      const { ours, ref } = await both(a, b, args);
      ours.err = ours.err.split(join(a.dir, 'drv')).join('<drv>');
      ref.err = ref.err.split(join(b.dir, 'drv')).join('<drv>');
      assert.deepEqual(ours, ref, `upsdrvctl ${args.join(' ')}`);
    }
  } finally {
    a.cleanup();
    b.cleanup();
  }
});
