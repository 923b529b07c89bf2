// Our upsd as a program: staleness, reload, STARTTLS, the Unix socket
// listener, MAXCONN, clients that misbehave, and its command line.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { sandbox, freePort, start, run, ourBin, waitFor, waitForPort, REF, haveReference, type Proc, type Sandbox } from '../helpers/ref.js';
import { exchange } from '../helpers/upsd-pair.js';
import { fakeDriver, type FakeDriver } from '../helpers/fake-driver.js';
import { NutClient } from '../../src/client/index.js';

const DUMP = 'SETINFO ups.status "OL"\nSETINFO battery.charge "100"\nADDCMD load.off\nDATAOK\nDUMPDONE\n';
const USERS = '[admin]\n password = secret\n actions = SET FSD\n instcmds = ALL\n';

interface Server { box: Sandbox; port: number; proc: Proc; drivers: Map<string, FakeDriver>; sock: string }

async function startOurs(opts: { ups?: string[]; upsdConf?: string; users?: string; args?: string[] } = {}): Promise<Server> {
  const box = sandbox('tsnut-upsd-');
  const port = await freePort();
  const sock = join(box.state, 'upsd.sock');
  const ups = opts.ups ?? ['u1'];
  box.write('ups.conf', ups.map((u) => `[${u}]\n driver = fake\n port = none\n desc = "desc of ${u}"\n`).join(''));
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\nLISTEN_UNIX ${sock}\n${opts.upsdConf ?? ''}`);
  box.write('upsd.users', opts.users ?? USERS);
  const drivers = new Map<string, FakeDriver>();
  for (const u of ups) drivers.set(u, await fakeDriver(join(box.state, `fake-${u}`), DUMP));
  const proc = start(process.execPath, [ourBin('upsd'), '-F', '-u', 'root', ...(opts.args ?? [])], { env: box.env });
  await waitForPort(port);
  for (const u of ups) await waitFor(async () => (await exchange(port, `GET VAR ${u} ups.status\n`)).startsWith(`VAR ${u} ups.status "OL"`), 10000, 50);
  return { box, port, proc, drivers, sock };
}

async function stopOurs(s: Server): Promise<void> {
  await s.proc.kill();
  for (const d of s.drivers.values()) await d.close();
  s.box.cleanup();
}

test('a silent driver goes stale after MAXAGE (PING at MAXAGE/3), and fresh again when it speaks', async () => {
  const s = await startOurs({ upsdConf: 'MAXAGE 3\n' });
  try {
    const d = s.drivers.get('u1')!;
    // stop answering PING: replace the driver by a mute one on the same path
    await d.close();
    const muted = new Set<net.Socket>();
    const mute = net.createServer((c) => { muted.add(c); c.on('data', () => {}); c.on('error', () => {}); });
    await new Promise<void>((r) => mute.listen(d.path, () => r()));
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('ERR DRIVER-NOT-CONNECTED'), 5000, 50);
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "WAIT"'), 5000, 50);
    const t0 = Date.now();
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('ERR DATA-STALE'), 15000, 100);
    const elapsed = Date.now() - t0;
    assert.ok(elapsed >= 2500 && elapsed <= 8000, `stale after ${elapsed} ms with MAXAGE 3`);
    assert.match(s.proc.stderr(), /Data for UPS \[u1\] is stale - check driver/);
    mute.close();
    for (const c of muted) c.destroy();
    // a talking driver again: data comes back
    const again = await fakeDriver(d.path, DUMP);
    s.drivers.set('u1', again);
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "OL"'), 15000, 100);
    // the driver itself says its data is stale, then fine again
    again.broadcast('DATASTALE');
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('ERR DATA-STALE'), 5000, 50);
    again.broadcast('DATAOK');
    await waitFor(async () => (await exchange(s.port, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "OL"'), 5000, 50);
    assert.match(s.proc.stderr(), /UPS \[u1\] data is no longer stale/);
  } finally {
    await stopOurs(s);
  }
});

test('SIGHUP reload keeps connections, adds new UPSes at the front, deletes removed ones and kicks their clients, re-reads users', async () => {
  const s = await startOurs({ ups: ['u1', 'u2'] });
  try {
    const keep = await NutClient.connect({ host: '127.0.0.1', port: s.port });
    const kicked = await NutClient.connect({ host: '127.0.0.1', port: s.port });
    await kicked.authenticate('admin', 'secret');
    // admin has no LOGIN right: give one user that does
    s.box.write('upsd.users', USERS + '[mon]\n password = pw\n upsmon secondary\n');
    s.box.write('ups.conf', '[u1]\n driver = fake\n port = none\n desc = "changed"\n[u3]\n driver = fake\n port = none\n');
    s.drivers.set('u3', await fakeDriver(join(s.box.state, 'fake-u3'), DUMP));
    const mon = await NutClient.connect({ host: '127.0.0.1', port: s.port });
    await mon.authenticate('mon', 'pw');
    await assert.rejects(mon.simple('LOGIN', 'u2'), /ACCESS-DENIED/, 'mon is not a user before the reload');
    s.proc.child.kill('SIGHUP');
    await waitFor(() => /SIGHUP: reloading configuration/.test(s.proc.stderr()), 5000, 50);
    await waitFor(async () => (await exchange(s.port, 'LIST UPS\n')).includes('UPS u3'), 5000, 50);
    assert.equal(await exchange(s.port, 'LIST UPS\n'), 'BEGIN LIST UPS\nUPS u3 "Description unavailable"\nUPS u1 "changed"\nEND LIST UPS\nOK Goodbye\n');
    assert.match(s.proc.stderr(), /Deleting UPS \[u2\]/);
    assert.equal(await keep.request('VER'), 'Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/', 'existing connection survives');
    assert.equal(await mon.simple('LOGIN', 'u1'), 'OK', 'users re-read');
    await keep.close(); await kicked.close(); await mon.close();
  } finally {
    await stopOurs(s);
  }
});

test('STARTTLS with CERTFILE: verified TLS session, ALREADY-SSL-MODE, plaintext still works', async () => {
  const box0 = sandbox('tsnut-cert-');
  const pem = join(box0.dir, 'upsd.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(box0.dir, 'key.pem'), '-out', join(box0.dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const cert = readFileSync(join(box0.dir, 'cert.pem'), 'utf8');
  writeFileSync(pem, cert + readFileSync(join(box0.dir, 'key.pem'), 'utf8'), { mode: 0o600 });
  const s = await startOurs({ upsdConf: `CERTFILE ${pem}\nDISABLE_WEAK_SSL true\n` });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: s.port, tls: 'require', tlsOptions: { verify: true, ca: cert, servername: 'localhost' } });
    assert.equal(c.secure, true);
    assert.equal(await c.getVar('u1', 'ups.status'), 'OL');
    await assert.rejects(c.simple('STARTTLS'), /ALREADY-SSL-MODE/);
    await c.close();
    await waitFor(() => /SSL handshake done successfully with client 127\.0\.0\.1/.test(s.proc.stderr()), 3000, 50);
    assert.equal(await exchange(s.port, 'GET VAR u1 battery.charge\n'), 'VAR u1 battery.charge "100"\nOK Goodbye\n');
    // a client that does not trust the certificate fails verification
    await assert.rejects(NutClient.connect({ host: '127.0.0.1', port: s.port, tls: 'require', tlsOptions: { verify: true } }));
  } finally {
    await stopOurs(s);
    box0.cleanup();
  }
});

test('without CERTFILE STARTTLS answers FEATURE-NOT-CONFIGURED, like the reference', async () => {
  const s = await startOurs();
  try {
    assert.equal(await exchange(s.port, 'STARTTLS\n'), 'ERR FEATURE-NOT-CONFIGURED\nOK Goodbye\n');
  } finally {
    await stopOurs(s);
  }
});

test('LISTEN_UNIX: the same protocol on a local socket, mode 0660, address "unix" in LIST CLIENT', async () => {
  const s = await startOurs({ users: USERS + '[mon]\n password = pw\n upsmon primary\n' });
  try {
    assert.equal(statSync(s.sock).mode & 0o777, 0o660);
    const c = await NutClient.connect({ socketPath: s.sock });
    await c.authenticate('mon', 'pw');
    assert.equal(await c.simple('LOGIN', 'u1'), 'OK');
    assert.deepEqual(await c.listClient('u1'), ['unix']);
    assert.equal(await c.getVar('u1', 'ups.status'), 'OL');
    await c.close();
  } finally {
    await stopOurs(s);
  }
  assert.equal(existsSync(s.sock), false, 'socket removed at exit');
});

test('MAXCONN: a connection over the limit gets a clear error instead of silence; others keep working', async () => {
  // MAXCONN counts drivers + clients + listeners, as the reference does: 1 driver + 2 listeners + 2 clients
  const s = await startOurs({ upsdConf: 'MAXCONN 5\n' });
  try {
    const a = await NutClient.connect({ host: '127.0.0.1', port: s.port });
    const b = await NutClient.connect({ host: '127.0.0.1', port: s.port });
    assert.equal(await exchange(s.port, 'VER\n', '', 0, 3000), 'ERR ACCESS-DENIED MAXCONN reached\n');
    assert.match(s.proc.stderr(), /Refusing connection from 127\.0\.0\.1: MAXCONN \(5\) reached/);
    assert.equal(await a.getVar('u1', 'ups.status'), 'OL');
    await a.close();
    await waitFor(async () => (await exchange(s.port, 'VER\n')).startsWith('Network UPS Tools'), 3000, 50);
    await b.close();
  } finally {
    await stopOurs(s);
  }
});

test('bad clients: one that never reads is dropped at the output bound; thousands of connections; upsd stays up', async () => {
  const s = await startOurs();
  try {
    // a client that floods LIST requests and never reads
    const hog = net.connect(s.port, '127.0.0.1');
    hog.on('error', () => {});
    hog.pause();
    const req = Buffer.from('LIST VAR u1\n'.repeat(2000));
    await new Promise<void>((r) => hog.on('connect', () => r()));
    let closed = false;
    hog.on('close', () => { closed = true; });
    for (let i = 0; i < 400 && !closed; i++) { hog.write(req); await new Promise((r) => setImmediate(r)); }
    await waitFor(() => closed, 20000, 50);
    // many concurrent connections, all answered
    const limit = parseInt(execFileSync('sh', ['-c', 'ulimit -n']).toString(), 10);
    const n = Math.min(10000, limit - 300);
    const socks: net.Socket[] = [];
    for (let i = 0; i < n; i++) {
      const c = net.connect(s.port, '127.0.0.1');
      c.on('error', () => {});
      socks.push(c);
    }
    await Promise.all(socks.map((c) => new Promise<void>((r) => { if (c.readyState === 'open') r(); else c.once('connect', () => r()); c.once('error', () => r()); })));
    const replies = await Promise.all(socks.slice(0, 500).map((c) => new Promise<string>((r) => {
      c.once('data', (d) => r(d.toString()));
      c.write('GET VAR u1 ups.status\n');
    })));
    assert.ok(replies.every((x) => x === 'VAR u1 ups.status "OL"\n'), 'all answered');
    assert.equal(await exchange(s.port, 'VER\n'), 'Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\nOK Goodbye\n');
    const rss = parseInt(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${s.proc.child.pid}/status`, 'utf8'))![1]!, 10);
    assert.ok(rss < 300 * 1024, `RSS ${rss} kB with ${n} connections`);
    for (const c of socks) c.destroy();
    assert.equal(s.proc.child.exitCode, null, 'still running');
  } finally {
    await stopOurs(s);
  }
});

let refHelp = '';
before(async () => {
  if (haveReference) refHelp = (await run(REF.upsd, ['-h'])).stdout;
});

test('command line: -h and -V like the reference, -c stop/reload via the PID file, already-running refusal', async () => {
  if (haveReference) {
    const ours = await run(process.execPath, [ourBin('upsd'), '-h']);
    assert.equal(ours.code, 0);
    assert.ok(ours.stdout.startsWith(refHelp), 'our help starts with the reference text');
    const v = await run(process.execPath, [ourBin('upsd'), '-V']);
    assert.deepEqual([v.code, v.stdout], [0, 'Network UPS Tools upsd 2.8.0\n']);
  }
  const box = sandbox('tsnut-upsdcli-');
  try {
    const port = await freePort();
    box.write('ups.conf', '[u1]\n driver = fake\n port = none\n');
    box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    box.write('upsd.users', USERS);
    const none = await run(process.execPath, [ourBin('upsd'), '-c', 'reload'], { env: box.env });
    assert.equal(none.code, 1);
    assert.equal(none.stderr, `fopen ${box.state}/upsd.pid: No such file or directory\n`);
    // background mode: the parent returns 0 once ready, the PID file is written
    const bg = await run(process.execPath, [ourBin('upsd'), '-u', 'root'], { env: box.env });
    assert.equal(bg.code, 0, bg.stderr);
    const pidFile = join(box.state, 'upsd.pid');
    assert.ok(existsSync(pidFile));
    const pid = parseInt(readFileSync(pidFile, 'utf8'), 10);
    await waitForPort(port);
    const again = await run(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /A previous upsd instance is already running!/);
    assert.equal((await run(process.execPath, [ourBin('upsd'), '-c', 'reload'], { env: box.env })).code, 0);
    assert.equal((await run(process.execPath, [ourBin('upsd'), '-c', 's'], { env: box.env })).code, 0);
    await waitFor(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, 5000, 50);
    assert.equal(existsSync(pidFile), false, 'PID file removed at exit');
  } finally {
    box.cleanup();
  }
});

test('fatal configuration problems: missing upsd.users, no UPS, bad LISTEN', async () => {
  const box = sandbox('tsnut-upsdfatal-');
  try {
    const port = await freePort();
    box.write('ups.conf', '[u1]\n driver = fake\n');
    box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\nMAXAGE abc\n`);
    const r1 = await run(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, /MAXAGE has non numeric value \(abc\)!\nupsd\.conf: invalid directive MAXAGE abc\n/);
    assert.match(r1.stderr, /Warning: ignoring incomplete configuration for UPS \[u1\]/);
    assert.match(r1.stderr, /Fatal error: at least one UPS must be defined in ups.conf\n$/);
    box.write('ups.conf', '[u1]\n driver = fake\n port = x\n');
    const r2 = await run(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, new RegExp(`stat ${box.conf}/upsd.users: No such file or directory\\n$`));
    box.write('upsd.users', USERS);
    box.write('upsd.conf', 'LISTEN 192.0.2.1 1\n');
    const r3 = await run(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
    assert.equal(r3.code, 1);
    assert.match(r3.stderr, /not listening on 192\.0\.2\.1 port 1\nno listening interface available\n$/);
  } finally {
    box.cleanup();
  }
});

after(() => {});

test('IPv6 and several LISTEN lines; as root, -u nut drops privileges after binding', async () => {
  const box = sandbox('tsnut-upsd6-');
  const p4 = await freePort();
  const p6 = await freePort();
  box.write('ups.conf', '[u1]\n driver = fake\n port = none\n');
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${p4}\nLISTEN ::1 ${p6}\n`);
  box.write('upsd.users', USERS);
  const d = await fakeDriver(join(box.state, 'fake-u1'), DUMP);
  const nut = (() => { try { return execFileSync('id', ['-u', 'nut']).toString().trim(); } catch { return undefined; } })();
  const asRoot = process.getuid?.() === 0 && nut !== undefined;
  if (asRoot) {
    // the nut user must reach the config and the driver socket, as on a real system
    execFileSync('chgrp', ['-R', 'nut', box.dir]);
    execFileSync('chmod', ['-R', 'g+rX', box.dir]);
    execFileSync('chmod', ['o+x', box.dir]);
    execFileSync('chmod', ['g+rw', d.path]);
  }
  const proc = start(process.execPath, [ourBin('upsd'), '-F', ...(asRoot ? ['-u', 'nut'] : [])], { env: box.env });
  try {
    await waitForPort(p4);
    await waitForPort(p6, '::1');
    const got = await new Promise<string>((res) => {
      const c = net.connect(p6, '::1');
      let out = '';
      c.on('data', (x) => { out += x; });
      c.on('close', () => res(out));
      c.on('error', () => res(out));
      c.write('LIST CLIENT u1\nVER\nLOGOUT\n');
    });
    assert.equal(got, 'BEGIN LIST CLIENT u1\nEND LIST CLIENT u1\nNetwork UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\nOK Goodbye\n');
    if (asRoot) {
      const uid = /Uid:\s+(\d+)/.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'))![1];
      assert.equal(uid, nut, 'running as nut');
      await waitFor(async () => (await exchange(p4, 'GET VAR u1 ups.status\n')).startsWith('VAR u1 ups.status "OL"'), 10000, 100);
    }
  } finally {
    await proc.kill();
    await d.close();
    box.cleanup();
  }
});

test('ALLOW_NO_DEVICE starts with an empty ups.conf; ALLOW_NOT_ALL_LISTENERS tolerates a LISTEN that fails', async () => {
  const box = sandbox('tsnut-upsdallow-');
  const port = await freePort();
  box.write('ups.conf', '# nothing yet\n');
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\nLISTEN 192.0.2.1 ${port}\nALLOW_NOT_ALL_LISTENERS true\n`);
  box.write('upsd.users', USERS);
  const refused = await run(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Warning: no UPS definitions in ups.conf\nFatal error: at least one UPS must be defined in ups.conf\n$/);
  const p = start(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: { ...box.env, ALLOW_NO_DEVICE: 'true' } });
  try {
    await waitForPort(port);
    assert.equal(await exchange(port, 'LIST UPS\n'), 'BEGIN LIST UPS\nEND LIST UPS\nOK Goodbye\n');
    assert.match(p.stderr(), /not listening on 192\.0\.2\.1 port/);
    // a UPS added later appears after a reload
    box.write('ups.conf', '[late]\n driver = fake\n port = none\n');
    p.child.kill('SIGHUP');
    await waitFor(async () => (await exchange(port, 'LIST UPS\n')).includes('UPS late "Description unavailable"'), 5000, 50);
    assert.equal(await exchange(port, 'GET VAR late ups.status\n'), 'ERR DRIVER-NOT-CONNECTED\nOK Goodbye\n');
  } finally {
    await p.kill();
    box.cleanup();
  }
});
