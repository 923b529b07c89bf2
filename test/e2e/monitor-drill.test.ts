// Power-failure drills on real processes: dummy-ups (.seq OL → OB → OB LB),
// upsd, one primary and two secondary upsmons, each with its own dirs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haveDummy, startServer, monHost, startMon, eventLog, events, type Mon } from './drill.js';
import { ourBin, waitFor, withRefUpsmonLock, REF } from '../helpers/ref.js';

type Impl = 'ours' | 'ref';

async function drill(impls: { pri: Impl; secs: Impl[] }, upsd: 'ref' | 'ours' = 'ref') {
  const srv = await startServer([['OL', 4], ['OB DISCHRG', 3], ['OB LB', 3600]], { upsd });
  const ev = eventLog(srv.sb);
  const mons: Mon[] = [];
  try {
    const pri = monHost(srv.sb, 'pri', { port: srv.port, primary: true, events: ev, hostsync: 8 });
    mons.push(pri);
    impls.secs.forEach((_, i) => mons.push(monHost(srv.sb, `sec${i + 1}`, { port: srv.port, primary: false, events: ev, hostsync: 8 })));
    startMon(pri, impls.pri);
    impls.secs.forEach((impl, i) => startMon(mons[i + 1]!, impl));
    await waitFor(() => mons.every((m) => m.shutdowns().some((l) => l.startsWith(`${m.dir.split('/').pop()} `))), 40000, 100);
    const codes = await Promise.all(mons.map((m) => Promise.race([m.proc!.exited, new Promise((r) => setTimeout(() => r('running'), 5000))])));
    const snap = mons.map((m, i) => ({ impl: i === 0 ? impls.pri : impls.secs[i - 1]!, name: m.dir.split('/').pop()!, notes: m.notes(), flag: existsSync(m.flag) ? readFileSync(m.flag, 'utf8') : undefined }));
    return { port: srv.port, ev: events(ev), mons: snap, codes };
  } catch (e) {
    for (const m of mons) process.stderr.write(`--- ${m.dir}\n${m.proc?.stdout()}${m.proc?.stderr()}\n`);
    process.stderr.write(events(ev).join('\n') + '\n');
    throw e;
  } finally {
    for (const m of mons) await m.proc?.kill();
    await srv.stop();
  }
}

function checkDrill(r: Awaited<ReturnType<typeof drill>>, primaryIsOurs: boolean) {
  const sd = r.ev.filter((l) => /^\S+ SHUTDOWN$/.test(l));
  // every SHUTDOWNCMD exactly once, secondaries before the primary
  assert.equal(sd.length, r.mons.length, r.ev.join('|'));
  assert.equal(sd[sd.length - 1], 'pri SHUTDOWN');
  for (const m of r.mons) assert.equal(r.ev.filter((l) => l === `${m.name} SHUTDOWN`).length, 1);
  // the primary wrote POWERDOWNFLAG with the magic and no newline
  assert.equal(r.mons[0]!.flag, 'upsmon-shutdown-file');
  const ups = `ups1@127.0.0.1:${r.port}`;
  const pn = r.mons[0]!.notes;
  const want = primaryIsOurs ? ['ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN'] : ['ONBATT', 'LOWBATT', 'SHUTDOWN'];
  assert.deepEqual(pn.map((n) => n.type), want);
  assert.deepEqual(pn.map((n) => n.ups), want.map((t) => (t === 'SHUTDOWN' ? '' : ups)));
  assert.equal(pn[0]!.msg, `UPS ${ups} on battery`);
  assert.equal(pn[1]!.msg, `UPS ${ups} battery is low`);
  assert.equal(pn[pn.length - 1]!.msg, 'Auto logout and shutdown proceeding');
  for (const m of r.mons.slice(1)) {
    // a secondary may see OB, LB and FSD in one poll; NUT forks one notifier
    // per event, so only the set is certain there (ours are serialised anyway)
    const t = m.notes.map((n) => n.type);
    assert.ok(t.includes('ONBATT') && t.includes('FSD') && t.includes('SHUTDOWN'), t.join(','));
    // NUT notifies SHUTDOWN right after FSD in the same cycle, with forked
    // notifiers racing; ours run in order
    if (m.impl === 'ours') assert.equal(t[t.length - 1], 'SHUTDOWN');
  }
  for (const c of r.codes) assert.equal(c, 0);
}

test('drill: our primary + two of our secondaries, reference upsd', { skip: !haveDummy }, async () => {
  const r = await drill({ pri: 'ours', secs: ['ours', 'ours'] });
  checkDrill(r, true);
});

test('drill: our primary + two of our secondaries, our upsd', { skip: !haveDummy || !existsSync(ourBin('upsd')) }, async () => {
  const r = await drill({ pri: 'ours', secs: ['ours', 'ours'] }, 'ours');
  checkDrill(r, true);
});

test('mixed drill: our primary with a reference secondary', { skip: !haveDummy || !existsSync(REF.upsmon) }, async () => {
  const r = await withRefUpsmonLock(() => drill({ pri: 'ours', secs: ['ref', 'ours'] }));
  checkDrill(r, true);
});

test('mixed drill: reference primary with our secondaries', { skip: !haveDummy || !existsSync(REF.upsmon) }, async () => {
  const r = await withRefUpsmonLock(() => drill({ pri: 'ref', secs: ['ours', 'ours'] }));
  checkDrill(r, false);
});

test('upssched as NOTIFYCMD: timers fire and cancel during a short outage', { skip: !haveDummy }, async () => {
  const srv = await startServer([['OL', 3], ['OB DISCHRG', 4], ['OL', 3600]]);
  const ev = eventLog(srv.sb);
  const m = monHost(srv.sb, 'sec', { port: srv.port, primary: false, events: ev, notifyCmd: ourBin('upssched') });
  const out = join(m.dir, 'sched.log');
  const { writeFileSync, chmodSync } = await import('node:fs');
  writeFileSync(join(m.dir, 'cmd.sh'), `#!/bin/sh\necho "$1 $UPSNAME $NOTIFYTYPE" >> ${out}\n`);
  chmodSync(join(m.dir, 'cmd.sh'), 0o755);
  writeFileSync(join(m.dir, 'etc', 'upssched.conf'), [
    `CMDSCRIPT ${join(m.dir, 'cmd.sh')}`, `PIPEFN ${join(m.dir, 'state', 'upssched.pipe')}`, `LOCKFN ${join(m.dir, 'state', 'upssched.lock')}`,
    'AT ONBATT * START-TIMER short 1', 'AT ONBATT * START-TIMER long 60',
    'AT ONLINE * CANCEL-TIMER long long-was-not-pending', 'AT ONLINE * CANCEL-TIMER short short-already-fired',
    'AT ONLINE * EXECUTE back-online', '',
  ].join('\n'));
  try {
    startMon(m, 'ours');
    await waitFor(() => existsSync(out) && readFileSync(out, 'utf8').includes('short-already-fired') && readFileSync(out, 'utf8').includes('back-online'), 30000, 100);
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    const ups = `ups1@127.0.0.1:${srv.port}`;
    assert.equal(lines[0], `short ${ups} ONBATT`);
    assert.ok(lines.includes(`back-online ${ups} ONLINE`));
    // the cancel-command runs in the daemon, without the event's environment
    assert.ok(lines.includes('short-already-fired  '));
    assert.ok(!lines.some((l) => l.startsWith('long')), lines.join('|'));
    const l = await import('../helpers/ref.js').then((h) => h.run(ourBin('upssched'), ['-l'], { env: m.env }));
    assert.equal(l.code, 0);
    assert.equal(l.stdout, '');
  } finally {
    await m.proc?.kill();
    await srv.stop();
  }
});

test('drill: a secondary that never logs out → the primary waits HOSTSYNC, then shuts down', { skip: !haveDummy }, async () => {
  const srv = await startServer([['OL', 3], ['OB LB', 3600]]);
  const ev = eventLog(srv.sb);
  const pri = monHost(srv.sb, 'pri', { port: srv.port, primary: true, events: ev, hostsync: 4 });
  // SHUTDOWNEXIT no: the secondary stays logged in after its own shutdown
  const sec = monHost(srv.sb, 'sec', { port: srv.port, primary: false, events: ev, hostsync: 4, extra: 'SHUTDOWNEXIT no' });
  try {
    startMon(pri, 'ours');
    startMon(sec, 'ours');
    await waitFor(() => pri.shutdowns().some((l) => l === 'pri SHUTDOWN'), 30000, 100);
    const sd = events(ev).filter((l) => /^\S+ SHUTDOWN$/.test(l));
    assert.deepEqual(sd, ['sec SHUTDOWN', 'pri SHUTDOWN']);
    assert.match(pri.proc!.stderr(), /Host sync timer expired, forcing shutdown/);
    assert.match(sec.proc!.stderr(), /Configured to not exit upsmon after initiating shutdown/);
    assert.equal(sec.proc!.child.exitCode, null); // still there, still logged in
  } finally {
    await pri.proc?.kill();
    await sec.proc?.kill();
    await srv.stop();
  }
});
