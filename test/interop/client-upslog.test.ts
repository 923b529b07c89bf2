// upslog: ours vs the reference /usr/bin/upslog against the same reference upsd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { haveReference, start, waitFor, REF, ourBin, run, type Proc } from '../helpers/ref.js';
import { startRefEnv, runTable, normalise, DEV_A, type RefEnv } from './client-env.js';

const SEQ = `ups.status: OL
battery.charge: 100
TIMER 3
ups.status: OB
battery.charge: 80
TIMER 3
ups.status: OB LB
battery.charge: 20
TIMER 3
`;

let env: RefEnv;
before(async () => {
  if (!haveReference) return;
  env = await startRefEnv({
    devs: {
      upsa: { file: 'a.dev', content: DEV_A },
      cyc: { file: 'cyc.seq', content: SEQ },
    },
  });
});
after(async () => { await env?.stop(); });

const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '') : []);

/** Start ref and ours with the same arguments (with @WHO replaced by ref/ours); stop both with SIGTERM once `until` holds. */
async function both(args: string[], until: (who: 'ref' | 'ours') => boolean, mid?: (who: 'ref' | 'ours', p: Proc) => Promise<void>) {
  const out: Record<string, { p: Proc; code: number | null }> = {};
  await Promise.all((['ref', 'ours'] as const).map(async (who) => {
    const bin = who === 'ref' ? REF.upslog : ourBin('upslog');
    const p = start(bin, args.map((a) => a.replace('@WHO', who)), { env: env.sb.env });
    if (mid) await mid(who, p);
    await waitFor(() => until(who), 20000, 100);
    p.child.kill('SIGTERM');
    out[who] = { p, code: await p.exited };
  }));
  return out as Record<'ref' | 'ours', { p: Proc; code: number | null }>;
}

test('upslog: every format token gives the same line as the reference', { skip: !haveReference }, async () => {
  const F = '%%|%HOST%|%UPSHOST%|%PID%|%ETIME%|%TIME @Y-@m-@d%|%VAR ups.status%|%VAR nodot%|%VAR ups.nonexist%|%BOGUS%|%host%|%VARIABLE ups.load%|%VAR%|% x%|%upshost%|%VAR';
  const file = (who: string) => join(env.sb.dir, `fmt-${who}.log`);
  const r = await both(['-s', `upsa@127.0.0.1:${env.port}`, '-l', join(env.sb.dir, 'fmt-@WHO.log'), '-i', '1', '-F', '-u', 'root', '-p', join(env.sb.dir, 'fmt-@WHO.pid'), '-f', F],
    (who) => lines(file(who)).length >= 2);
  const norm = (who: 'ref' | 'ours') => {
    const pid = r[who].p.child.pid;
    return lines(file(who)).map((l) => {
      const f = l.split('|');
      assert.equal(f[3], String(pid), 'PID is our own');
      assert.ok(Math.abs(Number(f[4]) - Date.now() / 1000) < 60, 'ETIME is now');
      f[3] = 'PID'; f[4] = 'ETIME';
      return f.join('|');
    });
  };
  const ref = norm('ref'), ours = norm('ours');
  assert.equal(ours[0], ref[0]);
  assert.match(ours[0]!, /^%\|[^|]+\|upsa@127\.0\.0\.1:\d+\|PID\|ETIME\|\d{4}-\d\d-\d\d\|OL CHRG\|INVALID\|NA\|INVALID\|[^|]+\|23\|INVALID\|INVALID\|upsa@127\.0\.0\.1:\d+\|INVALIDVAR$/);
  for (const who of ['ref', 'ours'] as const) assert.equal(r[who].code, 0);
  assert.equal(normalise({ code: 0, stdout: r.ours.p.stdout(), stderr: r.ours.p.stderr() }, '').stdout,
    r.ref.p.stdout().replace(join(env.sb.dir, 'fmt-ref.log'), join(env.sb.dir, 'fmt-ours.log')));
  assert.equal(r.ours.p.stderr(), 'Signal 15: exiting\n');
  assert.equal(r.ref.p.stderr().replace(/^Init SSL without certificate database\n/m, ''), 'Signal 15: exiting\n');
});

test('upslog over a .seq status cycle writes the same lines as the reference (default format)', { skip: !haveReference }, async () => {
  const file = (who: string) => join(env.sb.dir, `seq-${who}.log`);
  // both sample every second while the driver cycles OL → OB → OB LB (3 s each)
  await both(['-s', `cyc@127.0.0.1:${env.port}`, '-l', join(env.sb.dir, 'seq-@WHO.log'), '-i', '1', '-F', '-u', 'root', '-p', join(env.sb.dir, 'seq-@WHO.pid')],
    (who) => { const l = lines(file(who)).join('\n'); return ['[OL]', '[OB]', '[OB LB]'].every((x) => l.includes(x)) && lines(file(who)).length >= 8; });
  // Timestamps: same format, but the two loggers tick at different sub-second
  // phases, so a line's second can differ by one; we check the time field's
  // shape and compare the data fields exactly.
  const TS = /^(\d{8} \d{6}) (.*)$/;
  const data = (who: string) => lines(file(who)).map((l) => {
    const m = TS.exec(l);
    assert.ok(m, `timestamp shape: ${l}`);
    return m[2]!;
  });
  const collapse = (xs: string[]) => xs.filter((v, i) => i === 0 || xs[i - 1] !== v);
  const ref = data('ref'), ours = data('ours');
  // Same distinct lines: the three states of the cycle. A poll landing while
  // the driver is half-way through applying a step may see a mixed line; allow one.
  const KNOWN = ['100 NA NA [OL] NA NA', '80 NA NA [OB] NA NA', '20 NA NA [OB LB] NA NA'];
  for (const xs of [ref, ours]) assert.ok(xs.filter((l) => !KNOWN.includes(l)).length <= 1, JSON.stringify(xs));
  const order = ['[OL]', '[OB]', '[OB LB]'];
  for (const xs of [collapse(ref.filter((l) => KNOWN.includes(l))), collapse(ours.filter((l) => KNOWN.includes(l)))]) {
    for (let i = 1; i < xs.length; i++) {
      const a = order.findIndex((o) => xs[i - 1]!.endsWith(o + ' NA NA')), b = order.findIndex((o) => xs[i]!.endsWith(o + ' NA NA'));
      assert.equal(b, (a + 1) % 3, `cycle order: ${xs[i - 1]} → ${xs[i]}`);
    }
  }
  // the whole cycle was seen, with the values the .seq file sets
  for (const xs of [ref, ours]) assert.ok(KNOWN.every((k) => xs.includes(k)), JSON.stringify(xs));
});

test('upslog: SIGHUP reopens the log file (rotation), like the reference', { skip: !haveReference }, async () => {
  const file = (who: string) => join(env.sb.dir, `rot-${who}.log`);
  const rotated = (who: string) => file(who) + '.1';
  const r = await both(['-s', `upsa@127.0.0.1:${env.port}`, '-l', join(env.sb.dir, 'rot-@WHO.log'), '-i', '1', '-F', '-u', 'root', '-p', join(env.sb.dir, 'rot-@WHO.pid'), '-f', '%VAR ups.status%'],
    (who) => lines(file(who)).length >= 1 && lines(rotated(who)).length >= 1,
    async (who, p) => {
      await waitFor(() => lines(file(who)).length >= 1, 20000, 50);
      renameSync(file(who), rotated(who));
      p.child.kill('SIGHUP');
    });
  for (const who of ['ref', 'ours'] as const) {
    assert.deepEqual(lines(rotated(who)).slice(0, 1), ['OL CHRG']);
    assert.equal(lines(file(who))[0], 'OL CHRG');
    assert.match(r[who].p.stderr(), /Signal 1: reopening log file\n/);
  }
  assert.equal(r.ours.p.stderr(), r.ref.p.stderr().replace(/^Init SSL without certificate database\n/m, ''));
});

test('upslog: command-line errors and help like the reference', { skip: !haveReference }, async () => {
  const dead = 'x@127.0.0.1:1';
  const cases = [[], ['-h'], ['-V'], ['-x'], ['-i'], ['-s', 'x'], ['-l', 'x'], ['a'], ['a', 'b'],
    ['-s', 'ups@', '-l', '-'], ['-s', dead, '-l', '/nonexistent-dir/f'], ['-x', '-s', 'ups@', '-l', '-'],
    ['-s', dead, '-l', join(env.sb.dir, 'nouser.log'), '-u', 'no-such-user-x', '-F']].map((args) => ({ args }));
  const res = await runTable('upslog', cases, env.sb.env, 3);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upslog ${cases[i]!.args.join(' ')}`));
});

test('upslog (ours): -m tuples, * expansion, shared file, -B background with PID file', { skip: !haveReference }, async () => {
  const f = join(env.sb.dir, 'multi.log');
  const pidf = join(env.sb.dir, 'multi.pid');
  const H = `127.0.0.1:${env.port}`;
  const r = await run(ourBin('upslog'), ['-m', `*@${H},${f}`, '-m', `upsa@${H},${f}`, '-i', '1', '-B', '-u', 'root', '-p', pidf, '-f', '%UPSHOST% %VAR ups.status%'], { env: env.sb.env });
  assert.equal(r.code, 0);
  assert.match(r.stdout, new RegExp(`logging status of upsa@${H.replace(/\./g, '\\.')} to ${f}`));
  await waitFor(() => existsSync(pidf) && lines(f).length >= 6, 20000, 100);
  const pid = Number(readFileSync(pidf, 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  await waitFor(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, 10000, 50);
  const got = new Set(lines(f));
  assert.ok(got.has(`upsa@${H} OL CHRG`), [...got].join('\n'));
  assert.ok([...got].some((l) => l.startsWith(`cyc@${H} O`)), [...got].join('\n'));
  // bad tuples
  const bad = await run(ourBin('upslog'), ['-m', 'a,b,c'], { env: env.sb.env });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Argument '-m upsspec,logfile' requires exactly 2 components in the tuple/);
});

test('upslog -u: started as root, runs as that user (like the reference)', { skip: !haveReference || process.getuid?.() !== 0 }, async () => {
  let uid = -1;
  try { uid = Number(/^nut:[^:]*:(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'))?.[1] ?? -1); } catch { /* no passwd */ }
  if (uid < 0) return;
  const file = (who: string) => join(env.sb.dir, `uid-${who}.log`);
  const uids: Record<string, number> = {};
  await both(['-s', `upsa@127.0.0.1:${env.port}`, '-l', join(env.sb.dir, 'uid-@WHO.log'), '-i', '1', '-F', '-u', 'nut', '-p', join(env.sb.dir, 'uid-@WHO.pid'), '-f', '%VAR ups.status%'],
    (who) => lines(file(who)).length >= 2,
    async (who, p) => {
      await waitFor(() => lines(file(who)).length >= 1, 20000, 50);
      uids[who] = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p.child.pid}/status`, 'utf8'))?.[1]);
    });
  assert.deepEqual(uids, { ref: uid, ours: uid });
});

test('upslog rides out an upsd restart (NA while it is gone, values again after) like the reference', { skip: !haveReference }, async () => {
  const file = (who: string) => join(env.sb.dir, `restart-${who}.log`);
  const args = ['-s', `upsa@127.0.0.1:${env.port}`, '-l', join(env.sb.dir, 'restart-@WHO.log'), '-i', '1', '-F', '-u', 'root', '-p', join(env.sb.dir, 'restart-@WHO.pid'), '-f', '%VAR ups.status%'];
  const procs: Record<string, Proc> = {};
  for (const who of ['ref', 'ours'] as const) procs[who] = start(who === 'ref' ? REF.upslog : ourBin('upslog'), args.map((a) => a.replace('@WHO', who)), { env: env.sb.env });
  try {
    await waitFor(() => lines(file('ref')).length >= 1 && lines(file('ours')).length >= 1, 20000, 50);
    await env.stopUpsd();
    await waitFor(() => lines(file('ref')).includes('NA') && lines(file('ours')).includes('NA'), 20000, 50);
    await env.startUpsd();
    await waitFor(() => ['ref', 'ours'].every((w) => lines(file(w)).lastIndexOf('OL CHRG') > lines(file(w)).indexOf('NA')), 30000, 100);
  } finally {
    for (const p of Object.values(procs)) await p.kill();
  }
  const collapse = (xs: string[]) => xs.filter((v, i) => i === 0 || xs[i - 1] !== v);
  const ref = collapse(lines(file('ref'))), ours = collapse(lines(file('ours')));
  // WAIT may show up while upsd reconnects to the driver
  const noWait = (xs: string[]) => collapse(xs.filter((l) => l !== 'WAIT'));
  assert.deepEqual(noWait(ours), noWait(ref));
  assert.deepEqual(noWait(ours), ['OL CHRG', 'NA', 'OL CHRG']);
});
