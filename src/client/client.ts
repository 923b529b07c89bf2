// NutClient: one connection to upsd speaking the NUT network protocol.
// Requests are written as soon as they are made (several in the same tick go
// out in one write) and replies are matched to them in order, so
// `Promise.all([c.getVar(u, a), c.getVar(u, b)])` costs one round trip.

import { EventEmitter } from 'node:events';
import type net from 'node:net';
import type { ConnectionOptions as TlsConnectionOptions, TLSSocket } from 'node:tls';
import { NutProtocolError } from '../core/errors.js';
import {
  encodeArg, formatRequest, parseErr, parseReply, echoes, isListBegin, isListEnd,
  parseTypeWords, trackingId, type VarType,
} from '../protocol/client-codec.js';
import { NutClientError } from './errors.js';
import { openTransport, defaultConnectTimeout } from './transport.js';
import { splitAddr } from './splitname.js';

export type TlsMode = 'none' | 'try' | 'require';

export interface NutTlsOptions {
  /** verify the server certificate chain and host name (CERTVERIFY). Default false, like NUT. */
  verify?: boolean;
  /** trusted CA certificate(s), PEM */
  ca?: string | Buffer | Array<string | Buffer>;
  /** name to check the certificate against (CERTHOST); default: the host connected to */
  servername?: string;
  /** client certificate and key, PEM (for upsd CERTREQUEST) */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** anything else node:tls accepts */
  extra?: TlsConnectionOptions;
}

export interface NutClientOptions {
  /** host name or address; default localhost. Also accepts `host:port` / `[v6]:port`. */
  host?: string;
  /** TCP port; default 3493 */
  port?: number;
  /** connect to upsd's Unix socket instead of TCP (same protocol) */
  socketPath?: string;
  /** restrict resolution to IPv4 or IPv6 */
  family?: 4 | 6;
  /** per-address connect timeout, ms. Default: NUT_DEFAULT_CONNECT_TIMEOUT (seconds) if set, else the OS's. */
  connectTimeout?: number;
  /** max wait for each reply line, ms; default 5000 (libupsclient's); 0 = forever */
  readTimeout?: number;
  /** STARTTLS right after connecting: 'try' falls back to plaintext, 'require' fails. Default 'none'. */
  tls?: TlsMode | boolean;
  tlsOptions?: NutTlsOptions;
  /** longest reply line accepted, bytes; default 65536 */
  maxLineLength?: number;
  /** most items accepted in one LIST reply; default 100000 */
  maxListItems?: number;
  /** receives libupsclient-style warnings (e.g. connect timeouts); default: ignored */
  onWarning?: (msg: string) => void;
}

export interface UpsEntry { name: string; description: string }
export interface VarEntry { name: string; value: string }
export interface RangeEntry { min: string; max: string }
export interface CommandResult {
  /** the reply line, e.g. `OK` or `OK TRACKING <id>` */
  reply: string;
  /** set when tracking is on and upsd gave an id */
  trackingId?: string;
}

interface Pending {
  list: boolean;
  began: boolean;
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (e: Error) => void;
  /** for listPartial: a list cut short by a failure hands over what it got */
  partial?: (lines: string[], e: Error) => void;
}

export class NutClient extends EventEmitter {
  readonly host: string;
  readonly port: number;
  readonly socketPath?: string;
  /** max wait per reply line in ms (0 = none); may be changed at any time */
  readTimeout: number;
  private sock: net.Socket;
  private tlsActive = false;
  private buf = '';
  private queue: Pending[] = [];
  private out = '';
  private flushQueued = false;
  private timer?: NodeJS.Timeout;
  private dead?: NutClientError;
  private readonly maxLine: number;
  private readonly maxItems: number;

  private constructor(sock: net.Socket, o: NutClientOptions, host: string, port: number) {
    super();
    this.sock = sock;
    this.host = host;
    this.port = port;
    this.socketPath = o.socketPath;
    this.readTimeout = o.readTimeout ?? 5000;
    this.maxLine = o.maxLineLength ?? 65536;
    this.maxItems = o.maxListItems ?? 100000;
    this.attach(sock);
  }

  /**
   * Open a connection. `target` may be `host`, `host:port`, `[v6]:port`, or options.
   * With `tls: 'try'|'require'` STARTTLS is negotiated before this resolves.
   */
  static async connect(target?: string | NutClientOptions, options: NutClientOptions = {}): Promise<NutClient> {
    let o: NutClientOptions = typeof target === 'object' ? { ...target } : { ...options };
    if (typeof target === 'string') o = { ...o, host: target };
    let host = o.host ?? 'localhost';
    let port = o.port ?? 3493;
    if (o.host !== undefined && o.port === undefined && !o.socketPath && (o.host.includes(':') || o.host.startsWith('['))) {
      // `host:port` / `[v6]:port` form; a bare IPv6 literal (several colons, no brackets) is taken as a host.
      if (o.host.startsWith('[') || o.host.indexOf(':') === o.host.lastIndexOf(':')) {
        const r = splitAddr(o.host);
        if (!r.ok) throw new NutClientError('NOSUCHHOST', r.message);
        host = r.host;
        port = r.port;
      }
    }
    const connectTimeout = o.connectTimeout ?? defaultConnectTimeout();
    const sock = await openTransport({ host, port, socketPath: o.socketPath, family: o.family, connectTimeout, onWarning: o.onWarning });
    const c = new NutClient(sock, o, host, port);
    const mode: TlsMode = o.tls === true ? 'require' : o.tls === false || o.tls === undefined ? 'none' : o.tls;
    if (mode !== 'none') {
      try {
        const ok = await c.startTls(o.tlsOptions);
        if (!ok && mode === 'require') throw new NutClientError('SSLFAIL');
        if (!ok && o.tlsOptions?.verify) throw new NutClientError('SSLFAIL');
      } catch (e) {
        c.destroy();
        throw e;
      }
    }
    return c;
  }

  /** true once STARTTLS succeeded */
  get secure(): boolean { return this.tlsActive; }
  /** true once the connection is gone */
  get closed(): boolean { return this.dead !== undefined; }
  /** the TLS socket when secure (peer certificate, cipher, ...) */
  get tlsSocket(): TLSSocket | undefined { return this.tlsActive ? (this.sock as TLSSocket) : undefined; }

  // ---- plumbing -------------------------------------------------------

  private onData = (chunk: Buffer): void => {
    this.buf += chunk.toString('latin1');
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      if (line.length > this.maxLine) { this.fail(new NutClientError('PROTOCOL', 'reply line too long')); return; }
      this.onLine(line);
      if (this.dead) return;
    }
    if (this.buf.length > this.maxLine) this.fail(new NutClientError('PROTOCOL', 'reply line too long'));
  };
  private onEnd = (): void => { this.fail(new NutClientError('SRVDISC')); };
  private onError = (e: Error): void => {
    this.fail(new NutClientError('READ', (e as { code?: string }).code === 'ECONNRESET' ? 'Connection reset by peer' : e.message, e));
  };

  private attach(s: net.Socket): void {
    s.on('data', this.onData);
    s.on('end', this.onEnd);
    s.on('close', this.onEnd);
    s.on('error', this.onError);
  }

  private detach(s: net.Socket): void {
    s.removeListener('data', this.onData);
    s.removeListener('end', this.onEnd);
    s.removeListener('close', this.onEnd);
    s.removeListener('error', this.onError);
  }

  private onLine(line: string): void {
    const p = this.queue[0];
    if (!p) return; // upsd never talks unprompted; ignore stray bytes
    if (!p.list) {
      this.queue.shift();
      p.resolve([line]);
    } else {
      p.lines.push(line);
      if (!p.began) {
        if (/^BEGIN[ \t]+LIST\b/i.test(line)) p.began = true;
        else { this.queue.shift(); p.resolve(p.lines); }
      } else if (/^END[ \t]+LIST\b/.test(line) || line.startsWith('ERR ')) {
        // an ERR inside a list ends it too (libupsclient's list_next fails at once)
        this.queue.shift();
        p.resolve(p.lines);
      }
      else if (p.lines.length > this.maxItems + 1) {
        this.fail(new NutClientError('PROTOCOL', 'list too long'));
        return;
      }
    }
    this.armTimer();
  }

  private armTimer(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.queue.length > 0 && this.readTimeout > 0 && !this.dead) {
      this.timer = setTimeout(() => {
        // like libupsclient, still say LOGOUT; the stream is out of step now, so close it
        const s = this.sock;
        this.fail(new NutClientError('SRVDISC', 'read timeout'), false);
        s.end('LOGOUT\n');
        setTimeout(() => s.destroy(), 1000).unref();
      }, this.readTimeout);
    }
  }

  private fail(err: NutClientError, destroy = true): void {
    if (this.dead) return;
    this.dead = err;
    if (this.timer) clearTimeout(this.timer);
    const q = this.queue;
    this.queue = [];
    for (const p of q) {
      if (p.partial && p.began) p.partial(p.lines, err);
      else p.reject(err);
    }
    if (destroy) this.sock.destroy();
    this.emit('close', err);
  }

  private send(line: string, list: boolean, partial?: (lines: string[], e: Error) => void): Promise<string[]> {
    if (this.dead) return Promise.reject(new NutClientError('SRVDISC'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        list, began: false, lines: [], resolve, reject,
        partial: partial ? (lines, e) => { partial(lines, e); resolve(lines); } : undefined,
      });
      this.out += line;
      if (!this.flushQueued) {
        this.flushQueued = true;
        process.nextTick(() => this.flush());
      }
      if (this.queue.length === 1) this.armTimer();
    });
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.dead || this.out === '') return;
    const data = this.out;
    this.out = '';
    this.sock.write(Buffer.from(data, 'latin1'), (e) => {
      if (e) this.fail(new NutClientError('WRITE', e.message, e));
    });
  }

  // ---- generic requests ------------------------------------------------

  /**
   * Send one raw line (LF added if missing) and resolve with the single reply
   * line, uninterpreted (like upscli_sendline + upscli_readline).
   */
  async request(line: string): Promise<string> {
    const [reply] = await this.send(line.endsWith('\n') ? line : line + '\n', false);
    return reply!;
  }

  /** Send a command built from words (arguments encoded); `ERR` → NutProtocolError; returns the reply line. */
  async simple(cmd: string, ...args: string[]): Promise<string> {
    const reply = await this.request(formatRequest(cmd, ...args));
    const err = parseErr(reply);
    if (err) throw new NutProtocolError(err.code, err.extra);
    return reply;
  }

  /** Like simple() but the reply must start with `OK` (anything else → PROTOCOL error). */
  private async ok(cmd: string, ...args: string[]): Promise<string> {
    const reply = await this.simple(cmd, ...args);
    if (!reply.startsWith('OK')) throw new NutClientError('PROTOCOL', reply);
    return reply;
  }

  /**
   * `GET <query...>`: checks the echo like upscli_get and returns the words
   * after it (e.g. getRaw('VAR','u','ups.status') → ['OL']).
   */
  async getRaw(...query: string[]): Promise<string[]> {
    const reply = await this.request(formatRequest('GET', ...query));
    const r = parseReply(reply);
    if (r.kind === 'err') throw new NutProtocolError(r.code, r.extra);
    if (r.kind === 'parse-error') throw new NutClientError('PARSE', r.message);
    if (r.words.length <= query.length || !echoes(r.words, query)) throw new NutClientError('PROTOCOL', reply);
    return r.words.slice(query.length);
  }

  /**
   * `LIST <query...>`: checks BEGIN/END framing and that each item echoes the
   * query; returns every item's words after the echo.
   */
  async listRaw(...query: string[]): Promise<string[][]> {
    const r = await this.listPartial(...query);
    if (r.error) throw r.error;
    return r.items;
  }

  /**
   * Like listRaw(), but a failure after `BEGIN LIST` (bad item, disconnect)
   * is returned next to the items received so far, the way NUT's clients
   * print what they got and stop (upscli_list_next returning -1).
   * Failures before the list starts are thrown.
   */
  async listPartial(...query: string[]): Promise<{ items: string[][]; error?: Error }> {
    let cut: Error | undefined;
    const lines = await this.send(formatRequest('LIST', ...query), true, (_got, e) => { cut = e; });
    const items: string[][] = [];
    for (let i = 0; i < lines.length; i++) {
      const r = parseReply(lines[i]!);
      const bad = r.kind === 'err' ? new NutProtocolError(r.code, r.extra)
        : r.kind === 'parse-error' ? new NutClientError('PARSE', r.message) : undefined;
      if (i === 0) {
        if (bad) throw bad;
        if (r.kind === 'words' && !isListBegin(r.words, query)) throw new NutClientError('PROTOCOL', lines[0]);
        continue;
      }
      if (bad) return { items, error: bad };
      const words = (r as { words: string[] }).words;
      if (isListEnd(words)) return { items };
      if (!echoes(words, query)) return { items, error: new NutClientError('PROTOCOL', lines[i]) };
      items.push(words.slice(query.length));
    }
    return { items, error: cut ?? new NutClientError('SRVDISC') };
  }

  // ---- one method per protocol command --------------------------------

  /** `VER` → server version line */
  ver(): Promise<string> { return this.simple('VER'); }
  /** `NETVER` → protocol version, e.g. `1.3` */
  netVer(): Promise<string> { return this.simple('NETVER'); }
  /** `PROTVER`, falling back to `NETVER` on old servers */
  async protVer(): Promise<string> {
    const r = await this.request('PROTVER\n');
    return r.startsWith('ERR') ? this.netVer() : r;
  }
  /** `HELP` → the command list line */
  help(): Promise<string> { return this.simple('HELP'); }

  async listUps(): Promise<UpsEntry[]> {
    return (await this.listRaw('UPS')).map((w) => need(w, 2, 'LIST UPS', (x) => ({ name: x[0]!, description: x[1]! })));
  }
  async listVar(ups: string): Promise<VarEntry[]> {
    return (await this.listRaw('VAR', ups)).map((w) => need(w, 2, 'LIST VAR', (x) => ({ name: x[0]!, value: x[1]! })));
  }
  async listRw(ups: string): Promise<VarEntry[]> {
    return (await this.listRaw('RW', ups)).map((w) => need(w, 2, 'LIST RW', (x) => ({ name: x[0]!, value: x[1]! })));
  }
  async listCmd(ups: string): Promise<string[]> {
    return (await this.listRaw('CMD', ups)).map((w) => need(w, 1, 'LIST CMD', (x) => x[0]!));
  }
  async listEnum(ups: string, name: string): Promise<string[]> {
    return (await this.listRaw('ENUM', ups, name)).map((w) => need(w, 1, 'LIST ENUM', (x) => x[0]!));
  }
  async listRange(ups: string, name: string): Promise<RangeEntry[]> {
    return (await this.listRaw('RANGE', ups, name)).map((w) => need(w, 2, 'LIST RANGE', (x) => ({ min: x[0]!, max: x[1]! })));
  }
  async listClient(ups: string): Promise<string[]> {
    return (await this.listRaw('CLIENT', ups)).map((w) => need(w, 1, 'LIST CLIENT', (x) => x[0]!));
  }

  async getVar(ups: string, name: string): Promise<string> { return (await this.getRaw('VAR', ups, name))[0]!; }
  async getType(ups: string, name: string): Promise<VarType> { return parseTypeWords(await this.getRaw('TYPE', ups, name)); }
  async getDesc(ups: string, name: string): Promise<string> { return (await this.getRaw('DESC', ups, name))[0]!; }
  async getCmdDesc(ups: string, cmd: string): Promise<string> { return (await this.getRaw('CMDDESC', ups, cmd))[0]!; }
  async getUpsDesc(ups: string): Promise<string> { return (await this.getRaw('UPSDESC', ups))[0]!; }
  async getNumLogins(ups: string): Promise<number> {
    const v = (await this.getRaw('NUMLOGINS', ups))[0]!;
    const n = Number(v);
    if (!/^\d+$/.test(v)) throw new NutClientError('PROTOCOL', `NUMLOGINS ${v}`);
    return n;
  }
  /**
   * `GET TRACKING <id>` → the bare status line: `PENDING`, `SUCCESS`,
   * `ERR UNKNOWN`, `ERR INVALID-ARGUMENT`, `ERR FAILED` (results, not thrown);
   * only `ERR FEATURE-NOT-CONFIGURED` (tracking off) is thrown.
   */
  async getTracking(id: string): Promise<string> {
    const r = await this.request(formatRequest('GET', 'TRACKING', id));
    if (r.startsWith('ERR FEATURE-NOT-CONFIGURED')) throw new NutProtocolError('FEATURE-NOT-CONFIGURED');
    return r;
  }
  /** `GET TRACKING` (no id) → whether tracking is on for this connection */
  async getTrackingMode(): Promise<boolean> {
    const r = await this.simple('GET', 'TRACKING');
    return r === 'ON';
  }

  /** values of several variables in one round trip; missing ones map to their error */
  async getVars(ups: string, names: string[]): Promise<Map<string, string | Error>> {
    const rs = await Promise.allSettled(names.map((n) => this.getVar(ups, n)));
    const m = new Map<string, string | Error>();
    rs.forEach((r, i) => m.set(names[i]!, r.status === 'fulfilled' ? r.value : (r.reason as Error)));
    return m;
  }

  username(name: string): Promise<string> { return this.ok('USERNAME', name); }
  password(pass: string): Promise<string> { return this.ok('PASSWORD', pass); }
  /** USERNAME and PASSWORD in one round trip */
  async authenticate(name: string, pass: string): Promise<void> {
    const [a, b] = await Promise.allSettled([this.username(name), this.password(pass)]);
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
  }
  login(ups: string): Promise<string> { return this.ok('LOGIN', ups); }
  /** `PRIMARY <ups>`, retried as `MASTER <ups>` when refused (pre-2.8 servers) */
  async primary(ups: string): Promise<string> {
    const r = await this.request(formatRequest('PRIMARY', ups));
    if (r.startsWith('OK')) return r;
    return this.ok('MASTER', ups);
  }
  master(ups: string): Promise<string> { return this.ok('MASTER', ups); }
  fsd(ups: string): Promise<string> { return this.ok('FSD', ups); }

  /** `SET VAR <ups> <var> "<value>"` (value always quoted and escaped, like upsrw) */
  async setVar(ups: string, name: string, value: string): Promise<CommandResult> {
    const line = `SET VAR ${encodeArg(ups)} ${encodeArg(name)} "${value.replace(/["\\#]/g, (m) => '\\' + m)}"\n`;
    return this.tracked(await this.request(line));
  }
  /** `INSTCMD <ups> <cmd> [<param>]` (param quoted only when it needs it) */
  async instcmd(ups: string, cmd: string, param?: string): Promise<CommandResult> {
    const args = param === undefined ? [ups, cmd] : [ups, cmd, param];
    return this.tracked(await this.request(formatRequest('INSTCMD', ...args)));
  }
  private tracked(reply: string): CommandResult {
    const err = parseErr(reply);
    if (err) throw new NutProtocolError(err.code, err.extra);
    if (!reply.startsWith('OK')) throw new NutClientError('PROTOCOL', reply);
    const id = trackingId(reply);
    return id ? { reply, trackingId: id } : { reply };
  }
  /** `SET TRACKING ON|OFF` */
  async setTracking(on: boolean): Promise<void> { await this.ok('SET', 'TRACKING', on ? 'ON' : 'OFF'); }

  /**
   * Poll `GET TRACKING <id>` every `intervalMs` until it is no longer
   * PENDING; resolves with the final line (`SUCCESS`, `ERR ...`).
   */
  async waitTracking(id: string, timeoutMs = 10000, intervalMs = 1000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.getTracking(id);
      if (!r.startsWith('PENDING')) return r;
      if (Date.now() + intervalMs > end) throw new NutClientError('UNKNOWN', 'tracking timeout');
      await new Promise((res) => setTimeout(res, intervalMs));
    }
  }

  /**
   * `STARTTLS` and the TLS handshake. Resolves false when the server declines
   * (plaintext continues), true when the session is now encrypted.
   */
  async startTls(opts: NutTlsOptions = {}): Promise<boolean> {
    if (this.tlsActive) return true;
    if (this.queue.length > 0) throw new NutClientError('SSLERR', 'requests pending');
    let r: string;
    try {
      r = await this.request('STARTTLS\n');
    } catch (e) {
      if (e instanceof NutClientError) e.stage = 'starttls';
      throw e;
    }
    if (!r.startsWith('OK STARTTLS')) return false;
    const tls = await import('node:tls');
    const raw = this.sock;
    this.detach(raw);
    const isIp = /^[\d.]+$/.test(this.host) || this.host.includes(':');
    const servername = opts.servername ?? (isIp || this.socketPath ? undefined : this.host);
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tls.connect({
        socket: raw,
        rejectUnauthorized: opts.verify ?? false,
        ca: opts.ca, cert: opts.cert, key: opts.key,
        servername,
        minVersion: 'TLSv1',
        ...(opts.verify && opts.servername === undefined && isIp
          ? { checkServerIdentity: (_h: string, cert: import('node:tls').PeerCertificate) => tls.checkServerIdentity(this.host, cert) }
          : {}),
        ...opts.extra,
      });
      const onErr = (e: Error) => reject(e);
      s.once('error', onErr);
      s.once('secureConnect', () => { s.removeListener('error', onErr); resolve(s); });
    }).catch((e: Error) => {
      const err = new NutClientError('SSLERR', e.message || 'peer disconnected', e);
      err.stage = 'handshake';
      this.sock = raw;
      this.fail(err);
      throw err;
    });
    this.sock = secure;
    this.tlsActive = true;
    this.attach(secure);
    return true;
  }

  /** `LOGOUT`, wait for `OK Goodbye`, close */
  async logout(): Promise<string> {
    try {
      return await this.simple('LOGOUT');
    } finally {
      this.destroy();
    }
  }

  /**
   * Polite close like upscli_disconnect: send LOGOUT without waiting for the
   * answer, half-close, and resolve once the socket is gone (≤ 1 s).
   */
  async close(): Promise<void> {
    if (this.dead) return;
    const s = this.sock;
    await new Promise<void>((res) => {
      const t = setTimeout(() => { s.destroy(); res(); }, 1000);
      s.once('close', () => { clearTimeout(t); res(); });
      this.flush();
      s.end('LOGOUT\n');
    });
    this.fail(new NutClientError('SRVDISC', 'closed'));
  }

  /**
   * Best-effort LOGOUT for a program about to exit: queue `LOGOUT` and
   * half-close without waiting (the write normally leaves at once).
   */
  disconnect(): void {
    if (this.dead) return;
    this.flush();
    this.sock.end('LOGOUT\n');
    this.dead = new NutClientError('SRVDISC', 'closed');
  }

  /** Drop the connection at once (no LOGOUT). */
  destroy(): void { this.fail(new NutClientError('SRVDISC', 'closed')); }
}

function need<T>(w: string[], n: number, what: string, f: (w: string[]) => T): T {
  if (w.length < n) throw new NutClientError('PROTOCOL', `${what}: short item`);
  return f(w);
}
