// upsdrvctl (NUT 2.8.0 drivers/upsdrvctl.c): start, stop and shut down the
// drivers listed in ups.conf. Starts our own drivers (bin/<driver> of this
// package) and falls back to the reference C drivers (/lib/nut/<driver>) for
// drivers tsnut does not have, unless ups.conf sets `driverpath`.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '../../core/logger.js';
import { DEFAULT_DRVPATH, NUT_VERSION, altPidPath, confPath } from '../../core/paths.js';
import { getopt } from '../../core/getopt.js';
import { errnoText } from '../options.js';
import { parseCtlConf, type CtlConf, type CtlUps } from './conf.js';

/** bin/ of this package (dist/src/driver/upsdrvctl → ../../../../bin) */
export const OUR_BIN = resolve(fileURLToPath(new URL('../../../../bin', import.meta.url)));

const DEBUG_BLURB = '\n' +
  "If you're not a NUT core developer, chances are that you're told to enable debugging\n" +
  "to see why a driver isn't working for you. We're sorry for the confusion, but this is\n" +
  "the 'upsdrvctl' wrapper, not the driver you're interested in.\n\n" +
  "Below you'll find one or more lines starting with 'exec:' followed by an absolute\n" +
  'path to the driver binary and some command line option. This is what the driver\n' +
  'starts and you need to copy and paste that line and append the debug flags to that\n' +
  "line (less the 'exec:' prefix).\n\n" +
  "Alternately, provide an additional '-d' (lower-case) parameter to 'upsdrvctl' to\n" +
  'pass its current debug level to the launched driver.\n';

function helpText(prog: string): string {
  return 'Starts and stops UPS drivers via ups.conf.\n\n' +
    `usage: ${prog} [OPTIONS] (start | stop | shutdown) [<ups>]\n\n` +
    '  -h\t\t\tdisplay this help\n' +
    '  -r <path>\t\tdrivers will chroot to <path>\n' +
    '  -t\t\t\ttesting mode - prints actions without doing them\n' +
    '  -u <user>\t\tdrivers started will switch from root to <user>\n' +
    '  -D            \traise debugging level\n' +
    '  -d            \tpass debugging level from upsdrvctl to driver\n' +
    '  start\t\t\tstart all UPS drivers in ups.conf\n' +
    '  start\t<ups>\t\tonly start driver for UPS <ups>\n' +
    '  stop\t\t\tstop all UPS drivers in ups.conf\n' +
    '  stop <ups>\t\tonly stop driver for UPS <ups>\n' +
    '  shutdown\t\tshutdown all UPS drivers in ups.conf\n' +
    '  shutdown <ups>\tonly shutdown UPS <ups>\n';
}

class Exit extends Error { constructor(readonly code: number) { super(`exit ${code}`); } }

type Command = 'start' | 'stop' | 'shutdown';

export interface CtlIO {
  out(s: string): void;
  log: Logger;
  /** program path as typed (argv[0]) for the usage line */
  prog: string;
}

export class Upsdrvctl {
  private testmode = false;
  private passDebug = false;
  private ptRoot: string | undefined;
  private ptUser: string | undefined;
  private execError = 0;
  private conf!: CtlConf;

  constructor(private readonly io: CtlIO) {}

  private fatal(msg: string): never {
    this.io.log.err(msg);
    throw new Exit(1);
  }

  async main(argv: readonly string[]): Promise<number> {
    try {
      return await this.run(argv);
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    }
  }

  private async run(argv: readonly string[]): Promise<number> {
    const { out, log } = this.io;
    out(`Network UPS Tools - UPS driver controller ${NUT_VERSION}\n`);
    const g = getopt(argv, '+htu:r:DdV');
    for (const { opt, arg } of g.opts) {
      switch (opt) {
        case 'r': this.ptRoot = arg; break;
        case 't': this.testmode = true; break;
        case 'u': this.ptUser = arg; break;
        case 'V': return 0;
        case 'D': log.debugLevel++; break;
        case 'd': this.passDebug = true; break;
        case 'h': out(helpText(this.io.prog)); return 0;
      }
    }
    if (g.error) {
      process.stderr.write(`${this.io.prog}: ${g.error.message}\n`);
      out(helpText(this.io.prog));
      return 0;
    }
    const rest = g.rest;
    if (rest.length < 1) { out(helpText(this.io.prog)); return 0; }
    if (this.testmode) {
      out('*** Testing mode: not calling exec/kill\n');
      if (log.debugLevel < 2) log.debugLevel = 2;
    }
    if (!this.passDebug) log.debug(2, DEBUG_BLURB);
    const cmd = rest[0] as Command;
    if (cmd !== 'start' && cmd !== 'stop' && cmd !== 'shutdown') this.fatal(`Error: unrecognized command [${rest[0]}]`);

    const file = join(confPath(), 'ups.conf');
    let text: Buffer;
    try { text = readFileSync(file); } catch (e) { this.fatal(`Can't open ${file}: Can't open ${file}: ${errnoText(e)}`); }
    this.conf = parseCtlConf(text);
    for (const e of this.conf.parseErrors) log.err(`Parse error: ${file}:${e.line}: ${e.message}`);

    const action = (u: CtlUps) => cmd === 'start' ? this.startDriver(u) : cmd === 'stop' ? this.stopDriver(u) : this.shutdownDriver(u);
    if (rest.length === 1) {
      if (this.conf.ups.length === 0) this.fatal('Error: no UPS definitions found in ups.conf');
      if (cmd !== 'shutdown') {
        for (const u of this.conf.ups) await action(u);
      } else {
        for (let i = 0; i <= this.conf.maxsdorder; i++) {
          for (const u of this.conf.ups) if (u.sdorder === i) await action(u);
        }
      }
    } else {
      if (this.conf.ups.length === 0) this.fatal('Error: no UPS definitions found in ups.conf!\n');
      const u = this.conf.ups.find((x) => x.upsname === rest[1]);
      if (!u) this.fatal(`UPS ${rest[1]} not found in ups.conf`);
      await action(u);
    }
    return this.execError ? 1 : 0;
  }

  /** Where a driver program lives: ups.conf driverpath, else ours, else the reference's. */
  driverPath(driver: string | undefined): string {
    const name = driver ?? '(null)';
    if (this.conf.driverpath !== undefined) return `${this.conf.driverpath}/${name}`;
    const ours = join(OUR_BIN, name);
    if (driver && existsSync(ours)) return ours;
    return `${DEFAULT_DRVPATH}/${name}`;
  }

  private async startDriver(u: CtlUps): Promise<void> {
    const log = this.io.log;
    log.debug(1, `Starting UPS: ${u.upsname}`);
    const dfn = this.driverPath(u.driver);
    try { statSync(dfn); } catch (e) { this.fatal(`Can't start ${dfn}: ${errnoText(e)}`); }
    const args: string[] = [];
    if (this.passDebug && log.debugLevel > 0) args.push('-' + 'D'.repeat(Math.min(log.debugLevel, 510)));
    args.push('-a', u.upsname);
    if (this.ptRoot) args.push('-r', this.ptRoot);
    if (this.ptUser) args.push('-u', this.ptUser);
    const initial = this.execError;
    let left = this.conf.maxretry;
    while (left > 0) {
      const cur = this.execError;
      log.debug(2, `${left} remaining attempts`);
      log.debug(2, `exec:  ${[dfn, ...args].join(' ')}`);
      left--;
      if (!this.testmode) await this.forkexec(dfn, args, u);
      if (cur === this.execError) {
        left = 0;
        this.execError = initial;
      } else if (left > 0 && this.conf.retrydelay >= 0) {
        await new Promise((r) => setTimeout(r, this.conf.retrydelay * 1000));
      }
    }
  }

  private async shutdownDriver(u: CtlUps): Promise<void> {
    const log = this.io.log;
    log.debug(1, `Shutdown UPS: ${u.upsname}`);
    const dfn = this.driverPath(u.driver);
    const args = ['-a', u.upsname, '-k'];
    if (this.ptRoot) args.push('-r', this.ptRoot);
    if (this.ptUser) args.push('-u', this.ptUser);
    log.debug(2, `exec:  ${[dfn, ...args].join(' ')}`);
    if (!this.testmode) await this.forkexec(dfn, args, u);
  }

  private async stopDriver(u: CtlUps): Promise<void> {
    const log = this.io.log;
    log.debug(1, `Stopping UPS: ${u.upsname}`);
    let pidfn = `${altPidPath()}/${u.driver ?? '(null)'}-${u.upsname}.pid`;
    let ok = existsSync(pidfn);
    if (!ok && u.port !== undefined) {
      log.err(`Can't open ${pidfn}: No such file or directory`);
      pidfn = `${altPidPath()}/${u.driver ?? '(null)'}-${basename(u.port)}.pid`;
      ok = existsSync(pidfn);
    }
    if (!ok) {
      log.err(`Can't open ${pidfn} either: No such file or directory`);
      this.execError++;
      return;
    }
    log.debug(2, `Sending signal to ${pidfn}`);
    if (this.testmode) return;
    let pid: number;
    try {
      pid = parseInt(readFileSync(pidfn, 'utf8'), 10);
    } catch (e) {
      log.notice(`fopen ${pidfn}: ${errnoText(e)}`);
      log.err(`Stopping ${pidfn} failed: ${errnoText(e)}`);
      this.execError++;
      return;
    }
    if (!(pid >= 2)) {
      log.notice(`Ignoring invalid pid number ${Number.isNaN(pid) ? 0 : pid}`);
      log.err(`Stopping ${pidfn} failed: Success`);
      this.execError++;
      return;
    }
    try {
      process.kill(pid, 0);
      process.kill(pid, 'SIGTERM');
    } catch (e) {
      const text = (e as NodeJS.ErrnoException).code === 'ESRCH' ? 'No such process' : errnoText(e);
      process.stderr.write(`kill: ${text}\n`);
      log.err(`Stopping ${pidfn} failed: ${text}`);
      this.execError++;
    }
  }

  /** Run a driver and wait for it (with maxstartdelay) like forkexec(). */
  private forkexec(path: string, args: string[], u: CtlUps): Promise<void> {
    const log = this.io.log;
    return new Promise((res) => {
      let child;
      try {
        child = spawn(path, args, { stdio: 'inherit' });
      } catch (e) {
        log.err(`execv: ${errnoText(e)}`);
        this.execError++;
        res();
        return;
      }
      if (this.conf.nowait) {
        log.debug(2, "'nowait' set, continuing...");
        child.on('error', () => undefined);
        child.unref();
        res();
        return;
      }
      const delay = u.maxstartdelay !== -1 ? u.maxstartdelay : this.conf.maxstartdelay;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = () => { settled = true; if (timer) clearTimeout(timer); res(); };
      if (delay >= 0 && delay > 0) {
        timer = setTimeout(() => {
          if (settled) return;
          log.warn('Startup timer elapsed, continuing...');
          this.execError++;
          child.unref();
          settle();
        }, delay * 1000);
      }
      child.on('error', (e) => {
        if (settled) return;
        log.err(`execv: ${errnoText(e)}`);
        this.execError++;
        settle();
      });
      child.on('exit', (code, signal) => {
        if (settled) return;
        if (signal) { log.warn('Driver exited abnormally'); this.execError++; }
        else if (code !== 0) { log.warn(`Driver failed to start (exit status=${code})`); this.execError++; }
        settle();
      });
    });
  }
}

export async function upsdrvctlMain(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const log = new Logger('upsdrvctl');
  log.nutStyle = true;
  log.enableSyslog();
  // C stdio: stdout is fully buffered when it is not a terminal, so the
  // reference's banner comes out at exit, after the drivers' own output.
  let pending = '';
  const tty = process.stdout.isTTY === true;
  const out = (s: string) => { if (tty) process.stdout.write(s); else pending += s; };
  const ctl = new Upsdrvctl({ out, log, prog: process.argv[1] ?? 'upsdrvctl' });
  try {
    return await ctl.main(argv);
  } finally {
    if (pending) process.stdout.write(pending);
    log.close();
  }
}
