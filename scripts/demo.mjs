#!/usr/bin/env node
// The main job, on a simulated UPS: our dummy-ups (started by our upsdrvctl)
// replays a power cut from a .seq file, our upsd serves it on an unprivileged
// port, our upsmon watches it (SHUTDOWNCMD only writes a file: never a real
// shutdown), and upsc prints what a user would see. Runs until Ctrl-C, or
// for --seconds N.
//
//   npm run demo                 # until Ctrl-C
//   npm run demo -- --seconds 30
//   npm run demo -- --single     # the same stack in one process (bin/tsnut)

import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const repo = resolve(new URL('..', import.meta.url).pathname);
const bin = (p) => join(repo, 'bin', p);
const args = process.argv.slice(2);
const si = args.indexOf('--seconds');
const seconds = si >= 0 ? Number(args[si + 1]) : Infinity;
const single = args.includes('--single');
const port = Number(process.env.DEMO_PORT ?? 13493);

const dir = join(tmpdir(), `tsnut-demo-${process.pid}`);
const etc = join(dir, 'etc');
const state = join(dir, 'state');
mkdirSync(etc, { recursive: true });
mkdirSync(state, { recursive: true });
chmodSync(state, 0o770);
const asRoot = process.getuid?.() === 0;
const userArgs = asRoot ? ['-u', 'root'] : [];

const w = (f, s) => { writeFileSync(join(etc, f), s); chmodSync(join(etc, f), 0o640); };
// a power cut: on line, on battery, low battery, power back
w('demo.seq', [
  'ups.mfr: tsnut', 'ups.model: Demo UPS 1500', 'battery.charge: 100', 'battery.runtime: 1800', 'input.voltage: 230', 'ups.load: 35',
  'ups.status: OL', 'TIMER 8',
  'ups.status: OB DISCHRG', 'input.voltage: 0', 'battery.charge: 60', 'battery.runtime: 600', 'TIMER 8',
  'ups.status: OB DISCHRG LB', 'battery.charge: 8', 'battery.runtime: 90', 'TIMER 8',
  'ups.status: OL CHRG', 'input.voltage: 229', 'battery.charge: 30', 'battery.runtime: 900', 'TIMER 8',
  '',
].join('\n'));
w('ups.conf', `[demo]\n  driver = dummy-ups\n  port = ${join(etc, 'demo.seq')}\n  mode = dummy-loop\n  desc = "Simulated UPS (tsnut demo)"\n`);
w('upsd.conf', `LISTEN 127.0.0.1 ${port}\nLISTEN_UNIX ${join(state, 'upsd.sock')}\n`);
w('upsd.users', '[monuser]\n  password = demo-only\n  upsmon primary\n');
const marker = join(dir, 'SHUTDOWN-WOULD-RUN-HERE');
w('upsmon.conf', [
  `MONITOR demo@127.0.0.1:${port} 1 monuser demo-only primary`,
  `SHUTDOWNCMD "/bin/sh -c 'date >> ${marker}'"`,
  `NOTIFYCMD "/bin/sh -c 'echo \\"[upsmon notify] $NOTIFYTYPE $UPSNAME\\" >&2'"`,
  'NOTIFYFLAG ONBATT SYSLOG+EXEC', 'NOTIFYFLAG ONLINE SYSLOG+EXEC', 'NOTIFYFLAG LOWBATT SYSLOG+EXEC', 'NOTIFYFLAG FSD SYSLOG+EXEC', 'NOTIFYFLAG SHUTDOWN SYSLOG+EXEC',
  'POLLFREQ 2', 'POLLFREQALERT 1', 'HOSTSYNC 5', 'FINALDELAY 0', 'DEADTIME 10',
  `POWERDOWNFLAG ${join(dir, 'killpower')}`,
  '',
].join('\n'));

const env = { ...process.env, NUT_CONFPATH: etc, NUT_STATEPATH: state, NUT_ALTPIDPATH: state };
const procs = [];
const say = (s) => process.stdout.write(`\x1b[1m== ${s}\x1b[0m\n`);

function cleanup() {
  for (const p of procs) { try { p.kill('SIGTERM'); } catch { /* gone */ } }
  spawnSync(process.execPath, [bin('upsdrvctl'), ...userArgs, 'stop'], { env, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

say(`sandbox ${dir}; upsd on 127.0.0.1:${port}${single ? '; single-process mode (bin/tsnut)' : ''}`);
if (single) {
  procs.push(spawn(process.execPath, [bin('tsnut')], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
  await new Promise((r) => setTimeout(r, 2500));
} else {
  const drv = spawnSync(process.execPath, [bin('upsdrvctl'), ...userArgs, 'start'], { env, stdio: 'inherit' });
  if (drv.status !== 0) { say('upsdrvctl start failed'); cleanup(); process.exit(1); }
  procs.push(spawn(process.execPath, [bin('upsd'), '-F', ...userArgs], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
  await new Promise((r) => setTimeout(r, 1500));
  procs.push(spawn(process.execPath, [bin('upsmon'), '-F', ...userArgs], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
}

const start = Date.now();
let shown = false;
const tick = setInterval(() => {
  const r = spawnSync(process.execPath, [bin('upsc'), `demo@127.0.0.1:${port}`], { env, encoding: 'utf8' });
  const pick = (k) => (r.stdout.match(new RegExp(`^${k}: (.*)$`, 'm')) ?? [])[1] ?? '?';
  say(`t=${Math.round((Date.now() - start) / 1000)}s  ups.status=${pick('ups.status')}  battery.charge=${pick('battery.charge')}  input.voltage=${pick('input.voltage')}`);
  if (!shown && existsSync(marker)) {
    shown = true;
    say(`upsmon decided to shut down: SHUTDOWNCMD ran (it only wrote ${marker}: ${readFileSync(marker, 'utf8').trim()})`);
  }
  if ((Date.now() - start) / 1000 >= seconds) { clearInterval(tick); cleanup(); process.exit(0); }
}, 2000);

for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { clearInterval(tick); cleanup(); process.exit(0); });
