// upsd command line (config-server.md §7): parse argv, talk to a running
// instance (-c), or start the server: bind, drop privileges, connect to the
// drivers, background, write the PID file, handle signals.

import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { getopt } from '../core/getopt.js';
import { Logger } from '../core/logger.js';
import { NUT_VERSION, confPath, altPidPath, DEFAULT_STATEPATH, DEFAULT_RUN_AS_USER } from '../core/paths.js';
import { Upsd, FatalError } from '../server/upsd.js';
import { dropPrivileges } from '../server/privileges.js';

const progname = 'upsd';
const DAEMON_ENV = 'TSNUT_UPSD_DAEMON_CHILD';

function help(): never {
  process.stdout.write(`Network server for UPS data.

usage: upsd [OPTIONS]

  -c <command>	send <command> via signal to background process
		commands:
		 - reload: reread configuration files
		 - stop: stop process and exit
  -P <pid>	send the signal above to specified PID (bypassing PID file)
  -D		raise debugging level (and stay foreground by default)
  -F		stay foregrounded even if no debugging is enabled
  -FF		stay foregrounded and still save the PID file
  -B		stay backgrounded even if debugging is bumped
  -h		display this help
  -r <dir>	chroots to <dir>
  -q		raise log level threshold
  -u <user>	switch to <user> (if started as root)
  -V		display the version of this software
  -4		IPv4 only
  -6		IPv6 only

tsnut additions: LISTEN_UNIX <path> [mode] in upsd.conf serves the same
protocol on a local Unix socket.
`);
  process.exit(0);
}

function fatal(log: Logger, msg: string): never {
  log.err(msg);
  log.close();
  process.exit(1);
}

function readPid(file: string): number | undefined {
  try {
    const n = parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

async function main(): Promise<void> {
  const isChild = process.env[DAEMON_ENV] === '1';
  if (!isChild) process.stdout.write(`Network UPS Tools ${progname} ${NUT_VERSION}\n`);
  const log = new Logger(progname);
  log.nutStyle = true;
  const envDebug = parseInt(process.env.NUT_DEBUG_LEVEL ?? '', 10);
  let debug = 0;
  let foreground = 0;
  let background = false;
  let user: string | undefined;
  let chroot: string | undefined;
  let cmd: 'reload' | 'stop' | undefined;
  let cmdPid: number | undefined;
  let family: 4 | 6 | undefined;
  const r = getopt(process.argv.slice(2), '+h46p:qr:i:fu:Vc:P:DFB');
  if (r.error) help();
  for (const { opt, arg } of r.opts) {
    switch (opt) {
      case 'p': case 'i':
        fatal(log, "Specifying a listening addresses with '-i <address>' and '-p <port>'\nis deprecated. Use 'LISTEN <address> [<port>]' in 'upsd.conf' instead.\nSee 'man 8 upsd.conf' for more information.");
      case 'q': log.quiet++; break;
      case 'r': chroot = arg; break;
      case 'u': user = arg; break;
      case 'V': process.exit(0);
      case 'c':
        if (arg && 'reload'.startsWith(arg)) cmd = 'reload';
        else if (arg && 'stop'.startsWith(arg)) cmd = 'stop';
        else help();
        break;
      case 'P': {
        const n = Number(arg);
        if (!Number.isInteger(n) || n <= 0) help();
        cmdPid = n;
        break;
      }
      case 'D': debug++; break;
      case 'F': foreground++; break;
      case 'B': background = true; break;
      case '4': family = 4; break;
      case '6': family = 6; break;
      case 'h': default: help();
    }
  }
  if (r.rest.length > 0) help();
  if (debug === 0 && Number.isInteger(envDebug)) debug = envDebug;
  log.debugLevel = debug;
  const pidFile = `${altPidPath()}/${progname}.pid`;

  if (cmd) {
    const pid = cmdPid ?? readPid(pidFile);
    if (pid === undefined) {
      log.err(`fopen ${pidFile}: No such file or directory`);
      process.exit(1);
    }
    try {
      process.kill(pid, cmd === 'reload' ? 'SIGHUP' : 'SIGTERM');
    } catch (e) {
      log.err(`kill: ${(e as Error).message}`);
      process.exit(1);
    }
    process.exit(0);
  }

  const stayForeground = foreground > 0 || (debug > 0 && !background);
  if (!stayForeground && !isChild) {
    await daemonize();
    return;
  }
  if (isChild) log.enableSyslog();

  // refuse to start over a running instance
  const old = readPid(pidFile);
  if (old === undefined) {
    log.err(`fopen ${pidFile}: No such file or directory`);
    log.err(`Could not find PID file '${pidFile}' to see if previous upsd instance is already running!\n`);
  } else if (old !== process.pid && alive(old)) {
    fatal(log, `Fatal error: A previous upsd instance is already running!\nEither stop the previous instance first, or use the 'reload' command.`);
  }

  log.debug(1, `debug level is '${debug}'`);
  const server = new Upsd({
    confPath: confPath(),
    envStatePath: process.env.NUT_STATEPATH || undefined,
    defaultStatePath: DEFAULT_STATEPATH,
    family,
    log,
    env: process.env,
  });
  try {
    await server.start();
    if (chroot) log.warn(`chroot ${chroot}: not supported by tsnut; use the service manager's sandboxing`);
    const runAs = user ?? (process.getuid?.() === 0 ? DEFAULT_RUN_AS_USER : undefined);
    if (runAs && process.getuid?.() === 0) dropPrivileges(runAs, log);
    server.connectDrivers();
  } catch (e) {
    if (e instanceof FatalError) fatal(log, e.message);
    throw e;
  }

  const writePid = isChild || foreground >= 2;
  if (writePid) {
    if (foreground >= 2) log.warn('Running as foreground process, but saving a PID file anyway');
    try { writeFileSync(pidFile, `${process.pid}\n`); } catch (e) { log.warn(`Could not write PID file '${pidFile}': ${(e as Error).message}`); }
  } else {
    log.warn('Running as foreground process, not saving a PID file');
  }

  let stopping = false;
  const exit = (sig: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`Signal ${sig}: exiting`);
    void server.stop().then(() => {
      if (writePid) { try { unlinkSync(pidFile); } catch { /* gone */ } }
      log.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => exit(15));
  process.on('SIGINT', () => exit(2));
  process.on('SIGQUIT', () => exit(3));
  process.on('SIGPIPE', () => {});
  process.on('SIGHUP', () => {
    try {
      server.reload();
    } catch (e) {
      if (e instanceof FatalError) fatal(log, e.message);
      throw e;
    }
  });

  if (isChild && process.send) {
    process.send('ready');
    process.disconnect?.();
    log.toStderr = false;
  }
}

/**
 * Node cannot fork(): start a detached copy of ourselves, relay its start-up
 * messages, and exit 0 once it reports readiness (1 if it dies first).
 */
async function daemonize(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, [DAEMON_ENV]: '1' },
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  const code = await new Promise<number>((resolve) => {
    child.on('message', (m) => { if (m === 'ready') resolve(0); });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  child.stderr!.destroy();
  child.unref();
  if (child.connected) child.disconnect();
  process.exit(code);
}

main().catch((e) => {
  process.stderr.write(`upsd: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
