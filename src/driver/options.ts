// Driver configuration from ups.conf and -x (drivers/main.c main_arg,
// storeval, do_global_args, do_upsconf_args). Values land in the dstate
// (driver.parameter.*, driver.flag.*, default.*, override.*) in the order
// they are seen, exactly as NUT does it.

import { readFileSync } from 'node:fs';
import { tokenizeConfig } from '../core/tokenizer.js';
import { atoi, errnoText } from '../core/cstd.js';
import { FLAG_IMMUTABLE } from '../state/store.js';
import type { Logger } from '../core/logger.js';
import type { DState } from './dstate.js';
import type { VarTableEntry } from './types.js';

/** Thrown to end the program: runtime cleans up and exits with `code`. */
export class DriverExit extends Error {
  constructor(readonly code: number, message = '') { super(message); this.name = 'DriverExit'; }
}

export interface VarSlot { entry: VarTableEntry; value: string | undefined; found: boolean }

export class DriverOptions {
  port: string | undefined;
  user: string | undefined;
  group: string | undefined;
  userFromCmdline = false;
  groupFromCmdline = false;
  chroot: string | undefined;
  pollInterval = 2;
  /** -1 auto, 0 no, 1 yes */
  synchronous = -1;
  debugMinGlobal = -1;
  debugMinDriver = -1;
  upsnameFound = false;
  statepathFromConf: string | undefined;
  readonly vars: VarSlot[];

  constructor(
    readonly progname: string,
    vartable: readonly VarTableEntry[],
    private readonly dstate: DState,
    private readonly log: Logger,
    /** printf to stdout */
    private readonly out: (s: string) => void,
  ) {
    this.vars = vartable.map((entry) => ({ entry, value: undefined, found: false }));
  }

  getval(name: string): string | undefined {
    return this.vars.find((v) => v.entry.name.toLowerCase() === name.toLowerCase())?.value;
  }

  testvar(name: string): boolean {
    return this.vars.find((v) => v.entry.name.toLowerCase() === name.toLowerCase())?.found ?? false;
  }

  fatal(msg: string): never {
    this.log.err(msg);
    throw new DriverExit(1, msg);
  }

  /** main_arg(): keys the core handles. Returns true when handled. */
  mainArg(key: string, val: string | undefined): boolean {
    this.log.debug(3, `main_arg: var='${key}' val='${val ?? '<null>'}'`);
    if (key === 'nolock') { this.dstate.setInfo('driver.flag.nolock', 'enabled'); return true; }
    if (key === 'ignorelb') { this.dstate.setInfo('driver.flag.ignorelb', 'enabled'); return true; }
    if (val === undefined) return false;
    switch (key) {
      case 'port':
        this.port = val;
        this.dstate.setInfo('driver.parameter.port', val);
        return true;
      case 'user':
        if (this.userFromCmdline) this.log.debug(0, `User '${val}' specified in driver section was ignored due to '${this.user}' specified on command line`);
        else this.user = val;
        return true;
      case 'group':
        if (this.groupFromCmdline) this.log.debug(0, `Group '${val}' specified in driver section was ignored due to '${this.group}' specified on command line`);
        else this.group = val;
        return true;
      case 'sddelay':
        this.log.info('Obsolete value sddelay found in ups.conf');
        return true;
      case 'synchronous':
        this.synchronous = val === 'yes' ? 1 : val === 'auto' ? -1 : 0;
        return true;
      case 'sdorder':
      case 'desc':
        return true;
      case 'debug_min': {
        const n = /^\d+$/.test(val) ? parseInt(val, 10) : -1;
        if (n >= 0) this.debugMinDriver = n;
        else this.log.info('WARNING : Invalid debug_min value found in ups.conf for the driver');
        return true;
      }
    }
    return false;
  }

  /** storeval(): default.*, override.* or the driver's own table. */
  storeval(key: string, val: string | undefined, where?: string): void {
    if (key.toLowerCase().startsWith('override.') && val !== undefined) {
      const name = key.slice(9);
      this.dstate.setInfo(name, val);
      this.dstate.setFlags(name, FLAG_IMMUTABLE);
      return;
    }
    if (key.toLowerCase().startsWith('default.') && val !== undefined) {
      this.dstate.setInfo(key.slice(8), val);
      return;
    }
    const slot = this.vars.find((v) => v.entry.name.toLowerCase() === key.toLowerCase());
    if (slot) {
      slot.value = val;
      if (!slot.entry.sensitive) {
        if (val !== undefined) this.dstate.setInfo(`driver.parameter.${key}`, val);
        else this.dstate.setInfo(`driver.flag.${key}`, 'enabled');
      }
      slot.found = true;
      return;
    }
    // tsnut addition: say where the bad key is (stderr), then NUT's own text (stdout)
    if (where) this.log.err(`${where}: '${key}' is not a valid ${val !== undefined ? 'variable name' : 'flag'} for driver ${this.progname}`);
    this.out(`\nFatal error: '${key}' is not a valid ${val !== undefined ? 'variable name' : 'flag'} for this driver.\n\n` +
      'Look in the man page or call this driver with -h for a list of\nvalid variable names and flags.\n');
    throw new DriverExit(0);
  }

  /** -x key[=value] */
  splitXArg(arg: string): void {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg : arg.slice(0, eq);
    const val = eq < 0 ? undefined : arg.slice(eq + 1);
    if (this.mainArg(key, val)) return;
    this.storeval(key, val);
  }

  private globalArg(key: string, val: string | undefined): void {
    this.log.debug(3, `do_global_args: var='${key}' val='${val ?? '<null>'}'`);
    if (val === undefined) return;
    switch (key) {
      case 'pollinterval': {
        const n = atoi(val);
        if (n > 0) this.pollInterval = n;
        else this.fatal(`Error: invalid pollinterval: ${n}`);
        return;
      }
      case 'chroot': this.chroot = val; return;
      case 'user': if (!this.userFromCmdline) this.user = val; return;
      case 'group': if (!this.groupFromCmdline) this.group = val; return;
      case 'synchronous': this.synchronous = val === 'yes' ? 1 : val === 'auto' ? -1 : 0; return;
      case 'debug_min': {
        const n = /^\d+$/.test(val) ? parseInt(val, 10) : -1;
        if (n >= 0) this.debugMinGlobal = n;
        else this.log.info('WARNING : Invalid debug_min value found in ups.conf global settings');
        return;
      }
    }
    if (key.toLowerCase() === 'statepath') this.statepathFromConf = val;
  }

  private sectionArg(section: string, key: string, val: string | undefined, where: string): void {
    this.upsnameFound = true;
    if (this.mainArg(key, val)) return;
    if (val === undefined) {
      this.dstate.setInfo(`driver.flag.${key}`, 'enabled');
      this.storeval(key, undefined, where);
      return;
    }
    if (key === 'driver') {
      if (val !== this.progname) this.fatal(`Error: UPS [${section}] is for driver ${val}, but I'm ${this.progname}!\n`);
      return;
    }
    if (key === 'pollinterval') {
      const n = atoi(val);
      if (n > 0) this.pollInterval = n;
      else this.fatal(`Error: UPS [${section}]: invalid pollinterval: ${n}`);
      return;
    }
    // NB: like 2.8.0, a per-section maxstartdelay/maxretry/retrydelay is NOT
    // accepted by the drivers (only sdorder and desc are): it is fatal below.
    this.storeval(key, val, where);
  }

  /** read_upsconf() for `-a <upsname>` */
  readUpsConf(file: string, upsname: string): void {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (e) {
      const msg = errnoText(e);
      this.fatal(`Can't open ${file}: Can't open ${file}: ${msg}`);
    }
    const { lines, errors } = tokenizeConfig(text);
    // report parse errors in line order along with the lines themselves
    const errs = [...errors];
    let section: string | undefined;
    for (const { line, args } of lines) {
      while (errs.length && errs[0]!.line < line) { const e = errs.shift()!; this.log.err(`Parse error: ${file}:${e.line}: ${e.message}`); }
      if (args.length < 1) continue;
      const a0 = args[0]!;
      if (a0.startsWith('[') && a0.endsWith(']') && a0.length >= 1) {
        section = a0.slice(1, -1);
        continue;
      }
      let key: string;
      let val: string | undefined;
      if (args.length === 1) { key = a0; val = undefined; }
      else if (args.length >= 3 && args[1] === '=') { key = a0; val = args[2]; }
      else continue;
      if (section === undefined) this.globalArg(key, val);
      else if (section === upsname) this.sectionArg(section, key, val, `${file}:${line}`);
    }
    for (const e of errs) this.log.err(`Parse error: ${file}:${e.line}: ${e.message}`);
  }
}

export { atoi, errnoText };
