// tsnut as a service: start / status / reload / stop through the PID file,
// the same replies as the separate programs on the same configs, and a
// reference upsmon secondary against the single process.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { sandbox, freePort, start, run, ourBin, waitFor, waitForPort, REF, haveReference, withRefUpsmonLock, startRefUpsmon, type Sandbox } from '../helpers/ref.js';

/** USERNAME/PASSWORD/LOGIN on a fresh connection; the replies until the last one */
function login(port: number, user: string, pass: string): Promise<string> {
  return new Promise((res, rej) => {
    const c = net.connect(port, '127.0.0.1');
    let buf = '';
    c.on('connect', () => c.write(`USERNAME ${user}\nPASSWORD ${pass}\nLOGIN sim\n`));
    c.on('data', (d) => {
      buf += d;
      if (buf.split('\n').length > 3 || buf.includes('ERR')) { c.destroy(); res(buf); }
    });
    c.on('error', rej);
    setTimeout(() => { c.destroy(); res(buf); }, 5000);
  });
}

const tsnut = (box: Sandbox, ...args: string[]) => run(process.execPath, [ourBin('tsnut'), ...args], { env: box.env });

function configure(box: Sandbox, port: number): string {
  const dev = join(box.conf, 'sim.dev');
  writeFileSync(dev, 'ups.status: OL\nbattery.charge: 87\nbattery.runtime: 1200\nups.mfr: tsnut\nups.model: Service Test\n');
  box.write('ups.conf', `[sim]\n  driver = dummy-ups\n  port = ${dev}\n  mode = dummy-once\n  desc = "service test"\n`);
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
  box.write('upsmon.conf', [
    `MONITOR sim@127.0.0.1:${port} 1 mon pw primary`, `SHUTDOWNCMD "/bin/true"`, 'POLLFREQ 2', 'POLLFREQALERT 1',
    `POWERDOWNFLAG ${join(box.dir, 'killpower')}`, '',
  ].join('\n'));
  return dev;
}

test('tsnut start/status/reload/stop: one screen of status; reload picks up a new user; stop via the PID file', async () => {
  const box = sandbox('tsnut-svc-');
  const port = await freePort();
  configure(box, port);
  const p = start(process.execPath, [ourBin('tsnut'), 'start'], { env: box.env });
  try {
    await waitForPort(port, '127.0.0.1', 30000);
    await waitFor(() => existsSync(join(box.state, 'tsnut.pid')), 30000, 50);
    await waitFor(async () => (await tsnut(box, 'status')).stdout.includes('COMM  CRITICAL'), 30000, 200);
    await waitFor(async () => /sim@127\.0\.0\.1:\d+\s+primary\s+1\s+OL\s+ok\s+no/.test((await tsnut(box, 'status')).stdout), 30000, 200);
    const st = await tsnut(box, 'status');
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, new RegExp(`^tsnut running \\(pid ${p.child.pid}, up \\d+s\\); config ${box.conf}, state ${box.state}\\n`));
    assert.match(st.stdout, new RegExp(`upsd listening on 127\\.0\\.0\\.1:${port}\\n`));
    assert.match(st.stdout, /\n  sim +dummy-ups +ok +OL +87% +20m00s +1\n/);
    assert.match(st.stdout, /\n  local +mon +sim\n/);
    assert.match(st.stdout, /upsmon: protected \(healthy power 1, MINSUPPLIES 1\)/);
    const js = JSON.parse((await tsnut(box, 'status', '-j')).stdout);
    assert.equal(js.ups[0].status, 'OL');
    assert.equal(js.upsmon.ups[0].comm, 'ok');

    // a second start refuses while the first runs
    const again = await tsnut(box, 'start');
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`tsnut is already running as PID ${p.child.pid}`));

    // reload: a user added to upsd.users can log in afterwards
    box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n[late]\n password = lp\n upsmon secondary\n');
    assert.equal(await login(port, 'late', 'lp'), 'OK\nOK\nERR ACCESS-DENIED\n');
    const rl = await tsnut(box, 'reload');
    assert.equal(rl.code, 0);
    assert.equal(rl.stdout, `tsnut (PID ${p.child.pid}): reloading\n`);
    await waitFor(() => /SIGHUP: reloading configuration/.test(p.stderr()), 10000, 50);
    assert.equal(await login(port, 'late', 'lp'), 'OK\nOK\nOK\n');
    const sp = await tsnut(box, 'stop');
    assert.equal(sp.code, 0, sp.stderr);
    assert.equal(sp.stdout, `tsnut (PID ${p.child.pid}) stopped\n`);
    assert.equal(await p.exited, 0);
    assert.equal(existsSync(join(box.state, 'tsnut.pid')), false);
    assert.equal(existsSync(join(box.state, 'tsnut.ctl')), false);
    assert.equal(existsSync(join(box.state, 'dummy-ups-sim')), false);
    const st2 = await tsnut(box, 'status');
    assert.equal(st2.code, 3);
    assert.equal(st2.stderr, `tsnut is not running (no PID file ${join(box.state, 'tsnut.pid')})\n`);
    const sp2 = await tsnut(box, 'stop');
    assert.equal(sp2.code, 1);
  } finally {
    await p.kill();
    box.cleanup();
  }
});

test('tsnut start and the separate programs give the same replies; a reference upsmon secondary works against tsnut', { skip: !haveReference || !existsSync(REF.upsmon) }, async () => {
  const box = sandbox('tsnut-svc-same-');
  const port = await freePort();
  configure(box, port);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n[sec]\n password = sp\n upsmon secondary\n');
  const ask = async () => {
    const out: string[] = [];
    for (const args of [[`sim@127.0.0.1:${port}`], ['-l', `127.0.0.1:${port}`], ['-L', `127.0.0.1:${port}`]]) {
      const r = await run(REF.upsc, args);
      out.push(`${r.code}\n${r.stdout}${r.stderr}`);
    }
    const c = await run(REF.upscmd, ['-l', `sim@127.0.0.1:${port}`]);
    out.push(`${c.code}\n${c.stdout}`);
    return out.map((s) => s.replace(/^driver\.version\.internal: .*\n/m, ''));
  };
  // the separate programs
  const env = box.env;
  let seen: string[];
  const drv = await run(process.execPath, [ourBin('upsdrvctl'), '-u', 'root', 'start'], { env });
  assert.equal(drv.code, 0, drv.stderr);
  const upsd = start(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env });
  try {
    await waitForPort(port, '127.0.0.1', 20000);
    await waitFor(async () => (await run(REF.upsc, [`sim@127.0.0.1:${port}`, 'ups.status'])).stdout === 'OL\n', 20000, 100);
    seen = await ask();
  } finally {
    await upsd.kill();
    await run(process.execPath, [ourBin('upsdrvctl'), '-u', 'root', 'stop'], { env });
  }
  // the single process on the same files
  const p = start(process.execPath, [ourBin('tsnut'), 'start'], { env });
  try {
    await waitForPort(port, '127.0.0.1', 30000);
    await waitFor(async () => (await run(REF.upsc, [`sim@127.0.0.1:${port}`, 'ups.status'])).stdout === 'OL\n', 20000, 100);
    assert.deepEqual(await ask(), seen);
    // a reference upsmon secondary logs in and sees the UPS
    await withRefUpsmonLock(async () => {
      const mdir = join(box.dir, 'sec');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(mdir, 'etc'), { recursive: true });
      writeFileSync(join(mdir, 'etc', 'upsmon.conf'), `MONITOR sim@127.0.0.1:${port} 1 sec sp secondary\nSHUTDOWNCMD "/bin/true"\nPOLLFREQ 1\nRUN_AS_USER root\n`);
      const m = await startRefUpsmon(['-F', '-u', 'root', '-P', '4194303'], { detached: true, env: { ...process.env, NUT_CONFPATH: join(mdir, 'etc'), NUT_STATEPATH: box.state, NUT_ALTPIDPATH: mdir } });
      try {
        await waitFor(async () => (await run(REF.upsc, ['-c', `sim@127.0.0.1:${port}`])).stdout.split('\n').filter(Boolean).length === 2, 20000, 100);
        const st = await tsnut(box, 'status');
        assert.match(st.stdout, /\n  127\.0\.0\.1 +sec +sim\n/);
        assert.match(st.stdout, /\n  sim +dummy-ups +ok +OL +87% +20m00s +2\n/);
      } finally {
        // its unprivileged child outlives a SIGTERM to the parent: stop the whole group
        try { process.kill(-m.child.pid!, 'SIGTERM'); } catch { /* gone */ }
        await m.kill();
      }
    });
  } finally {
    await p.kill();
    box.cleanup();
  }
});

test('tsnut under Type=notify: READY, RELOADING then READY, WATCHDOG and STOPPING reach NOTIFY_SOCKET', async () => {
  const box = sandbox('tsnut-svc-notify-');
  const port = await freePort();
  configure(box, port);
  const sock = join(box.dir, 'notify.sock');
  const got = join(box.dir, 'notify.txt');
  // a datagram socket of the test's own, as systemd would hold it; each datagram on its own line
  const rx = start('python3', ['-c', `
import socket,sys
s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM); s.bind(sys.argv[1])
f=open(sys.argv[2],'a',buffering=1)
print('ready',flush=True)
while True:
  d,_=s.recvfrom(4096); f.write(d.decode().replace('\\n','|')+'\\n')
`, sock, got]);
  await waitFor(() => rx.stdout().includes('ready'), 10000, 20);
  const p = start(process.execPath, [ourBin('tsnut')], { env: { ...box.env, NOTIFY_SOCKET: sock, WATCHDOG_USEC: '400000' } });
  const lines = () => (existsSync(got) ? readFileSync(got, 'utf8').split('\n').filter(Boolean) : []);
  try {
    await waitFor(() => lines().includes('READY=1|STATUS=running'), 30000, 50);
    await waitFor(() => lines().filter((l) => l === 'WATCHDOG=1').length >= 2, 5000, 50);
    assert.equal((await tsnut(box, 'reload')).code, 0);
    await waitFor(() => lines().some((l) => /^RELOADING=1\|MONOTONIC_USEC=\d+$/.test(l)), 5000, 50);
    const afterReload = lines().slice(lines().findIndex((l) => l.startsWith('RELOADING=1')) + 1).filter((l) => l !== 'WATCHDOG=1');
    await waitFor(() => lines().slice(lines().findIndex((l) => l.startsWith('RELOADING=1')) + 1).includes('READY=1'), 5000, 50);
    assert.ok(afterReload.length <= 1);
    assert.equal((await tsnut(box, 'stop')).code, 0);
    assert.equal(lines().filter((l) => l !== 'WATCHDOG=1').at(-1), 'STOPPING=1');
  } finally {
    await p.kill();
    await rx.kill();
    box.cleanup();
  }
});

test('tsnut start -B returns once the stack answers, and runs in the background until tsnut stop', async () => {
  const box = sandbox('tsnut-svc-bg-');
  const port = await freePort();
  configure(box, port);
  try {
    const r = await run(process.execPath, [ourBin('tsnut'), 'start', '-B'], { env: { ...box.env, NUT_DEBUG_SYSLOG: 'none' }, timeoutMs: 70000 });
    assert.equal(r.code, 0, r.stderr);
    const pid = Number(readFileSync(join(box.state, 'tsnut.pid'), 'utf8'));
    assert.ok(pid > 0 && pid !== process.pid);
    const st = await tsnut(box, 'status');
    assert.equal(st.code, 0);
    assert.match(st.stdout, new RegExp(`^tsnut running \\(pid ${pid}, `));
    await waitForPort(port);
    const sp = await tsnut(box, 'stop');
    assert.equal(sp.stdout, `tsnut (PID ${pid}) stopped\n`);
  } finally {
    try { process.kill(Number(readFileSync(join(box.state, 'tsnut.pid'), 'utf8')), 'SIGKILL'); } catch { /* stopped */ }
    box.cleanup();
  }
});

test('a driver tsnut does not host runs as the NUT C program; tsnut status marks it (C)', { skip: !existsSync(REF.dummyUps) }, async () => {
  const box = sandbox('tsnut-svc-ext-');
  const port = await freePort();
  const { mkdirSync, symlinkSync } = await import('node:fs');
  mkdirSync(join(box.dir, 'drv'));
  // the reference dummy-ups under a name no tsnut driver has
  symlinkSync(REF.dummyUps, join(box.dir, 'drv', 'refdummy'));
  writeFileSync(join(box.conf, 'sim.dev'), 'ups.status: OB\nbattery.charge: 55\n');
  box.write('ups.conf', `driverpath = ${join(box.dir, 'drv')}\n[sim]\n  driver = refdummy\n  port = ${join(box.conf, 'sim.dev')}\n`);
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[mon]\n password = pw\n upsmon primary\n');
  const p = start(process.execPath, [ourBin('tsnut'), 'start', '-u', 'root'], { env: box.env });
  try {
    await waitFor(async () => /\n  sim +refdummy \(C\) +ok +OB +55%/.test((await tsnut(box, 'status')).stdout), 30000, 200);
    assert.match(p.stderr(), /Starting external driver .*\/drv\/refdummy -a sim -F -u root/);
    assert.match((await tsnut(box, 'status')).stdout, /upsmon: not running \(no upsmon\.conf\)/);
  } finally {
    await p.kill();
    box.cleanup();
  }
});
