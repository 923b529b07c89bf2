// upsweb's HTTP shell: routes requests to the pure renderers, holds the live
// streams, records history. Every response is bounded; bad input gets a JSON
// error (API) or a plain message (pages), never a crash.

import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { NutClient } from '../client/client.js';
import { upscliStrerror } from '../client/errors.js';
import { NutProtocolError } from '../core/errors.js';
import { NUT_VERSION } from '../core/paths.js';
import type { HostsConf } from '../config/hostsconf.js';
import type { UpswebConf } from '../config/upswebconf.js';
import type { HistoryStore, Reading } from '../history/types.js';
import { SERIES, SERIES_VAR } from '../history/types.js';
import { UpsHub, type HubEvent, type UpsSnapshot } from './hub.js';
import { deviceJson, updateJson, RANGES } from './api.js';
import { OPENAPI } from './openapi.js';
import { renderMetrics, EXPORTER_DEFAULT_VARS, DEFAULT_STATUSES } from './metrics.js';
import { Sessions, parseCookies, sessionCookie, COOKIE, type Session } from './auth.js';
import { handleCgi } from './cgi/route.js';

const MAX_BODY = 16 * 1024;
/** a stream that cannot keep up is cut rather than buffered without end */
const MAX_STREAM_BACKLOG = 256 * 1024;

export interface WebOptions {
  conf: UpswebConf;
  hosts: HostsConf;
  confPath: string;
  history?: HistoryStore;
  log?: (msg: string) => void;
  /** test hook: the clock */
  now?: () => number;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STATIC: Record<string, [file: string, type: string]> = {
  '/': [join(ROOT, 'web/index.html'), 'text/html; charset=utf-8'],
  '/assets/app.js': [join(ROOT, 'web/app.js'), 'text/javascript; charset=utf-8'],
  '/assets/app.css': [join(ROOT, 'web/app.css'), 'text/css; charset=utf-8'],
  '/assets/uPlot.js': [join(ROOT, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
  '/assets/uPlot.css': [join(ROOT, 'node_modules/uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'],
};

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

export class WebServer {
  readonly hub: UpsHub;
  readonly sessions: Sessions;
  private servers: (http.Server | https.Server)[] = [];
  private streams = new Set<http.ServerResponse>();
  private staticCache = new Map<string, Buffer>();
  private timers: NodeJS.Timeout[] = [];
  private lastRecord = new Map<string, number>();
  private readonly now: () => number;
  private secure = false;

  constructor(readonly o: WebOptions) {
    this.now = o.now ?? Date.now;
    this.hub = new UpsHub(o.hosts.monitors, { pollMs: o.conf.pollFreq * 1000, now: this.now });
    this.sessions = new Sessions(this.now);
    this.hub.on('update', (u: UpsSnapshot, changed: string[]) => {
      this.broadcast('update', updateJson(u, changed));
      this.maybeRecord(u);
    });
    this.hub.on('event', (e: HubEvent) => {
      let id = 0;
      try { id = this.o.history?.addEvent(e) ?? 0; } catch (err) { this.o.log?.(`history: ${(err as Error).message}`); }
      this.broadcast('event', { id, time: new Date(e.ts).toISOString(), ups: e.ups, type: e.type, message: e.message });
    });
  }

  get streamCount(): number { return this.streams.size; }

  /** listen on every LISTEN address; resolves with the bound ports */
  async start(): Promise<number[]> {
    const { conf } = this.o;
    let tls: { cert: Buffer; key: Buffer } | undefined;
    if (conf.certFile) {
      const pem = readFileSync(conf.certFile);
      tls = { cert: pem, key: pem };
      this.secure = true;
    }
    const ports: number[] = [];
    for (const l of conf.listen) {
      const handler = (req: http.IncomingMessage, res: http.ServerResponse) => { void this.handle(req, res); };
      const srv = tls ? https.createServer({ ...tls }, handler) : http.createServer(handler);
      srv.requestTimeout = 15000;
      srv.headersTimeout = 10000;
      srv.maxHeadersCount = 64;
      srv.keepAliveTimeout = 5000;
      await new Promise<void>((res, rej) => {
        srv.once('error', rej);
        srv.listen(l.port, l.host, () => { srv.off('error', rej); res(); });
      });
      ports.push((srv.address() as AddressInfo).port);
      this.servers.push(srv);
    }
    this.hub.start();
    // keep idle streams open through proxies; roll up history hourly
    this.timers.push(setInterval(() => { for (const s of this.streams) s.write(': keep-alive\n\n'); }, 25000));
    if (this.o.history) this.timers.push(setInterval(() => this.o.history?.compact(this.now() / 1000), 3600 * 1000));
    for (const t of this.timers) t.unref();
    return ports;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.streams) s.end();
    this.streams.clear();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); })));
    await this.hub.stop();
    this.o.history?.close();
  }

  private maybeRecord(u: UpsSnapshot): void {
    const h = this.o.history;
    if (!h || u.error) return;
    const t = Math.floor(this.now() / 1000);
    const last = this.lastRecord.get(u.id) ?? 0;
    if (t - last < this.o.conf.historyInterval) return;
    this.lastRecord.set(u.id, t);
    const r = { ts: t } as Reading;
    for (const s of SERIES) {
      const v = Number.parseFloat(u.vars[SERIES_VAR[s]] ?? '');
      r[s] = Number.isFinite(v) ? v : null;
    }
    try { h.record(u.id, r); } catch (e) { this.o.log?.(`history: ${(e as Error).message}`); }
  }

  broadcast(event: string, data: unknown): void {
    if (this.streams.size === 0) return;
    const msg = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of this.streams) {
      if (s.writableLength > MAX_STREAM_BACKLOG) { s.destroy(); this.streams.delete(s); continue; }
      s.write(msg);
    }
  }

  // ---- requests ---------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    let url: URL;
    try {
      if ((req.url ?? '').length > 4096) throw new HttpError(414, 'URI-TOO-LONG', 'request line too long');
      url = new URL(req.url ?? '/', 'http://x');
    } catch (e) {
      return this.sendError(res, e instanceof HttpError ? e : new HttpError(400, 'BAD-REQUEST', 'malformed request path'));
    }
    try {
      const p = url.pathname;
      if (p.startsWith('/api/')) return await this.api(req, res, url);
      if (p === '/metrics' || p === '/ups_metrics') return this.metrics(req, res, url);
      if (p.startsWith('/cgi-bin/nut/')) return await handleCgi(this, req, res, url);
      const st = STATIC[p];
      if (st && (req.method === 'GET' || req.method === 'HEAD')) return this.sendStatic(req, res, p, st[0], st[1]);
      throw new HttpError(404, 'NOT-FOUND', `no such page: ${p}`);
    } catch (e) {
      if (res.headersSent) { res.destroy(); return; }
      if (e instanceof HttpError) return this.sendError(res, e);
      this.o.log?.(`${req.method} ${url.pathname}: ${(e as Error).stack ?? e}`);
      return this.sendError(res, new HttpError(500, 'INTERNAL', 'internal error'));
    }
  }

  private sendStatic(req: http.IncomingMessage, res: http.ServerResponse, path: string, file: string, type: string): void {
    let plain = this.staticCache.get(path);
    if (!plain) { plain = readFileSync(file); this.staticCache.set(path, plain); }
    // gzip once, serve to every browser that takes it (a third of the bytes)
    const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let body = plain;
    if (gz) {
      body = this.staticCache.get(path + '\0gz') ?? gzipSync(plain, { level: 9 });
      this.staticCache.set(path + '\0gz', body);
    }
    res.writeHead(200, {
      ...(gz ? { 'Content-Encoding': 'gzip' } : {}), Vary: 'Accept-Encoding',
      'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': path === '/' ? 'no-cache' : 'max-age=3600',
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private sendError(res: http.ServerResponse, e: HttpError): void {
    this.sendJson(res, e.status, { error: e.code, message: e.message });
  }

  async readBody(req: http.IncomingMessage): Promise<string> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) throw new HttpError(413, 'TOO-LARGE', `request body over ${MAX_BODY} bytes`);
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async jsonBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const text = await this.readBody(req);
    if (text.trim() === '') return {};
    const ct = req.headers['content-type'] ?? '';
    if (ct.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch { /* fall through */ }
    throw new HttpError(400, 'BAD-REQUEST', 'the request body must be a JSON object');
  }

  private device(id: string): UpsSnapshot {
    const u = this.hub.find(id);
    if (!u) throw new HttpError(404, 'UNKNOWN-UPS', `no UPS ${JSON.stringify(id)} in hosts.conf`);
    return u;
  }

  private session(req: http.IncomingMessage): Session | undefined {
    return this.sessions.get(parseCookies(req.headers.cookie)[COOKIE]);
  }

  /** a state-changing request: logged in, same origin, CSRF token matches */
  private authorised(req: http.IncomingMessage): Session {
    const origin = req.headers.origin;
    if (origin !== undefined && req.headers.host !== undefined && origin.replace(/^https?:\/\//, '') !== req.headers.host) {
      throw new HttpError(401, 'CSRF', 'cross-origin request refused');
    }
    const t = req.headers['x-csrf-token'];
    const s = this.sessions.checked(parseCookies(req.headers.cookie)[COOKIE], Array.isArray(t) ? t[0] : t);
    if (!s) throw new HttpError(401, 'LOGIN-REQUIRED', 'log in first (a session cookie and its X-CSRF-Token header are needed)');
    return s;
  }

  /** run `fn` on a connection of its own, as the logged-in upsd user */
  private async asUser<T>(u: UpsSnapshot, s: Session, fn: (c: NutClient) => Promise<T>): Promise<T> {
    let c: NutClient;
    try { c = await NutClient.connect({ host: u.host, port: u.port, connectTimeout: 5000 }); } catch (e) {
      throw new HttpError(502, 'CONNECT-FAILED', `cannot reach upsd at ${u.host}:${u.port}: ${upscliStrerror(e)}`);
    }
    try {
      await c.username(s.user);
      await c.password(s.pass);
      return await fn(c);
    } catch (e) {
      if (e instanceof NutProtocolError) {
        const status = ['ACCESS-DENIED', 'USERNAME-REQUIRED', 'PASSWORD-REQUIRED'].includes(e.code) ? 403 : ['CMD-NOT-SUPPORTED', 'VAR-NOT-SUPPORTED', 'UNKNOWN-UPS'].includes(e.code) ? 404 : e.code === 'INVALID-VALUE' || e.code === 'INVALID-ARGUMENT' || e.code === 'TOO-LONG' ? 400 : 502;
        throw new HttpError(status, e.code, `upsd refused: ${e.code}${e.extra ? ' ' + e.extra : ''} (${upscliStrerror(e)})`);
      }
      throw new HttpError(502, 'UPSD-ERROR', upscliStrerror(e));
    } finally {
      void c.logout().catch(() => undefined).finally(() => c.destroy());
    }
  }

  private async shared<T>(u: UpsSnapshot, fn: (c: NutClient) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.hub.client(u));
    } catch (e) {
      if (e instanceof NutProtocolError && (e.code === 'VAR-NOT-SUPPORTED' || e.code === 'CMD-NOT-SUPPORTED')) throw new HttpError(404, e.code, upscliStrerror(e));
      throw new HttpError(502, e instanceof NutProtocolError ? e.code : 'UPSD-ERROR', upscliStrerror(e));
    }
  }

  private async api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').slice(1).map((x) => { try { return decodeURIComponent(x); } catch { throw new HttpError(400, 'BAD-REQUEST', 'malformed %-escape in path'); } });
    const get = method === 'GET' || method === 'HEAD';
    if (url.pathname === '/api/openapi.json' && get) return this.sendJson(res, 200, OPENAPI);
    if (parts[1] !== 'v1') throw new HttpError(404, 'NOT-FOUND', `no such API path: ${url.pathname}`);
    const [, , what, id, sub, name, detail] = parts;
    if (parts.some((x) => /[\x00-\x1f\x7f]/.test(x))) throw new HttpError(400, 'BAD-REQUEST', 'control characters in the path');
    const q = url.searchParams;
    if (what === 'info' && get) return this.sendJson(res, 200, { name: 'tsnut upsweb', version: NUT_VERSION, devices: this.hub.ups.length });
    if (what === 'devices' && id === undefined && get) return this.sendJson(res, 200, this.hub.ups.map(deviceJson));
    if (what === 'events' && get) {
      const limit = Math.min(Math.max(parseInt(q.get('limit') ?? '100', 10) || 100, 1), 1000);
      const ups = q.get('ups') ?? undefined;
      const ev = this.o.history?.events({ ups: ups ? this.device(ups).id : undefined, limit }) ?? [];
      return this.sendJson(res, 200, ev.map((e) => ({ id: e.id, time: new Date(e.ts).toISOString(), ups: e.ups, type: e.type, message: e.message })));
    }
    if (what === 'stream' && get) return this.stream(req, res);
    if (what === 'login' && method === 'POST') return this.login(req, res);
    if (what === 'session' && get) {
      const s = this.session(req);
      if (!s) throw new HttpError(401, 'LOGIN-REQUIRED', 'not logged in');
      return this.sendJson(res, 200, { user: s.user, csrf: s.csrf });
    }
    if (what === 'logout' && method === 'POST') {
      const s = this.authorised(req);
      this.sessions.drop(s.id);
      return this.sendJson(res, 200, { reply: 'OK' }, { 'Set-Cookie': sessionCookie('', this.secure, 0) });
    }
    if (what !== 'devices' || id === undefined) throw new HttpError(404, 'NOT-FOUND', `no such API path: ${url.pathname}`);
    const u = this.device(id);
    if (sub === undefined && get) return this.sendJson(res, 200, deviceJson(u));
    if (sub === 'vars' && get) return this.sendJson(res, 200, { ...u.vars });
    if (sub === 'var' && name !== undefined) {
      if (get && detail === undefined) {
        const v = u.vars[name];
        if (v === undefined) throw new HttpError(404, 'VAR-NOT-SUPPORTED', `${u.name} has no variable ${name}`);
        return this.sendJson(res, 200, { name, value: v });
      }
      if (get && detail === 'description') return this.sendJson(res, 200, { name, description: await this.shared(u, (c) => c.getDesc(u.name, name)) });
      if (method === 'POST' && detail === undefined) {
        const s = this.authorised(req);
        const body = await this.jsonBody(req);
        if (typeof body.value !== 'string' || body.value.length > 256 || /[\x00-\x1f\x7f]/.test(body.value)) throw new HttpError(400, 'BAD-REQUEST', 'give the new value as {"value": "..."}: one line, at most 256 characters');
        const value = body.value;
        const r = await this.asUser(u, s, (c) => c.setVar(u.name, name, value));
        this.hub.note(u.id, 'setvar', `${s.user} set ${name} to ${value}: ${r.reply}`);
        this.hub.poke();
        return this.sendJson(res, 200, { reply: r.reply });
      }
    }
    if (sub === 'rwvars' && get) return this.sendJson(res, 200, await this.rwvars(u));
    if (sub === 'commands' && get) {
      const list = await this.shared(u, (c) => c.listCmd(u.name));
      const descs = await Promise.all(list.map((cmd) => this.shared(u, (c) => c.getCmdDesc(u.name, cmd)).catch(() => 'Description unavailable')));
      return this.sendJson(res, 200, list.map((cmd, i) => ({ name: cmd, description: descs[i]! })));
    }
    if (sub === 'command' && name !== undefined && method === 'POST') {
      const s = this.authorised(req);
      const body = await this.jsonBody(req);
      const value = typeof body.value === 'string' && body.value !== '' ? body.value : undefined;
      if (value !== undefined && (value.length > 256 || /[\x00-\x1f\x7f]/.test(value))) throw new HttpError(400, 'BAD-REQUEST', 'the command value must be one line of at most 256 characters');
      let result: string | undefined;
      try {
        const r = await this.asUser(u, s, async (c) => {
          const tracking = await c.setTracking(true).then(() => true, () => false);
          const out = await c.instcmd(u.name, name, value);
          if (tracking && out.trackingId) result = await c.waitTracking(out.trackingId, 5000, 100).catch(() => undefined);
          return out;
        });
        this.hub.note(u.id, 'command', `${s.user} issued ${name}${value !== undefined ? ' ' + value : ''}: ${result ?? r.reply}`);
        this.hub.poke();
        return this.sendJson(res, 200, result !== undefined ? { reply: r.reply, result } : { reply: r.reply });
      } catch (e) {
        if (e instanceof HttpError) this.hub.note(u.id, 'command', `${s.user} issued ${name}: refused (${e.code})`);
        throw e;
      }
    }
    if (sub === 'history' && get) {
      const range = q.get('range') ?? '24h';
      const span = RANGES[range];
      if (span === undefined) throw new HttpError(400, 'BAD-REQUEST', `range must be one of ${Object.keys(RANGES).join(', ')}`);
      const to = Math.floor(this.now() / 1000);
      const rows = this.o.history?.readings(u.id, to - span, to) ?? [];
      return this.sendJson(res, 200, { ups: u.id, range, ts: rows.map((r) => r.ts), series: Object.fromEntries(SERIES.map((s) => [s, rows.map((r) => r[s])])) });
    }
    throw new HttpError(404, 'NOT-FOUND', `no such API path: ${url.pathname}`);
  }

  private async rwvars(u: UpsSnapshot): Promise<unknown[]> {
    const list = await this.shared(u, (c) => c.listRw(u.name));
    return Promise.all(list.map(async (v) => {
      const out: Record<string, unknown> = { name: v.name, value: v.value, description: await this.hub.desc(u, v.name) };
      const t = await this.shared(u, (c) => c.getType(u.name, v.name)).catch(() => undefined);
      const type = t ? (t.enum ? 'ENUM' : t.range ? 'RANGE' : t.string !== undefined ? 'STRING' : t.number ? 'NUMBER' : 'UNKNOWN') : 'UNKNOWN';
      out.type = type;
      if (t?.string !== undefined) out.maxLength = t.string;
      if (t?.enum) out.enum = await this.shared(u, (c) => c.listEnum(u.name, v.name)).catch(() => []);
      if (t?.range) out.range = await this.shared(u, (c) => c.listRange(u.name, v.name)).catch(() => []);
      return out;
    }));
  }

  private async login(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const addr = req.socket.remoteAddress ?? '?';
    if (!this.sessions.allowLogin(addr)) throw new HttpError(429, 'TOO-MANY-ATTEMPTS', 'too many login attempts; wait a minute');
    const body = await this.jsonBody(req);
    const { username, password } = body;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '' || username.length > 256 || password.length > 256 || /[\r\n]/.test(username + password)) {
      throw new HttpError(400, 'BAD-REQUEST', 'give username and password');
    }
    const s = this.sessions.create(username, password);
    this.sendJson(res, 200, { user: s.user, csrf: s.csrf }, { 'Set-Cookie': sessionCookie(s.id, this.secure) });
  }

  private stream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.streams.size >= this.o.conf.maxStreams) throw new HttpError(503, 'TOO-MANY-STREAMS', 'too many live streams open');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write(`retry: 2000\nevent: devices\ndata: ${JSON.stringify(this.hub.ups.map(deviceJson))}\n\n`);
    this.streams.add(res);
    const done = () => { this.streams.delete(res); };
    req.on('close', done);
    res.on('error', done);
  }

  private metrics(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const q = url.searchParams;
    const describe = (u: UpsSnapshot, name: string) => this.descs.get(`${u.id}\0${name}`) ?? this.fetchDesc(u, name);
    let text: string;
    if (url.pathname === '/ups_metrics') {
      const want = q.get('ups');
      const list = want ? this.hub.ups.filter((u) => u.name === want || u.id === want) : this.hub.ups;
      if (list.length !== 1) {
        res.writeHead(list.length === 0 ? 404 : 400, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(list.length === 0 ? `no UPS ${want ?? ''} here\n` : 'Multiple UPS devices were found. Please add a ups=<name> query string\n');
        return;
      }
      const vars = q.has('variables') ? q.get('variables')!.split(',').filter((x) => x) : EXPORTER_DEFAULT_VARS;
      const statuses = q.has('statuses') ? q.get('statuses')!.split(',').filter((x) => x) : DEFAULT_STATUSES;
      text = renderMetrics(list, { variables: vars, statuses, describe });
    } else {
      text = renderMetrics(this.hub.ups, { upsLabel: true, describe }, { sseClients: this.streams.size });
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  /** descriptions for HELP lines: fetched once in the background, a placeholder meanwhile */
  private descs = new Map<string, string>();
  private fetchDesc(u: UpsSnapshot, name: string): string {
    const key = `${u.id}\0${name}`;
    this.descs.set(key, 'Description unavailable');
    void this.hub.desc(u, name).then((d) => this.descs.set(key, d));
    return 'Description unavailable';
  }

  /** prefetch HELP descriptions so the first scrape has them */
  async warmDescriptions(): Promise<void> {
    for (const u of this.hub.ups) for (const n of Object.keys(u.vars)) this.descs.set(`${u.id}\0${n}`, await this.hub.desc(u, n));
  }
}
