// apcsmart logic (NUT 2.8.0 drivers/apcsmart.c, driver 3.2): smart mode,
// discovery of variables and commands ('a', or the firmware table for old
// units), enumerations from the capability string (^Z), polling, alerts,
// SET by value rotation ('-'), instant commands and the shutdown methods.

import { STAT_HANDLED, STAT_UNKNOWN, STAT_INVALID, STAT_FAILED, ST_FLAG_RW, ST_FLAG_STRING, type DriverHost, type VarTableEntry } from '../../driver/kit/index.js';
import {
  type VarDef, VARTAB, CMDTAB, COMPATTAB, convertData, prtchr,
  APC_PRESENT, APC_NASTY, APC_REPEAT, APC_POLL, APC_RW, APC_ENUM, APC_STRING, APC_MULTI, APC_PACK, APC_PACK_MAX,
  APC_STATUS, APC_GOSMART, APC_GODUMB, APC_CMDSET, APC_CMDSET_FMT, APC_CAPS, APC_NEXTVAL, APC_FW_OLD, APC_FW_NEW,
  APC_UNR_CMDS, APC_STRLEN, STAT, CMD_CALTOGGLE, CMD_GRACEDOWN, CMD_OFF, CMD_ON, CMD_SHUTDOWN, CMD_SIMPWF, CMD_SOFTDOWN,
} from './tabs.js';
import { ApcIo, SER_AA, SER_CC, SER_CS, SER_D1, SER_HA, SER_TO } from './io.js';

export { STAT_HANDLED, STAT_UNKNOWN, STAT_INVALID, STAT_FAILED };

const MINCMDTIME = 3;
const MAXCMDTIME = 15;

export const APC_VARTABLE: VarTableEntry[] = [
  { kind: 'VALUE', name: 'ttymode', desc: 'tty discipline selection' },
  { kind: 'VALUE', name: 'cable', desc: 'alternate cable (940-0095B) selection' },
  { kind: 'VALUE', name: 'awd', desc: "hard hibernate's additional wakeup delay" },
  { kind: 'VALUE', name: 'sdtype', desc: 'simple shutdown method' },
  { kind: 'VALUE', name: 'advorder', desc: 'advanced shutdown control' },
  { kind: 'VALUE', name: 'cshdelay', desc: 'CS hack delay' },
];

export const OPTION_FORMATS: [string, RegExp][] = [
  ['awd', /^[0-9]{1,3}$/],
  ['sdtype', /^[0-5]$/],
  ['advorder', /^([0-4]{1,5}|[Nn][Oo])$/],
  ['cshdelay', /^([0-9]\.?|[0-9]?\.[0-9])$/],
];

interface Var extends VarDef { cnt: number }
interface Cmd { name: string; ext: RegExp | null; cmd: string; flags: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ApcCore {
  status = 0;
  vars: Var[] = VARTAB.map((v) => ({ ...v, cnt: 0 }));
  cmds: Cmd[] = CMDTAB.map((c) => ({ ...c }));
  private lastWorked = 0;
  private lastFull = 0;
  private lastCmd = 0;

  constructor(
    readonly host: DriverHost & { isStale(): boolean },
    readonly io: ApcIo,
    readonly devicePath: string,
    readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    io.onAlert = (ch) => this.alert(ch);
  }

  private get log() { return this.host.log; }

  private lookupChar(c: string): Var | undefined { return this.vars.find((v) => v.flags & APC_PRESENT && v.cmd === c); }
  lookupName(n: string): Var | undefined { return this.vars.find((v) => v.flags & APC_PRESENT && v.name.toLowerCase() === n.toLowerCase()); }

  // ---- status ----

  private publishStatus(): void {
    const h = this.host;
    const s = this.status;
    h.statusInit();
    if (s & STAT.CAL) h.statusSet('CAL');
    if (s & STAT.TRIM) h.statusSet('TRIM');
    if (s & STAT.BOOST) h.statusSet('BOOST');
    if (s & STAT.OL) h.statusSet('OL');
    if (s & STAT.OB) h.statusSet('OB');
    if (s & STAT.OVER) h.statusSet('OVER');
    if (s & STAT.LB) h.statusSet('LB');
    if (s & STAT.RB) h.statusSet('RB');
    if (s === 0) h.statusSet('OFF');
    h.statusCommit();
  }

  private alert(ch: string): void {
    switch (ch) {
      case '!': this.status = (this.status & ~STAT.OL) | STAT.OB; break;
      case '$': this.status = (this.status & ~STAT.OB) | STAT.OL; break;
      case '%': this.status |= STAT.LB; break;
      case '+': this.status &= ~STAT.LB; break;
      case '#': this.status |= STAT.RB; break;
      case '?': this.status |= STAT.OVER; break;
      case '=': this.status &= ~STAT.OVER; break;
      default: this.log.debug(1, `alert_handler: got 0x${ch.charCodeAt(0).toString(16).padStart(2, '0')} (unhandled)`);
    }
    this.publishStatus();
  }

  // ---- dstate helpers for packed variables (ambient.N.*) ----

  private delInfo(v: Var, skip: number): void {
    if (!(v.flags & APC_PACK)) { this.host.delInfo(v.name); return; }
    for (let c = skip; c < v.cnt; c++) this.host.delInfo(v.name.replace('.0.', `.${c + 1}.`));
    v.cnt = 0;
  }

  private setInfo(v: Var, upsval: string): void {
    if (!(v.flags & APC_PACK)) { this.host.setInfo(v.name, convertData(v.flags, upsval)); return; }
    const parts = upsval.split(',');
    let fields = parts.slice(0, APC_PACK_MAX);
    if (parts.length > APC_PACK_MAX) {
      this.log.warn(`packed variable ${v.name} [${prtchr(v.cmd)}] longer than ${APC_PACK_MAX} fields,\nignoring remaining fields`);
      fields = parts.slice(0, APC_PACK_MAX - 1).concat(parts.slice(APC_PACK_MAX - 1).join(','));
    }
    const c = fields.length;
    if (v.cnt > c) this.delInfo(v, c);
    v.cnt = c;
    for (let i = c - 1; i >= 0; i--) {
      const name = v.name.replace('.0.', `.${i + 1}.`);
      this.host.setInfo(name, fields[i] ? convertData(v.flags, fields[i]!) : 'N/A');
    }
  }

  // ---- reading values ----

  private async preread(v: Var): Promise<string | null> {
    this.log.debug(1, `preread_data: ${v.name} [${prtchr(v.cmd)}]`);
    await this.io.flush(0);
    if ((await this.io.write(v.cmd)) !== 1) return null;
    const r = await this.io.read(SER_TO);
    if (r.ret < 1 || r.buf === 'NA') {
      if (r.ret >= 0) this.log.err(`preread_data: ${v.name} [${prtchr(v.cmd)}] timed out or not supported`);
      return null;
    }
    return r.buf;
  }

  private async pollData(v: Var): Promise<boolean> {
    if (!(v.flags & APC_PRESENT)) return true;
    this.log.debug(1, `poll_data: ${v.name} [${prtchr(v.cmd)}]`);
    await this.io.flush(SER_AA);
    if ((await this.io.write(v.cmd)) !== 1) return false;
    const r = await this.io.read(SER_AA);
    if (r.ret < 1) return false;
    if (r.buf === 'NA') {
      this.log.warn(`poll_data: verified variable ${v.name} [${prtchr(v.cmd)}] returned NA, removing`);
      v.flags &= ~APC_PRESENT;
      this.delInfo(v, 0);
    } else this.setInfo(v, r.buf);
    return true;
  }

  private async updateStatus(): Promise<boolean> {
    this.log.debug(1, `update_status: [${APC_STATUS}]`);
    await this.io.flush(SER_AA);
    if ((await this.io.write(APC_STATUS)) !== 1) return false;
    const r = await this.io.read(SER_AA);
    if (r.ret < 1 || r.buf === 'NA') {
      if (r.ret >= 0) this.log.warn('update_status: failed');
      return false;
    }
    this.status = parseHex(r.buf) & 0xff;
    this.publishStatus();
    return true;
  }

  // ---- discovery ----

  private varStringSetup(v: Var): void {
    if (v.flags & APC_STRING) {
      this.host.setFlags(v.name, ST_FLAG_RW | ST_FLAG_STRING);
      this.host.setAux(v.name, APC_STRLEN);
      v.flags |= APC_RW;
    }
  }

  private async varVerify(v: Var): Promise<void> {
    if (v.flags & APC_MULTI) { v.flags |= APC_PRESENT; return; }
    const t = await this.preread(v);
    if (t === null || (v.regex && !v.regex.test(t))) { this.log.warn(`${v.name} [${prtchr(v.cmd)}] - variable invalid`); return; }
    v.flags |= APC_PRESENT;
    this.setInfo(v, t);
    this.varStringSetup(v);
    this.log.debug(1, `${v.name} [${prtchr(v.cmd)}] - variable supported`);
  }

  private async deprecateVars(): Promise<void> {
    for (let i = 0; i < this.vars.length; i++) {
      const v = this.vars[i]!;
      if (!(v.flags & APC_MULTI) || !(v.flags & APC_PRESENT)) continue;
      const t = await this.preread(v);
      if (t === null || (v.regex && !v.regex.test(t))) {
        v.flags &= ~APC_PRESENT;
        this.log.warn(`${v.name} [${prtchr(v.cmd)}] - variable combination invalid`);
        continue;
      }
      for (let j = i + 1; j < this.vars.length; j++) {
        const w = this.vars[j]!;
        if (w.name !== v.name && w.cmd !== v.cmd) continue;
        w.flags &= ~APC_PRESENT;
      }
      this.setInfo(v, t);
      this.varStringSetup(v);
    }
  }

  private async protocolVerify(cmd: string): Promise<void> {
    if (APC_UNR_CMDS.includes(cmd)) return;
    let found = false;
    for (const v of this.vars) {
      if (v.cmd !== cmd) continue;
      await this.varVerify(v);
      found = true;
    }
    if (found) return;
    for (const c of this.cmds) {
      if (c.cmd !== cmd) continue;
      c.flags |= APC_PRESENT;
      this.host.addCmd(c.name);
      found = true;
    }
    if (!found) this.log.warn(`[${prtchr(cmd)}] unrecognized`);
  }

  private async legacyVerify(name: string): Promise<void> {
    for (const v of this.vars) if (v.name === name) await this.varVerify(v);
  }

  private async oldSetup(): Promise<void> {
    for (const n of ['ups.temperature', 'ups.load', 'input.voltage', 'output.voltage', 'battery.charge', 'battery.voltage',
      'ups.model', 'ups.serial', 'ups.firmware', 'output.current']) await this.legacyVerify(n);
    await this.deprecateVars();
    if (this.lookupName('output.current')) this.host.setInfo('ups.model', 'Matrix-UPS');
    else if (!this.lookupName('ups.model')) this.host.setInfo('ups.model', 'Smart-UPS');
  }

  /** 0: no match, 1: matched, 2: quirky firmware */
  private async firmwareTableLookup(): Promise<number> {
    this.log.debug(1, `attempting firmware lookup using [${APC_FW_OLD}]`);
    await this.io.flush(0);
    if ((await this.io.write(APC_FW_OLD)) !== 1) return 0;
    let r = await this.io.read(SER_TO);
    if (r.ret < 0) return 0;
    if (!r.ret || r.buf === 'NA') {
      this.log.debug(1, `attempting firmware lookup using [${APC_FW_NEW}]`);
      if ((await this.io.write(APC_FW_NEW)) !== 1) return 0;
      r = await this.io.read(SER_TO);
      if (r.ret < 1) return 0;
    }
    let buf = r.buf;
    this.log.debug(1, `detected firmware version: ${buf}`);
    if (buf === '451.2.I') return 2;
    if (/^[a-fA-F0-9]{2}$/.test(buf)) buf = 'set\x01';
    const row = COMPATTAB.find(([fw]) => fw === buf);
    if (!row) return 0;
    this.host.setInfo('ups.model', /^[05]/.test(row[0]) ? 'Matrix-UPS' : 'Smart-UPS');
    for (const c of row[1]) await this.protocolVerify(c);
    await this.deprecateVars();
    return 1;
  }

  private async getcaps(qco: number): Promise<void> {
    const fw = this.host.getInfo('ups.firmware');
    const upsloc = fw ? fw[fw.length - 1] : '\0';
    await this.io.flush(0);
    if ((await this.io.write(APC_CAPS)) !== 1) return;
    const r = await this.io.read(SER_CC | SER_TO);
    if (r.ret < 1 || r.buf === 'NA') {
      if (r.ret >= 0) this.log.warn('APC cannot do capabilities but said it could !');
      return;
    }
    const temp = r.buf;
    if (temp[0] !== '#') {
      this.log.warn(`unknown capability start char [${temp[0]}] !`);
      return;
    }
    const matrix = temp[1] === '#';
    let p = matrix ? 0 : 1;
    while (p < temp.length) {
      if (matrix) p += 2;
      if (p >= temp.length) {
        if (qco) return;
        this.host.fatal('capability string has overflowed, please report this error !');
      }
      const cmd = temp[p]!;
      const loc = temp[p + 1] ?? '\0';
      const n = (temp.charCodeAt(p + 2) || 0) - 48;
      const len = (temp.charCodeAt(p + 3) || 0) - 48;
      if (n < 0 || len < 0) this.host.fatal('nument or entlen out of range\nPlease report this error\nERROR: capability overflow!');
      let e = p + 4;
      const v = this.lookupChar(cmd);
      const valid = !!v && (loc === upsloc || loc === '4') && !(v.flags & APC_PACK);
      if (valid) {
        this.host.setFlags(v.name, ST_FLAG_RW);
        v.flags |= APC_RW | APC_ENUM;
      } else if (v && v.flags & APC_PACK) {
        this.log.warn(`WARN: packed APC variable ${v.name} [${prtchr(cmd)}] reported as enumerable,\nplease report it on the mailing list`);
      }
      for (let i = 0; i < n; i++) {
        if (valid) this.host.addEnum(v.name, convertData(v.flags, temp.slice(e, e + len)));
        e += len;
      }
      p = e;
    }
  }

  private async getBaseInfo(): Promise<boolean> {
    const qco = await this.firmwareTableLookup();
    if (qco === 1) return true;
    this.log.debug(1, `attempting var/cmdset lookup using [${APC_CMDSET}]`);
    await this.io.flush(0);
    if ((await this.io.write(APC_CMDSET)) !== 1) return false;
    const r = await this.io.read(SER_CS | SER_TO);
    if (r.ret < 0) return false;
    if (!r.ret || r.buf === 'NA' || !APC_CMDSET_FMT.test(r.buf)) {
      this.log.notice('very old or unknown APC model, support will be limited');
      await this.oldSetup();
      return true;
    }
    const parts = r.buf.split('.');
    const cmds = parts[2] ?? '';
    for (const c of cmds) await this.protocolVerify(c);
    await this.deprecateVars();
    if (cmds.includes(APC_CAPS)) await this.getcaps(qco);
    return true;
  }

  async smartmode(cnt: number): Promise<boolean> {
    for (let tries = 0; tries < cnt; tries++) {
      await this.io.flush(0);
      if ((await this.io.write(APC_GOSMART)) !== 1) return false;
      const r = await this.io.read(SER_TO | SER_D1);
      if (r.ret > 0 && r.buf === 'SM') return true;
      if (r.ret < 0) await sleep(1000);
      if ((await this.io.write('\x1b')) !== 1) return false;
      await this.io.read(SER_TO | SER_D1);
    }
    return false;
  }

  // ---- driver hooks ----

  async initinfo(): Promise<void> {
    const h = this.host;
    if (!(await this.smartmode(5))) {
      h.fatal(`unable to detect an APC Smart protocol UPS on port ${this.devicePath}\ncheck the cabling, port name or model name and try again`);
    }
    if (!(await this.getBaseInfo())) h.fatal(`Problems with communicating APC UPS on port ${this.devicePath}\n`);
    h.setInfo('ups.mfr', 'APC');
    h.dataOk();
  }

  async updateinfo(): Promise<void> {
    const h = this.host;
    if (h.isStale()) {
      if (!this.lastWorked) this.log.debug(1, 'upsdrv_updateinfo: comm lost');
      this.lastFull = 0;
      if (++this.lastWorked < 10) return;
      this.log.debug(1, `upsdrv_updateinfo: nudging ups with 'Y', iteration #${this.lastWorked} ...`);
      if (!(await this.smartmode(1))) return;
      this.lastWorked = 0;
    }
    if (!(await this.updateStatus())) { h.dataStale(); return; }
    const now = this.now();
    const all = now - this.lastFull > 3600;
    if (all) this.lastFull = now;
    if (await this.updateInfo(all)) h.dataOk(); else h.dataStale();
  }

  private async updateInfo(all: boolean): Promise<boolean> {
    for (const v of this.vars) {
      if (!all && !(v.flags & APC_POLL)) continue;
      if (!(await this.pollData(v))) return false;
    }
    return true;
  }

  async cleanup(): Promise<void> {
    await this.io.flush(0);
    await this.io.write(APC_GODUMB);
    await this.io.read(SER_TO);
  }

  // ---- SET ----

  async setvar(name: string, val: string): Promise<number> {
    const v = this.lookupName(name);
    if (!v) return STAT_UNKNOWN;
    if (!(v.flags & APC_RW)) { this.log.warn(`setvar: [${name}] is not writable`); return STAT_UNKNOWN; }
    if (v.flags & APC_ENUM) return this.setvarEnum(v, val);
    if (v.flags & APC_STRING) return this.setvarString(v, val);
    this.log.warn(`setvar: unknown type for [${name}]`);
    return STAT_UNKNOWN;
  }

  private async setvarEnum(v: Var, val: string): Promise<number> {
    await this.io.flush(SER_AA);
    if ((await this.io.write(v.cmd)) !== 1) return STAT_FAILED;
    const o = await this.io.read(SER_AA);
    if (o.ret < 1 || o.buf === 'NA') return STAT_FAILED;
    const orig = o.buf;
    if (convertData(v.flags, orig) === val) {
      this.log.info(`setvar_enum: ignoring SET ${v.name}='${val}' (unchanged value)`);
      return STAT_HANDLED;
    }
    for (let i = 0; i < 32; i++) {
      if ((await this.io.write(APC_NEXTVAL)) !== 1) return STAT_FAILED;
      let r = await this.io.read(SER_AA);
      if (r.ret < 1 || r.buf === 'NA' || r.buf === 'NO' || r.buf !== 'OK') return STAT_FAILED;
      if ((await this.io.write(v.cmd)) !== 1) return STAT_FAILED;
      r = await this.io.read(SER_AA);
      if (r.ret < 1 || r.buf === 'NA') return STAT_FAILED;
      const got = convertData(v.flags, r.buf);
      if (got === val) {
        this.log.info(`setvar_enum: SET ${v.name}='${val}'`);
        await this.pollData(v);
        return STAT_HANDLED;
      }
      // the reference compares the converted value with the raw original
      if (got === orig) { this.log.err(`setvar_enum: variable ${v.name} wrapped`); return STAT_FAILED; }
    }
    this.log.err(`setvar_enum: gave up after 6 tries for ${v.name}`);
    await this.pollData(v);
    return STAT_FAILED;
  }

  private async setvarString(v: Var, val: string): Promise<number> {
    if (val.length > APC_STRLEN) { this.log.err(`setvar_string: value (${val}) too long`); return STAT_FAILED; }
    await this.io.flush(SER_AA);
    if ((await this.io.write(v.cmd)) !== 1) return STAT_FAILED;
    let r = await this.io.read(SER_AA);
    if (r.ret < 1 || r.buf === 'NA') return STAT_FAILED;
    if (r.buf === val) {
      this.log.info(`setvar_string: ignoring SET ${v.name}='${val}' (unchanged value)`);
      return STAT_HANDLED;
    }
    const temp = APC_NEXTVAL + val + '\r'.repeat(APC_STRLEN - val.length);
    if ((await this.io.writeLong(temp)) !== APC_STRLEN + 1) return STAT_FAILED;
    r = await this.io.read(SER_AA);
    if (r.ret < 1) { this.log.err('setvar_string: short final read'); return STAT_FAILED; }
    if (r.buf === 'NO') { this.log.err('setvar_string: got NO at final read'); return STAT_FAILED; }
    await this.pollData(v);
    this.log.info(`setvar_string: SET ${v.name}='${val}'`);
    return STAT_HANDLED;
  }

  // ---- shutdown commands ----

  private async sdok(ign: boolean): Promise<number> {
    const r = await this.io.read(SER_HA | SER_D1 | SER_TO, 32);
    if (r.ret < 0) return STAT_FAILED;
    this.log.debug(1, `sdok: got "${r.buf}"`);
    if ((!r.ret && ign) || r.buf === 'OK') return STAT_HANDLED;
    return STAT_FAILED;
  }

  async sdcmdS(quiet = false): Promise<number> {
    await this.io.flush(0);
    if (!quiet) this.log.debug(1, `sdcmd_S: issuing [${CMD_SOFTDOWN}]`);
    if ((await this.io.write(CMD_SOFTDOWN)) !== 1) return STAT_FAILED;
    return this.sdok(false);
  }

  async sdcmdCS(): Promise<number> {
    const v = this.host.getval('cshdelay');
    const cshd = v !== undefined ? parseFloat(v) * 1000 : 3500;
    if (this.status & STAT.OL) {
      await this.io.flush(0);
      if ((await this.io.write(CMD_SIMPWF)) !== 1) return STAT_FAILED;
      const r = await this.io.read(SER_D1 | SER_TO, 32);
      if (r.ret < 0) return STAT_FAILED;
      await sleep(cshd);
    }
    return this.sdcmdS(true);
  }

  async sdcmdAT(awd: string | undefined): Promise<number> {
    const a = awd ?? '000';
    const padto = a.length === 2 ? 2 : 3;
    const temp = CMD_GRACEDOWN + '0'.repeat(Math.max(0, padto - a.length)) + a;
    await this.io.flush(0);
    const ret = await this.io.writeLong(temp);
    if (ret !== padto + 1) {
      this.log.err(`issuing [${CMD_GRACEDOWN}] with ${padto} digits failed`);
      return STAT_FAILED;
    }
    const ok = await this.sdok(false);
    if (ok === STAT_HANDLED || padto === 3) return ok;
    this.log.err(`command [${CMD_GRACEDOWN}] with 2 digits doesn't work - try 3 digits`);
    await this.io.write(APC_GOSMART);
    await this.io.read(SER_D1 | SER_TO, 32);
    return STAT_FAILED;
  }

  async sdcmdK(): Promise<number> {
    await this.io.flush(0);
    if ((await this.io.writeRep(CMD_SHUTDOWN)) !== 2) return STAT_FAILED;
    return this.sdok(false);
  }

  async sdcmdZ(): Promise<number> {
    await this.io.flush(0);
    if ((await this.io.writeRep(CMD_OFF)) !== 2) return STAT_FAILED;
    return this.sdok(true);
  }

  /** upsdrv_shutdown() */
  async shutdown(): Promise<void> {
    const h = this.host;
    if (!(await this.smartmode(1))) this.log.warn('upsdrv_shutdown: setting SmartMode failed !');
    if ((await this.io.write(APC_STATUS)) === 1) {
      const r = await this.io.read(SER_D1);
      // 2.8.0 quirk kept: only a one-character status reply is accepted
      if (r.ret === 1) this.status = parseHex(r.buf);
      else { this.log.warn('upsdrv_shutdown: status read failed, assuming LB+OB'); this.status = STAT.LB | STAT.OB; }
    } else {
      this.log.warn('upsdrv_shutdown: status write failed, assuming LB+OB');
      this.status = STAT.LB | STAT.OB;
    }
    const adv = h.getval('advorder');
    if (h.testvar('advorder') && adv !== undefined && adv[0]?.toUpperCase() !== 'N') {
      for (const d of adv) {
        const fn = [() => this.sdcmdS(), () => this.sdcmdAT(h.getval('awd')), () => this.sdcmdK(), () => this.sdcmdZ(), () => this.sdcmdCS()][Number(d)];
        if (fn && (await fn()) === STAT_HANDLED) break;
      }
      return;
    }
    const sdtype = parseInt(h.getval('sdtype') ?? '0', 10) || 0;
    switch (sdtype) {
      case 5: await this.sdcmdAT(h.getval('awd')); break;
      case 4: await this.sdcmdCS(); break;
      case 3: await this.sdcmdK(); break;
      case 2: await this.sdcmdZ(); break;
      case 1:
        if (!(this.status & STAT.OB) || (await this.sdcmdS()) !== STAT_HANDLED) await this.sdcmdAT(h.getval('awd'));
        break;
      default:
        if (this.status & STAT.OL) await this.sdcmdAT(h.getval('awd'));
        else await this.sdcmdS();
    }
  }

  // ---- instant commands ----

  private chktime(): boolean {
    const now = this.now();
    const elapsed = now - this.lastCmd;
    this.lastCmd = now;
    return elapsed >= MINCMDTIME && elapsed <= MAXCMDTIME;
  }

  private async doCal(start: boolean): Promise<number> {
    await this.io.flush(SER_AA);
    if ((await this.io.write(APC_STATUS)) !== 1) return STAT_HANDLED;
    const r = await this.io.read(SER_AA);
    if (r.ret < 1 || r.buf === 'NA') { this.log.warn('runtime calibration state undeterminable'); return STAT_HANDLED; }
    const tval = parseHex(r.buf);
    if (tval & STAT.CAL) {
      if (start) { this.log.notice('runtime calibration already in progress'); return STAT_HANDLED; }
      this.log.notice('stopping runtime calibration');
    } else {
      if (!start) { this.log.notice('runtime calibration not occurring'); return STAT_HANDLED; }
      this.log.notice('starting runtime calibration');
    }
    if ((await this.io.write(CMD_CALTOGGLE)) !== 1) return STAT_HANDLED;
    const t = await this.io.read(SER_AA);
    if (t.ret < 1 || t.buf === 'NA' || t.buf === 'NO') this.log.warn(`${start ? 'start' : 'stop'} calibration failed, cmd returned: ${t.buf}`);
    return STAT_HANDLED;
  }

  private async doCmd(c: Cmd): Promise<number> {
    await this.io.flush(SER_AA);
    let ret: number;
    let n: number;
    if (c.flags & APC_REPEAT) { ret = await this.io.writeRep(c.cmd); n = 2; } else { ret = await this.io.write(c.cmd); n = 1; }
    if (ret !== n) return STAT_FAILED;
    const r = await this.io.read(SER_AA);
    if (r.ret < 1) return STAT_FAILED;
    if (r.buf !== 'OK') { this.log.warn(`do_cmd: got [${r.buf}] after command [${c.name}]`); return STAT_FAILED; }
    this.log.info(`do_cmd: ${c.name} completed`);
    return STAT_HANDLED;
  }

  async instcmd(cmd: string, ext: string | undefined): Promise<number> {
    const lc = cmd.toLowerCase();
    const ct = this.cmds.find((c) => c.name === lc && (c.ext ? c.ext.test(ext ?? '') : ext === undefined));
    const shown = ext ?? '\b';
    if (!ct) { this.log.warn(`instcmd: unknown command [${cmd} ${shown}]`); return STAT_INVALID; }
    if (!(ct.flags & APC_PRESENT)) {
      this.log.warn(`instcmd: command [${cmd} ${shown}] recognized, but not supported by your UPS model`);
      return STAT_INVALID;
    }
    // "nasty" commands must be sent twice within 3..15 s to run
    if (ct.flags & APC_NASTY && !this.chktime()) return STAT_HANDLED;
    if (lc === 'calibrate.start') return this.doCal(true);
    if (lc === 'calibrate.stop') return this.doCal(false);
    if (lc === 'load.on') {
      await this.io.flush(0);
      return (await this.io.writeRep(CMD_ON)) === 2 ? STAT_HANDLED : STAT_FAILED;
    }
    if (lc === 'load.off') return this.sdcmdZ();
    if (lc === 'shutdown.stayoff') return this.sdcmdK();
    if (lc === 'shutdown.return') {
      if (!ext) return this.sdcmdS();
      if (ext[0]!.toUpperCase() === 'A') return this.sdcmdAT(ext.slice(3));
      if (ext[0]!.toUpperCase() === 'C') return this.sdcmdCS();
    }
    return this.doCmd(ct);
  }
}

function parseHex(s: string): number {
  const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(s);
  return m ? parseInt(m[1]!, 16) : 0;
}
