// upsmon: the UPS monitor and shutdown controller (docs/upsmon.md).
// Process shape as NUT: a privileged parent that only runs SHUTDOWNCMD when
// the unprivileged child asks (one byte on a pipe), or one process with -p.
// Node cannot fork, so the child is this same program re-executed with
// TSNUT_UPSMON_ROLE=child and the pipe on fd 3; backgrounding likewise
// re-executes with TSNUT_UPSMON_ROLE=bg, detached.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { getopt } from '../core/getopt.js';
import { getpwnam } from '../core/cstd.js';
import { Logger, LOG_ERR, LOG_WARNING } from '../core/logger.js';
import { altPidPath, confPath, NUT_VERSION, DEFAULT_RUN_AS_USER } from '../core/paths.js';
import { parseUpsmonConf, totalPowerValue, type UpsmonConf } from '../config/upsmonconf.js';
import { Engine, type EngineIO } from '../monitor/engine.js';
import { NutLineConn } from '../monitor/netconn.js';
import { execNotify, NotifyQueue, pdFlagStatus, readPid, removeFile, system, wall, writePdFlag, writePid } from '../monitor/effects.js';

const ROLE = process.env.TSNUT_UPSMON_ROLE as 'bg' | 'child' | undefined;
const prog = 'upsmon';
const log = new Logger(prog);
const argv = process.argv.slice(2);

function help(): never {
  process.stdout.write(`Monitors UPS servers and may initiate shutdown if necessary.

usage: ${process.argv[1] ?? prog} [OPTIONS]

  -c <cmd>	send command to running process
		commands:
		 - fsd: shutdown all primary-mode UPSes (use with caution)
		 - reload: reread configuration
		 - stop: stop monitoring and exit
  -P <pid>	send the signal above to specified PID (bypassing PID file)
  -D		raise debugging level (and stay foreground by default)
  -F		stay foregrounded even if no debugging is enabled
  -B		stay backgrounded even if debugging is bumped
  -h		display this help
  -K		checks POWERDOWNFLAG, sets exit code to 0 if set
  -p		always run privileged (disable privileged parent)
  -u <user>	run child as user <user> (ignored when using -p)
  -4		IPv4 only
  -6		IPv6 only
`);
  process.exit(0);
}

interface Opts {
  cmd?: 'fsd' | 'stop' | 'reload'; pid?: number; debug: number; foreground?: boolean; configFile: string;
  checkFlag: boolean; mono: boolean; user: string; family?: 4 | 6;
}

function parseArgs(): Opts {
  const o: Opts = { debug: 0, configFile: `${confPath()}/upsmon.conf`, checkFlag: false, mono: false, user: DEFAULT_RUN_AS_USER };
  const r = getopt(argv, '+DFBhic:P:f:pu:VK46');
  if (r.error) { process.stderr.write(`${process.argv[1] ?? prog}: ${r.error.message}\n`); help(); }
  for (const { opt, arg = '' } of r.opts) {
    switch (opt) {
      case 'c': {
        // prefix match as NUT: "f" = fsd, "s" = stop, "r" = reload
        const c = (['fsd', 'stop', 'reload'] as const).filter((w) => w.startsWith(arg));
        if (c.length === 0) help();
        o.cmd = c[0];
        break;
      }
      case 'P': { const p = /^\d+$/.test(arg) ? parseInt(arg, 10) : -1; if (p <= 0) help(); o.pid = p; break; }
      case 'D': o.debug++; break;
      case 'F': o.foreground = true; break;
      case 'B': o.foreground = false; break;
      case 'f': o.configFile = arg; break;
      case 'K': o.checkFlag = true; break;
      case 'p': o.mono = true; break;
      case 'u': o.user = arg; break;
      case 'V': process.exit(0); break;
      case '4': o.family = 4; break;
      case '6': o.family = 6; break;
      default: help();
    }
  }
  const envDebug = process.env.NUT_DEBUG_LEVEL;
  if (o.debug === 0 && envDebug && /^\d+$/.test(envDebug)) o.debug = parseInt(envDebug, 10);
  return o;
}

const pidFile = () => `${altPidPath()}/${prog}.pid`;

/** sendsignal(): 0 ok, -1 kill failed, -2 unparsable PID file, -3 no PID file. */
function sendSignal(o: Opts, sig: NodeJS.Signals | 0): number {
  let pid = o.pid;
  if (pid === undefined) {
    const p = readPid(pidFile());
    if (p === 'find') { log.err(`fopen ${pidFile()}: No such file or directory`); return -3; }
    if (p === 'parse') { log.err(`Failed to read pid from ${pidFile()}`); return -2; }
    pid = p;
  }
  try { process.kill(pid, sig); return 0; } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    log.err(`kill: ${code === 'ESRCH' ? 'No such process' : code === 'EPERM' ? 'Operation not permitted' : (e as Error).message}`);
    return -1;
  }
}

function loadConf(file: string, prev?: UpsmonConf): UpsmonConf | string {
  let text: Buffer;
  try { text = readFileSync(file); } catch (e) {
    return `Can't open ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`;
  }
  return parseUpsmonConf(text, file, prev);
}

function reportConf(conf: UpsmonConf, initial: boolean): void {
  for (const d of conf.diagnostics) log.log(d.level === 'error' ? LOG_ERR : LOG_WARNING, d.message);
  if (conf.errorCount > 0) log.warn(`Encountered ${conf.errorCount} config errors, those entries were ignored`);
  for (const m of conf.monitors) {
    log.info(m.powerValue === 0 ? `UPS: ${m.system} (monitoring only)` : `UPS: ${m.system} (${m.primary ? 'primary' : 'secondary'}) (power value ${m.powerValue})`);
  }
  if (initial && conf.powerDownFlag) log.info(`Using power down flag file ${conf.powerDownFlag}`);
}


// ---------------------------------------------------------------------------

function main(): void {
  if (ROLE === undefined) process.stdout.write(`Network UPS Tools ${prog} ${NUT_VERSION}\n`);
  const o = parseArgs();
  const foreground = o.foreground ?? o.debug > 0;
  log.debugLevel = o.debug;

  if (ROLE === undefined) {
    if (o.cmd) {
      const sig = { fsd: 'SIGUSR1', stop: 'SIGTERM', reload: 'SIGHUP' }[o.cmd] as NodeJS.Signals;
      process.exit(sendSignal(o, sig) === 0 ? 0 : 1);
    }
    const r = sendSignal(o, 0);
    if (r === 0 && !o.checkFlag) {
      process.stdout.write("Fatal error: A previous upsmon instance is already running!\nEither stop the previous instance first, or use the 'reload' command.\n");
      process.exit(1);
    }
    if (r === -3 || r === -2) log.warn(`Could not ${r === -3 ? 'find' : 'parse'} PID file to see if previous upsmon instance is already running!`);
  }

  const conf = loadConf(o.configFile);
  if (typeof conf === 'string') { log.err(conf); process.exit(1); }
  // (2.8.0 prints these with -K too; master hides them)
  if (ROLE === undefined) reportConf(conf, true);
  if (conf.fatal) { for (const m of conf.fatal) log.err(m); log.err('Fatal error: unusable configuration'); process.exit(1); }
  if (conf.debugMin !== undefined && conf.debugMin > log.debugLevel) log.debugLevel = conf.debugMin;

  if (o.checkFlag) {
    const s = pdFlagStatus(conf.powerDownFlag);
    if (s === 'set') { log.info('Power down flag is set'); process.exit(0); }
    if (s === 'foreign') log.err(`POWERDOWNFLAG (${conf.powerDownFlag}) does not contain the upsmon magic string`);
    else log.info('Power down flag is not set');
    process.exit(1);
  }

  if (ROLE === 'child') { runChild(o, conf, false); return; }

  if (ROLE === undefined) {
    if (!conf.shutdownCmd) process.stdout.write('Warning: no shutdown command defined!\n');
    if (conf.powerDownFlag) {
      const s = pdFlagStatus(conf.powerDownFlag);
      if (s === 'set') removeFile(conf.powerDownFlag);
      else if (s === 'foreign') {
        log.err(`POWERDOWNFLAG (${conf.powerDownFlag}) does not contain the upsmon magic string - disabling!`);
        process.env.TSNUT_UPSMON_NOPDFLAG = '1';
      }
    }
    const total = totalPowerValue(conf);
    if (total < conf.minSupplies) {
      process.stdout.write(`\nFatal error: insufficient power configured!\n\nSum of power values........: ${total}\nMinimum value (MINSUPPLIES): ${conf.minSupplies}\n\nEdit your upsmon.conf and change the values.\n`);
      process.exit(1);
    }
    if (!foreground) {
      // background(): re-execute detached; the caller returns at once
      const c = spawn(process.execPath, process.argv.slice(1), { detached: true, stdio: 'ignore', env: { ...process.env, TSNUT_UPSMON_ROLE: 'bg' } });
      c.unref();
      process.exit(0);
    }
  }
  if (process.env.TSNUT_UPSMON_NOPDFLAG) conf.powerDownFlag = undefined;
  if (ROLE === 'bg') { log.toStderr = false; log.enableSyslog(); }

  if (o.mono) {
    log.info('Warning: running as one big root process by request (upsmon -p)');
    runChild(o, conf, true);
    return;
  }
  runParent(conf);
}

/** The privileged half: wait for the one-byte request, then shut down. */
function runParent(conf: UpsmonConf): void {
  const env: NodeJS.ProcessEnv = { ...process.env, TSNUT_UPSMON_ROLE: 'child' };
  const quiet = ROLE === 'bg';
  const child = spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit', 'pipe'], env });
  let shuttingDown = false;
  let forwarded = false;
  for (const s of ['SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const) process.on(s, () => { /* the child's job */ });
  // Not NUT: forward stop signals so that stopping the process we started
  // also stops the child instead of leaving it without a parent.
  for (const s of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) {
    process.on(s, () => { forwarded = true; try { child.kill(s); } catch { /* gone */ } });
  }
  const pipe = child.stdio[3] as net.Socket;
  pipe.on('data', (buf: Buffer) => {
    if (shuttingDown) return;
    const ch = buf[0]!;
    if (ch !== 1) { log.err(`upsmon parent: got bogus pipe command ${String.fromCharCode(ch)}`); process.exit(1); }
    shuttingDown = true;
    // the flag first (as root), then the command
    if (!writePdFlag(conf.powerDownFlag)) log.err('Failed to create power down flag!');
    void (async () => {
      const rc = conf.shutdownCmd ? await system(conf.shutdownCmd) : 1;
      if (rc !== 0) log.err(`parent: Unable to call shutdown command: ${conf.shutdownCmd ?? '(null)'}`);
      // SHUTDOWNEXIT: the child may linger (still logged in); stay with it
      if (conf.shutdownExit !== 0 && child.exitCode === null && child.signalCode === null) {
        await new Promise((res) => child.once('exit', res));
      }
      log.close();
      process.exit(0);
    })();
  });
  pipe.on('error', () => { /* the exit handler decides */ });
  child.on('exit', (code) => {
    // give a byte still in flight a moment to arrive before concluding
    setTimeout(() => {
      if (shuttingDown) return;
      if (forwarded) process.exit(code ?? 0);
      log.err('upsmon parent: exiting (child exited)');
      process.exit(1);
    }, 200);
  });
}

/** The unprivileged half (or the whole thing with -p). */
function runChild(o: Opts, conf: UpsmonConf, mono: boolean): void {
  if (process.env.TSNUT_UPSMON_NOPDFLAG) conf.powerDownFlag = undefined;
  let parentPipe: net.Socket | undefined;
  let parentDead = false;
  if (!mono) {
    parentPipe = new net.Socket({ fd: 3, readable: true, writable: true });
    const dead = () => { parentDead = true; };
    parentPipe.on('end', dead);
    parentPipe.on('close', dead);
    parentPipe.on('error', dead);
    parentPipe.resume();
  }
  let wake: (() => void) | undefined;
  const notifyQ = new NotifyQueue();
  const io: EngineIO = {
    now: () => Date.now() / 1000,
    sleep: (s) => new Promise((res) => {
      const t = setTimeout(() => { wake = undefined; res(); }, Math.max(0, s * 1000));
      wake = () => { clearTimeout(t); wake = undefined; res(); };
    }),
    newConn: (entry, c) => new NutLineConn(entry, c, o.family),
    log: (prio, msg) => log.log(prio, msg),
    debug: (level, msg) => log.debug(level, msg),
    deliver: (n) => {
      if (n.wall) wall(n.message);
      const cmd = engine.conf.notifyCmd;
      if (n.exec && cmd) notifyQ.push(() => execNotify(cmd, n.type, n.ups, n.message, (m) => log.err(m)));
    },
    wall: (m) => wall(m),
    shutdown: async () => {
      await Promise.race([notifyQ.drained(), new Promise((r) => setTimeout(r, 2000))]);
      if (!mono) {
        if (parentDead) { log.err('Unable to call parent pipe for shutdown'); return; }
        await new Promise<void>((res) => parentPipe!.write(Buffer.from([1]), (e) => {
          if (e) log.err('Unable to call parent pipe for shutdown');
          res();
        }));
        return;
      }
      if (process.getuid && process.getuid() !== 0) log.warn('Not root, shutdown may fail');
      if (!writePdFlag(engine.conf.powerDownFlag)) log.err('Failed to create power down flag!');
      const rc = engine.conf.shutdownCmd ? await system(engine.conf.shutdownCmd) : 1;
      if (rc !== 0) log.err(`Unable to call shutdown command: ${engine.conf.shutdownCmd ?? '(null)'}`);
    },
    parentAlive: () => !parentDead,
    reloadConf: (prev) => {
      const c = loadConf(o.configFile, prev);
      if (typeof c === 'string') return `Reload failed: ${c.replace(/^Can't open /, "can't open ")}`;
      return c;
    },
  };
  const engine = new Engine(conf, io);
  engine.splitMode = !mono;
  let exitSig = 0;
  const onSig = (sig: NodeJS.Signals, num: number) => process.on(sig, () => {
    if (sig === 'SIGUSR1') { log.info(`Signal ${num}: User requested FSD`); engine.userFsd = true; }
    else if (sig === 'SIGHUP') { log.info(`Signal ${num}: User requested RELOAD`); engine.reloadFlag = true; }
    else { exitSig = num; engine.exitFlag = true; }
    wake?.();
  });
  onSig('SIGTERM', 15); onSig('SIGINT', 2); onSig('SIGQUIT', 3); onSig('SIGUSR1', 10); onSig('SIGHUP', 1);
  process.on('SIGPIPE', () => { log.debug(1, 'SIGPIPE: dazed and confused, but continuing after signal 13...'); });
  // PID file only once the handlers exist: a `-c fsd` right after start must
  // not hit Node's default SIGUSR1 action (the inspector)
  try { writePid(pidFile()); } catch (e) { log.err(`writepid: fopen ${pidFile()}: ${(e as Error).message}`); }
  if (!mono && process.getuid && process.getuid() === 0) {
    // RUN_AS_USER from the file wins over -u, as in NUT
    const user = conf.runAsUser ?? o.user;
    const ids = getpwnam(user);
    if (!ids) { log.err(`user ${user} not found`); process.exit(1); }
    try {
      if (ids.uid !== 0) {
        (process as unknown as { initgroups?: (u: string, g: number) => void }).initgroups?.(user, ids.gid);
        process.setgid!(ids.gid);
        process.setuid!(ids.uid);
      }
    } catch (e) { log.err(`setuid: ${(e as Error).message}`); process.exit(1); }
  }

  engine.run().then(async (r) => {
    if (r.reason === 'signal') log.info(`Signal ${exitSig}: exiting`);
    await Promise.race([notifyQ.drained(), new Promise((res) => setTimeout(res, 2000))]);
    if (r.reason !== 'shutdown') removeFile(pidFile());
    log.close();
    parentPipe?.end();
    setTimeout(() => process.exit(r.code), 20);
  }, (e) => {
    log.err(`upsmon: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  });
}

main();
