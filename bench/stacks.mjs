// Workloads that need whole stacks: 6 (event latency through upsmon),
// 7 (footprint of the separate-process stack), 8 (upsc wall time).

import { existsSync, mkdirSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { sandbox, start, freePort, REF, ourBin, withRefUpsmonLock, startRefUpsmon } from '../dist/test/helpers/ref.js';
import { exchange, waitForData } from '../dist/test/helpers/upsd-pair.js';
import { memory, processTree, comm, median, sleep } from './lib.mjs';

const DDL = '/work/shared/data/ddl';

async function waitUntil(cond, timeoutMs, stepMs = 20) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > end) return false;
    await sleep(stepMs);
  }
}

function upsmonConf(dir, lines) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'upsmon.conf'), lines.join('\n') + '\n', { mode: 0o640 });
  chmodSync(join(dir, 'upsmon.conf'), 0o640);
  return { ...process.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir, NUT_ALTPIDPATH: dir, NUT_QUIET_INIT_UPSNOTIFY: 'true' };
}

function startOurUpsmon(env) {
  return start(ourBin('upsmon'), ['-F', '-u', 'root'], { env });
}

// ---- 6: event latency ------------------------------------------------------

/**
 * A TCP relay between upsmon and upsd that notes (wall clock, seconds) when
 * upsd's first reply announcing OB reached upsmon: the moment upsmon learned,
 * so SHUTDOWN minus that is its own processing time, free of the poll phase.
 */
async function relay(target) {
  const port = await freePort();
  const seen = { ob: undefined, lastPoll: undefined };
  const socks = new Set();
  const srv = net.createServer((c) => {
    const u = net.connect(target, '127.0.0.1');
    socks.add(c); socks.add(u);
    c.on('data', (d) => {
      // upsmon's status poll: the phase of its poll loop
      if (/^GET VAR \S+ ups\.status\r?$/m.test(d.toString('latin1'))) seen.lastPoll = Date.now();
      u.write(d);
    });
    u.on('data', (d) => {
      if (seen.ob === undefined && /^VAR \S+ ups\.status "[^"]*\bOB\b/m.test(d.toString('latin1'))) seen.ob = Date.now() / 1000;
      c.write(d);
    });
    const end = () => { c.destroy(); u.destroy(); };
    c.on('error', end); u.on('error', end); c.on('close', end); u.on('close', end);
  });
  await new Promise((r) => srv.listen(port, '127.0.0.1', r));
  return { port, seen, close: () => { for (const x of socks) x.destroy(); return new Promise((r) => srv.close(r)); } };
}

/**
 * A driver switches its UPS from OL to OB LB; a primary upsmon (reference
 * against the reference upsd, ours against ours) must decide to shut down (it
 * sets FSD, finds no secondaries to wait for, notifies SHUTDOWN). upsd latches
 * FSD, so each run uses a UPS of its own (evs[i]), the same for both.
 * The time is taken by its NOTIFYCMD for the SHUTDOWN notification (a shell
 * script writing `date +%s.%N`). Each run starts a fresh upsmon, waits for its
 * login, then waits a phase offset spread evenly over one poll interval (the
 * same offsets for both), so the median is not an artefact of one phase.
 */
export async function eventLatency({ box, evs, ports, pollfreq, runs, haveOurs, log }) {
  const out = { ref: [], ours: [], refProc: [], oursProc: [], notes: [] };
  const impls = haveOurs ? ['ref', 'ours'] : ['ref'];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? impls : [...impls].reverse();
    for (const k of order) {
      const port = ports[k];
      const ev = evs[i];
      const ups = ev.path.replace(/.*fake-/, '');
      ev.broadcast('SETINFO ups.status "OL"');
      await waitUntil(async () => (await exchange(port, `GET VAR ${ups} ups.status\n`)).includes('"OL"'), 5000);
      await waitUntil(async () => / 0\n/.test(await exchange(port, `GET NUMLOGINS ${ups}\n`)), 5000);
      const dir = join(box.dir, `upsmon-${k}-${pollfreq}-${i}`);
      const notify = join(dir, 'notify.log');
      const script = join(dir, 'notify.sh');
      mkdirSync(dir, { recursive: true });
      writeFileSync(script, `#!/bin/sh\necho "$(date +%s.%N) $NOTIFYTYPE" >> ${notify}\n`, { mode: 0o755 });
      const rl = await relay(port);
      const env = upsmonConf(dir, [
        `MONITOR ${ups}@127.0.0.1:${rl.port} 1 prim pw primary`,
        `POLLFREQ ${pollfreq}`, `POLLFREQALERT ${pollfreq}`, `DEADTIME ${Math.max(15, 3 * pollfreq)}`,
        'FINALDELAY 0', 'HOSTSYNC 1',
        `NOTIFYCMD ${script}`, 'NOTIFYFLAG SHUTDOWN SYSLOG+EXEC',
        'SHUTDOWNCMD "/bin/true"', `POWERDOWNFLAG ${join(dir, 'killpower')}`,
        // diagnostic (--no-wall): no wall(1) for the events before SHUTDOWN
        ...(process.argv.includes('--no-wall') ? ['NOTIFYFLAG ONBATT SYSLOG', 'NOTIFYFLAG LOWBATT SYSLOG', 'NOTIFYFLAG FSD SYSLOG'] : []),
      ]);
      const once = async () => {
        const mon = k === 'ref' ? await startRefUpsmon(['-F', '-u', 'root'], { env }) : startOurUpsmon(env);
        try {
          const up = await waitUntil(async () => / 1\n/.test(await exchange(port, `GET NUMLOGINS ${ups}\n`)), 15000);
          if (!up) { out.notes.push(`W6 ${k}: upsmon did not log in: ${mon.stderr().slice(-300)}`); return; }
          // phase offsets are taken from upsmon's own poll (seen by the relay),
          // not from the moment its login was noticed: the two upsmons log in
          // at different points of their poll cycle
          const prev = rl.seen.lastPoll;
          if (!(await waitUntil(() => rl.seen.lastPoll !== undefined && rl.seen.lastPoll !== prev, (pollfreq + 5) * 1000, 2))) {
            out.notes.push(`W6 ${k}: no status poll seen`); return;
          }
          await sleep(Math.max(0, rl.seen.lastPoll + pollfreq * 1000 * (i + 0.5) / runs - Date.now()));
          const t0 = Date.now() / 1000;
          ev.broadcast('SETINFO ups.status "OB LB"');
          const got = await waitUntil(() => existsSync(notify) && /SHUTDOWN/.test(readFileSync(notify, 'utf8')), (3 * pollfreq + 15) * 1000);
          if (!got) { out.notes.push(`W6 ${k}: no SHUTDOWN notification; upsmon said: ${mon.stderr().slice(-300)}`); return; }
          const line = readFileSync(notify, 'utf8').split('\n').find((l) => l.includes('SHUTDOWN'));
          out[k].push(parseFloat(line) - t0);
          if (rl.seen.ob !== undefined) out[`${k}Proc`].push(parseFloat(line) - rl.seen.ob);
        } finally {
          await mon.kill();
          await rl.close();
        }
      };
      if (k === 'ref') await withRefUpsmonLock(once); else await once();
    }
  }
  const f = (a) => a.map((x) => x.toFixed(3)).join(' ');
  log(`event latency POLLFREQ ${pollfreq}: ref ${f(out.ref)}; ours ${f(out.ours)}; after the OB reply: ref ${f(out.refProc)}; ours ${f(out.oursProc)}`);
  return out;
}

// ---- 7: footprint -----------------------------------------------------------

const DEVS = [
  'APC/APC__Back-UPS_BK650M2-CH__usbhid-ups__2.8.0__01.dev',
  'Eaton/Eaton__3S_550__usbhid-ups__2.6.5__01.dev',
  'Eaton/Eaton__5PX_2000__usbhid-ups__2.7.4__01.dev',
];

/** Start 4 dummy-ups + upsd + upsmon of one implementation, measure each process at idle. */
async function stack(kind, benchDir, log) {
  const box = sandbox(`tsnut-bench-fp-${kind}-`);
  const port = await freePort();
  const devs = [...DEVS.map((d) => join(DDL, d)).filter(existsSync), join(benchDir, 'ups200.dev')];
  while (devs.length < 4) devs.push(join(benchDir, 'ups200.dev'));
  box.write('ups.conf', devs.slice(0, 4).map((d, i) => `[u${i + 1}]\n  driver = dummy-ups\n  port = ${d}\n`).join(''));
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '[prim]\n  password = pw\n  upsmon primary\n');
  const procs = {};
  const all = [];
  const haveOurMon = existsSync(ourBin('upsmon'));
  const node = (name, args, env = box.env) => start(ourBin(name), args, { env });
  const monLines = [
    ...[1, 2, 3, 4].map((i) => `MONITOR u${i}@127.0.0.1:${port} 1 prim pw primary`),
    'MINSUPPLIES 1', 'SHUTDOWNCMD "/bin/true"', `POWERDOWNFLAG ${join(box.dir, 'killpower')}`,
  ];
  try {
    if (kind === 'single') {
      // tsnut: drivers, upsd and upsmon in one process, from the same files
      box.write('upsmon.conf', monLines.join('\n') + '\n');
      procs.single = node('tsnut', ['-u', 'root']);
      all.push(procs.single);
      for (let i = 1; i <= 4; i++) await waitForData(port, `u${i}`, 20000);
      await sleep(4000);
      const tree = processTree(procs.single.child.pid);
      const v = tree.map((pid) => { try { return memory(pid); } catch { return { rss: 0, pss: 0 }; } });
      const res = { single: { rss: v.reduce((a, x) => a + x.rss, 0), pss: v.reduce((a, x) => a + x.pss, 0), n: tree.length } };
      log(`footprint ${kind}: ${JSON.stringify(res)}`);
      return res;
    }
    for (let i = 1; i <= 4; i++) {
      const p = kind === 'ref' ? start(REF.dummyUps, ['-a', `u${i}`, '-F', '-u', 'root'], { env: box.env }) : node('dummy-ups', ['-a', `u${i}`, '-F', '-u', 'root']);
      all.push(p); (procs.drivers ??= []).push(p);
    }
    const upsd = kind === 'ref' ? start(REF.upsd, ['-F', '-u', 'root'], { env: box.env }) : node('upsd', ['-F', '-u', 'root']);
    all.push(upsd); procs.upsd = upsd;
    for (let i = 1; i <= 4; i++) await waitForData(port, `u${i}`, 20000);
    const env = upsmonConf(join(box.dir, 'mon'), monLines);
    const measure = async () => {
      await sleep(4000); // settle: start-up garbage collected, first polls done
      const m = (p) => {
        const tree = processTree(p.child.pid);
        const v = tree.map((pid) => { try { return memory(pid); } catch { return { rss: 0, pss: 0 }; } });
        return { rss: v.reduce((a, x) => a + x.rss, 0), pss: v.reduce((a, x) => a + x.pss, 0), n: tree.length, names: tree.map(comm) };
      };
      const res = { drivers: procs.drivers.map(m), upsd: m(procs.upsd) };
      if (procs.upsmon) res.upsmon = m(procs.upsmon);
      return res;
    };
    let res;
    if (kind === 'ref') {
      res = await withRefUpsmonLock(async () => {
        procs.upsmon = await startRefUpsmon(['-F', '-u', 'root'], { env });
        try { return await measure(); } finally { await procs.upsmon.kill(); }
      });
    } else {
      if (haveOurMon) { procs.upsmon = node('upsmon', ['-F', '-u', 'root'], env); all.push(procs.upsmon); }
      res = await measure();
    }
    log(`footprint ${kind}: ${JSON.stringify(res)}`);
    return res;
  } finally {
    for (const p of all.reverse()) await p.kill();
    box.cleanup();
  }
}

export async function footprint(repo, benchDir, log) {
  const ours = await stack('ours', benchDir, log);
  const ref = await stack('ref', benchDir, log);
  const single = existsSync(ourBin('tsnut')) ? await stack('single', benchDir, log) : undefined;
  const mb = (kb) => kb / 1024;
  const rows = [];
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const parts = [
    ['dummy-ups (each)', (s) => s.drivers.length ? { rss: sum(s.drivers.map((d) => d.rss)) / s.drivers.length, pss: sum(s.drivers.map((d) => d.pss)) / s.drivers.length } : undefined],
    ['upsd', (s) => s.upsd],
    ['upsmon (all its processes)', (s) => s.upsmon],
    ['whole stack (4 drivers + upsd + upsmon)', (s) => ({ rss: sum(s.drivers.map((d) => d.rss)) + s.upsd.rss + (s.upsmon?.rss ?? 0), pss: sum(s.drivers.map((d) => d.pss)) + s.upsd.pss + (s.upsmon?.pss ?? 0) })],
  ];
  for (const [name, f] of parts) {
    const a = f(ref);
    const b = f(ours);
    rows.push({ metric: `${name} RSS MiB`, ref: a ? mb(a.rss) : NaN, ours: b ? mb(b.rss) : NaN });
    rows.push({ metric: `${name} PSS MiB`, ref: a ? mb(a.pss) : NaN, ours: b ? mb(b.pss) : NaN });
  }
  if (single) {
    const whole = parts[3][1](ref);
    rows.push({ metric: 'single-process tsnut (bin/tsnut, same files) vs reference whole stack RSS MiB', ref: mb(whole.rss), ours: mb(single.single.rss) });
    rows.push({ metric: 'single-process tsnut (bin/tsnut, same files) vs reference whole stack PSS MiB', ref: mb(whole.pss), ours: mb(single.single.pss) });
  }
  const notes = [];
  if (!ours.upsmon) notes.push('W7: bin/upsmon is not in this tree yet: the tsnut stack has no upsmon, its whole-stack figure is without one.');
  if (ref.upsmon) notes.push(`W7: the reference upsmon runs as ${ref.upsmon.n} processes (${ref.upsmon.names.join(', ')}); figures add them up.`);
  if (ours.upsmon) notes.push(`W7: tsnut upsmon runs as ${ours.upsmon.n} process(es) (${ours.upsmon.names.join(', ')}).`);
  return { rows, notes };
}

// ---- 8: upsc wall time ----------------------------------------------------

function wall(cmd, args) {
  return new Promise((res, rej) => {
    const t = process.hrtime.bigint();
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => { out += d; });
    c.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0) rej(new Error(`${cmd} ${args.join(' ')}: exit ${code}`)); else res({ ms, out });
    });
  });
}

/**
 * upsc against the same (reference) upsd, so only the client differs; the
 * parts of ours: a bare `node -e 0` start, and node loading our upsc module
 * graph without running it (--check of the import is not possible for ESM, so
 * it imports the client library the CLI is built on).
 */
export async function cliWallTime(repo, port, n, log) {
  const target = `ups200@127.0.0.1:${port}`;
  const ref = [];
  const ours = [];
  const bare = [];
  const imp = [];
  const clientLib = join(repo, 'dist/src/client/index.js');
  for (let i = 0; i < n; i++) {
    const r = await wall(REF.upsc, [target, 'ups.status']);
    const o = await wall(process.execPath, [ourBin('upsc'), target, 'ups.status']);
    if (r.out !== o.out) throw new Error(`upsc outputs differ: ${r.out} vs ${o.out}`);
    ref.push(r.ms); ours.push(o.ms);
    bare.push((await wall(process.execPath, ['-e', '0'])).ms);
    imp.push((await wall(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(clientLib)})`])).ms);
  }
  log(`upsc wall ms: ref ${median(ref).toFixed(1)}, ours ${median(ours).toFixed(1)}, node -e 0 ${median(bare).toFixed(1)}, node + client import ${median(imp).toFixed(1)}`);
  return {
    ref, ours,
    parts: { 'node start-up (node -e 0) ms': bare, 'node + import of the client library ms': imp },
    notes: ['W8: both upsc binaries query the same (reference) upsd; the time includes fork/exec from the bench process.'],
  };
}

// ---- 6b: event latency in the single-process mode ---------------------------

/**
 * bin/tsnut with upsd and upsmon in one process: upsmon hears the driver's
 * change through upsd directly (no poll wait). A scripted driver (the same
 * fake driver as above, on the socket tsnut's upsd reads) switches OL → OB LB;
 * the time is taken by the SHUTDOWN NOTIFYCMD, as for the separate upsmons.
 * One fresh tsnut per run (upsd latches FSD and upsmon exits after it).
 */
export async function singleProcessLatency({ pollfreq, runs, log }) {
  const { fakeDriver } = await import('../dist/test/helpers/fake-driver.js');
  const out = [];
  const notes = [];
  if (!existsSync(ourBin('tsnut'))) return { out, notes: ['W6: bin/tsnut is not in this tree'] };
  for (let i = 0; i < runs; i++) {
    const box = sandbox('tsnut-bench-single-');
    const port = await freePort();
    const ev = await fakeDriver(join(box.state, 'fake-ev'), 'SETINFO ups.status "OL"\nSETINFO battery.charge "100"\nDATAOK\nDUMPDONE\n');
    const notify = join(box.dir, 'notify.log');
    const script = join(box.dir, 'notify.sh');
    writeFileSync(script, `#!/bin/sh\necho "$(date +%s.%N) $NOTIFYTYPE" >> ${notify}\n`, { mode: 0o755 });
    box.write('ups.conf', '[ev]\n  driver = fake\n  port = none\n');
    box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    box.write('upsd.users', USERS_SINGLE);
    box.write('upsmon.conf', [
      `MONITOR ev@127.0.0.1:${port} 1 prim pw primary`,
      `POLLFREQ ${pollfreq}`, `POLLFREQALERT ${pollfreq}`, `DEADTIME ${Math.max(15, 3 * pollfreq)}`,
      'FINALDELAY 0', 'HOSTSYNC 1', `NOTIFYCMD ${script}`, 'NOTIFYFLAG SHUTDOWN SYSLOG+EXEC',
      'SHUTDOWNCMD "/bin/true"', `POWERDOWNFLAG ${join(box.dir, 'killpower')}`, '',
    ].join('\n'));
    // driver "fake" is no program: tsnut logs that it cannot start it and reads the socket above
    const p = start(ourBin('tsnut'), [], { env: box.env });
    try {
      const up = await waitUntil(async () => / 1\n/.test(await exchange(port, 'GET NUMLOGINS ev\n')), 20000);
      if (!up) { notes.push(`W6 single: upsmon did not log in: ${p.stderr().slice(-300)}`); continue; }
      await sleep(pollfreq * 1000 * (i + 0.5) / runs);
      const t0 = Date.now() / 1000;
      ev.broadcast('SETINFO ups.status "OB LB"');
      const got = await waitUntil(() => existsSync(notify) && /SHUTDOWN/.test(readFileSync(notify, 'utf8')), (3 * pollfreq + 15) * 1000, 10);
      if (!got) { notes.push(`W6 single: no SHUTDOWN notification: ${p.stderr().slice(-300)}`); continue; }
      const line = readFileSync(notify, 'utf8').split('\n').find((l) => l.includes('SHUTDOWN'));
      out.push(parseFloat(line) - t0);
    } finally {
      await p.kill();
      await ev.close();
      box.cleanup();
    }
  }
  log(`event latency single-process POLLFREQ ${pollfreq}: ${out.map((x) => x.toFixed(3)).join(' ')}`);
  return { out, notes };
}

const USERS_SINGLE = '[prim]\n  password = pw\n  upsmon primary\n';
