// UpsHub: the web server's one view of upsd. One NutClient per upsd server,
// shared by every browser, API caller and CGI page; polled at POLLFREQ, or at
// once when poke() is called (the single-process stack calls it on every change).
// Emits 'update' (snapshot, changed names) and 'event' (HubEvent).

import { EventEmitter } from 'node:events';
import { NutClient } from '../client/client.js';
import { splitName } from '../client/splitname.js';
import { upscliStrerror } from '../client/errors.js';
import type { HostsEntry } from '../config/hostsconf.js';
import { statusTokens, statusWord } from './status.js';

export interface UpsSnapshot {
  /** identifier as written in hosts.conf, e.g. `myups@localhost:3493` */
  id: string;
  name: string;
  host: string;
  port: number;
  desc: string;
  /** variables in upsd's LIST VAR order */
  vars: Record<string, string>;
  /** upscli error text when the UPS cannot be read now */
  error?: string;
  /** the error is upsd itself being unreachable (not the UPS or its driver) */
  unreachable?: boolean;
  /** ms since the epoch of the last successful read */
  updated?: number;
  commands: string[];
  rw: string[];
}

export type EventType = 'status' | 'alarm' | 'connection' | 'command' | 'setvar';
export interface HubEvent { ts: number; ups: string; type: EventType; message: string }

export interface HubOptions {
  pollMs: number;
  now?: () => number;
  connect?: (host: string, port: number) => Promise<NutClient>;
}

interface Server { key: string; host: string; port: number; client?: NutClient; connecting?: Promise<NutClient>; lastError?: string }

const MAX_VARS = 2000;

export class UpsHub extends EventEmitter {
  readonly ups: UpsSnapshot[] = [];
  private servers = new Map<string, Server>();
  private descCache = new Map<string, string>();
  private wasUnreachable = new Set<string>();
  private wake?: () => void;
  private running = false;
  private loop?: Promise<void>;
  private readonly now: () => number;
  private readonly connectFn: (host: string, port: number) => Promise<NutClient>;
  /** bad hosts.conf entries, reported on the pages */
  readonly unusable: string[] = [];
  polls = 0;

  constructor(entries: HostsEntry[], private readonly o: HubOptions) {
    super();
    this.setMaxListeners(0);
    this.now = o.now ?? Date.now;
    this.connectFn = o.connect ?? ((host, port) => NutClient.connect({ host, port, connectTimeout: 5000 }));
    for (const e of entries) {
      const s = splitName(e.ups);
      if (!s.ok) { this.unusable.push(e.ups); continue; }
      const key = `${s.host}:${s.port}`;
      if (!this.servers.has(key)) this.servers.set(key, { key, host: s.host, port: s.port });
      this.ups.push({ id: e.ups, name: s.ups, host: s.host, port: s.port, desc: e.desc, vars: {}, commands: [], rw: [], error: 'not read yet' });
    }
  }

  find(id: string): UpsSnapshot | undefined {
    return this.ups.find((u) => u.id === id) ?? (this.ups.filter((u) => u.name === id).length === 1 ? this.ups.find((u) => u.name === id) : undefined);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.pollOnce();
        // at most ~20 polls a second however often poke() is called
        await new Promise((r) => setTimeout(r, 50));
        await new Promise<void>((res) => {
          const t = setTimeout(() => { this.wake = undefined; res(); }, this.o.pollMs);
          this.wake = () => { clearTimeout(t); this.wake = undefined; res(); };
        });
      }
    })();
  }

  /** poll now instead of at the next tick */
  poke(): void { this.wake?.(); }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const s of this.servers.values()) {
      if (s.client && !s.client.closed) await Promise.race([s.client.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
      s.client?.destroy();
    }
  }

  /** the shared read-only session to this UPS's server (connects if needed) */
  async client(u: UpsSnapshot): Promise<NutClient> {
    const s = this.servers.get(`${u.host}:${u.port}`)!;
    if (s.client && !s.client.closed) return s.client;
    if (!s.connecting) {
      s.connecting = this.connectFn(s.host, s.port).then((c) => {
        s.client = c;
        c.on('close', () => { if (s.client === c) s.client = undefined; });
        return c;
      }).finally(() => { s.connecting = undefined; });
    }
    return s.connecting;
  }

  /** a variable's description (GET DESC), cached: descriptions do not change */
  async desc(u: UpsSnapshot, name: string): Promise<string> {
    const key = `${u.id}\0${name}`;
    const hit = this.descCache.get(key);
    if (hit !== undefined) return hit;
    let d: string;
    try { d = await (await this.client(u)).getDesc(u.name, name); } catch { d = 'Description unavailable'; }
    if (this.descCache.size < 20000) this.descCache.set(key, d);
    return d;
  }

  /** record something a user did (commands, settings) */
  note(ups: string, type: EventType, message: string): void {
    this.emit('event', { ts: this.now(), ups, type, message } satisfies HubEvent);
  }

  async pollOnce(): Promise<void> {
    this.polls++;
    await Promise.all([...this.servers.values()].map((s) => this.pollServer(s)));
  }

  private async pollServer(s: Server): Promise<void> {
    const list = this.ups.filter((u) => `${u.host}:${u.port}` === s.key);
    let c: NutClient;
    try {
      c = await this.client(list[0]!);
    } catch (e) {
      const msg = upscliStrerror(e);
      if (s.lastError !== msg) for (const u of list) this.note(u.id, 'connection', `Cannot reach upsd at ${s.key}: ${msg}`);
      s.lastError = msg;
      for (const u of list) { u.unreachable = true; this.apply(u, undefined, msg); }
      return;
    }
    if (s.lastError !== undefined) for (const u of list) this.note(u.id, 'connection', `Connected to upsd at ${s.key}`);
    for (const u of list) u.unreachable = false;
    s.lastError = undefined;
    await Promise.all(list.map(async (u) => {
      try {
        const vars = await c.listVar(u.name);
        if (u.updated === undefined || u.error) {
          // commands and writable variables: once per (re)connection of the UPS
          const [cmds, rw] = await Promise.all([c.listCmd(u.name).catch(() => []), c.listRw(u.name).catch(() => [])]);
          u.commands = cmds;
          u.rw = rw.map((v) => v.name);
        }
        this.apply(u, vars.slice(0, MAX_VARS), undefined);
      } catch (e) {
        this.apply(u, undefined, upscliStrerror(e));
      }
    }));
  }

  private apply(u: UpsSnapshot, list: { name: string; value: string }[] | undefined, error: string | undefined): void {
    const changed: string[] = [];
    const before = u.vars;
    if (list) {
      const next: Record<string, string> = {};
      for (const { name, value } of list) {
        next[name] = value;
        if (before[name] !== value) changed.push(name);
      }
      for (const k of Object.keys(before)) if (!(k in next)) changed.push(k);
      u.vars = next;
      u.updated = this.now();
    }
    const errChanged = u.error !== error;
    if (errChanged) {
      const was = u.error;
      u.error = error;
      if (error && !u.unreachable) this.note(u.id, 'connection', `Cannot read ${u.name}: ${error}`);
      else if (!error && was && was !== 'not read yet' && !this.wasUnreachable.has(u.id)) this.note(u.id, 'connection', `${u.name} readable again`);
      if (u.unreachable) this.wasUnreachable.add(u.id); else this.wasUnreachable.delete(u.id);
    }
    if (changed.includes('ups.status') && before['ups.status'] !== undefined) this.statusEvent(u, before['ups.status'], u.vars['ups.status']);
    if (changed.includes('ups.alarm') && u.vars['ups.alarm']) this.note(u.id, 'alarm', `Alarm: ${u.vars['ups.alarm']}`);
    if (changed.length > 0 || errChanged) this.emit('update', u, changed);
  }

  private statusEvent(u: UpsSnapshot, from: string, to: string | undefined): void {
    const a = statusTokens(from);
    const b = statusTokens(to);
    const gained = b.filter((t) => !a.includes(t));
    const lost = a.filter((t) => !b.includes(t));
    let msg: string;
    if (gained.includes('OB')) msg = 'Power failure: on battery';
    else if (lost.includes('OB') && b.includes('OL')) msg = 'Power restored: online';
    else msg = [...gained.map((t) => statusWord(t)), ...lost.map((t) => `no longer ${statusWord(t).toLowerCase()}`)].join(', ');
    this.note(u.id, 'status', `${msg} (status ${to ?? 'gone'}, was ${from})`);
  }
}
