// upsmon command line: output and exit codes against the reference, and the
// life cycle of a running instance (PID file, -c reload/fsd/stop, -p, the
// privileged parent).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ourBin, REF, run, sandbox, start, waitFor, freePort, type Sandbox } from '../helpers/ref.js';

const haveRef = existsSync(REF.upsmon);
// -P with a pid that cannot exist keeps both away from /run/nut/upsmon.pid
const NOPID = ['-P', '4194303'];

function confDir(body: string): Sandbox {
  const sb = sandbox('tsnut-moncli-');
  sb.write('upsmon.conf', body);
  return sb;
}

async function both(sb: Sandbox, args: string[]) {
  const ours = await run(ourBin('upsmon'), args, { env: sb.env });
  const ref = await run(REF.upsmon, args, { env: sb.env });
  return { ours, ref };
}

test('upsmon -h / -V: same text and exit code as the reference', { skip: !haveRef }, async () => {
  const sb = confDir('');
  try {
    const h = await both(sb, ['-h']);
    assert.equal(h.ours.stdout.replace(ourBin('upsmon'), 'PROG'), h.ref.stdout.replace(REF.upsmon, 'PROG'));
    assert.equal(h.ours.code, h.ref.code);
    const v = await both(sb, ['-V']);
    assert.equal(v.ours.stdout, v.ref.stdout);
    assert.equal(v.ours.code, 0);
  } finally { sb.cleanup(); }
});

test('upsmon -K: flag set / absent / foreign, as the reference', { skip: !haveRef }, async () => {
  const sb = confDir('');
  const flag = join(sb.dir, 'killpower');
  sb.write('upsmon.conf', `MONITOR a@localhost 1 u p primary\nPOWERDOWNFLAG ${flag}\n`);
  try {
    for (const content of [undefined, 'upsmon-shutdown-file', 'upsmon-shutdown-file\nmore', 'not ours']) {
      rmSync(flag, { force: true });
      if (content !== undefined) writeFileSync(flag, content);
      const r = await both(sb, [...NOPID, '-K']);
      assert.equal(r.ours.code, r.ref.code, String(content));
      assert.equal(r.ours.stdout, r.ref.stdout);
      assert.equal(r.ours.stderr, r.ref.stderr, String(content));
    }
  } finally { sb.cleanup(); }
});

test('upsmon: insufficient power and old MONITOR form are fatal, as the reference', { skip: !haveRef }, async () => {
  const sb = confDir('MONITOR a@localhost 1 u p primary\nMINSUPPLIES 2\n');
  try {
    let r = await both(sb, [...NOPID, '-F', '-u', 'root']);
    assert.equal(r.ours.code, 1);
    assert.equal(r.ref.code, 1);
    assert.equal(r.ours.stdout, r.ref.stdout);
    sb.write('upsmon.conf', 'MONITOR a@localhost 1 p primary\n');
    r = await both(sb, [...NOPID, '-F', '-u', 'root']);
    assert.equal(r.ours.code, 1);
    assert.equal(r.ref.code, 1);
    assert.match(r.ours.stderr, /Unable to use old-style MONITOR line without a username/);
    const c = await run(ourBin('upsmon'), ['-c', 'stop'], { env: sb.env });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /upsmon\.pid: No such file or directory/);
  } finally { sb.cleanup(); }
});

async function monitorOnly(extra = '') {
  const sb = sandbox('tsnut-monlife-');
  const port = await freePort(); // nobody listens: COMMBAD, but a UPS never seen counts as healthy
  const events = join(sb.dir, 'events');
  writeFileSync(events, '');
  mkdirSync(join(sb.dir, 'x'), { recursive: true });
  sb.write('notify.sh', `#!/bin/sh\necho "$NOTIFYTYPE $1" >> ${events}\n`, 0o755);
  sb.write('upsmon.conf', [
    `MONITOR u@127.0.0.1:${port} 1 mon pw primary`, `SHUTDOWNCMD "echo SHUTDOWNCMD uid=$(id -u) >> ${events}"`,
    `NOTIFYCMD ${join(sb.conf, 'notify.sh')}`, 'NOTIFYFLAG COMMBAD SYSLOG+EXEC', 'NOTIFYFLAG SHUTDOWN SYSLOG+EXEC',
    'NOTIFYFLAG NOPARENT SYSLOG+EXEC', 'POLLFREQ 1', 'POLLFREQALERT 1', 'FINALDELAY 0', 'HOSTSYNC 2', 'RUN_AS_USER root',
    `POWERDOWNFLAG ${join(sb.dir, 'killpower')}`, extra, '',
  ].join('\n'));
  const lines = () => readFileSync(events, 'utf8').split('\n').filter(Boolean);
  return { sb, lines };
}

test('upsmon life cycle: PID file from NUT_ALTPIDPATH, already running, -c reload, -c fsd', async () => {
  const { sb, lines } = await monitorOnly();
  const p = start(ourBin('upsmon'), ['-F', '-u', 'root'], { env: sb.env });
  try {
    const pidf = join(sb.state, 'upsmon.pid');
    await waitFor(() => existsSync(pidf) && lines().some((l) => l.startsWith('COMMBAD')), 10000);
    const pid = parseInt(readFileSync(pidf, 'utf8'), 10);
    assert.notEqual(pid, p.child.pid); // written by the unprivileged child
    const again = await run(ourBin('upsmon'), ['-F', '-u', 'root'], { env: sb.env });
    assert.equal(again.code, 1);
    assert.match(again.stdout, /Fatal error: A previous upsmon instance is already running!/);
    assert.equal((await run(ourBin('upsmon'), ['-c', 'reload'], { env: sb.env })).code, 0);
    await waitFor(() => p.stderr().includes('Reloading configuration'), 5000);
    assert.equal((await run(ourBin('upsmon'), ['-c', 'f'], { env: sb.env })).code, 0);
    await waitFor(() => lines().some((l) => l.startsWith('SHUTDOWNCMD')), 10000);
    assert.equal(await p.exited, 0);
    assert.match(p.stderr(), /Signal 10: User requested FSD/);
    assert.match(p.stderr(), /FSD set on UPS u@127\.0\.0\.1:\d+ failed: /);
    assert.deepEqual(lines().filter((l) => !l.startsWith('COMMBAD')), ['SHUTDOWN Auto logout and shutdown proceeding', 'SHUTDOWNCMD uid=0']);
    assert.equal(readFileSync(join(sb.dir, 'killpower'), 'utf8'), 'upsmon-shutdown-file');
  } finally { await p.kill(); sb.cleanup(); }
});

test('upsmon -c stop: exits 0, removes its PID file, parent follows', async () => {
  const { sb } = await monitorOnly();
  const p = start(ourBin('upsmon'), ['-F', '-u', 'root'], { env: sb.env });
  try {
    const pidf = join(sb.state, 'upsmon.pid');
    await waitFor(() => existsSync(pidf), 10000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await run(ourBin('upsmon'), ['-c', 'stop'], { env: sb.env })).code, 0);
    assert.equal(await p.exited, 1); // NUT's parent: "exiting (child exited)"
    assert.match(p.stderr(), /Signal 15: exiting/);
    assert.match(p.stderr(), /upsmon parent: exiting \(child exited\)/);
    assert.ok(!existsSync(pidf));
  } finally { await p.kill(); sb.cleanup(); }
});

test('upsmon -p: one process does everything, SHUTDOWNCMD included', async () => {
  const { sb, lines } = await monitorOnly();
  const p = start(ourBin('upsmon'), ['-F', '-p'], { env: sb.env });
  try {
    const pidf = join(sb.state, 'upsmon.pid');
    await waitFor(() => existsSync(pidf), 10000);
    assert.equal(parseInt(readFileSync(pidf, 'utf8'), 10), p.child.pid);
    assert.match(p.stderr(), /Warning: running as one big root process by request \(upsmon -p\)/);
    process.kill(p.child.pid!, 'SIGUSR1');
    await waitFor(() => lines().some((l) => l.startsWith('SHUTDOWNCMD')), 10000);
    assert.equal(await p.exited, 0);
  } finally { await p.kill(); sb.cleanup(); }
});

test('privileged parent killed: child reports NOPARENT', async () => {
  const { sb, lines } = await monitorOnly();
  const p = start(ourBin('upsmon'), ['-F', '-u', 'root'], { env: sb.env });
  try {
    const pidf = join(sb.state, 'upsmon.pid');
    await waitFor(() => existsSync(pidf), 10000);
    const child = parseInt(readFileSync(pidf, 'utf8'), 10);
    p.child.kill('SIGKILL');
    await waitFor(() => lines().some((l) => l.startsWith('NOPARENT')), 10000);
    assert.ok(lines().includes('NOPARENT upsmon parent process died - shutdown impossible'));
    process.kill(child, 'SIGTERM');
    await waitFor(() => { try { process.kill(child, 0); return false; } catch { return true; } }, 5000);
  } finally { await p.kill(); sb.cleanup(); }
});
