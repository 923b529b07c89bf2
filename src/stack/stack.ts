// Single-process mode: the drivers of ups.conf, upsd and upsmon in one Node
// process, reading the usual config files and still exposing the same driver
// sockets and TCP ports, so NUT clients (and a NUT upsd or upsmon elsewhere)
// see no difference. Drivers we do not have run as the reference C programs.
// upsmon talks to the local upsd in-process and wakes up the moment a
// monitored ups.status changes, instead of at its next POLLFREQ tick.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Logger, LOG_ERR, LOG_WARNING } from '../core/logger.js';
import { DEFAULT_DRVPATH } from '../core/paths.js';
import { parseUpsConf } from '../config/upsconf.js';
import { parseUpsmonConf, totalPowerValue, type MonitorEntry, type UpsmonConf } from '../config/upsmonconf.js';
import { Upsd, FatalError, unreadable } from '../server/upsd.js';
import { errnoText } from '../server/driverlink.js';
import type { UpsEntry } from '../server/ups.js';
import { DriverRuntime } from '../driver/runtime.js';
import { Engine, type EngineIO } from '../monitor/engine.js';
import { NutLineConn } from '../monitor/netconn.js';
import { LocalLineConn } from '../monitor/localconn.js';
import { execNotify, NotifyQueue, system, wall, writePdFlag } from '../monitor/effects.js';
import { loadDriver } from './registry.js';
import { COMPONENTS, type StackComponent } from './components.js';
import type { StatusSnapshot, MonitorLine } from './status.js';

export interface StackOptions {
  confPath: string;
  statePath: string;
  log: Logger;
  env: Record<string, string | undefined>;
  /** user the external (C) drivers run as; default: theirs */
  driverUser?: string;
}

const FLAG_NAMES = ['ol', 'ob', 'lb', 'fsd', 'cal', 'off', 'bypass', 'alarm', 'over', 'trim', 'boost'] as const;

interface HostedDriver { ups: string; driver: string; rt?: DriverRuntime; done?: Promise<number>; proc?: ChildProcess; exited?: boolean }

export class Stack {
  readonly upsd: Upsd;
  readonly drivers: HostedDriver[] = [];
  engine: Engine | undefined;
  private engineDone: Promise<unknown> | undefined;
  private wake: (() => void) | undefined;
  private lastStatus = new Map<string, string>();
  private log: Logger;
  readonly components: StackComponent[] = [];
  readonly started = Date.now() / 1000;
  private shuttingDown = false;

  constructor(private readonly o: StackOptions) {
    this.log = o.log;
    this.upsd = new Upsd({ confPath: o.confPath, envStatePath: o.statePath, defaultStatePath: o.statePath, log: o.log, env: o.env });
  }

  async start(): Promise<void> {
    await this.startDrivers();
    await this.upsd.start();
    this.upsd.connectDrivers();
    this.upsd.onUpsData = (u) => this.onData(u);
    // give upsmon a full picture at its first poll: wait (bounded) for every driver's dump
    const end = Date.now() + 15000;
    while (Date.now() < end && !this.upsd.upsList().every((u) => u.connected && u.dumpDone)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const monConf = join(this.o.confPath, 'upsmon.conf');
    if (existsSync(monConf)) this.startMonitor(monConf);
    for (const f of COMPONENTS) {
      const c = await f({ confPath: this.o.confPath, statePath: this.o.statePath, log: this.log, env: this.o.env, upsd: this.upsd });
      if (!c) continue;
      await c.start();
      this.components.push(c);
    }
  }

  /** What `tsnut status` shows: the data of each UPS, its driver, the clients, upsmon's view. */
  snapshot(): StatusSnapshot {
    const get = (u: UpsEntry, k: string) => (u.connected ? u.store.get(k)?.value : undefined);
    const ups = this.upsd.upsList().map((u) => {
      const h = this.drivers.find((d) => d.ups === u.name);
      const running = h ? (h.proc ? h.proc.exitCode === null && h.proc.signalCode === null && h.proc.pid !== undefined : !h.exited) : false;
      const st = get(u, 'ups.status');
      return {
        name: u.name, driver: u.driver, mode: h?.proc ? 'external' as const : 'in-process' as const, running,
        connected: u.connected, stale: u.stale, status: st === undefined ? '' : u.fsd ? `FSD ${st}` : st,
        charge: get(u, 'battery.charge'), runtime: get(u, 'battery.runtime'), logins: u.numLogins,
      };
    });
    const clients = this.upsd.sessions().map((s) => ({ addr: s.addr, user: s.username, ups: s.loginUps?.name }));
    const listen = this.upsd.addresses().map((a) => (typeof a === 'string' ? a : a ? (a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`) : '?'));
    let upsmon: StatusSnapshot['upsmon'];
    const e = this.engine;
    if (e) {
      const now = Date.now() / 1000;
      let healthy = 0;
      const lines: MonitorLine[] = e.core.ups.map((u) => {
        // the real decision, on a copy: is_ups_critical keeps timers in the state
        const critical = e.core.isCritical({ ...u }, now, []);
        if (!critical) healthy += u.entry.powerValue;
        return {
          system: u.entry.system, primary: u.entry.primary, powerValue: u.entry.powerValue,
          flags: FLAG_NAMES.filter((f) => u[f]).map((f) => f.toUpperCase()).join(' '),
          comm: u.commstate === 1 ? 'ok' as const : u.commstate === 0 ? 'lost' as const : 'never' as const, critical,
        };
      });
      upsmon = { ups: lines, minSupplies: e.conf.minSupplies, healthy, shuttingDown: this.shuttingDown };
    }
    return {
      pid: process.pid, started: this.started, now: Date.now() / 1000, confPath: this.o.confPath, statePath: this.o.statePath,
      listen, ups, clients, upsmon, components: this.components.map((c) => ({ name: c.name, status: c.status?.() ?? 'running' })),
    };
  }

  private async startDrivers(): Promise<void> {
    const file = join(this.o.confPath, 'ups.conf');
    let text: Buffer;
    try { text = readFileSync(file); } catch (e) { throw new FatalError(`Can't open ${file}: ${errnoText(e as NodeJS.ErrnoException)}`); }
    const conf = parseUpsConf(text, file);
    for (const sec of conf.sections) {
      const driver = sec.values.get('driver');
      if (!driver || !sec.values.get('port')) continue;
      const mod = await loadDriver(driver);
      const h: HostedDriver = { ups: sec.name, driver };
      if (mod) {
        const rt = new DriverRuntime(mod);
        rt.log.debugLevel = this.log.debugLevel;
        rt.log.nutStyle = true;
        rt.log.sink = (line) => this.log.info(`${driver}-${sec.name}: ${line}`);
        h.rt = rt;
        h.done = rt.runEmbedded(sec.name, file).catch((e) => {
          this.log.err(`${driver}-${sec.name}: ${(e as Error).message}`);
          return 1;
        }).finally(() => { h.exited = true; });
      } else {
        const path = join(conf.global.values.get('driverpath') ?? DEFAULT_DRVPATH, driver);
        const args = ['-a', sec.name, '-F', ...(this.o.driverUser ? ['-u', this.o.driverUser] : [])];
        this.log.info(`Starting external driver ${path} ${args.join(' ')}`);
        const p = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NUT_STATEPATH: this.o.statePath, NUT_CONFPATH: this.o.confPath } });
        p.stderr!.on('data', (d: Buffer) => { for (const l of d.toString().split('\n')) if (l) this.log.info(`${driver}-${sec.name}: ${l}`); });
        p.on('error', (e) => this.log.err(`Can't start ${path}: ${e.message}`));
        h.proc = p;
        // stop() waits for it, so no driver outlives (or is left unreaped by) tsnut
        h.done = new Promise((res) => { p.on('exit', () => res(0)); p.on('error', () => res(1)); });
      }
      this.drivers.push(h);
    }
  }

  /** upsmon wakes early only when a monitored ups.status really changed. */
  private onData(u: UpsEntry): void {
    const st = u.connected ? u.store.get('ups.status')?.value ?? '' : '<gone>';
    const key = u.name.toLowerCase();
    if (this.lastStatus.get(key) === st) return;
    this.lastStatus.set(key, st);
    this.wake?.();
  }

  /** A MONITOR line served by this process: a local host and one of our UPS names. */
  private isLocal(e: MonitorEntry): boolean {
    const localHost = ['localhost', '127.0.0.1', '::1'].includes(e.host);
    const ourPort = this.upsd.conf.listen.length === 0 ? e.port === 3493 : this.upsd.conf.listen.some((l) => l.port === e.port);
    return localHost && ourPort && this.upsd.findUps(e.upsname) !== undefined;
  }

  private startMonitor(file: string): void {
    const conf = parseUpsmonConf(readFileSync(file), file);
    for (const d of conf.diagnostics) this.log.log(d.level === 'error' ? LOG_ERR : LOG_WARNING, d.message);
    // an upsmon.conf that cannot protect the machine stops the stack, as it stops upsmon: never run unmonitored
    if (conf.fatal) { for (const m of conf.fatal) this.log.err(m); throw new FatalError('Fatal error: unusable configuration'); }
    const total = totalPowerValue(conf);
    if (total < conf.minSupplies) throw new FatalError(`Fatal error: insufficient power configured! (power values ${total} < MINSUPPLIES ${conf.minSupplies})`);
    const notifyQ = new NotifyQueue();
    const io: EngineIO = {
      now: () => Date.now() / 1000,
      sleep: (s) => new Promise((res) => {
        const t = setTimeout(() => { this.wake = undefined; res(); }, Math.max(0, s * 1000));
        this.wake = () => { clearTimeout(t); this.wake = undefined; res(); };
      }),
      newConn: (entry, c) => (this.isLocal(entry) ? new LocalLineConn(() => this.upsd.openLocal('local')) : new NutLineConn(entry, c)),
      log: (prio, msg) => this.log.log(prio, `upsmon: ${msg}`),
      debug: (level, msg) => this.log.debug(level, `upsmon: ${msg}`),
      deliver: (n) => {
        if (n.wall) wall(n.message);
        const cmd = engine.conf.notifyCmd;
        if (n.exec && cmd) notifyQ.push(() => execNotify(cmd, n.type, n.ups, n.message, (m) => this.log.err(m)));
      },
      wall: (m) => wall(m),
      // one process: no privileged parent (as upsmon -p)
      shutdown: async () => {
        this.shuttingDown = true;
        await Promise.race([notifyQ.drained(), new Promise((r) => setTimeout(r, 2000))]);
        if (!writePdFlag(engine.conf.powerDownFlag)) this.log.err('Failed to create power down flag!');
        const rc = engine.conf.shutdownCmd ? await system(engine.conf.shutdownCmd) : 1;
        if (rc !== 0) this.log.err(`Unable to call shutdown command: ${engine.conf.shutdownCmd ?? '(null)'}`);
      },
      parentAlive: () => true,
      reloadConf: (prev: UpsmonConf) => {
        let text: Buffer;
        try { text = readFileSync(file); } catch (e) { return `Reload failed: can't open ${file}: ${errnoText(e as NodeJS.ErrnoException)}`; }
        try { return parseUpsmonConf(text, file, prev); } catch (e) { return `Reload failed: ${(e as Error).message}`; }
      },
    };
    const engine = new Engine(conf, io);
    engine.splitMode = false;
    engine.keepOnBadReload = true;
    this.engine = engine;
    this.engineDone = engine.run().then((r) => {
      if (r.reason === 'shutdown') this.log.info('upsmon: shutdown sequence finished');
    });
  }

  /**
   * SIGHUP. A file that is missing or broken must not take the stack down (the
   * machine would be left unmonitored): upsd keeps its previous configuration
   * and the error is logged; upsmon's reload keeps its own on failure.
   */
  reload(): void {
    const upsConf = join(this.o.confPath, 'ups.conf');
    const why = unreadable(upsConf);
    try {
      if (why !== undefined) this.log.err(`Reload failed: can't open ${upsConf}: ${why}`);
      else this.upsd.reload();
    } catch (e) {
      this.log.err(`Reload failed: ${(e as Error).message}`);
    }
    for (const c of this.components) {
      try { c.reload?.(); } catch (e) { this.log.err(`${c.name}: Reload failed: ${(e as Error).message}`); }
    }
    if (this.engine) { this.engine.reloadFlag = true; this.wake?.(); }
  }

  async stop(): Promise<void> {
    for (const c of this.components.splice(0).reverse()) await c.stop().catch((e) => this.log.err(`${c.name}: ${(e as Error).message}`));
    if (this.engine) { this.engine.exitFlag = true; this.wake?.(); }
    await Promise.race([this.engineDone, new Promise((r) => setTimeout(r, 3000))]);
    for (const d of this.drivers) {
      d.rt?.stop();
      d.proc?.kill('SIGTERM');
    }
    await Promise.race([Promise.all(this.drivers.map((d) => d.done)), new Promise((r) => setTimeout(r, 3000))]);
    for (const d of this.drivers) await d.rt?.finish(0);
    await this.upsd.stop();
  }
}
