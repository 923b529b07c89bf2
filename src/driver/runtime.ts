// The driver core (drivers/main.c): command line, ups.conf, privileges, PID
// file, backgrounding, the init → first update → socket → poll loop life
// cycle, `-d N` dumps and `-k`. One instance per process. drivers.md §1–§5.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '../core/logger.js';
import { NUT_VERSION, altPidPath, confPath, statePath } from '../core/paths.js';
import { FLAG_IMMUTABLE } from '../state/store.js';
import { DState } from './dstate.js';
import { getopt } from '../core/getopt.js';
import { DriverExit, DriverOptions, atoi, errnoText } from './options.js';
import { SockServer } from './sockserver.js';
import { lookupUser, becomeUser } from './privs.js';
import { getpwuid } from '../core/cstd.js';
import { driverSocketRequest } from './sockclient.js';
import type { DriverContext, DriverModule } from './types.js';

export { DriverExit } from './options.js';

const GETOPT_SPEC = '+a:s:kFBDd:hx:Lqr:u:g:Vi:c:';
const BG_CHILD_ENV = 'TSNUT_DRIVER_BG_CHILD';
const SIGNUM: Record<string, number> = { SIGTERM: 15, SIGINT: 2, SIGQUIT: 3 };

function helpText(mod: DriverModule, progname: string): string {
  let s = `\nusage: ${progname} (-a <id>|-s <id>) [OPTIONS]\n` +
    '  -a <id>        - autoconfig using ups.conf section <id>\n' +
    '                 - note: -x after -a overrides ups.conf settings\n\n' +
    '  -s <id>        - configure directly from cmd line arguments\n' +
    '                 - note: must specify all driver parameters with successive -x\n' +
    "                 - note: at least 'port' variable should be set\n" +
    '                 - note: to explore the current values on a device from an\n' +
    '                   unprivileged user account (with sufficient media access in\n' +
    "                   the OS - e.g. to query networked devices), you can specify\n" +
    "                   '-d 1' argument and `export NUT_STATEPATH=/tmp` beforehand\n\n" +
    '  -V             - print version, then exit\n' +
    '  -L             - print parseable list of driver variables\n' +
    '  -D             - raise debugging level (and stay foreground by default)\n' +
    "  -d <count>     - dump data to stdout after 'count' updates loop and exit\n" +
    '  -F             - stay foregrounded even if no debugging is enabled\n' +
    '  -B             - stay backgrounded even if debugging is bumped\n' +
    '  -q             - raise log level threshold\n' +
    '  -h             - display this help\n' +
    '  -k             - force shutdown\n' +
    '  -i <int>       - poll interval\n' +
    '  -r <dir>       - chroot to <dir>\n' +
    '  -u <user>      - switch to <user> (if started as root)\n' +
    '  -g <group>     - set pipe access to <group> (if started as root)\n' +
    '  -x <var>=<val> - set driver variable <var> to <val>\n' +
    '                 - example: -x cable=940-0095B\n\n';
  if (mod.vartable.length) {
    s += 'Acceptable values for -x or ups.conf in this driver:\n\n';
    for (const v of mod.vartable) {
      s += v.kind === 'VALUE' ? `${v.desc.padStart(40)} : -x ${v.name}=<value>\n` : `${v.desc.padStart(40)} : -x ${v.name}\n`;
    }
  }
  if (mod.help) s += mod.help;
  return s;
}

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const r = this.tail.then(fn);
    this.tail = r.catch(() => undefined);
    return r;
  }
}

/** Run a driver program. Never returns: the process exits. */
export async function runDriver(mod: DriverModule, argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const rt = new DriverRuntime(mod);
  let code: number;
  try {
    code = await rt.main(argv);
  } catch (e) {
    if (e instanceof DriverExit) code = e.code;
    else {
      rt.log.err(`Fatal error: ${(e as Error)?.stack ?? String(e)}`);
      code = 1;
    }
  }
  await rt.finish(code);
  process.exit(code);
}

export class DriverRuntime {
  readonly log: Logger;
  readonly progname: string;
  readonly dstate: DState;
  readonly opts: DriverOptions;
  private sock: SockServer | undefined;
  private readonly mutex = new Mutex();
  private upsname = '';
  private exitSignal = 0;
  private exitCode: number | undefined;
  private wake: (() => void) | undefined;
  private exitNow: () => void = () => undefined;
  private readonly exitRequested = new Promise<void>((r) => { this.exitNow = r; });
  private pidFile: string | undefined;
  private initupsDone = false;
  private dumpCount = 0;
  private forceShutdown = false;
  private readyFd: number | undefined;
  private ctx!: DriverContext;
  private finishing = false;
  /** hosted by another process (runEmbedded): its logger goes to the host's sink */
  private embedded = false;

  constructor(private readonly mod: DriverModule) {
    this.progname = mod.name;
    this.log = new Logger(this.progname);
    this.log.nutStyle = true;
    this.dstate = new DState((line) => this.sock?.broadcast(line), this.log);
    this.opts = new DriverOptions(this.progname, mod.vartable, this.dstate, this.log, (s) => this.out(s));
  }

  private out(s: string): void {
    try { process.stdout.write(s); } catch { /* stdout gone after backgrounding */ }
  }

  fatal(msg: string): never {
    this.log.err(msg);
    throw new DriverExit(1, msg);
  }

  async main(argv: readonly string[]): Promise<number> {
    const mod = this.mod;
    const isChild = process.env[BG_CHILD_ENV] === '1';
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => { this.log.toStderr = false; });
    if (!isChild) {
      this.out(`Network UPS Tools - ${mod.description} ${mod.version} (${NUT_VERSION})\n`);
      for (const line of mod.subBanners ?? []) this.out(`${line}\n`);
      if (mod.experimental) this.out('Warning: This is an experimental driver.\nSome features may not function correctly.\n\n');
    }
    const envDebug = parseInt(process.env.NUT_DEBUG_LEVEL ?? '', 10);
    let debug = 0;
    let quiet = 0;
    let bgFlag = -1;
    let ctlCommand: string | undefined;
    const o = this.opts;
    const g = getopt(argv, GETOPT_SPEC);
    for (const { opt, arg } of g.opts) {
      switch (opt) {
        case 'a':
          this.upsname = arg!;
          o.readUpsConf(join(confPath(), 'ups.conf'), arg!);
          if (!o.upsnameFound) this.fatal(`Error: Section ${arg} not found in ups.conf`);
          break;
        case 's': this.upsname = arg!; o.upsnameFound = true; break;
        case 'F': bgFlag = 0; break;
        case 'B': bgFlag = 1; break;
        case 'D': debug++; this.log.debugLevel = debug; break;
        case 'd': this.dumpCount = atoi(arg!); break;
        case 'i': {
          const n = atoi(arg!);
          if (n > 0) o.pollInterval = n;
          else this.fatal(`Error: command-line: invalid pollinterval: ${n}`);
          break;
        }
        case 'k': this.forceShutdown = true; break;
        case 'L':
          for (const v of mod.vartable) this.out(`${v.kind} ${v.name} "${v.desc}"\n`);
          return 0;
        case 'q': quiet++; this.log.quiet = quiet; break;
        case 'r': o.chroot = arg; break;
        case 'u': o.user = arg; o.userFromCmdline = true; break;
        case 'g': o.group = arg; o.groupFromCmdline = true; break;
        case 'V': return 0;
        case 'x': o.splitXArg(arg!); break;
        case 'h': this.out(helpText(mod, this.progname)); return 0;
        case 'c': ctlCommand = arg; break;
      }
    }
    if (g.error) {
      process.stderr.write(`${process.argv[1] ?? this.progname}: ${g.error.message}\n`);
      this.fatal('Error: unknown option -?. Try -h for help.');
    }
    if (debug === 0 && envDebug > 0) { debug = envDebug; this.log.debugLevel = debug; }
    if (debug > 0 || this.dumpCount) {
      if (bgFlag < 0) bgFlag = 0;
      else this.log.debug(0, `Debug level is ${debug}, dump data count is ${this.dumpCount ? 'on' : 'off'}, but backgrounding mode requested as ${bgFlag ? 'on' : 'off'}`);
    }
    if (g.rest.length > 0) this.fatal('Error: too many non-option arguments. Try -h for help.');
    if (!o.upsnameFound) this.fatal("Error: specifying '-a id' or '-s id' is now mandatory. Try -h for help.");
    if (ctlCommand !== undefined) return this.signalRunning(ctlCommand);
    if (o.port === undefined) this.fatal("Error: you must specify a port name in ups.conf or in '-x port=...' argument.\nTry -h for help.");
    {
      let confLevel = -1;
      if (o.debugMinGlobal >= 0) confLevel = o.debugMinGlobal;
      if (o.debugMinDriver >= 0) confLevel = o.debugMinDriver;
      if (confLevel > debug) { debug = confLevel; this.log.debugLevel = debug; }
    }
    this.log.debug(1, `debug level is '${debug}'`);

    const background = bgFlag !== 0 && !this.forceShutdown && !this.dumpCount;
    if (background && !isChild) return this.spawnBackground();
    if (isChild) this.readyFd = 3;

    // privileges (as root: the configured user, default "nut")
    const pw = lookupUser(o.user ?? 'nut');
    if (!pw) this.fatal(`user ${o.user ?? 'nut'} not found`);
    if (o.chroot) this.fatal(`chroot(${o.chroot}): not supported by tsnut drivers`);
    becomeUser(pw, (m) => this.fatal(m));

    if (!this.forceShutdown && !this.dumpCount) {
      try { process.chdir(statePath()); } catch (e) { this.fatal(`Can't chdir to ${statePath()}: ${errnoText(e)}`); }
    }
    if (background) {
      this.installSignals();
      const pf = join(altPidPath(), `${this.progname}-${this.upsname}.pid`);
      await this.evictOldInstance(pf);
      this.pidFile = pf;
      this.writePid();
    } else if (!this.forceShutdown) {
      // tsnut: clean exit on SIGTERM in the foreground too (socket + PID removed)
      this.installSignals();
    }
    return this.serve(debug);
  }

  /**
   * Run this driver inside a host process (single-process mode): the
   * section `upsname` of `upsConfFile`, its socket in the state path as
   * usual, but no command line, privileges, chdir, signals or PID file —
   * those belong to the host. Resolves when the driver stops (stop()).
   */
  async runEmbedded(upsname: string, upsConfFile: string): Promise<number> {
    this.embedded = true;
    this.upsname = upsname;
    this.opts.readUpsConf(upsConfFile, upsname);
    if (!this.opts.upsnameFound) this.fatal(`Error: Section ${upsname} not found in ups.conf`);
    if (this.opts.port === undefined) this.fatal("Error: you must specify a port name in ups.conf or in '-x port=...' argument.");
    return this.serve(this.log.debugLevel);
  }

  /** Stop a driver started with runEmbedded(). */
  stop(): void {
    this.terminate(0);
  }

  /** initups … the poll loop: everything after the process set-up. */
  private async serve(debug: number): Promise<number> {
    const mod = this.mod;
    const o = this.opts;
    this.ctx = this.makeContext();
    this.dstate.setInfo('device.type', 'ups');
    await this.mutex.run(async () => { await mod.initups?.(this.ctx); });
    this.initupsDone = true;

    if (this.forceShutdown) {
      this.log.notice('Initiating UPS shutdown');
      if (!mod.shutdown) this.fatal('shutdown not supported');
      await this.mutex.run(async () => { await mod.shutdown!(this.ctx); });
      return 0;
    }

    this.dstate.setInfo('driver.version', NUT_VERSION);
    this.dstate.setInfo('driver.version.internal', mod.version);
    this.dstate.setInfo('driver.name', this.progname);
    if (debug === 0 && !this.dumpCount && !this.embedded) this.log.enableSyslog();

    await this.mutex.run(async () => { await mod.initinfo(this.ctx); });
    await this.mutex.run(async () => { await mod.updateinfo(this.ctx); });

    if (this.dstate.getInfo('driver.flag.ignorelb') !== undefined) {
      let methods = 0;
      if (this.dstate.getInfo('battery.charge') !== undefined && this.dstate.getInfo('battery.charge.low') !== undefined) {
        this.log.info("using 'battery.charge' to set battery low state"); methods++;
      }
      if (this.dstate.getInfo('battery.runtime') !== undefined && this.dstate.getInfo('battery.runtime.low') !== undefined) {
        this.log.info("using 'battery.runtime' to set battery low state"); methods++;
      }
      if (!methods) {
        this.fatal("The 'ignorelb' flag is set, but there is no way to determine the\nbattery state of charge.\n\n" +
          "Only set this flag if both 'battery.charge' and 'battery.charge.low'\nand/or 'battery.runtime' and 'battery.runtime.low' are available.\n");
      }
    }

    if (!this.dumpCount) await this.openSocket();

    this.dstate.setInfo('driver.parameter.pollinterval', String(o.pollInterval));
    this.dstate.setInfo('driver.parameter.synchronous', o.synchronous === 1 ? 'yes' : o.synchronous === 0 ? 'no' : 'auto');
    for (const k of ['mfr', 'model', 'serial']) {
      const v = this.dstate.getInfo(`ups.${k}`);
      if (v !== undefined) this.dstate.setInfo(`device.${k}`, v);
    }

    if (this.readyFd !== undefined) this.signalReady();

    let updates = 0;
    while (!this.exitSignal && this.exitCode === undefined) {
      const deadline = Date.now() + o.pollInterval * 1000;
      // a signal does not wait for a slow update (NUT's sleep() gets EINTR)
      await Promise.race([this.mutex.run(async () => { await mod.updateinfo(this.ctx); }), this.exitRequested]);
      if (this.exitSignal || this.exitCode !== undefined) break;
      if (this.dumpCount) {
        if (updates === this.dumpCount) {
          this.out(this.dstate.dump());
          return 0;
        }
        updates++;
        continue;
      }
      await this.waitUntil(deadline);
    }
    if (this.exitCode !== undefined) return this.exitCode;
    return 0;
  }

  /** Cleanup at exit (upsdrv_cleanup, socket, PID file) and the exit log line. */
  async finish(code: number): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    if (this.initupsDone && this.mod.cleanup) {
      try { await this.mod.cleanup(this.ctx); } catch (e) { this.log.err(`cleanup failed: ${(e as Error).message}`); }
    }
    this.sock?.close();
    if (this.pidFile) { try { unlinkSync(this.pidFile); } catch { /* gone */ } }
    if (this.exitSignal && !this.dumpCount) this.log.info(`Signal ${this.exitSignal}: exiting`);
    if (this.readyFd !== undefined && code !== 0) this.signalReady(false);
    this.log.close();
    void code;
  }

  private installSignals(): void {
    for (const [name, num] of Object.entries(SIGNUM)) {
      process.on(name as NodeJS.Signals, () => { this.exitSignal = num; this.wake?.(); this.exitNow(); });
    }
    process.on('SIGHUP', () => undefined); // 2.8.0 ignores SIGHUP
  }

  private waitUntil(deadline: number): Promise<void> {
    return new Promise((res) => {
      const t = setTimeout(done, Math.max(0, deadline - Date.now()));
      function done() { clearTimeout(t); res(); }
      this.wake = () => { this.wake = undefined; done(); };
    });
  }

  /** Request an early exit from inside a hook or socket request. */
  terminate(code: number): void {
    if (this.exitCode === undefined) this.exitCode = code;
    this.wake?.();
    this.exitNow();
  }

  private async openSocket(): Promise<void> {
    const path = join(statePath(), `${this.progname}-${this.upsname}`);
    const sock = new SockServer(this.dstate, this.log, {
      exclusive: (fn) => this.mutex.run(async () => {
        try { return await fn(); } catch (e) {
          if (e instanceof DriverExit) { this.terminate(e.code); return undefined as never; }
          throw e;
        }
      }),
      instcmd: (cmd, param) => this.instcmd(cmd, param),
      setvar: (name, value) => this.setvar(name, value),
    });
    if (Buffer.byteLength(path) > 107) this.fatal(`Can't create a unix domain socket: pathname ${path} is too long`);
    try {
      await sock.open(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      let s = `\nFatal error: unable to create listener socket\n\nbind ${path} failed: ${errnoText(e)}\n`;
      if (code === 'EACCES') {
        s += `\nCurrent user: ${lookupUserById(process.getuid?.() ?? 0)} (UID ${process.getuid?.() ?? 0})\n\nThings to try:\n\n - set different owners or permissions on ${statePath()}\n\n - run this as some other user (try -u <username>)\n`;
      } else if (code === 'ENOENT') {
        s += `\nThings to try:\n\n - mkdir ${statePath()}\n`;
      } else if (code === 'ENOTDIR') {
        s += `\nThings to try:\n\n - rm ${statePath()}\n\n - mkdir ${statePath()}\n`;
      }
      this.out(s + '\n');
      this.fatal('Exiting.');
    }
    this.sock = sock;
  }

  private async instcmd(cmd: string, param: string | undefined): Promise<number | undefined> {
    // core command (NUT ≥2.8.1; not advertised, so DUMPALL stays as 2.8.0's)
    if (cmd.toLowerCase() === 'driver.exit') {
      this.log.info('Got INSTCMD driver.exit, exiting');
      this.terminate(0);
      return 0;
    }
    if (!this.mod.instcmd) { this.log.notice('Got INSTCMD, but driver lacks a handler'); return undefined; }
    return this.mod.instcmd(this.ctx, cmd, param);
  }

  private async setvar(name: string, value: string): Promise<number | undefined> {
    if (!this.mod.setvar) { this.log.notice('Got SET, but driver lacks a handler'); return undefined; }
    return this.mod.setvar(this.ctx, name, value);
  }

  private writePid(): void {
    if (!this.pidFile) return;
    const old = process.umask(0o022);
    try {
      writeFileSync(this.pidFile, `${process.pid}\n`);
      this.log.debug(1, `Saving PID ${process.pid} into ${this.pidFile}`);
    } catch (e) {
      this.log.notice(`writepid: fopen ${this.pidFile}: ${errnoText(e)}`);
    } finally {
      process.umask(old);
    }
  }

  /** 2.8.0: an existing PID file means another instance: SIGTERM it (up to 3 times). */
  private async evictOldInstance(pf: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if (!existsSync(pf)) return;
      let pid: number;
      try { pid = parseInt(readFileSync(pf, 'utf8'), 10); } catch { return; }
      if (!(pid > 0) || pid === process.pid) return;
      try { process.kill(pid, 'SIGTERM'); } catch { return; }
      this.log.warn(`Duplicate driver instance detected (PID file ${pf} exists)! Terminating other driver!`);
      // NUT sleeps 5 s; we stop waiting as soon as the old process is gone
      const end = Date.now() + 5000;
      while (Date.now() < end) {
        try { process.kill(pid, 0); } catch { break; }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** -c exit|reload (NUT ≥2.8.1 extension): talk to the running instance. */
  private async signalRunning(cmd: string): Promise<number> {
    const sockPath = join(statePath(), `${this.progname}-${this.upsname}`);
    const pf = join(altPidPath(), `${this.progname}-${this.upsname}.pid`);
    if ('exit'.startsWith(cmd) && cmd.length > 0) {
      const r = await driverSocketRequest(sockPath, 'INSTCMD driver.exit');
      if (r === undefined) this.fatal(`Could not signal the other driver instance (${sockPath})`);
      return r === 0 ? 0 : 1;
    }
    if ('reload'.startsWith(cmd) && cmd.length > 0) {
      try {
        const pid = parseInt(readFileSync(pf, 'utf8'), 10);
        process.kill(pid, 'SIGHUP');
        return 0;
      } catch (e) {
        this.fatal(`Failed to signal the currently running daemon (if any): ${errnoText(e)}`);
      }
    }
    this.fatal(`Error: unknown argument to option -c: ${cmd}. Try -h for help.`);
  }

  /**
   * Background like NUT's fork: the parent relays the child's output until the
   * child says it is ready (socket up), then exits 0; 1 if the child died.
   */
  private spawnBackground(): Promise<number> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
        env: { ...process.env, [BG_CHILD_ENV]: '1' },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        detached: true,
      });
      let done = false;
      const finish = (code: number) => {
        if (done) return;
        done = true;
        child.stdout?.unpipe(process.stdout);
        child.stderr?.unpipe(process.stderr);
        child.stdout?.destroy();
        child.stderr?.destroy();
        (child.stdio[3] as NodeJS.ReadableStream & { destroy(): void })?.destroy();
        child.unref();
        resolve(code);
      };
      child.stdout?.pipe(process.stdout, { end: false });
      child.stderr?.pipe(process.stderr, { end: false });
      const ready = child.stdio[3] as NodeJS.ReadableStream;
      ready.on('data', (d: Buffer) => { if (d.includes(0x52 /* R */)) finish(0); else finish(1); });
      ready.on('error', () => undefined);
      child.on('exit', (code) => {
        // let the relayed output drain before exiting with the child's status
        setTimeout(() => finish(code === 0 ? 0 : (code ?? 1)), 20);
      });
    });
  }

  /** Child side: report readiness on fd 3 and stop writing to stdio. */
  private signalReady(ok = true): void {
    if (this.readyFd === undefined) return;
    try {
      const s = createWriteStream('', { fd: this.readyFd });
      s.on('error', () => undefined);
      s.end(ok ? 'R' : 'F');
    } catch { /* parent gone */ }
    this.readyFd = undefined;
    if (ok) this.log.toStderr = false;
  }

  private makeContext(): DriverContext {
    const rt = this;
    const d = this.dstate;
    const o = this.opts;
    return {
      get upsname() { return rt.upsname; },
      progname: this.progname,
      get port() { return o.port ?? ''; },
      log: this.log,
      get debugLevel() { return rt.log.debugLevel; },
      dumpMode: this.dumpCount > 0,
      forceShutdown: this.forceShutdown,
      get pollInterval() { return o.pollInterval; },
      set pollInterval(n: number) { if (n > 0) o.pollInterval = n; },
      store: d.store,
      getval: (n) => o.getval(n),
      testvar: (n) => o.testvar(n),
      setInfo: (n, v) => { d.setInfo(n, v); },
      getInfo: (n) => d.getInfo(n),
      getRaw: (n) => d.getRaw(n),
      getRanges: (n) => d.store.get(n)?.ranges ?? [],
      getEnums: (n) => d.store.get(n)?.enums ?? [],
      getAux: (n) => d.store.get(n)?.aux ?? -1,
      delInfo: (n) => { d.delInfo(n); },
      setFlags: (n, f) => d.setFlags(n, f),
      addFlags: (n, f) => d.addFlags(n, f),
      delFlags: (n, f) => d.delFlags(n, f & ~FLAG_IMMUTABLE),
      setAux: (n, a) => d.setAux(n, a),
      addEnum: (n, v) => d.addEnum(n, v),
      delEnum: (n, v) => d.delEnum(n, v),
      addRange: (n, a, b) => d.addRange(n, a, b),
      delRange: (n, a, b) => d.delRange(n, a, b),
      addCmd: (c) => d.addCmd(c),
      delCmd: (c) => d.delCmd(c),
      dataOk: () => d.dataOk(),
      dataStale: () => d.dataStale(),
      isStale: () => d.stale,
      statusInit: () => d.statusInit(),
      statusSet: (t) => d.statusSet(t),
      statusGet: (t) => d.statusGet(t),
      statusCommit: () => d.statusCommit(),
      alarmInit: () => d.alarmInit(),
      alarmSet: (t) => d.alarmSet(t),
      alarmCommit: () => d.alarmCommit(),
      fatal: (m) => rt.fatal(m),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      wakeup: () => rt.wake?.(),
    };
  }
}

function lookupUserById(uid: number): string {
  return getpwuid(uid)?.name ?? String(uid);
}
