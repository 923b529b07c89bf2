// upsweb: the web server (docs/upsweb.md). Daemon options as upsd's.

import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { getopt } from '../core/getopt.js';
import { Logger } from '../core/logger.js';
import { NUT_VERSION, confPath, statePath, altPidPath, DEFAULT_RUN_AS_USER } from '../core/paths.js';
import { dropPrivileges } from '../server/privileges.js';
import { loadWeb, WebConfigError } from '../web/index.js';
import type { WebServer } from '../web/server.js';

const progname = 'upsweb';
const DAEMON_ENV = 'TSNUT_UPSWEB_DAEMON_CHILD';

function help(): never {
  process.stdout.write(`Web server for UPS data: dashboard, JSON API, live stream, Prometheus
metrics and NUT's upsstats/upsimage/upsset pages, as a client of upsd.

usage: upsweb [OPTIONS]

  -c <command>	send <command> via signal to background process
		commands:
		 - reload: reread configuration files
		 - stop: stop process and exit
  -D		raise debugging level (and stay foreground by default)
  -F		stay foregrounded even if no debugging is enabled
  -B		stay backgrounded even if debugging is bumped
  -u <user>	switch to <user> (if started as root)
  -h		display this help
  -V		display the version of this software

Reads hosts.conf (MONITOR lines) and upsweb.conf (LISTEN, CERTFILE, POLLFREQ,
HISTORY_DAYS, HISTORY_INTERVAL, DATABASE, MAXSTREAMS) from NUT_CONFPATH.
Default: http://127.0.0.1:8493/
`);
  process.exit(0);
}

function readPid(file: string): number | undefined {
  try { const n = parseInt(readFileSync(file, 'utf8').trim(), 10); return n > 0 ? n : undefined; } catch { return undefined; }
}

async function main(): Promise<void> {
  const isChild = process.env[DAEMON_ENV] === '1';
  if (!isChild) process.stdout.write(`Network UPS Tools ${progname} ${NUT_VERSION}\n`);
  const log = new Logger(progname);
  log.nutStyle = true;
  let debug = 0;
  let foreground = 0;
  let background = false;
  let user: string | undefined;
  let cmd: 'reload' | 'stop' | undefined;
  const r = getopt(process.argv.slice(2), '+hDFBu:Vc:');
  if (r.error || r.rest.length > 0) help();
  for (const { opt, arg } of r.opts) {
    if (opt === 'D') debug++;
    else if (opt === 'F') foreground++;
    else if (opt === 'B') background = true;
    else if (opt === 'u') user = arg;
    else if (opt === 'V') process.exit(0);
    else if (opt === 'c') {
      if (arg && 'reload'.startsWith(arg)) cmd = 'reload';
      else if (arg && 'stop'.startsWith(arg)) cmd = 'stop';
      else help();
    } else help();
  }
  log.debugLevel = debug;
  const pidFile = `${altPidPath()}/${progname}.pid`;
  if (cmd) {
    const pid = readPid(pidFile);
    if (pid === undefined) { log.err(`fopen ${pidFile}: No such file or directory`); process.exit(1); }
    try { process.kill(pid, cmd === 'reload' ? 'SIGHUP' : 'SIGTERM'); } catch (e) { log.err(`kill: ${(e as Error).message}`); process.exit(1); }
    process.exit(0);
  }
  if (!(foreground > 0 || (debug > 0 && !background)) && !isChild) return daemonize();
  if (isChild) log.enableSyslog();

  const say = (level: 'err' | 'warn' | 'info', m: string) => (level === 'err' ? log.err(m) : level === 'warn' ? log.warn(m) : log.info(m));
  let web: WebServer;
  const startWeb = async (): Promise<WebServer> => {
    const w = loadWeb(confPath(), statePath(), say);
    const ports = await w.start();
    w.o.conf.listen.forEach((l, i) => log.info(`listening on ${l.host} port ${ports[i]}`));
    return w;
  };
  // drop root first, so the database and its journal belong to the user that writes them
  // (the default port is not privileged; give CAP_NET_BIND_SERVICE for ports below 1024)
  const runAs = user ?? (process.getuid?.() === 0 ? DEFAULT_RUN_AS_USER : undefined);
  try {
    if (runAs && process.getuid?.() === 0 && runAs !== 'root') dropPrivileges(runAs, log);
    web = await startWeb();
  } catch (e) {
    log.err(e instanceof WebConfigError ? e.message : `Can't start: ${(e as Error).message}`);
    process.exit(1);
  }
  const writePid = isChild;
  if (writePid) { try { writeFileSync(pidFile, `${process.pid}\n`); } catch (e) { log.warn(`Could not write PID file '${pidFile}': ${(e as Error).message}`); } }

  let stopping = false;
  const exit = (sig: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`Signal ${sig}: exiting`);
    void web.stop().then(() => {
      if (writePid) { try { unlinkSync(pidFile); } catch { /* gone */ } }
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => exit(15));
  process.on('SIGINT', () => exit(2));
  process.on('SIGPIPE', () => {});
  process.on('SIGHUP', () => {
    log.info('Reloading configuration');
    void web.stop().then(startWeb).then((w) => { web = w; }, (e) => { log.err(`reload failed: ${(e as Error).message}`); process.exit(1); });
  });
  if (isChild && process.send) { process.send('ready'); process.disconnect?.(); log.toStderr = false; }
}

async function daemonize(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, [DAEMON_ENV]: '1' },
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

main().catch((e) => { process.stderr.write(`upsweb: ${(e as Error).stack ?? e}\n`); process.exit(1); });
