#!/usr/bin/env node
// The main job on simulated UPSes: tsnut (drivers + upsd + upsmon in one
// process) on an unprivileged port goes through a power failure
// OL → OB → OB LB → FSD, upsmon decides to shut down (its SHUTDOWNCMD only
// writes a log line: never a real shutdown), the "machine" powers off, the
// power comes back, the stack starts again: OL. Then it keeps running so you
// can try the clients, until Ctrl-C (or --seconds N).
//
//   npm start                      # = npm run demo
//   npm start -- --seconds 60
//   npm start -- --separate        # the separate programs (upsdrvctl, upsd, upsmon)
//   DEMO_PORT=23493 DEMO_STEP=3 npm start

import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import net from 'node:net';

const repo = resolve(new URL('..', import.meta.url).pathname);
const bin = (p) => join(repo, 'bin', p);
if (!existsSync(join(repo, 'dist', 'src', 'cli', 'tsnut.js'))) {
  process.stdout.write('building (first run)...\n');
  const b = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const args = process.argv.slice(2);
const si = args.indexOf('--seconds');
const seconds = si >= 0 ? Number(args[si + 1]) : Infinity;
const separate = args.includes('--separate');
const step = Number(process.env.DEMO_STEP ?? 6);

const portFree = (p) => new Promise((res) => {
  const s = net.createServer();
  s.once('error', () => res(false));
  s.listen(p, '127.0.0.1', () => s.close(() => res(true)));
});
const anyPort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
let port = Number(process.env.DEMO_PORT ?? 13493);
if (!(await portFree(port))) port = await anyPort();

const dir = join(tmpdir(), `tsnut-demo-${process.pid}`);
const etc = join(dir, 'etc');
const state = join(dir, 'state');
mkdirSync(etc, { recursive: true });
mkdirSync(state, { recursive: true });
chmodSync(state, 0o770);
const asRoot = process.getuid?.() === 0;
const userArgs = asRoot ? ['-u', 'root'] : [];

const w = (f, s) => { writeFileSync(join(etc, f), s); chmodSync(join(etc, f), 0o640); };
const base = ['ups.mfr: tsnut', 'ups.model: Demo UPS 1500', 'ups.load: 35'];
// a power cut: on line, on battery, low battery (held: upsmon acts now)
const outage = [
  ...base, 'ups.status: OL', 'battery.charge: 100', 'battery.runtime: 1800', 'input.voltage: 230', `TIMER ${step}`,
  'ups.status: OB DISCHRG', 'input.voltage: 0', 'battery.charge: 60', 'battery.runtime: 600', `TIMER ${step}`,
  'ups.status: OB DISCHRG LB', 'battery.charge: 8', 'battery.runtime: 90', 'TIMER 3600', '',
].join('\n');
const restored = [...base, 'ups.status: OL CHRG', 'battery.charge: 30', 'battery.runtime: 900', 'input.voltage: 229', ''].join('\n');
w('demo.seq', outage);
w('spare.dev', [...base, 'ups.model: Spare UPS 700', 'ups.status: OL', 'battery.charge: 100', 'battery.runtime: 2400', 'input.voltage: 231', ''].join('\n'));
w('ups.conf', [
  '[demo]', '  driver = dummy-ups', `  port = ${join(etc, 'demo.seq')}`, '  mode = dummy-once', '  desc = "Simulated UPS: power cut"',
  '[spare]', '  driver = dummy-ups', `  port = ${join(etc, 'spare.dev')}`, '  mode = dummy-once', '  desc = "Simulated UPS: steady"', '',
].join('\n'));
w('upsd.conf', `LISTEN 127.0.0.1 ${port}\nLISTEN_UNIX ${join(state, 'upsd.sock')}\n`);
w('upsd.users', '[monuser]\n  password = demo-only\n  upsmon primary\n[admin]\n  password = demo-admin\n  actions = SET FSD\n  instcmds = ALL\n');
const shutdownLog = join(dir, 'shutdown.log');
w('upsmon.conf', [
  `MONITOR demo@127.0.0.1:${port} 1 monuser demo-only primary`,
  `MONITOR spare@127.0.0.1:${port} 0 monuser demo-only secondary`,
  `SHUTDOWNCMD "/bin/sh -c 'echo \\"$(date +%T) SHUTDOWNCMD would run now (demo: nothing shut down)\\" >> ${shutdownLog}'"`,
  `NOTIFYCMD "/bin/sh -c 'echo \\"[notify] $NOTIFYTYPE $UPSNAME\\"'"`,
  ...['ONBATT', 'ONLINE', 'LOWBATT', 'FSD', 'SHUTDOWN'].map((t) => `NOTIFYFLAG ${t} SYSLOG+EXEC`),
  'POLLFREQ 2', 'POLLFREQALERT 1', 'HOSTSYNC 5', 'FINALDELAY 0', 'DEADTIME 15',
  `POWERDOWNFLAG ${join(dir, 'killpower')}`, '',
].join('\n'));

const env = { ...process.env, NUT_CONFPATH: etc, NUT_STATEPATH: state, NUT_ALTPIDPATH: state };
let procs = [];
const say = (s) => process.stdout.write(`\x1b[1m== ${s}\x1b[0m\n`);
const t0 = Date.now();
const ts = () => `t=${String(Math.round((Date.now() - t0) / 1000)).padStart(3)}s`;

function startStack() {
  if (separate) {
    const drv = spawnSync(process.execPath, [bin('upsdrvctl'), ...userArgs, 'start'], { env, stdio: 'inherit' });
    if (drv.status !== 0) { say('upsdrvctl start failed'); cleanup(); process.exit(1); }
    procs.push(spawn(process.execPath, [bin('upsd'), '-F', ...userArgs], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
    setTimeout(() => procs.push(spawn(process.execPath, [bin('upsmon'), '-F', ...userArgs], { env, stdio: ['ignore', 'inherit', 'inherit'] })), 1500);
  } else {
    procs.push(spawn(process.execPath, [bin('tsnut'), 'start'], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
  }
}

async function stopStack() {
  const ps = procs;
  procs = [];
  await Promise.all(ps.map((p) => new Promise((res) => {
    if (p.exitCode !== null || p.signalCode !== null) return res();
    p.once('exit', res);
    p.kill('SIGTERM');
    setTimeout(() => { p.kill('SIGKILL'); res(); }, 5000);
  })));
  if (separate) spawnSync(process.execPath, [bin('upsdrvctl'), ...userArgs, 'stop'], { env, stdio: 'ignore' });
}

function cleanup() {
  for (const p of procs) { try { p.kill('SIGTERM'); } catch { /* gone */ } }
  if (separate) spawnSync(process.execPath, [bin('upsdrvctl'), ...userArgs, 'stop'], { env, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

say(`tsnut demo: two simulated UPSes (demo, spare), upsd on 127.0.0.1:${port}, ${separate ? 'separate programs' : 'one tsnut process'}; sandbox ${dir}`);
say('watch: OL → OB (power cut) → OB LB (battery low) → FSD (upsmon shuts down) → power back → OL');
startStack();

let phase = 'outage';
let last = '';
let shown = false;
let stopping = false;
const upsc = (...a) => spawnSync(process.execPath, [bin('upsc'), ...a], { env, encoding: 'utf8' });
const tick = setInterval(async () => {
  if (stopping) return;
  const r = upsc(`demo@127.0.0.1:${port}`);
  const pick = (k) => (r.stdout.match(new RegExp(`^${k}: (.*)$`, 'm')) ?? [])[1] ?? '?';
  const now = `ups.status=${pick('ups.status')}  battery.charge=${pick('battery.charge')}  input.voltage=${pick('input.voltage')}`;
  if (r.status === 0 && now !== last) { last = now; say(`${ts()}  demo: ${now}`); }
  if (phase === 'outage' && !shown && existsSync(shutdownLog)) {
    shown = true;
    say(`${ts()}  upsmon decided to shut down; its SHUTDOWNCMD logged: ${readFileSync(shutdownLog, 'utf8').trim()}`);
    say(`${ts()}  (a real machine powers off here; the UPS is told to cut its output and restores it when the mains return)`);
    phase = 'reboot';
    stopping = true;
    await stopStack();
    writeFileSync(join(etc, 'demo.seq'), restored);
    say(`${ts()}  power is back: the machine boots and the stack starts again`);
    startStack();
    stopping = false;
  } else if (phase === 'reboot' && /ups\.status=OL/.test(now)) {
    phase = 'done';
    say(`${ts()}  back on line power. Try, while this runs (Ctrl-C to stop):`);
    // optional parts of the stack (e.g. the web dashboard) say where they are
    if (!separate) {
      const st = spawnSync(process.execPath, [bin('tsnut'), 'status', '-j'], { env, encoding: 'utf8' });
      try { for (const c of JSON.parse(st.stdout).components ?? []) process.stdout.write(`     ${c.name}: ${c.status}\n`); } catch { /* not answering */ }
    }
    const b = (p) => `bin/${p}`;
    for (const l of [
      `${b('upsc')} demo@127.0.0.1:${port}                     # every variable`,
      `${b('upsc')} -l 127.0.0.1:${port}                          # the UPSes`,
      `${b('upsc')} -c demo@127.0.0.1:${port}                     # who is logged in`,
      `${b('upscmd')} -l demo@127.0.0.1:${port}                   # instant commands`,
      `${b('upscmd')} -u admin -p demo-admin demo@127.0.0.1:${port} load.off`,
      `${b('upsrw')} demo@127.0.0.1:${port}                       # settable variables`,
      `NUT_CONFPATH=${etc} NUT_STATEPATH=${state} ${b('tsnut')} status`,
      `${b('tsnut')} check ${etc}     # check the demo's configuration`,
      `${b('tsnut')} drill ${etc}     # a dry-run power-failure drill on it`,
    ]) process.stdout.write(`     ${l}\n`);
  }
  if ((Date.now() - t0) / 1000 >= seconds) { clearInterval(tick); cleanup(); process.exit(0); }
}, 1000);

for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { clearInterval(tick); cleanup(); process.exit(0); });
