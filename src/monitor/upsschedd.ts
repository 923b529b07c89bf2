// upssched's timer daemon (upssched.md §3–§4): a Unix stream socket at PIPEFN
// taking one parseconf-encoded line per request, a 1-second tick that fires
// due timers through CMDSCRIPT, and exit after ~15 idle seconds.

import net from 'node:net';
import { chmodSync, unlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Tokenizer } from '../core/tokenizer.js';
import type { Logger } from '../core/logger.js';
import { TimerQueue } from './upsschedtimers.js';

export const EMPTY_WAIT = 15;
const MAX_CONNS = 64;
const MAX_LINE = 4096;

/**
 * Run CMDSCRIPT with one final argument. Several tokens → exec directly
 * (master); one token containing spaces → `/bin/sh -c "<cmd> <arg>"` (2.8.0).
 */
export function execCmd(cmdScript: string[] | undefined, arg: string, env: NodeJS.ProcessEnv, log: Logger): Promise<void> {
  if (!cmdScript || cmdScript.length === 0) { log.err(`No CMDSCRIPT defined, cannot execute command: ${arg}`); return Promise.resolve(); }
  const viaShell = cmdScript.length === 1 && /\s/.test(cmdScript[0]!);
  const shown = `${cmdScript.join(' ')} '${arg}'`;
  return new Promise((res) => {
    const c = viaShell
      ? spawn('/bin/sh', ['-c', `${cmdScript[0]} ${arg}`], { stdio: ['ignore', 'ignore', 'inherit'], env })
      : spawn(cmdScript[0]!, [...cmdScript.slice(1), arg], { stdio: ['ignore', 'ignore', 'inherit'], env });
    c.on('error', () => { log.err(`execvp(${cmdScript[0]}) failed`); res(); });
    c.on('exit', (code, sig) => {
      if (sig) log.warn(`exec_cmd(${shown}) terminated with signal ${sig}`);
      else if (code !== 0) log.info(`exec_cmd(${shown}) returned ${code}`);
      res();
    });
  });
}

export interface DaemonOpts {
  pipeFn: string;
  cmdScript: string[] | undefined;
  log: Logger;
  now?: () => number;
  /** called once listening */
  onReady?: () => void;
  /** called when the daemon decides to exit (idle) */
  onExit?: () => void;
}

export class UpsschedDaemon {
  readonly q = new TimerQueue();
  private server: net.Server | undefined;
  private tick: NodeJS.Timeout | undefined;
  private idle = 0;
  /** scripts run one after another, as NUT's synchronous exec_cmd */
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private conns = new Set<net.Socket>();
  private readonly now: () => number;

  constructor(private o: DaemonOpts) {
    this.now = o.now ?? (() => Date.now() / 1000);
  }

  start(): Promise<void> {
    const { pipeFn, log } = this.o;
    try { unlinkSync(pipeFn); } catch { /* absent */ }
    return new Promise((res, rej) => {
      const srv = net.createServer((s) => this.onConn(s));
      srv.on('error', (e) => { log.err(`bind ${pipeFn} failed: ${e.message}`); rej(e); });
      const oldMask = process.umask(0o007);
      srv.listen({ path: pipeFn, backlog: 16 }, () => {
        process.umask(oldMask);
        try { chmodSync(pipeFn, 0o660); } catch (e) { log.err(`chmod(${pipeFn}, 0660) failed: ${(e as Error).message}`); }
        this.server = srv;
        log.debug(1, 'Timer daemon started');
        this.tick = setInterval(() => this.checkTimers(), 1000);
        this.o.onReady?.();
        res();
      });
    });
  }

  private onConn(s: net.Socket): void {
    if (this.conns.size >= MAX_CONNS) { s.destroy(); return; }
    this.conns.add(s);
    const tok = new Tokenizer();
    let len = 0;
    s.on('data', (buf: Buffer) => {
      for (const b of buf) {
        if (++len > MAX_LINE) { s.destroy(); return; }
        const r = tok.push(b);
        if (!r) continue;
        len = 0;
        if (r.kind === 'error') { this.o.log.err(`Parse error on sock: ${r.message}`); continue; }
        if (r.args.length > 0) s.write(this.dispatch(r.args));
      }
    });
    s.on('error', () => { /* peer gone */ });
    s.on('close', () => this.conns.delete(s));
  }

  /** One request → reply text. */
  dispatch(a: string[]): string {
    const { log } = this.o;
    const cmd = a[0]!;
    const now = this.now();
    const ctx = { notifyType: a[3], upsName: a[4], notifyMsg: a[5] };
    if ((cmd === 'START' || cmd === 'START-SHARED') && a.length >= 3) {
      const secs = parseInt(a[2]!, 10) || 0;
      if (secs < 0) { log.info('bogus offset for timer, ignoring'); return 'OK\n'; }
      if (cmd === 'START') {
        this.q.start(a[1]!, secs, now, ctx);
        log.debug(1, `New timer: ${a[1]}\t[${ctx.notifyType ?? ''}]\t[${ctx.upsName ?? ''}]\t[${ctx.notifyMsg ?? ''}]\t(will elapse in ${secs} seconds)`);
      } else {
        const r = this.q.startShared(a[1]!, secs, now, ctx);
        log.debug(1, `${r.joined ? 'Append data to shared timer' : 'New timer'}: ${a[1]}\t[${ctx.notifyType ?? ''}]\t[${ctx.upsName ?? ''}]\t[${ctx.notifyMsg ?? ''}]`);
      }
      this.idle = 0;
      return 'OK\n';
    }
    if ((cmd === 'CANCEL' || cmd === 'CANCEL-MATCHED') && a.length >= 2) {
      const name = a[1]!;
      const cancelCmd = a[2] ?? '';
      const n = cmd === 'CANCEL' ? this.q.cancel(name) : this.q.cancelMatched(name, a[3] ?? '', a[4] ?? '');
      if (n > 0) log.debug(1, `Cancelling timer: ${name}`);
      else if (cancelCmd !== '') {
        log.debug(1, `Cancel ${name}, event: ${cancelCmd}`);
        this.run(cancelCmd, {});
      }
      return 'OK\n';
    }
    if (cmd === 'LIST-TIMERS') {
      return ['BEGIN LIST TIMERS', ...this.q.list(now), 'END LIST TIMERS', 'OK'].map((l) => l + '\n').join('');
    }
    log.info('Unknown command on socket: ');
    a.forEach((x, i) => log.info(`arg ${i}: ${x}`));
    return 'ERR UNKNOWN\n';
  }

  private run(arg: string, extra: NodeJS.ProcessEnv): void {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
    // the daemon never leaks the first invocation's event into later commands (master)
    for (const k of ['UPSNAME', 'NOTIFYTYPE', 'NOTIFYMSG']) if (!(k in extra)) delete env[k];
    this.running++;
    this.chain = this.chain.then(() => execCmd(this.o.cmdScript, arg, env, this.o.log)).finally(() => { this.running--; });
  }

  checkTimers(): void {
    if (this.q.timers.length === 0) {
      // never exit while a script is still running or a client is talking
      if (this.running === 0 && this.conns.size === 0 && ++this.idle >= EMPTY_WAIT) {
        this.o.log.debug(1, 'Timer queue empty, exiting');
        this.stop();
        this.o.onExit?.();
      }
      return;
    }
    this.idle = 0;
    for (const t of this.q.due(this.now())) {
      this.o.log.debug(1, `Executing command by timer: ${t.name}\t[${t.types.join(',')}]\t[${t.upsNames.join(',')}]\t[${t.msgs.join('.\t')}]`);
      const env: NodeJS.ProcessEnv = {};
      if (t.upsNames.length) env.UPSNAME = t.upsNames.join(',');
      if (t.types.length) env.NOTIFYTYPE = t.types.join(',');
      if (t.msgs.length) env.NOTIFYMSG = t.msgs.join('.\t');
      this.run(t.name, env);
    }
  }

  /** Promise resolving once every queued script finished. */
  drained(): Promise<void> { return this.chain; }

  stop(): void {
    if (this.tick) clearInterval(this.tick);
    this.server?.close();
    for (const c of this.conns) c.destroy();
    try { unlinkSync(this.o.pipeFn); } catch { /* gone */ }
  }
}
