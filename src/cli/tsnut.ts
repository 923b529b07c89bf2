// tsnut: the whole NUT stack in one process, and the service commands around
// it (docs/single-process.md, docs/tsnut.md).

import { spawn } from 'node:child_process';
import { unlinkSync, writeFileSync } from 'node:fs';
import { getopt } from '../core/getopt.js';
import { Logger } from '../core/logger.js';
import { NUT_VERSION, altPidPath, confPath, statePath } from '../core/paths.js';
import { FatalError } from '../server/upsd.js';
import { Stack } from '../stack/stack.js';
import { hostedDriverNames } from '../stack/registry.js';
import { ControlServer, controlPath, queryStatus } from '../stack/control.js';
import { renderStatus, type StatusSnapshot } from '../stack/status.js';
import { readPid } from '../monitor/effects.js';
import { sdNotify } from '../stack/sdnotify.js';

const COMMANDS = ['start', 'status', 'reload', 'stop', 'check', 'drill'];

function help(code = 0): never {
  (code ? process.stderr : process.stdout).write(`Runs the drivers of ups.conf, upsd and (if upsmon.conf exists) upsmon in
one process, from the usual NUT configuration files, and manages that service.

usage: tsnut [start] [OPTIONS]     run the stack (the default command)
       tsnut status [-j]           one screen: each UPS, driver, client, upsmon's view (-j: JSON)
       tsnut reload                re-read the configuration (SIGHUP via the PID file)
       tsnut stop                  stop it (SIGTERM via the PID file) and wait
       tsnut check [-j] [confdir]  check every configuration file (docs/tsnut-check.md)
       tsnut drill [-s scenario] [confdir]
                                   a power-failure drill in simulated time, dry-run

Options of start:
  -D		raise debugging level
  -u <user>	user for drivers that run as separate (NUT C) programs
  -B		run in the background (logs go to syslog)
  -h		display this help
  -V		display the version of this software

Drivers hosted in-process: ${hostedDriverNames().join(', ')}.
Other drivers named in ups.conf run as /lib/nut/<driver> (or ups.conf driverpath).
Paths: NUT_CONFPATH (default /etc/nut), NUT_STATEPATH (default /run/nut),
NUT_ALTPIDPATH for tsnut.pid (default: the state path).
Stays in the foreground unless -B (for systemd: Type=notify). SIGHUP reloads, SIGTERM stops.
`);
  process.exit(code);
}

const pidFile = () => `${altPidPath()}/tsnut.pid`;

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function runningPid(): number | string {
  const f = pidFile();
  const pid = readPid(f);
  if (pid === 'find') return `tsnut is not running (no PID file ${f})`;
  if (pid === 'parse') return `tsnut: bad PID file ${f}`;
  if (!alive(pid)) return `tsnut is not running (PID ${pid} from ${f} is gone)`;
  return pid;
}

async function start(argv: string[]): Promise<void> {
  const log = new Logger('tsnut');
  log.nutStyle = true;
  let driverUser: string | undefined;
  let background = false;
  const r = getopt(argv, '+Du:BhV');
  if (r.error || r.rest.length) help(1);
  for (const { opt, arg } of r.opts) {
    if (opt === 'D') log.debugLevel++;
    else if (opt === 'u') driverUser = arg;
    else if (opt === 'B') background = true;
    else if (opt === 'V') { process.stdout.write(`Network UPS Tools ${NUT_VERSION} - tsnut single-process stack\n`); process.exit(0); }
    else help();
  }
  process.stdout.write(`Network UPS Tools ${NUT_VERSION} - tsnut single-process stack\n`);
  const old = runningPid();
  if (typeof old === 'number' && old !== process.pid) {
    log.err(`tsnut is already running as PID ${old} (${pidFile()})`);
    process.exit(1);
  }
  if (background) return startBackground(argv.filter((a) => a !== '-B'));
  if (process.env.TSNUT_BACKGROUND === '1') { log.toStderr = false; log.enableSyslog(); }

  const stack = new Stack({ confPath: confPath(), statePath: statePath(), log, env: process.env, driverUser });
  try {
    await stack.start();
  } catch (e) {
    log.err(e instanceof FatalError ? e.message : (e as Error).stack ?? String(e));
    await stack.stop().catch(() => undefined);
    process.exit(1);
  }
  const control = new ControlServer(controlPath(statePath()), () => stack.snapshot());
  await control.listen().catch((e) => log.warn(`tsnut status will not answer: ${controlPath(statePath())}: ${(e as Error).message}`));
  try { writeFileSync(pidFile(), `${process.pid}\n`); } catch (e) { log.warn(`Could not write PID file '${pidFile()}': ${(e as Error).message}`); }
  const sd = sdNotify(process.env);
  sd?.send('READY=1\nSTATUS=running');
  const watchdog = sd?.watchdogMs ? setInterval(() => sd.send('WATCHDOG=1'), sd.watchdogMs / 2) : undefined;

  let stopping = false;
  const exit = (n: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`Signal ${n}: exiting`);
    sd?.send('STOPPING=1');
    if (watchdog) clearInterval(watchdog);
    void control.close()
      .then(() => stack.stop())
      .finally(() => { try { unlinkSync(pidFile()); } catch { /* gone */ } process.exit(0); });
  };
  process.on('SIGTERM', () => exit(15));
  process.on('SIGINT', () => exit(2));
  process.on('SIGHUP', () => {
    sd?.send(`RELOADING=1\nMONOTONIC_USEC=${process.hrtime.bigint() / 1000n}`);
    stack.reload();
    sd?.send('READY=1');
  });
  process.on('SIGPIPE', () => {});
}

/** -B: the same command in a detached child; return once it answers `status` (or failed). */
async function startBackground(argv: string[]): Promise<void> {
  const child = spawn(process.execPath, [process.argv[1]!, 'start', ...argv], {
    detached: true, stdio: 'ignore', env: { ...process.env, TSNUT_BACKGROUND: '1' },
  });
  let exited: number | null = null;
  child.on('exit', (c) => { exited = c ?? 1; });
  const end = Date.now() + 60000;
  while (Date.now() < end) {
    if (exited !== null) { process.stderr.write(`tsnut failed to start (exit ${exited}); see syslog\n`); process.exit(1); }
    try { await queryStatus(controlPath(statePath()), 1000); child.unref(); process.exit(0); } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write('tsnut did not answer within 60 s\n');
  process.exit(1);
}

async function status(argv: string[]): Promise<void> {
  const r = getopt(argv, 'jh');
  if (r.error || r.rest.length) help(1);
  if (r.opts.some((o) => o.opt === 'h')) help();
  const json = r.opts.some((o) => o.opt === 'j');
  const pid = runningPid();
  if (typeof pid === 'string') { process.stderr.write(pid + '\n'); process.exit(3); }
  let snap: StatusSnapshot;
  try {
    snap = await queryStatus(controlPath(statePath())) as StatusSnapshot;
  } catch (e) {
    process.stderr.write(`tsnut (PID ${pid}) does not answer on ${controlPath(statePath())}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(json ? JSON.stringify(snap, null, 2) + '\n' : renderStatus(snap));
  process.exit(0);
}

async function signal(cmd: 'reload' | 'stop', argv: string[]): Promise<void> {
  if (argv.includes('-h')) help();
  if (argv.length) help(1);
  const pid = runningPid();
  if (typeof pid === 'string') { process.stderr.write(pid + '\n'); process.exit(1); }
  try { process.kill(pid, cmd === 'reload' ? 'SIGHUP' : 'SIGTERM'); } catch (e) {
    process.stderr.write(`kill ${pid}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  if (cmd === 'reload') { process.stdout.write(`tsnut (PID ${pid}): reloading\n`); process.exit(0); }
  const end = Date.now() + 20000;
  while (Date.now() < end && alive(pid)) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) { process.stderr.write(`tsnut (PID ${pid}) still running after 20 s\n`); process.exit(1); }
  process.stdout.write(`tsnut (PID ${pid}) stopped\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // the command comes first; `tsnut -D` (no command) still means start, as before the commands existed
  const first = argv[0];
  const cmd = first === undefined || first.startsWith('-') ? 'start' : first;
  if (!COMMANDS.includes(cmd)) {
    process.stderr.write(`tsnut: unknown command '${cmd}'\n`);
    help(1);
  }
  const rest = cmd === first ? argv.slice(1) : argv;
  if (cmd === 'start') return start(rest);
  if (cmd === 'status') return status(rest);
  if (cmd === 'reload' || cmd === 'stop') return signal(cmd, rest);
  if (cmd === 'check') return (await import('./tsnut-check.js')).main(rest);
  return (await import('./tsnut-drill.js')).main(rest);
}

void main();
