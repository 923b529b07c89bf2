// dummy-ups repeater mode: poll `LIST VAR <ups>` on another upsd and mirror
// it (drivers.md §7.2). A tiny internal NUT network client (no TLS).
// tsnut additions (documented in docs/drivers.md): the local copy goes stale
// while the remote is unreachable or stale, and with -x username/password SET
// and INSTCMD are forwarded to the remote upsd.

import net from 'node:net';
import { Tokenizer } from '../../core/tokenizer.js';
import { quoteIfNeeded } from '../../core/escape.js';
import { STAT_INSTCMD_FAILED, STAT_INSTCMD_HANDLED, STAT_INSTCMD_INVALID, STAT_INSTCMD_UNKNOWN, STAT_SET_FAILED, STAT_SET_HANDLED, STAT_SET_INVALID, STAT_SET_UNKNOWN, type DriverContext } from '../../driver/types.js';

const MAX_LINES = 100000;

/** upscli_splitname(): <ups>[@<host>[:<port>]] */
export function splitUpsName(s: string): { ups: string; host: string; port: number } | undefined {
  const at = s.indexOf('@');
  const ups = at < 0 ? s : s.slice(0, at);
  if (!ups) return undefined;
  if (at < 0) return { ups, host: 'localhost', port: 3493 };
  let rest = s.slice(at + 1);
  let port = 3493;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0) return undefined;
    const tail = rest.slice(end + 1);
    if (tail.startsWith(':')) port = parseInt(tail.slice(1), 10);
    rest = rest.slice(1, end);
  } else {
    const c = rest.lastIndexOf(':');
    if (c >= 0 && rest.indexOf(':') === c) { port = parseInt(rest.slice(c + 1), 10); rest = rest.slice(0, c); }
  }
  if (!rest || !(port > 0 && port < 65536)) return undefined;
  return { ups, host: rest, port };
}

/** One TCP connection speaking the line protocol. */
class LineConn {
  private sock: net.Socket | undefined;
  private tok = new Tokenizer();
  private lines: string[][] = [];
  private waiter: (() => void) | undefined;
  private dead = false;
  errorText = '';

  async connect(host: string, port: number, timeoutMs = 5000): Promise<void> {
    await new Promise<void>((res, rej) => {
      const s = net.connect({ host, port });
      const t = setTimeout(() => { s.destroy(); rej(new Error('Connection timed out')); }, timeoutMs);
      s.once('connect', () => { clearTimeout(t); res(); });
      s.once('error', (e) => { clearTimeout(t); rej(new Error(connErr(e))); });
      this.sock = s;
    });
    const s = this.sock!;
    s.on('data', (b) => {
      for (const c of b) {
        const r = this.tok.push(c);
        if (r && r.kind === 'line' && this.lines.length < MAX_LINES) this.lines.push(r.args);
      }
      this.waiter?.();
    });
    s.on('close', () => { this.dead = true; this.waiter?.(); });
    s.on('error', () => { this.dead = true; this.waiter?.(); });
  }

  send(line: string): void {
    if (!this.sock || this.dead) throw new Error('Server disconnected');
    this.sock.write(line + '\n');
  }

  async readLine(timeoutMs = 5000): Promise<string[]> {
    const end = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.dead) throw new Error('Server disconnected');
      const left = end - Date.now();
      if (left <= 0) throw new Error('Read timeout');
      await new Promise<void>((r) => { const t = setTimeout(r, left); this.waiter = () => { clearTimeout(t); this.waiter = undefined; r(); }; });
    }
    return this.lines.shift()!;
  }

  close(): void {
    this.dead = true;
    this.sock?.destroy();
  }
}

function connErr(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection failure: Connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'No such host';
  return `Connection failure: ${e.message}`;
}

export class Repeater {
  private poll: LineConn | undefined;
  private cmd: LineConn | undefined;
  readonly target: { ups: string; host: string; port: number };
  private readonly username: string | undefined;
  private readonly password: string | undefined;
  private apply: ((name: string, value: string) => void) | undefined;

  constructor(private readonly ctx: DriverContext, port: string) {
    const t = splitUpsName(port);
    if (!t) ctx.fatal('Error: invalid UPS definition.\nRequired format: upsname[@hostname[:port]]');
    this.target = t;
    this.username = ctx.getval('username');
    this.password = ctx.getval('password');
  }

  get canForward(): boolean { return this.username !== undefined && this.password !== undefined; }

  async start(apply: (name: string, value: string) => void): Promise<void> {
    this.apply = apply;
    try {
      this.poll = new LineConn();
      await this.poll.connect(this.target.host, this.target.port);
      this.ctx.log.debug(1, `Connected to ${this.target.ups}@${this.target.host}`);
    } catch (e) {
      this.ctx.fatal(`Error: ${(e as Error).message}`);
    }
    const r = await this.listVars();
    if (typeof r === 'string') {
      if (r === 'UNKNOWN-COMMAND') this.ctx.fatal('Error: upsd is too old to support this query');
      this.ctx.fatal(`Error: ${errText(r)}`);
    }
  }

  /** LIST VAR; returns the count applied or the ERR code / failure text. */
  private async listVars(): Promise<number | string> {
    const c = this.poll;
    if (!c) return 'Not connected';
    try {
      c.send(`LIST VAR ${this.target.ups}`);
      const first = await c.readLine();
      if (first[0] === 'ERR') return first[1] ?? 'UNKNOWN';
      if (first[0] !== 'BEGIN') return 'Protocol error';
      const vars: Array<[string, string]> = [];
      for (;;) {
        const l = await c.readLine();
        if (l[0] === 'END') break;
        if (l[0] === 'VAR' && l.length >= 4) vars.push([l[2]!, l[3]!]);
        else this.ctx.log.debug(1, `Error: insufficient data (got ${l.length} args, need at least 4)`);
      }
      for (const [n, v] of vars) if (!n.startsWith('driver.')) this.apply!(n, v);
      return vars.length;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async update(): Promise<void> {
    const r = await this.listVars();
    if (typeof r === 'number') { this.ctx.dataOk(); return; }
    this.ctx.log.debug(1, `Error: ${errText(r)}`);
    // tsnut: NUT 2.8.0 keeps serving the old values as fresh; we go stale
    this.ctx.dataStale();
    this.poll?.close();
    this.poll = new LineConn();
    try {
      await this.poll.connect(this.target.host, this.target.port);
      this.ctx.log.debug(1, 'Reconnected');
    } catch (e) {
      this.ctx.log.debug(1, `Error reconnecting: ${(e as Error).message}`);
    }
  }

  private async command(line: string): Promise<string[]> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if (!this.cmd) {
          const c = new LineConn();
          await c.connect(this.target.host, this.target.port);
          c.send(`USERNAME ${quoteIfNeeded(this.username!)}`);
          const u = await c.readLine();
          c.send(`PASSWORD ${quoteIfNeeded(this.password!)}`);
          const p = await c.readLine();
          if (u[0] !== 'OK' || p[0] !== 'OK') { c.close(); return p[0] === 'OK' ? u : p; }
          this.cmd = c;
        }
        this.cmd.send(line);
        return await this.cmd.readLine();
      } catch {
        this.cmd?.close();
        this.cmd = undefined;
      }
    }
    return ['ERR', 'DRIVER-NOT-CONNECTED'];
  }

  async instcmd(cmd: string, param: string | undefined): Promise<number> {
    const r = await this.command(`INSTCMD ${this.target.ups} ${cmd}${param !== undefined ? ' ' + quoteIfNeeded(param) : ''}`);
    if (r[0] === 'OK') return STAT_INSTCMD_HANDLED;
    this.ctx.log.notice(`instcmd: remote upsd refused [${cmd}]: ${r.join(' ')}`);
    if (r[1] === 'CMD-NOT-SUPPORTED') return STAT_INSTCMD_INVALID;
    if (r[1] === 'INVALID-ARGUMENT') return STAT_INSTCMD_INVALID;
    if (r[1] === 'INSTCMD-FAILED') return STAT_INSTCMD_FAILED;
    return STAT_INSTCMD_UNKNOWN;
  }

  async setvar(name: string, value: string): Promise<number> {
    const r = await this.command(`SET VAR ${this.target.ups} ${name} ${quoteIfNeeded(value)}`);
    if (r[0] === 'OK') return STAT_SET_HANDLED;
    this.ctx.log.notice(`setvar: remote upsd refused [${name}]: ${r.join(' ')}`);
    if (r[1] === 'READONLY' || r[1] === 'VAR-NOT-SUPPORTED' || r[1] === 'INVALID-VALUE' || r[1] === 'TOO-LONG') return STAT_SET_INVALID;
    if (r[1] === 'SET-FAILED') return STAT_SET_FAILED;
    return STAT_SET_UNKNOWN;
  }

  close(): void {
    this.poll?.close();
    this.cmd?.close();
  }
}

/** upscli_strerror() texts for server ERR codes */
function errText(code: string): string {
  const map: Record<string, string> = {
    'UNKNOWN-UPS': 'Unknown UPS',
    'DATA-STALE': 'Data stale',
    'DRIVER-NOT-CONNECTED': 'Driver not connected',
    'ACCESS-DENIED': 'Access denied',
    'VAR-NOT-SUPPORTED': 'Variable not supported by UPS',
  };
  return map[code] ?? code;
}
