// upsd: the NUT data server. Holds the UPS table fed by driver links, the
// client sessions, and the periodic housekeeping (reconnects, heartbeat,
// staleness, idle clients, tracking cleanup). Protocol decisions live in
// commands/; this file is the I/O shell around them.

import net from 'node:net';
import tls from 'node:tls';
import { readFileSync, statSync, unlinkSync, existsSync } from 'node:fs';
import { join, isAbsolute } from 'node:path';
import type { Logger } from '../core/logger.js';
import { NUT_VERSION, DEFAULT_DATADIR } from '../core/paths.js';
import { parseUpsConf, upsConfStatePath } from '../config/upsconf.js';
import { parseUpsdConf, applyUpsdEnv, type UpsdConf } from '../config/upsdconf.js';
import { parseUpsdUsers, type UpsdUsers } from '../config/upsdusers.js';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostics.js';
import { parseCmdvartab, NO_DESCRIPTIONS, type Descriptions } from './descriptions.js';
import { TrackingTable } from './tracking.js';
import { UpsEntry, heartbeat } from './ups.js';
import { DriverLink, errnoText } from './driverlink.js';
import { ClientConn } from './client-conn.js';
import { AuthGuard, DEFAULT_AUTH_LIMIT } from './auth-guard.js';
import { LocalSession } from './local.js';
import { newSession, type Session } from './session.js';
import { listenTcp, listenUnix, normalizeAddr, openFileLimit, refuse } from './listeners.js';
import type { ServerContext } from './commands/context.js';

export class FatalError extends Error {}

export interface UpsdOptions {
  confPath: string;
  /** state path from the environment (NUT_STATEPATH), if set */
  envStatePath: string | undefined;
  defaultStatePath: string;
  /** 4 or 6 for -4 / -6 */
  family?: 4 | 6;
  log: Logger;
  env: Record<string, string | undefined>;
  /** clients silent this long are dropped (NUT: 60 s, hard-coded) */
  idleTimeoutMs?: number;
  /** housekeeping period (NUT's main loop wakes at least every 2 s) */
  tickMs?: number;
}

const IDLE_TIMEOUT_MS = 60000;
const TICK_MS = 1000;

export class Upsd implements ServerContext {
  readonly version = NUT_VERSION;
  readonly tracking = new TrackingTable();
  readonly authGuard = new AuthGuard();
  readonly log: Logger;
  conf!: UpsdConf;
  private usersData: UpsdUsers = { users: [], diagnostics: [] };
  private desc: Descriptions = NO_DESCRIPTIONS;
  /** LIST UPS order */
  private upsTable: UpsEntry[] = [];
  private links = new Map<UpsEntry, DriverLink>();
  /** TCP, TLS, Unix-socket and in-process clients by session, oldest first (O(1) close with 10 000 clients) */
  private clients = new Map<Session, ClientConn | LocalSession>();
  private servers: net.Server[] = [];
  private unixPaths: string[] = [];
  private tick: NodeJS.Timeout | undefined;
  private nextSessionId = 1;
  private tlsContext: tls.SecureContext | undefined;
  statePath = '';
  /** listeners of data changes (single-process mode, tests) */
  onUpsData: ((u: UpsEntry) => void) | undefined;

  constructor(private readonly opts: UpsdOptions) {
    this.log = opts.log;
  }

  // ---- ServerContext -------------------------------------------------------

  findUps(name: string): UpsEntry | undefined {
    const low = name.toLowerCase();
    return this.upsTable.find((u) => u.name.toLowerCase() === low);
  }
  upsList(): readonly UpsEntry[] { return this.upsTable; }
  /** every connected client session, oldest first (tsnut status) */
  sessions(): Session[] { return [...this.clients.keys()]; }
  users(): UpsdUsers { return this.usersData; }
  descriptions(): Descriptions { return this.desc; }
  now(): number { return Date.now(); }

  clientsOf(ups: UpsEntry): Session[] {
    const out: Session[] = [];
    for (const s of this.clients.keys()) if (s.loginUps === ups) out.push(s);
    return out.reverse();
  }

  sendToDriver(ups: UpsEntry, line: string): boolean {
    const l = this.links.get(ups);
    return l ? l.send(line) : false;
  }

  tlsState(s: Session): 'unsupported' | 'unconfigured' | 'ready' {
    // an in-process client has no socket to encrypt
    if (this.clients.get(s) instanceof LocalSession) return 'unconfigured';
    return this.tlsContext ? 'ready' : 'unconfigured';
  }

  startTls(s: Session): void {
    const c = this.clients.get(s);
    if (c instanceof ClientConn && this.tlsContext) c.requestTls(this.tlsContext);
  }

  // ---- configuration -------------------------------------------------------

  private file(name: string): string {
    return join(this.opts.confPath, name);
  }

  private report(diags: Diagnostic[]): void {
    for (const d of diags) {
      // upsd.conf directive errors are printed as NUT prints them, without a location prefix
      const msg = d.message.startsWith('upsd.conf: invalid directive') || d.message.startsWith('Parse error:') ? d.message : formatDiagnostic(d);
      if (d.level === 'error') this.log.err(msg);
      else if (d.level === 'warning') this.log.warn(msg);
      else this.log.notice(msg);
    }
  }

  /** check_perms(): stat failure is fatal; world-readable is a warning. */
  private checkPerms(path: string): void {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw new FatalError(`stat ${path}: ${errnoText(e as NodeJS.ErrnoException)}`);
    }
    if (st.mode & 0o005) this.log.warn(`${path} is world readable`);
  }

  private readConf(name: string, reloading: boolean): Buffer | undefined {
    const p = this.file(name);
    try {
      return readFileSync(p);
    } catch (e) {
      const msg = `Can't open ${p}: ${errnoText(e as NodeJS.ErrnoException)}`;
      if (reloading) { this.log.err(`Reload failed: ${msg}`); return undefined; }
      throw new FatalError(msg);
    }
  }

  private loadUpsdConf(reloading: boolean): UpsdConf | undefined {
    const p = this.file('upsd.conf');
    if (!reloading) this.checkPerms(p);
    const text = this.readConf('upsd.conf', reloading);
    if (!text) return undefined;
    const c = parseUpsdConf(text, p);
    applyUpsdEnv(c, this.opts.env);
    this.report(c.diagnostics);
    if (c.errorCount > 0) this.log.warn(`Encountered ${c.errorCount} config errors, those entries were ignored`);
    return c;
  }

  private loadUsers(reloading: boolean): void {
    const p = this.file('upsd.users');
    if (!reloading) this.checkPerms(p);
    const text = this.readConf('upsd.users', reloading);
    if (!text) return;
    const u = parseUpsdUsers(text, p);
    this.report(u.diagnostics);
    this.usersData = u;
  }

  /** Read ups.conf and create/update/delete entries. */
  private loadUpsConf(reloading: boolean): void {
    const p = this.file('ups.conf');
    let text: Buffer;
    try {
      text = readFileSync(p);
    } catch (e) {
      // like the reference, an unreadable ups.conf is fatal even on reload
      throw new FatalError(`Can't open ${p}: ${errnoText(e as NodeJS.ErrnoException)}`);
    }
    const uc = parseUpsConf(text, p);
    this.report(uc.diagnostics.filter((d) => d.level === 'error'));
    if (!reloading) {
      const sp = upsConfStatePath(uc);
      if (sp && !this.opts.envStatePath) this.statePath = sp;
    }
    if (uc.sections.length === 0) {
      this.log.warn('Warning: no UPS definitions in ups.conf');
      return;
    }
    for (const u of this.upsTable) u.retain = false;
    // the reference walks ups.conf backwards and prepends, so new entries end in file order at startup
    for (const sec of [...uc.sections].reverse()) {
      const driver = sec.values.get('driver');
      const port = sec.values.get('port');
      const desc = sec.values.get('desc');
      if (driver === undefined || port === undefined) {
        this.log.warn(`Warning: ignoring incomplete configuration for UPS [${sec.name}]\n`);
        continue;
      }
      const existing = this.findUps(sec.name);
      if (existing && reloading) {
        existing.retain = true;
        existing.desc = desc;
        if (existing.driver !== driver) {
          this.log.notice(`Redefined UPS [${sec.name}]`);
          this.links.get(existing)?.drop();
          this.links.delete(existing);
          existing.driver = driver;
          existing.port = port;
          this.addLink(existing);
        }
        existing.port = port;
        continue;
      }
      if (existing) {
        this.log.err(`UPS name [${sec.name}] is already in use!`);
        continue;
      }
      const u = new UpsEntry(sec.name, driver, port, desc);
      this.upsTable.unshift(u);
      this.addLink(u);
    }
    if (reloading) {
      for (const u of [...this.upsTable]) if (!u.retain) this.deleteUps(u);
      if (this.upsTable.length === 0) this.log.warn('Warning: no UPSes currently defined!');
    }
  }

  private addLink(u: UpsEntry): void {
    const path = isAbsolute(u.sockName) ? u.sockName : join(this.statePath, u.sockName);
    // staleness follows the link at once (DATASTALE, DATAOK, dump done, reconnect), as the
    // reference re-checks it on every wakeup, not only on the housekeeping tick
    const link = new DriverLink(u, path, this.log, this.tracking, () => this.now(), (x) => { this.checkStale(x, heartbeat(x, this.now(), this.conf.maxAge).dead); this.onUpsData?.(x); });
    this.links.set(u, link);
    link.connect();
  }

  private deleteUps(u: UpsEntry): void {
    this.log.notice(`Deleting UPS [${u.name}]`);
    for (const c of [...this.clients.values()]) {
      if (c.session.loginUps === u) {
        this.log.info(`Kicking client ${c.session.addr} (was on UPS [${u.name}])\n`);
        c.destroy();
      }
    }
    this.links.get(u)?.drop();
    this.links.delete(u);
    this.upsTable = this.upsTable.filter((x) => x !== u);
  }

  private loadDescriptions(): void {
    const dir = this.conf.dataPath ?? DEFAULT_DATADIR;
    const p = join(dir, 'cmdvartab');
    try {
      this.desc = parseCmdvartab(readFileSync(p));
    } catch {
      this.log.info(`${p} not found - disabling descriptions`);
      this.desc = NO_DESCRIPTIONS;
    }
  }

  private setupTls(): void {
    const c = this.conf;
    if (!c.certFile) return;
    try {
      const pem = readFileSync(c.certFile, 'utf8');
      this.tlsContext = tls.createSecureContext({
        cert: pem,
        key: pem,
        passphrase: c.certIdent?.password,
        minVersion: c.disableWeakSsl ? 'TLSv1.2' : 'TLSv1',
        ciphers: 'HIGH:@STRENGTH',
        honorCipherOrder: true,
        ca: c.certPath && existsSync(c.certPath) && statSync(c.certPath).isFile() ? readFileSync(c.certPath) : undefined,
        requestCert: (c.certRequest ?? 0) > 0,
      } as tls.SecureContextOptions);
      if (!c.disableWeakSsl) this.log.warn('Warning: DISABLE_WEAK_SSL is not enabled. Please consider enabling to improve network security.');
    } catch (e) {
      // the reference 2.8.0 runs on without TLS; a TLS setup that silently fails is worse: refuse to start
      throw new FatalError(`Can not initialize SSL context from ${c.certFile}: ${(e as Error).message}`);
    }
  }

  // ---- listeners -----------------------------------------------------------

  private async bindAll(): Promise<void> {
    const c = this.conf;
    let addrs = c.listen.map((l) => ({ host: l.host, port: l.port }));
    if (addrs.length === 0 && c.listenUnix.length === 0) {
      addrs = [];
      if (this.opts.family !== 4) addrs.push({ host: '::1', port: 3493 });
      if (this.opts.family !== 6) addrs.push({ host: '127.0.0.1', port: 3493 });
    }
    const failed: string[] = [];
    for (const a of addrs) {
      const s = await listenTcp(a.host, a.port, this.log, (x) => this.accept(x));
      if (s) this.servers.push(s); else failed.push(a.host);
    }
    for (const u of c.listenUnix) {
      const s = await listenUnix(u.path, u.mode, this.log, (x) => this.accept(x, 'unix'));
      if (s) { this.servers.push(s); this.unixPaths.push(u.path); } else failed.push(u.path);
    }
    if (this.servers.length === 0) throw new FatalError('no listening interface available');
    const localish = (h: string) => ['localhost', 'localhost6', '127.0.0.1', '::1'].includes(h);
    if (failed.length && !failed.every(localish) && !c.allowNotAllListeners) {
      throw new FatalError('Fatal error: some listening interfaces were not available');
    }
  }

  /** soft RLIMIT_NOFILE, read once (and again on reload), not on every accept */
  private fdLimit = 0;

  private maxConn(): number {
    if (this.conf.maxConn !== undefined && this.conf.maxConn > 0) return this.conf.maxConn;
    if (this.fdLimit === 0) this.fdLimit = openFileLimit();
    return this.fdLimit - 8;
  }

  private accept(sock: net.Socket, kind: 'tcp' | 'unix' = 'tcp'): void {
    const addr = kind === 'unix' ? 'unix' : normalizeAddr(sock.remoteAddress);
    let drivers = 0;
    for (const l of this.links.values()) if (l.connected) drivers++;
    if (this.clients.size + drivers + this.servers.length >= this.maxConn()) {
      // better than the reference (which leaves such clients unanswered): say so and close
      this.log.notice(`Refusing connection from ${addr}: MAXCONN (${this.maxConn()}) reached`);
      refuse(sock);
      return;
    }
    const s = newSession(this.nextSessionId++, addr, this.now());
    this.log.debug(2, `Connect from ${addr}`);
    this.clients.set(s, new ClientConn(sock, s, this, this.log, (x) => this.dropClient(x)));
  }

  /**
   * An in-process client (single-process mode): same handlers, same
   * session rules (LOGIN counts, LIST CLIENT shows `addr`), no socket and
   * no idle timeout.
   */
  openLocal(addr = 'local'): LocalSession {
    const s = newSession(this.nextSessionId++, addr, this.now());
    const l = new LocalSession(s, this, (x) => this.dropClient(x));
    this.clients.set(s, l);
    return l;
  }

  private dropClient(c: ClientConn | LocalSession): void {
    if (!this.clients.delete(c.session)) return;
    this.log.debug(2, `Disconnect from ${c.session.addr}`);
    const u = c.session.loginUps;
    if (u) {
      if (u.numLogins > 0) u.numLogins--;
      c.session.loginUps = undefined;
    }
  }

  // ---- life cycle ----------------------------------------------------------

  async start(): Promise<void> {
    this.statePath = this.opts.envStatePath ?? '';
    const c = this.loadUpsdConf(false)!;
    this.conf = c;
    this.authGuard.limit = c.authFailLimit ?? DEFAULT_AUTH_LIMIT;
    if (c.debugMin !== undefined && this.log.debugLevel < c.debugMin) this.log.debugLevel = c.debugMin;
    if (!this.statePath) this.statePath = c.statePath ?? this.opts.defaultStatePath;
    else if (c.statePath && c.statePath !== this.statePath) this.log.warn(`Ignoring STATEPATH ${c.statePath} from upsd.conf: NUT_STATEPATH is set`);
    this.setupTls();
    await this.bindAll();
  }

  /** Second half of start-up, after privileges were dropped. */
  connectDrivers(): void {
    this.checkPerms(this.statePath);
    this.loadUpsConf(false);
    if (this.upsTable.length === 0) {
      if (this.conf.allowNoDevice) {
        this.log.warn('Normally at least one UPS must be defined in ups.conf, currently there are none (please configure the file and reload the service)');
      } else {
        throw new FatalError('Fatal error: at least one UPS must be defined in ups.conf');
      }
    }
    this.loadDescriptions();
    this.loadUsers(false);
    this.tick = setInterval(() => this.housekeeping(), this.opts.tickMs ?? TICK_MS);
  }

  reload(): void {
    this.log.info('SIGHUP: reloading configuration');
    this.fdLimit = 0;
    const confErr = unreadable(this.file('upsd.conf'));
    if (confErr !== undefined) {
      this.log.err(`Reload failed: can't open ${this.file('upsd.conf')}: ${confErr}`);
      return;
    }
    this.loadUpsConf(true);
    const c = this.loadUpsdConf(true);
    if (c) {
      // LISTEN and TLS settings need a restart, as in the reference
      this.conf = { ...c, listen: this.conf.listen, listenUnix: this.conf.listenUnix, certFile: this.conf.certFile };
      this.authGuard.limit = c.authFailLimit ?? DEFAULT_AUTH_LIMIT;
      if (c.debugMin !== undefined) this.log.debugLevel = Math.max(this.log.debugLevel, c.debugMin);
    }
    const usersErr = unreadable(this.file('upsd.users'));
    if (usersErr !== undefined) {
      this.log.err(`Reload failed: can't open ${this.file('upsd.users')}: ${usersErr}`);
      return;
    }
    this.loadUsers(true);
  }

  private checkStale(u: UpsEntry, dead: boolean): void {
    if (!u.connected) return;
    if (dead && !u.stale) {
      u.stale = true;
      this.log.notice(`Data for UPS [${u.name}] is stale - check driver`);
    } else if (!dead && u.stale) {
      u.stale = false;
      this.log.notice(`UPS [${u.name}] data is no longer stale`);
    }
  }

  private housekeeping(): void {
    const now = this.now();
    for (const [u, link] of this.links) {
      if (!u.connected) {
        if (!link.pending) link.connect();
        continue;
      }
      const hb = heartbeat(u, now, this.conf.maxAge);
      if (hb.ping) { u.lastPing = now; link.ping(); }
      this.checkStale(u, hb.dead);
    }
    for (const c of this.clients.values()) { // deleting from a Map while iterating it is safe
      if (c instanceof ClientConn && now - c.session.lastHeard > (this.opts.idleTimeoutMs ?? IDLE_TIMEOUT_MS)) {
        this.log.debug(2, `Disconnect ${c.session.addr} (timeout)`);
        c.destroy();
      }
    }
    this.tracking.cleanup(now, this.conf.trackingDelay);
  }

  async stop(): Promise<void> {
    if (this.tick) clearInterval(this.tick);
    for (const c of [...this.clients.values()]) c.destroy();
    for (const l of this.links.values()) l.drop();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    for (const p of this.unixPaths) { try { unlinkSync(p); } catch { /* gone */ } }
    this.servers = [];
  }

  /** Addresses actually bound (tests, bench). */
  addresses(): Array<net.AddressInfo | string | null> {
    return this.servers.map((s) => s.address());
  }
}

/** Why `p` cannot be read (strerror text), or undefined when it can. */
export function unreadable(p: string): string | undefined {
  try { readFileSync(p, { flag: 'r' }); return undefined; } catch (e) { return errnoText(e as NodeJS.ErrnoException); }
}
