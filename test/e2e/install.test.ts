// Installation: `npm install -g` from the clone puts every program on PATH;
// the Debian package built with dpkg-deb installs into a fresh root (dpkg
// --root), its systemd units pass `systemd-analyze verify` there, and its
// programs run from that root (chroot): tsnut serves a UPS to a client
// outside, answers status and stops. The udev rules are in sync with the
// drivers' USB id tables.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync, existsSync, chmodSync, lstatSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO, run, freePort, waitFor, waitForPort, start, ourBin, REF, haveReference } from '../helpers/ref.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const isRoot = process.getuid?.() === 0;
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

test('every program in bin/ is in package.json "bin", and npm install -g from the clone puts them all on PATH', async () => {
  assert.deepEqual(Object.keys(pkg.bin).sort(), readdirSync(join(REPO, 'bin')).sort());
  const prefix = mkdtempSync(join(tmpdir(), 'tsnut-npm-g-'));
  try {
    const r = await run('npm', ['install', '-g', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--offline', REPO], { timeoutMs: 120000 });
    assert.equal(r.code, 0, r.stderr);
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:/usr/bin:/bin` };
    for (const p of Object.keys(pkg.bin)) {
      const w = await run('sh', ['-c', `command -v ${p}`], { env });
      assert.equal(w.stdout.trim(), join(prefix, 'bin', p), p);
    }
    const v = await run('upsc', ['-V'], { env });
    assert.equal(v.code, 0);
    assert.match(v.stdout + v.stderr, /Network UPS Tools upsc 2\.8\.0/);
    const t = await run('tsnut', ['-h'], { env });
    assert.match(t.stdout, /usage: tsnut \[start\]/);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});

test('udev rules are in sync with the USB id tables of the drivers; the generator reads whatever tables exist', async () => {
  const c = await run(process.execPath, [join(REPO, 'scripts', 'gen-udev-rules.mjs'), '--check']);
  assert.equal(c.code, 0, c.stderr);
  // a driver folder with a usbhid-style subdriver table and a plain id list
  const d = mkdtempSync(join(tmpdir(), 'tsnut-udev-'));
  try {
    mkdirSync(join(d, 'drivers', 'usbhid-ups'), { recursive: true });
    mkdirSync(join(d, 'drivers', 'blazer_usb'), { recursive: true });
    writeFileSync(join(d, 'drivers', 'usbhid-ups', 'apc-hid.js'), 'export const apc = { name: "APC HID 0.98", ids: [{ vendorId: 0x051d, productId: 0x0002 }, { vendorId: 0x051d, productId: 0x0003 }] };\n');
    writeFileSync(join(d, 'drivers', 'blazer_usb', 'ids.js'), 'export const ids = [{ vendorId: 0x0665, productId: 0x5161 }, { vendorId: 0x051d, productId: 0x0002 }];\n');
    const out = join(d, 'rules');
    const g = await run(process.execPath, [join(REPO, 'scripts', 'gen-udev-rules.mjs'), '--from', join(d, 'drivers'), '--out', out]);
    assert.equal(g.code, 0, g.stderr);
    const rules = readFileSync(out, 'utf8');
    assert.match(rules, /# blazer_usb, usbhid-ups\nATTR\{idVendor\}=="051d", ATTR\{idProduct\}=="0002", MODE="664", GROUP="nut"\n/);
    assert.match(rules, /# usbhid-ups\nATTR\{idVendor\}=="051d", ATTR\{idProduct\}=="0003", MODE="664", GROUP="nut"\n/);
    assert.match(rules, /# blazer_usb\nATTR\{idVendor\}=="0665", ATTR\{idProduct\}=="5161", MODE="664", GROUP="nut"\n\nLABEL="tsnut_usbups_end"\n$/);
    const chk = await run(process.execPath, [join(REPO, 'scripts', 'gen-udev-rules.mjs'), '--from', join(d, 'drivers'), '--out', out, '--check']);
    assert.equal(chk.code, 0);
    writeFileSync(out, rules.replace('0003', '0004'));
    const stale = await run(process.execPath, [join(REPO, 'scripts', 'gen-udev-rules.mjs'), '--from', join(d, 'drivers'), '--out', out, '--check']);
    assert.equal(stale.code, 1);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

/** a fresh root with a shell, the few tools maintainer scripts use, node, and systemd's own units */
function freshRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'tsnut-root-'));
  for (const d of ['usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib64', 'etc', 'var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers', 'run', 'tmp', 'dev', 'root']) mkdirSync(join(r, d), { recursive: true });
  chmodSync(join(r, 'tmp'), 0o1777);
  for (const [l, t] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib64']]) symlinkSync(t, join(r, l));
  writeFileSync(join(r, 'var/lib/dpkg/status'), '');
  writeFileSync(join(r, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(r, 'etc/group'), 'root:x:0:\n');
  const copy = (p: string) => {
    const real = execFileSync('readlink', ['-f', p], { encoding: 'utf8' }).trim();
    const at = join(r, p.replace(/^\/(bin|sbin|lib|lib64)\//, '/usr/$1/'));
    mkdirSync(dirname(at), { recursive: true });
    if (!existsSync(at)) copyFileSync(real, at);
    chmodSync(at, statSync(real).mode & 0o7777);
  };
  const tools = ['/bin/sh', '/usr/bin/env', process.execPath, '/bin/grep', '/usr/bin/awk', '/bin/cat', '/bin/mkdir', '/bin/chown', '/bin/chmod', '/bin/kill', '/bin/ls', '/bin/true', '/bin/rm'];
  for (const t of tools) {
    if (!existsSync(t)) continue;
    copy(t);
    const libs = execFileSync('ldd', [execFileSync('readlink', ['-f', t], { encoding: 'utf8' }).trim()], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
    for (const l of libs) copy(l);
  }
  if (process.execPath !== '/usr/bin/node') symlinkSync(process.execPath, join(r, 'usr/bin/node'));
  execFileSync('mknod', ['-m', '666', join(r, 'dev/null'), 'c', '1', '3']);
  // systemd's own units (sysinit.target and friends), as on a Debian machine with systemd
  if (existsSync('/lib/systemd/system')) {
    mkdirSync(join(r, 'usr/lib/systemd'), { recursive: true });
    execFileSync('cp', ['-a', '/lib/systemd/system', join(r, 'usr/lib/systemd/')]);
  }
  return r;
}

test('Debian package: dpkg-deb builds it, it installs into a fresh root, its units verify, its programs run from there', { skip: !isRoot || !have('dpkg-deb') || !have('chroot') }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'tsnut-deb-'));
  const root = freshRoot();
  let p: ReturnType<typeof start> | undefined;
  try {
    const b = await run(process.execPath, [join(REPO, 'scripts', 'build-deb.mjs'), out], { timeoutMs: 180000 });
    assert.equal(b.code, 0, b.stderr);
    const deb = b.stdout.trim();
    const info = execFileSync('dpkg-deb', ['-f', deb, 'Package', 'Depends', 'Conflicts'], { encoding: 'utf8' });
    assert.equal(info, 'Package: tsnut\nDepends: nodejs (>= 20)\nConflicts: nut-server, nut-client\n');
    // nodejs is copied in by hand, not installed as a package: hence --force-depends
    const inst = await run('dpkg', [`--root=${root}`, '--force-depends', '--log=/dev/null', '-i', deb], { timeoutMs: 120000 });
    assert.equal(inst.code, 0, inst.stdout + inst.stderr);
    assert.match(execFileSync('dpkg', [`--root=${root}`, '-s', 'tsnut'], { encoding: 'utf8' }), /Status: install ok installed/);
    // NUT's Debian paths
    for (const f of ['usr/sbin/upsd', 'usr/sbin/upsmon', 'usr/sbin/upsdrvctl', 'usr/sbin/upssched', 'usr/sbin/tsnut', 'usr/bin/upsc', 'usr/bin/upscmd', 'usr/bin/upsrw', 'usr/bin/upslog', 'lib/nut/dummy-ups', 'lib/nut/nutdrv_qx',
      'lib/systemd/system/nut-driver@.service', 'lib/systemd/system/nut-server.service', 'lib/systemd/system/nut-monitor.service', 'lib/systemd/system/nut.target', 'lib/systemd/system/tsnut.service',
      'usr/lib/tmpfiles.d/tsnut.conf', 'usr/lib/sysusers.d/tsnut.conf', 'lib/udev/rules.d/62-tsnut-usbups.rules', 'etc/nut/upsd.users']) {
      // absolute symlinks point into the root: look at the link itself
      assert.ok((() => { try { lstatSync(join(root, f)); return true; } catch { return false; } })(), f);
    }
    // postinst made the nut user and group and set NUT's modes
    assert.match(readFileSync(join(root, 'etc/passwd'), 'utf8'), /^nut:x:\d+:\d+:Network UPS Tools:\/var\/lib\/nut:\/usr\/sbin\/nologin$/m);
    const gid = Number(/^nut:x:(\d+):/m.exec(readFileSync(join(root, 'etc/group'), 'utf8'))![1]);
    const st = statSync(join(root, 'etc/nut/upsd.users'));
    assert.equal(st.mode & 0o777, 0o640);
    assert.equal(st.gid, gid);
    assert.equal(lstatSync(join(root, 'run/nut')).mode & 0o777, 0o770);

    if (have('systemd-analyze')) {
      const v = await run('systemd-analyze', ['verify', `--root=${root}`, ...['tsnut.service', 'nut-server.service', 'nut-monitor.service', 'nut-driver@myups.service', 'nut.target', 'nut-driver.target'].map((u) => `/lib/systemd/system/${u.replace('@myups', '@')}`)], { timeoutMs: 60000 });
      assert.equal(v.stderr, '');
      assert.equal(v.code, 0, v.stderr);
    }

    // the programs run from the installed root
    const ch = (...a: string[]) => run('chroot', [root, ...a], { env: { PATH: '/usr/sbin:/usr/bin', NUT_QUIET_INIT_UPSNOTIFY: 'true' } });
    const v = await ch('/usr/bin/upsc', '-V');
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout + v.stderr, /Network UPS Tools upsc 2\.8\.0/);
    const c0 = await ch('/usr/sbin/tsnut', 'check', '/etc/nut');
    assert.equal(c0.code, 0, c0.stdout); // MODE=none as shipped
    const port = await freePort();
    writeFileSync(join(root, 'etc/nut/nut.conf'), 'MODE=standalone\n');
    writeFileSync(join(root, 'etc/nut/sim.dev'), 'ups.status: OL\nbattery.charge: 77\n');
    writeFileSync(join(root, 'etc/nut/ups.conf'), '[sim]\n  driver = dummy-ups\n  port = /etc/nut/sim.dev\n  mode = dummy-once\n');
    writeFileSync(join(root, 'etc/nut/upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
    writeFileSync(join(root, 'etc/nut/upsd.users'), '[mon]\n  password = pw\n  upsmon primary\n');
    chmodSync(join(root, 'etc/nut/upsd.users'), 0o640);
    writeFileSync(join(root, 'etc/nut/upsmon.conf'), `MONITOR sim@127.0.0.1:${port} 1 mon pw primary\nSHUTDOWNCMD "/bin/true"\nPOWERDOWNFLAG /etc/killpower\nRUN_AS_USER root\n`);
    chmodSync(join(root, 'etc/nut/upsmon.conf'), 0o640);
    p = start('chroot', [root, '/usr/sbin/tsnut', 'start'], { env: { PATH: '/usr/sbin:/usr/bin' } });
    await waitForPort(port, '127.0.0.1', 30000);
    const upsc = haveReference ? REF.upsc : ourBin('upsc');
    await waitFor(async () => (await run(upsc, [`sim@127.0.0.1:${port}`, 'battery.charge'])).stdout === '77\n', 30000, 100);
    await waitFor(async () => /upsmon: protected/.test((await ch('/usr/sbin/tsnut', 'status')).stdout), 30000, 200);
    const s = await ch('/usr/sbin/tsnut', 'status');
    assert.match(s.stdout, /config \/etc\/nut, state \/run\/nut\n/);
    assert.match(s.stdout, /\n  sim +dummy-ups +ok +OL +77%/);
    const sp = await ch('/usr/sbin/tsnut', 'stop');
    assert.equal(sp.code, 0, sp.stderr);
    assert.equal(await p.exited, 0);
  } finally {
    await p?.kill();
    rmSync(out, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
});
