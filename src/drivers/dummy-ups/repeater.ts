// dummy-ups repeater mode: poll `LIST VAR <ups>` on another upsd and mirror
// it (drivers.md §7.2).
// tsnut additions (documented in docs/drivers.md): the local copy goes stale
// while the remote is unreachable or stale, and with -x username/password SET
// and INSTCMD are forwarded to the remote upsd. Uses the public NutClient.

import { NutClient, upscliStrerror, splitName } from '../../client/index.js';
import { NutProtocolError } from '../../core/errors.js';
import { STAT_INSTCMD_FAILED, STAT_INSTCMD_HANDLED, STAT_INSTCMD_INVALID, STAT_INSTCMD_UNKNOWN, STAT_SET_FAILED, STAT_SET_HANDLED, STAT_SET_INVALID, STAT_SET_UNKNOWN, type DriverContext } from '../../driver/kit/index.js';

/** upscli_splitname(): <ups>[@<host>[:<port>]] */
export function splitUpsName(s: string): { ups: string; host: string; port: number } | undefined {
  const r = splitName(s);
  return r.ok ? { ups: r.ups, host: r.host, port: r.port } : undefined;
}

export class Repeater {
  private poll: NutClient | undefined;
  private cmd: NutClient | undefined;
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

  /** UPSCLI_CONN_TRYSSL: STARTTLS if the server offers it, else plaintext */
  private connect(): Promise<NutClient> {
    return NutClient.connect({ host: this.target.host, port: this.target.port, tls: 'try' });
  }

  async start(apply: (name: string, value: string) => void): Promise<void> {
    this.apply = apply;
    try {
      this.poll = await this.connect();
      this.ctx.log.debug(1, `Connected to ${this.target.ups}@${this.target.host}`);
    } catch (e) {
      this.ctx.fatal(`Error: ${upscliStrerror(e)}`);
    }
    const r = await this.listVars();
    if (r !== undefined) {
      if (r instanceof NutProtocolError && r.code === 'UNKNOWN-COMMAND') this.ctx.fatal('Error: upsd is too old to support this query');
      this.ctx.fatal(`Error: ${upscliStrerror(r)}`);
    }
  }

  /** LIST VAR and apply every non-driver.* variable; returns the error, if any */
  private async listVars(): Promise<unknown> {
    if (!this.poll || this.poll.closed) return new Error('Not connected');
    try {
      const vars = await this.poll.listVar(this.target.ups);
      for (const v of vars) if (!v.name.startsWith('driver.')) this.apply!(v.name, v.value);
      return undefined;
    } catch (e) {
      return e;
    }
  }

  async update(): Promise<void> {
    const err = await this.listVars();
    if (err === undefined) { this.ctx.dataOk(); return; }
    this.ctx.log.debug(1, `Error: ${upscliStrerror(err)}`);
    // tsnut: NUT 2.8.0 keeps serving the old values as fresh; we go stale
    this.ctx.dataStale();
    await this.poll?.close().catch(() => undefined);
    try {
      this.poll = await this.connect();
      this.ctx.log.debug(1, 'Reconnected');
    } catch (e) {
      this.poll = undefined;
      this.ctx.log.debug(1, `Error reconnecting: ${upscliStrerror(e)}`);
    }
  }

  /** a logged-in connection for forwarded commands (kept open) */
  private async commandConn(): Promise<NutClient> {
    if (this.cmd && !this.cmd.closed) return this.cmd;
    const c = await this.connect();
    try {
      await c.authenticate(this.username!, this.password!);
    } catch (e) {
      await c.close().catch(() => undefined);
      throw e;
    }
    this.cmd = c;
    return c;
  }

  private async forward(what: string, fn: (c: NutClient) => Promise<unknown>): Promise<string | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fn(await this.commandConn());
        return undefined;
      } catch (e) {
        if (e instanceof NutProtocolError) {
          this.ctx.log.notice(`${what}: remote upsd refused: ERR ${e.code}`);
          return e.code;
        }
        this.cmd = undefined; // connection problem: retry once with a new one
        if (attempt === 1) { this.ctx.log.notice(`${what}: ${upscliStrerror(e)}`); return 'FAILED'; }
      }
    }
    return 'FAILED';
  }

  async instcmd(cmd: string, param: string | undefined): Promise<number> {
    const code = await this.forward(`instcmd [${cmd}]`, (c) => c.instcmd(this.target.ups, cmd, param));
    if (code === undefined) return STAT_INSTCMD_HANDLED;
    if (code === 'CMD-NOT-SUPPORTED' || code === 'INVALID-ARGUMENT') return STAT_INSTCMD_INVALID;
    if (code === 'INSTCMD-FAILED' || code === 'FAILED') return STAT_INSTCMD_FAILED;
    return STAT_INSTCMD_UNKNOWN;
  }

  async setvar(name: string, value: string): Promise<number> {
    const code = await this.forward(`setvar [${name}]`, (c) => c.setVar(this.target.ups, name, value));
    if (code === undefined) return STAT_SET_HANDLED;
    if (code === 'READONLY' || code === 'VAR-NOT-SUPPORTED' || code === 'INVALID-VALUE' || code === 'TOO-LONG') return STAT_SET_INVALID;
    if (code === 'SET-FAILED' || code === 'FAILED') return STAT_SET_FAILED;
    return STAT_SET_UNKNOWN;
  }

  close(): void {
    void this.poll?.close().catch(() => undefined);
    void this.cmd?.close().catch(() => undefined);
  }
}
