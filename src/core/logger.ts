// Logging like NUT: upslogx() lines go to stderr (while in the foreground) and
// to syslog; upsdebugx() lines are printed only when the debug level is high
// enough, prefixed with the seconds since start as NUT does ("   0.000123\t").
// Syslog goes through one long-lived `logger --prio-prefix` child so that no
// native module is needed; it is started lazily and only if /dev/log exists.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_NOTICE = 5;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

const FACILITY_DAEMON = 3 << 3;

export interface LogSink {
  (line: string): void;
}

export class Logger {
  debugLevel = 0;
  /** NUT's -q: raises the threshold for non-debug messages */
  quiet = 0;
  toStderr = true;
  toSyslog = false;
  private syslogChild: ChildProcess | undefined;
  private readonly start = process.hrtime.bigint();
  /** captured lines (tests) */
  sink: LogSink | undefined;
  /**
   * NUT 2.8.0 common.c style: while debugging (level > 0) every message, not
   * only debug ones, gets the elapsed-time prefix, and debug messages of
   * level > 0 are tagged "[D<n>] ". Off by default; the drivers and
   * upsdrvctl turn it on.
   */
  nutStyle = false;

  constructor(public progname: string) {}

  enableSyslog(): void {
    this.toSyslog = existsSync('/dev/log') && process.env.NUT_DEBUG_SYSLOG !== 'stderr' && process.env.NUT_DEBUG_SYSLOG !== 'none';
  }

  private writeSyslog(prio: number, msg: string): void {
    if (!this.toSyslog) return;
    if (!this.syslogChild) {
      try {
        this.syslogChild = spawn('logger', ['--prio-prefix', '-t', this.progname, `--id=${process.pid}`], {
          stdio: ['pipe', 'ignore', 'ignore'],
          detached: false,
        });
        this.syslogChild.on('error', () => { this.toSyslog = false; });
        this.syslogChild.stdin?.on('error', () => { this.toSyslog = false; });
        this.syslogChild.unref();
        (this.syslogChild.stdin as unknown as { unref?: () => void })?.unref?.();
      } catch {
        this.toSyslog = false;
        return;
      }
    }
    this.syslogChild.stdin?.write(`<${FACILITY_DAEMON | prio}>${msg.replace(/\n/g, ' ')}\n`);
  }

  private emit(line: string): void {
    if (this.sink) this.sink(line);
    else if (this.toStderr) process.stderr.write(line + '\n');
  }

  /** upslogx(): an operational message */
  log(prio: number, msg: string): void {
    if (this.quiet > 0 && prio > LOG_WARNING) return;
    this.emit(this.nutStyle && this.debugLevel > 0 ? this.stamp() + msg : msg);
    this.writeSyslog(prio, msg);
  }

  err(msg: string): void { this.log(LOG_ERR, msg); }
  warn(msg: string): void { this.log(LOG_WARNING, msg); }
  notice(msg: string): void { this.log(LOG_NOTICE, msg); }
  info(msg: string): void { this.log(LOG_INFO, msg); }

  /** upsdebugx(level, ...) */
  debug(level: number, msg: string): void {
    if (this.debugLevel < level) return;
    // NUT stamps its lines only from debug level 1: upsdebugx(0, ...) at level 0 reads like upslogx
    const stamp = this.nutStyle && this.debugLevel === 0 ? '' : this.stamp();
    this.emit(stamp + (this.nutStyle && level > 0 ? `[D${level}] ${msg}` : msg));
  }

  private stamp(): string {
    const ns = process.hrtime.bigint() - this.start;
    const sec = Number(ns / 1000000000n);
    const usec = Number((ns % 1000000000n) / 1000n);
    return `${String(sec).padStart(4)}.${String(usec).padStart(6, '0')}\t`;
  }

  close(): void {
    this.syslogChild?.stdin?.end();
  }
}

/** Parse NUT's boolean words: prefix match of TRUE/YES/ON/1 and FALSE/NO/OFF/0, case-insensitive. */
export function parseNutBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const u = v.toUpperCase();
  if (u.startsWith('TRUE') || u.startsWith('YES') || u.startsWith('ON') || u.startsWith('1')) return true;
  if (u.startsWith('FALSE') || u.startsWith('NO') || u.startsWith('OFF') || u.startsWith('0')) return false;
  return undefined;
}
