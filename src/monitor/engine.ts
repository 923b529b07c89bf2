// upsmon's main loop and shutdown sequence (upsmon.md §5, §7) over injected
// I/O: connections, clock, notifier, shutdown trigger. The same code runs in
// the real daemon and in simulated time in the tests.

import type { MonitorEntry, UpsmonConf } from '../config/upsmonconf.js';
import { MonitorCore, newUpsState, LOG_ALERT, LOG_CRIT, LOG_ERR, LOG_INFO, LOG_WARNING, type Action, type PollResult, type UpsState } from './core.js';
import { upscliGet, upscliErrno, type LineConn } from './wire.js';
import type { NotifyType } from './notify.js';

export interface EngineIO {
  /** seconds (may be fractional) */
  now(): number;
  /** sleep; may return early when a signal arrives */
  sleep(seconds: number): Promise<void>;
  newConn(entry: MonitorEntry, conf: UpsmonConf): LineConn;
  log(prio: number, msg: string): void;
  debug(level: number, msg: string): void;
  /** deliver a notification that is not IGNOREd (SYSLOG logging is done by the engine) */
  deliver(n: { type: NotifyType; ups: string; message: string; wall: boolean; exec: boolean }): void;
  wall(msg: string): void;
  /** split mode: ask the privileged parent; -p: write POWERDOWNFLAG and run SHUTDOWNCMD */
  shutdown(): Promise<void>;
  /** false when the privileged parent is gone (split mode only) */
  parentAlive(): boolean;
  /** re-read the config for a reload; error text if it cannot be read */
  reloadConf(prev: UpsmonConf): UpsmonConf | string;
}

export type EngineExit = { reason: 'signal'; code: 0 } | { reason: 'shutdown'; code: 0 } | { reason: 'fatal'; code: 1 };

export class Engine {
  core: MonitorCore;
  private conns = new Map<string, LineConn>();
  /** ST_CONNECTED: the TCP link is up (auth may have failed, still polled) */
  private connected = new Set<string>();
  /** ST_LOGIN */
  private loggedIn = new Set<string>();
  exitFlag = false;
  userFsd = false;
  reloadFlag = false;
  /** single-process mode: a reload with errors keeps the running configuration (never leave the machine unmonitored) */
  keepOnBadReload = false;
  splitMode = true;
  private lastNoParent = -Infinity;

  constructor(public conf: UpsmonConf, private io: EngineIO) {
    this.core = new MonitorCore(conf, io.now());
  }

  private apply(actions: Action[]): void {
    for (const a of actions) {
      if (a.kind === 'log') this.io.log(a.prio, a.msg);
      else if (a.kind === 'debug') this.io.debug(a.level, a.msg);
      else {
        if (a.flags.ignore) continue;
        if (a.flags.syslog) this.io.log(5, a.message);
        if (a.flags.wall || (a.flags.exec && this.conf.notifyCmd)) {
          this.io.deliver({ type: a.type, ups: a.ups, message: a.message, wall: a.flags.wall, exec: a.flags.exec && !!this.conf.notifyCmd });
        }
      }
    }
  }

  notify(type: NotifyType, ups: string, extra = '', templateUps = ups): void {
    const out: Action[] = [];
    this.core.notify(out, type, ups, extra, templateUps);
    this.apply(out);
  }

  /** POLLFAIL_LOG_THROTTLE_MAX: log a poll failure, or not (upsmon.md §5.2). */
  private logPollFail(u: UpsState, msg: string, code: number): void {
    const max = this.conf.pollFailLogThrottleMax;
    if (max < 0) { this.io.log(LOG_ERR, msg); return; }
    const sys = u.entry.system;
    if (u.pollFailCode !== code) {
      this.io.log(LOG_ERR, max === 0
        ? `Poll UPS [${sys}] failure state code changed from ${u.pollFailCode} to ${code}; report below will not be repeated to syslog:`
        : `Poll UPS [${sys}] failure state code changed from ${u.pollFailCode} to ${code}; report below will only be repeated to syslog every ${max} polling loop cycles (${max * this.conf.pollFreq} sec):`);
      u.pollFailCode = code;
      u.pollFailCount = 0;
      this.io.log(LOG_ERR, msg);
      return;
    }
    if (max > 0 && ++u.pollFailCount % max === 0) this.io.log(LOG_ERR, msg);
  }

  private pollRecovered(u: UpsState): void {
    if (u.pollFailCode !== -1 && this.conf.pollFailLogThrottleMax >= 0) {
      this.io.log(LOG_ERR, `Poll UPS [${u.entry.system}] recovered from failure state code ${u.pollFailCode} - now -1`);
    }
    u.pollFailCode = -1;
    u.pollFailCount = 0;
  }

  private conn(u: UpsState): LineConn {
    let c = this.conns.get(u.entry.system);
    if (!c) { c = this.io.newConn(u.entry, this.conf); this.conns.set(u.entry.system, c); }
    return c;
  }

  /** drop_connection: forget the link; the next poll reconnects. */
  private async drop(u: UpsState): Promise<void> {
    this.io.debug(2, `Dropping connection to UPS [${u.entry.system}]`);
    u.commstate = 0;
    u.linestate = 0;
    this.connected.delete(u.entry.system);
    this.loggedIn.delete(u.entry.system);
    const c = this.conns.get(u.entry.system);
    this.conns.delete(u.entry.system);
    await c?.close();
  }

  /** do_upsd_auth + apply_for_primary; returns true when fully logged in. */
  private async login(u: UpsState, c: LineConn): Promise<boolean> {
    const e = u.entry;
    const sys = e.system;
    const step = async (line: string, sendFail: string, readFail: string): Promise<string | undefined> => {
      const se = await c.send(line);
      if (se) { this.io.log(LOG_ERR, `${sendFail}: ${se}`); return undefined; }
      const r = await c.read();
      if ('error' in r) { this.io.log(LOG_ERR, `${readFail}: ${r.error}`); return undefined; }
      return r.line;
    };
    if (await step(`USERNAME ${e.username}`, `Can't set username on [${sys}]`, `Set username on [${sys}] failed`) === undefined) return false;
    const pw = await step(`PASSWORD ${e.password}`, `Can't set password on [${sys}]`, `Set password on [${sys}] failed`);
    if (pw === undefined) return false;
    if (!pw.startsWith('OK')) { this.io.log(LOG_ERR, `Set password on [${sys}] failed - got [${pw}]`); return false; }
    if (e.upsname === '') { this.io.log(LOG_ERR, `Login to UPS [${sys}] failed: empty upsname`); return false; }
    const li = await step(`LOGIN ${e.upsname}`, `Login to UPS [${sys}] failed`, `Can't login to UPS [${sys}]`);
    if (li === undefined) return false;
    if (!li.startsWith('OK')) { this.io.log(LOG_ERR, `Login on UPS [${sys}] failed - got [${li}]`); return false; }
    this.io.debug(1, `Logged into UPS ${sys}`);
    this.loggedIn.add(sys);
    if (!e.primary) return true;
    for (const kw of ['PRIMARY', 'MASTER']) {
      const se = await c.send(`${kw} ${e.upsname}`);
      if (se) { this.io.log(LOG_ALERT, `Can't set primary managerial mode on UPS [${sys}] - ${se}`); return false; }
      const r = await c.read();
      if ('error' in r) {
        this.io.log(LOG_ALERT, `Primary managerial privileges unavailable on UPS [${sys}]`);
        this.io.log(LOG_ALERT, `Reason: ${r.error}`);
        return false;
      }
      if (r.line.startsWith('OK')) return true;
      if (kw === 'MASTER') {
        this.io.log(LOG_ALERT, `Primary managerial privileges unavailable on UPS [${sys}]`);
        this.io.log(LOG_ALERT, `Response: [${r.line}]`);
      } else {
        this.io.debug(3, `apply_for_primary: Server did not grant PRIMARY mode on UPS [${e.upsname}], retry with older MASTER keyword`);
      }
    }
    return false;
  }

  /** pollups(): connect if needed, query ups.status, feed the core. */
  async pollUps(u: UpsState): Promise<void> {
    const sys = u.entry.system;
    const now = () => this.io.now();
    const out: Action[] = [];
    if (!this.connected.has(sys)) {
      this.io.debug(1, `Trying to connect to UPS [${sys}]`);
      if (this.conf.certVerify === 1 && !this.conf.certPath) {
        this.io.log(LOG_ERR, 'Configuration error: CERTVERIFY is set, but CERTPATH isn\'t');
        this.io.log(LOG_ERR, `UPS [${sys}]: Connection impossible, dropping link`);
        this.core.gone(u, now(), out); this.apply(out);
        await this.drop(u);
        return;
      }
      const c = this.conn(u);
      const err = await c.connect();
      if (err) {
        this.io.log(LOG_ERR, `UPS [${sys}]: connect failed: ${err}`);
        this.core.gone(u, now(), out); this.apply(out);
        this.conns.delete(sys);
        return;
      }
      this.connected.add(sys);
      // auth failures keep the TCP link: NUT then polls anonymously next cycle
      if (!await this.login(u, c)) return;
    }
    const c = this.conn(u);
    this.io.debug(2, `pollups: ${sys}`);
    const r = await upscliGet(c, ['VAR', u.entry.upsname, 'ups.status']);
    let pr: PollResult;
    if (r.ok) {
      pr = { ok: true, status: r.value };
      if (r.value.split(/\s+/).some((t) => t.toUpperCase() === 'ALARM')) {
        const a = await upscliGet(c, ['VAR', u.entry.upsname, 'ups.alarm']);
        pr.alarm = a.ok ? a.value : 'n/a';
      }
      this.pollRecovered(u);
      this.core.pollResult(u, now(), pr, out);
      this.apply(out);
      return;
    }
    const code = upscliErrno(r.error);
    if (r.token === 'UNKNOWN-UPS') this.logPollFail(u, `Poll UPS [${sys}] failed - [${u.entry.upsname}] does not exist on server ${u.entry.host}`, code);
    else this.logPollFail(u, `Poll UPS [${sys}] failed - ${r.error}`, code);
    this.core.gone(u, now(), out);
    this.apply(out);
    if (!c.open) await this.drop(u);
  }

  /** One main-loop iteration. Returns 'shutdown' when the shutdown sequence ran. */
  async cycle(): Promise<'continue' | 'shutdown' | 'fatal'> {
    if (this.userFsd) {
      this.io.log(LOG_INFO, 'Got an FSD signal, initiating forced shutdown');
      await this.forceShutdown();
      return 'shutdown';
    }
    if (this.reloadFlag) {
      this.reloadFlag = false;
      if (!await this.reload()) return 'fatal';
    }
    for (const u of this.core.ups) {
      try {
        await this.pollUps(u);
      } catch (e) {
        // a bug or an odd library failure must not stop the monitor: count it
        // as a comm failure so DEADTIME still protects a UPS on battery
        this.io.log(LOG_ERR, `Poll UPS [${u.entry.system}] failed - ${(e as Error).message}`);
        const out: Action[] = [];
        this.core.gone(u, this.io.now(), out);
        this.apply(out);
        await this.drop(u).catch(() => { /* already gone */ });
      }
    }
    const out: Action[] = [];
    const crit = this.core.recalc(this.io.now(), out);
    this.apply(out);
    if (crit) { await this.forceShutdown(); return 'shutdown'; }
    if (this.splitMode && !this.io.parentAlive()) {
      const now = this.io.now();
      if (now - this.lastNoParent > 120) {
        this.notify('NOPARENT', '');
        this.io.log(LOG_ALERT, 'Parent died - shutdown impossible');
        this.lastNoParent = now;
      }
    }
    return 'continue';
  }

  async run(): Promise<EngineExit> {
    while (!this.exitFlag) {
      const start = this.io.now();
      const r = await this.cycle();
      if (r === 'shutdown') return { reason: 'shutdown', code: 0 };
      if (r === 'fatal') return { reason: 'fatal', code: 1 };
      if (this.exitFlag || this.userFsd || this.reloadFlag) continue;
      const want = this.core.sleepInterval();
      const before = this.io.now();
      await this.io.sleep(want);
      const slept = this.io.now() - before;
      // a sleep far longer than asked (suspend) or a clock going backwards
      // (15 s margin as NUT uses with the sleep inhibitor: a busy machine must
      // not pass for a suspended one, since this forgets "on battery")
      if (slept > want + 15 || slept < 0) this.wokeUp(slept, this.io.now() - start);
    }
    await this.disconnectAll();
    return { reason: 'signal', code: 0 };
  }

  /** Master §5.5: treat an unexpected time jump as a wake-up from sleep. */
  private wokeUp(slept: number, sinceCycle: number): void {
    const by = `${Math.abs(slept).toFixed(6)} seconds`;
    this.io.log(LOG_WARNING, slept < 0
      ? `It seems we have slept without warning or the system clock was changed into the past by ${by}`
      : `It seems we have slept without warning or the system clock was changed by ${by}`);
    this.notify('SUSPEND_TIMEJUMP_UNEXPECTED', '', '', by);
    this.notify('SUSPEND_FINISHED', '');
    this.io.log(LOG_INFO, `upsmon: Processing OS wake-up after sleep; ${sinceCycle.toFixed(6)} seconds since previous loop cycle start`);
    this.core.forgetReadings(this.io.now());
    this.reloadFlag = true;
  }

  async disconnectAll(logout = true): Promise<void> {
    for (const c of this.conns.values()) await c.close(logout);
    this.conns.clear();
    this.connected.clear();
    this.loggedIn.clear();
  }

  /** forceshutdown(): FSD on our primary UPSes, wait for secondaries, then doshutdown. */
  async forceShutdown(): Promise<void> {
    this.io.debug(1, 'Shutting down any UPSes in PRIMARY mode...');
    const primaries = this.core.ups.filter((u) => u.entry.primary);
    for (const u of primaries) {
      this.io.debug(2, `Setting FSD on UPS ${u.entry.system}`);
      const c = this.conn(u);
      let fail: string | undefined = await c.send(`FSD ${u.entry.upsname}`);
      if (!fail) {
        const r = await c.read();
        if ('error' in r) fail = r.error;
        else if (!r.line.startsWith('OK')) fail = r.line;
      }
      if (fail) this.io.log(LOG_ERR, `FSD set on UPS ${u.entry.system} failed: ${fail}`);
      else if (!u.fsdNotified) { u.fsdNotified = true; this.notify('FSD', u.entry.system); }
    }
    if (primaries.length > 0) {
      this.io.debug(1, 'This system is a primary... waiting for secondaries to logout...');
      await this.syncSecondaries(primaries);
    }
    await this.doShutdown();
  }

  private async syncSecondaries(primaries: UpsState[]): Promise<void> {
    const start = this.io.now();
    let announced = false;
    for (;;) {
      let max = 0;
      for (const u of primaries) {
        const r = await upscliGet(this.conn(u), ['NUMLOGINS', u.entry.upsname]);
        if (r.ok) max = Math.max(max, parseInt(r.value, 10) || 0);
      }
      if (max <= 1) return;
      if (this.io.now() - start > this.conf.hostSync) {
        this.io.log(LOG_INFO, 'Host sync timer expired, forcing shutdown');
        return;
      }
      if (!announced) { announced = true; this.notify('SHUTDOWN_HOSTSYNC', ''); }
      await this.io.sleep(0.25);
    }
  }

  /** doshutdown(): announce, FINALDELAY, then SHUTDOWNCMD (via the parent in split mode). */
  async doShutdown(): Promise<void> {
    this.io.log(LOG_CRIT, 'Executing automatic power-fail shutdown');
    this.io.wall('Executing automatic power-fail shutdown\n');
    this.notify('SHUTDOWN', '');
    const end = this.io.now() + this.conf.finalDelay;
    while (this.io.now() < end) await this.io.sleep(Math.min(1, end - this.io.now()));
    await this.io.shutdown();
    const se = this.conf.shutdownExit;
    if (se !== 0) {
      if (se < 0) this.io.log(LOG_WARNING, 'Configured to not exit upsmon after initiating shutdown');
      else this.io.log(LOG_WARNING, `Configured to only exit upsmon SHUTDOWNEXIT=${se} sec after initiating shutdown`);
      const until = se < 0 ? Infinity : this.io.now() + se;
      // stay logged in (so a primary keeps waiting for us) until told to stop
      while (!this.exitFlag && this.io.now() < until) {
        for (const u of this.core.ups) await upscliGet(this.conn(u), ['NUMLOGINS', u.entry.upsname]);
        await this.io.sleep(1);
      }
    }
    this.io.log(LOG_WARNING, 'Exiting upsmon program after initiating shutdown');
    // NUT just exits here: the sockets close without LOGOUT (same wire as 2.8.0)
    await this.disconnectAll(false);
  }

  /** Reload (upsmon.md §10). Returns false when the new config is impossible. */
  async reload(): Promise<boolean> {
    this.io.log(LOG_INFO, 'Reloading configuration');
    const next = this.io.reloadConf(this.conf);
    if (typeof next === 'string') { this.io.log(LOG_ERR, next); return true; }
    for (const d of next.diagnostics) this.io.log(d.level === 'error' ? LOG_ERR : LOG_WARNING, d.message);
    if (this.keepOnBadReload) {
      const total = next.monitors.reduce((n, m) => n + m.powerValue, 0);
      if (next.fatal || next.errorCount > 0 || total < next.minSupplies) {
        for (const m of next.fatal ?? []) this.io.log(LOG_ERR, m);
        this.io.log(LOG_ERR, `Reload failed: the new configuration has errors${total < next.minSupplies ? ` (power values ${total} < MINSUPPLIES ${next.minSupplies})` : ''}; keeping the previous one`);
        return true;
      }
    }
    if (this.splitMode) {
      for (const [k, name] of [['shutdownCmd', 'SHUTDOWNCMD'], ['powerDownFlag', 'POWERDOWNFLAG']] as const) {
        if (next[k] !== this.conf[k]) {
          this.io.log(LOG_WARNING, `Warning: ${name} redefined in split-process mode!`);
          this.io.log(LOG_WARNING, 'You must restart upsmon for this change to work');
          next[k] = this.conf[k] as string | undefined;
        }
      }
    }
    const old = this.core.ups;
    const keep: UpsState[] = [];
    for (const m of next.monitors) {
      const u = old.find((o) => o.entry.system === m.system);
      if (!u) {
        const s = newUpsState(m, this.io.now());
        keep.push(s);
        this.io.log(LOG_INFO, m.powerValue === 0 ? `UPS: ${m.system} (monitoring only)` : `UPS: ${m.system} (${m.primary ? 'primary' : 'secondary'}) (power value ${m.powerValue})`);
        continue;
      }
      const e = u.entry;
      let dropIt = false;
      if (e.powerValue !== m.powerValue) this.io.log(LOG_INFO, `UPS [${m.system}]: redefined power value to ${m.powerValue}`);
      if (e.username !== m.username) { this.io.log(LOG_INFO, `UPS [${m.system}]: redefined username`); dropIt = true; }
      if (e.password !== m.password) { this.io.log(LOG_INFO, `UPS [${m.system}]: redefined password`); dropIt = true; }
      if (dropIt && !this.loggedIn.has(m.system)) this.io.log(LOG_INFO, `UPS [${m.system}]: retrying connection`);
      else dropIt = false;
      if (m.primary && !e.primary) { this.io.log(LOG_INFO, `UPS [${m.system}]: redefined as a primary`); dropIt = true; }
      if (!m.primary && e.primary) this.io.log(LOG_INFO, `UPS [${m.system}]: redefined as a secondary`);
      u.entry = m;
      if (dropIt) await this.drop(u);
      keep.push(u);
    }
    for (const u of old) {
      if (!keep.includes(u)) {
        this.io.log(LOG_INFO, `No longer monitoring UPS [${u.entry.system}]`);
        await this.drop(u);
      }
    }
    this.core.ups.splice(0, this.core.ups.length, ...keep);
    this.conf = next;
    this.core.conf = next;
    const total = next.monitors.reduce((s, m) => s + m.powerValue, 0);
    if (total < next.minSupplies) {
      this.io.log(LOG_CRIT, `Fatal error: total power value (${total}) less than MINSUPPLIES (${next.minSupplies})`);
      this.io.log(LOG_CRIT, 'Impossible power configuration, unable to continue');
      return false;
    }
    return true;
  }
}
