// The snmp-ups engine: NUT 2.8.0 snmp-ups.c semantics over a MIB table
// (mib.ts) and an SnmpIo. One instance per device, so many devices can share
// a process; all table flags it changes live in its own copy of the table.

import type { DriverContext } from '../../driver/types.js';
import {
  SU_FLAG_OK, SU_FLAG_STATIC, SU_FLAG_ABSENT, SU_FLAG_STALE, SU_FLAG_NEGINVALID, SU_FLAG_UNIQUE,
  SU_FLAG_ZEROINVALID, SU_FLAG_NAINVALID, SU_FLAG_SEMI_STATIC, SU_OUTLET_GROUP, SU_OUTLET,
  SU_INPUT_1, SU_INPUT_3, SU_OUTPUT_1, SU_OUTPUT_3, SU_BYPASS_1, SU_BYPASS_3, SU_TYPE_CMD,
  SU_TYPE_DAISY_1, SU_TYPE_DAISY_2, SU_DAISY, SU_TYPE_DAISY_MASTER_ONLY, SU_AMBIENT_TEMPLATE,
  ST_FLAG_RW, ST_FLAG_STRING, type Mib2Nut, type SnmpInfo, type OidLookup, type AlarmInfo,
} from './mib.js';
import { SnmpIo } from './io.js';
import { atoi, cFixed, fillTemplate, findInfoVal, findStrVal, formatScaled, lookupValues } from './convert.js';
import { setOID } from './setoid.js';

export const SU_INPHASES = SU_INPUT_1 | SU_INPUT_3;
export const SU_OUTPHASES = SU_OUTPUT_1 | SU_OUTPUT_3;
export const SU_BYPPHASES = SU_BYPASS_1 | SU_BYPASS_3;
const SU_TYPE_MASK = 7 << 18;
export const suType = (e: Entry): number => e.su & SU_TYPE_MASK;

const APCC_OID_IEM_TEMP = '.1.3.6.1.4.1.318.1.1.10.2.3.2.1.4.1';
const APCC_OID_IEM_TEMP_UNIT = '.1.3.6.1.4.1.318.1.1.10.2.3.2.1.5.1';
const APCC_IEM_FAHRENHEIT = 2;
const SYSOID_OID = '.1.3.6.1.2.1.1.2.0';

export const WALK_INIT = 0;
export const WALK_UPDATE = 1;

/** A mutable copy of one snmp_info_t row */
export interface Entry {
  name: string;
  flags: number;
  len: number;
  oid: string | null;
  dfl: string | null;
  su: number;
  lookup: OidLookup | null;
}

export const toEntry = (i: SnmpInfo): Entry => ({
  name: i.name, flags: i.flags, len: i.len, oid: i.oid, dfl: i.dfl, su: i.suFlags >>> 0, lookup: i.lookup ?? null,
});

interface Phases { input: number; output: number; bypass: number }

export class SnmpUpsEngine {
  info: Entry[] = [];
  mib: Mib2Nut | null = null;
  alarms: readonly AlarmInfo[] = [];
  pollfreq = 30;
  semistaticfreq = 10;
  semistaticCountdown = 10;
  lastpoll = 0;
  commOk: boolean | null = null;
  quirkSymmetra = false;
  devicesCount = 1;
  daisychainEnabled = false;
  currentDevice = 0;
  phases: Phases[] = [];
  outletBase = -1;
  outletGroupBase = -1;
  ambientBase = -1;
  deviceBase = -1;
  deviceOffset = -1;
  /** the daisychain per-device alarm buffer (device_alarm_*) */
  private devAlarm = '';
  private devAlarmActive = false;

  constructor(readonly ctx: DriverContext, readonly io: SnmpIo, readonly mibs: readonly Mib2Nut[]) {}

  private dbg(level: number, msg: string): void { this.ctx.log.debug(level, msg); }
  private get tag(): string { return this.io.upsname; }

  findInfo(name: string): Entry | null {
    const lc = name.toLowerCase();
    for (const e of this.info) {
      if (e.name.toLowerCase() === lc) {
        this.dbg(3, `su_find_info: "${name}" found`);
        return e;
      }
    }
    this.dbg(3, `su_find_info: unknown info type (${name})`);
    return null;
  }

  // --- MIB choice --------------------------------------------------------

  /** match_model_OID(): the table's device.model/ups.model OID answers */
  private async matchModelOid(): Promise<boolean> {
    const e = this.findInfo('device.model') ?? this.findInfo('ups.model');
    if (!e || e.oid === null) return false;
    const oid = e.oid.includes('%') ? fillTemplate(e.oid, 0) : e.oid;
    this.dbg(2, `Testing ${e.name} using OID ${oid}`);
    return (await this.io.getStr(oid, null, 256)) !== null;
  }

  private async matchSysoid(): Promise<Mib2Nut | null> {
    const sysoid = await this.io.getOid(SYSOID_OID);
    if (sysoid === null) {
      this.dbg(2, "Can't get sysOID value");
      return null;
    }
    this.dbg(1, `match_sysoid: device sysOID value = ${sysoid}`);
    const norm = (s: string): string => s.replace(/^\./, '');
    for (const m of this.mibs) {
      this.dbg(1, `match_sysoid: checking MIB ${m.name}`);
      if (m.sysOid === null) continue;
      this.dbg(1, `match_sysoid: comparing ${sysoid} with ${m.sysOid}`);
      if (norm(m.sysOid) !== norm(sysoid)) continue;
      this.dbg(2, `match_sysoid: sysOID matches MIB '${m.name}'!`);
      this.info = m.info.map(toEntry);
      if (!(await this.matchModelOid())) {
        this.dbg(2, `match_sysoid: testOID provided and doesn't match MIB '${m.name}'!`);
        this.info = [];
        continue;
      }
      this.dbg(2, `match_sysoid: testOID provided and matches MIB '${m.name}'!`);
      return m;
    }
    this.ctx.log.err(`No matching MIB found for sysOID '${sysoid}'!\nPlease report it to NUT developers, with an 'upsc' output for your device.\nGoing back to the classic MIB detection method.`);
    return null;
  }

  /** load_mib2nut(): choose the table (fatal when none fits) */
  async loadMib2nut(mib: string): Promise<void> {
    const auto = mib === 'auto';
    let m2n: Mib2Nut | null = null;
    let seen = false;
    this.dbg(1, `SNMP UPS driver: entering load_mib2nut(${mib}) to detect proper MIB for device [${this.tag}] (host ${this.ctx.port})`);
    if (auto) {
      for (let i = 0; i < 3 && !m2n; i++) m2n = await this.matchSysoid();
    }
    if (!m2n) {
      for (const m of this.mibs) {
        if (!auto && mib !== m.name) continue;
        this.dbg(2, `load_mib2nut: trying classic sysOID matching method with '${m.name}' mib`);
        this.info = m.info.map(toEntry);
        if (!auto) seen = true;
        if (!(await this.matchModelOid())) {
          this.dbg(3, `load_mib2nut: testOID provided and doesn't match MIB '${m.name}'!`);
          this.info = [];
          continue;
        }
        m2n = m;
        break;
      }
    }
    if (m2n) {
      this.mib = m2n;
      this.info = m2n.info.map(toEntry);
      this.alarms = m2n.alarms ?? [];
      this.io.mibname = m2n.name;
      this.dbg(1, `load_mib2nut: using ${m2n.name} MIB for device [${this.tag}] (host ${this.ctx.port})`);
      return;
    }
    if (!auto) {
      if (seen) this.ctx.fatal(`Requested 'mibs' value '${mib}' did not match this device [${this.tag}] (host ${this.ctx.port})`);
      this.ctx.fatal(`Unknown 'mibs' value: ${mib}`);
    }
    this.ctx.fatal(`No supported device detected at [${this.tag}] (host ${this.ctx.port})`);
  }

  // --- setting values ------------------------------------------------------

  /** su_setinfo() */
  setinfo(e: Entry, value: string | null): void {
    let name = e.name;
    const dev = `device.${this.currentDevice}`;
    if (this.daisychainEnabled && this.devicesCount > 1) {
      if (this.currentDevice > 0 && !e.name.includes(dev)) {
        name = e.name.startsWith('device.') ? `device.${this.currentDevice}.${e.name.slice(7)}` : `device.${this.currentDevice}.${e.name}`;
      }
    }
    this.dbg(1, `su_setinfo: using info_type '${name}'`);
    if (suType(e) === SU_TYPE_CMD) return;
    const lower = e.name.toLowerCase();
    if (lower === 'ups.status' || lower.slice(lower.lastIndexOf('.')) === '.alarm') return;
    const v = value ?? e.dfl;
    if (v === null) {
      this.dbg(3, 'su_setinfo: no value nor default provided, aborting...');
      return;
    }
    this.ctx.setInfo(name, v);
    this.ctx.setFlags(name, e.flags & (ST_FLAG_RW | ST_FLAG_STRING));
    this.ctx.setAux(name, Math.trunc(e.len));
    if (e.flags & ST_FLAG_RW && e.lookup) {
      for (const en of lookupValues(e.lookup)) this.ctx.addEnum(name, en);
    }
    this.ctx.dataOk();
  }

  private statusSet(e: Entry, value: number): void {
    const v = findInfoVal(e.lookup, value, this.io.mibState);
    if (v) this.ctx.statusSet(v);
  }

  private alarmSet(text: string): void {
    if (this.devicesCount > 1) this.devAlarm = this.devAlarm ? `${this.devAlarm} ${text}` : text;
    else this.ctx.alarmSet(text);
  }

  private suAlarmSet(e: Entry, value: number): void {
    let type = e.name;
    if (type.startsWith('device.')) {
      const i = type.indexOf('.', 7);
      type = type.slice(i + 1);
    }
    let v = findInfoVal(e.lookup, value, this.io.mibState);
    if (!v) return;
    if (e.su & (SU_OUTLET | SU_OUTLET_GROUP)) {
      const n = extractTemplateNumber(e.su, type);
      v = `outlet${e.su & SU_OUTLET_GROUP ? ' group' : ''} ${n} ${v}`;
    }
    if (type[0] === 'L') v = `phase L${atoi(type.slice(1))} ${v}`;
    this.alarmSet(v);
  }

  private disableCompetition(entry: Entry): void {
    for (const p of this.info) {
      if (p !== entry && p.name === entry.name) {
        this.dbg(2, `disable_competition: disabling ${p.name} ${p.oid}`);
        p.su &= ~SU_FLAG_OK;
      }
    }
  }

  // --- one variable ------------------------------------------------------

  /** su_ups_get(): read one entry and publish it; false when it could not be read */
  async upsGet(orig: Entry): Promise<boolean> {
    let e = orig;
    let savedDevice = -1;
    this.dbg(2, `su_ups_get: ${e.name} ${e.oid}`);
    if (e.oid !== null && e.oid.includes('%')) {
      e = { ...orig, oid: fillTemplate(orig.oid!, this.currentDevice + this.deviceOffset) };
    } else if (this.daisychainEnabled && this.devicesCount > 1 && this.currentDevice > 0) {
      if (!(/^device\.\d/.test(e.name))) savedDevice = this.currentDevice;
    }
    const lower = e.name.toLowerCase();
    if (lower === 'ups.status') {
      const v = await this.io.getInt(e.oid!);
      if (v === null) { this.dbg(2, '=> Failed'); return false; }
      this.statusSet(e, v);
      this.dbg(2, `=> value: ${v}`);
      return true;
    }
    if (e.name.slice(e.name.lastIndexOf('.')) === '.alarm') {
      this.dbg(2, `Processing alarm: ${e.name}`);
      const v = await this.io.getInt(e.oid!);
      if (v === null) { this.dbg(2, '=> Failed'); return false; }
      this.suAlarmSet(e, v);
      this.dbg(2, `=> value: ${v}`);
      return true;
    }
    if (lower === 'ups.alarms') {
      const n = await this.io.getInt(e.oid!);
      if (n === null) { this.dbg(2, '=> Failed'); return false; }
      this.dbg(2, `=> ${n} alarms present`);
      if (n > 0) {
        const vbs = await this.io.walk(e.oid!, 2147483647);
        if (!vbs) { this.dbg(2, '=> Walk failed'); return false; }
        for (const vb of vbs) {
          if (vb.type !== 0x06) continue;
          const ref = '.' + String(vb.value);
          const a = this.alarms.find((x) => x.oid === ref || x.oid === ref.slice(1));
          if (!a) continue;
          if (a.statusValue) this.ctx.statusSet(a.statusValue);
          if (a.alarmValue) this.alarmSet(a.alarmValue);
        }
      }
      return true;
    }
    if (lower === 'ambient.temperature') {
      const v = await this.io.getInt(e.oid!);
      if (v === null) return false;
      let temp: number;
      if (e.oid === APCC_OID_IEM_TEMP) {
        const units = await this.io.getInt(APCC_OID_IEM_TEMP_UNIT);
        temp = units === null || units === APCC_IEM_FAHRENHEIT ? Math.fround((v - 32) / 1.8) : Math.fround(v);
      } else temp = Math.fround(v * e.len);
      this.setinfo(e, cFixed(temp, 1));
      return true;
    }
    let buf: string | null = null;
    if (e.oid === null && e.dfl !== null) {
      buf = e.dfl.slice(0, 127);
    } else if (e.flags & ST_FLAG_STRING) {
      buf = await this.io.getStr(e.oid!, e.lookup);
      if (buf !== null) {
        if (this.quirkSymmetra && (lower === 'input.transfer.low' || lower === 'input.transfer.high')) {
          buf = cFixed(Number.parseFloat(buf) * 0.707 || 0, 2);
        }
        const f = findStrVal(e.lookup, buf, this.io.mibState);
        if (f !== null) buf = f.slice(0, 127);
      }
    } else {
      if (e.oid === null) return false;
      const v = await this.io.getInt(e.oid);
      if (v !== null) {
        // on a daisychain template this changes the instance only, as the reference
        if ((e.su & SU_FLAG_NEGINVALID && v < 0) || (e.su & SU_FLAG_ZEROINVALID && v === 0)) {
          e.su &= ~SU_FLAG_OK;
          if (e.su & SU_FLAG_UNIQUE) {
            this.disableCompetition(e);
            e.su &= ~SU_FLAG_UNIQUE;
          }
          return false;
        }
        const s = findInfoVal(e.lookup, v, this.io.mibState);
        buf = s !== null ? s.slice(0, 127) : formatScaled(v, e.len);
      }
    }
    if (buf === null) {
      this.dbg(2, '=> Failed');
      return false;
    }
    const keep = this.currentDevice;
    if (savedDevice >= 0) this.currentDevice = 1;
    this.setinfo(e, buf);
    if (savedDevice >= 0) this.currentDevice = keep;
    this.dbg(2, `=> value: ${buf}`);
    return true;
  }

  /** get_and_process_data() */
  async getAndProcess(mode: number, e: Entry): Promise<boolean> {
    this.dbg(1, `get_and_process_data: ${e.name} (${e.oid})`);
    const ok = await this.upsGet(e);
    if (ok) {
      if (e.su & SU_FLAG_STALE) {
        this.ctx.log.info(`[${this.tag}] get_and_process_data: data resumed for ${e.name}`);
        e.su &= ~SU_FLAG_STALE;
      }
      if (e.su & SU_FLAG_UNIQUE) {
        this.disableCompetition(e);
        e.su &= ~SU_FLAG_UNIQUE;
      }
      this.ctx.dataOk();
    } else if (mode === WALK_INIT) {
      e.su &= ~SU_FLAG_OK;
    } else {
      if (!(e.su & SU_FLAG_STALE)) {
        this.ctx.log.info(`[${this.tag}] snmp_ups_walk: data stale for ${e.name}`);
        e.su |= SU_FLAG_STALE;
      }
      this.ctx.dataStale();
    }
    return ok;
  }

  // --- templates ---------------------------------------------------------

  /** base_snmp_template_index(): whether the template's index starts at 0 or 1 */
  private async baseTemplateIndex(e: Entry): Promise<number> {
    if (!e.oid) return -1;
    const t = templateType(e.name);
    let base = t === SU_OUTLET ? this.outletBase : t === SU_OUTLET_GROUP ? this.outletGroupBase
      : t === SU_DAISY ? this.deviceBase : t === SU_AMBIENT_TEMPLATE ? this.ambientBase : -1;
    if (base !== -1) return base;
    for (base = 0; base < 2; base++) {
      let test: string;
      if (isMultipleTemplate(e.oid)) {
        test = e.su & SU_TYPE_DAISY_1
          ? fillTemplate(e.oid, this.currentDevice + this.deviceOffset, base)
          : fillTemplate(e.oid, base, this.currentDevice + this.deviceOffset);
      } else test = fillTemplate(e.oid, base);
      if ((await this.io.get(test)) !== null) {
        if (e.su & SU_FLAG_ZEROINVALID) {
          const v = await this.io.getInt(test);
          if (v !== null && v !== 0) break;
        } else if (e.su & SU_FLAG_NAINVALID) {
          const v = await this.io.getStr(test, null, 32);
          if (v !== null && !v.startsWith('N/A')) break;
        } else break;
      }
    }
    if (e.su & SU_OUTLET) this.outletBase = base;
    else if (e.su & SU_OUTLET_GROUP) this.outletGroupBase = base;
    else if (e.su & SU_AMBIENT_TEMPLATE) this.ambientBase = base;
    else this.deviceBase = base;
    this.dbg(3, `base_snmp_template_index: template_index_base = ${base}`);
    return base;
  }

  /** guestimate_template_count(): how many instances answer (bounded: a v2c agent answers every GET) */
  async guessTemplateCount(e: Entry): Promise<number> {
    const tpl = e.oid!;
    this.dbg(1, `guestimate_template_count(${tpl})`);
    let base = 0;
    let test = fillTemplate(tpl, base);
    if ((await this.io.get(test)) === null) base++;
    else if (e.su & SU_FLAG_ZEROINVALID) {
      const v = await this.io.getInt(test);
      if (v !== null && v === 0) base++;
    }
    let count = 0;
    for (; count < 1024; count++) {
      test = fillTemplate(tpl, base + count);
      const vb = await this.io.get(test);
      // NUT 2.8.0 stops only on no answer at all; with v2c that is never: stop on the exception too
      if (vb === null || vb.type >= 0x80) break;
    }
    this.dbg(3, `guestimate_template_count: ${count}`);
    return count;
  }

  /** process_template() */
  async processTemplate(mode: number, type: string, e: Entry): Promise<boolean> {
    let status = true;
    this.dbg(1, `${type} template definition found (${e.name})...`);
    const countVar = !type.startsWith('device') && this.devicesCount > 1 && this.currentDevice > 0
      ? `device.${this.currentDevice}.${type}.count` : `${type}.count`;
    let count: number;
    const have = this.ctx.getInfo(countVar);
    if (have === undefined) {
      count = await this.guessTemplateCount(e);
      if (count > 0) this.ctx.setInfo(countVar, String(count));
    } else count = atoi(have);
    this.dbg(1, `${count} instances found...`);
    if (count <= 0) {
      this.dbg(1, `No ${type} present, discarding template definition...`);
      return status;
    }
    const base = await this.baseTemplateIndex(e);
    const cur: Entry = { ...e };
    for (let n = base; n < count + base; n++) {
      this.dbg(1, `Processing instance ${n}/${count}...`);
      let nutIndex = 0;
      if (type.startsWith('device')) {
        if (this.currentDevice > 0) {
          const ptr = e.name.startsWith('device.') ? e.name.slice(7) : e.name;
          cur.name = `device.${this.currentDevice}.${ptr}`;
        } else {
          nutIndex = n;
          cur.name = fillTemplate(e.name, nutIndex);
        }
      } else if (type.startsWith('outlet') || type.startsWith('ambient')) {
        nutIndex = n;
        if (type.startsWith('ambient') && this.daisychainEnabled && e.su & SU_TYPE_DAISY_MASTER_ONLY && this.currentDevice !== 1) {
          this.dbg(2, 'discarding variable due to daisychain master flag');
          continue;
        }
        if (this.daisychainEnabled && this.devicesCount > 1 && this.currentDevice > 0) {
          cur.name = fillTemplate(`device.%i.${e.name}`, this.currentDevice, nutIndex);
        } else cur.name = fillTemplate(e.name, nutIndex);
      } else this.dbg(4, `Error: unknown template type '${type}`);
      cur.dfl = e.dfl !== null && e.dfl.includes('%i') ? fillTemplate(e.dfl, nutIndex) : e.dfl;
      if (e.oid !== null) {
        if (type.startsWith('device')) {
          if (this.currentDevice > 0) cur.oid = fillTemplate(e.oid, this.currentDevice + this.deviceOffset);
        } else if (this.daisychainEnabled) {
          if (e.su & SU_TYPE_DAISY_1) cur.oid = fillTemplate(e.oid, this.currentDevice + this.deviceOffset, n);
          else if (e.su & SU_TYPE_DAISY_2) cur.oid = fillTemplate(e.oid, n + this.deviceOffset, this.currentDevice - this.deviceOffset);
          else cur.oid = fillTemplate(e.oid, n);
        } else cur.oid = fillTemplate(e.oid, n);
        if (suType(e) === SU_TYPE_CMD) {
          this.dbg(1, `Adding template command ${cur.name}`);
          if (mode === WALK_INIT) this.ctx.addCmd(cur.name);
        } else status = await this.getAndProcess(mode, cur);
      } else {
        this.setinfo(cur, null);
      }
      e.su = cur.su;
    }
    return status;
  }

  // --- daisychain and phases ---------------------------------------------

  /** daisychain_init() */
  async daisychainInit(): Promise<void> {
    this.dbg(1, 'Checking if daisychain support has to be enabled');
    let e = this.findInfo('device.count');
    if (e) {
      this.dbg(1, 'Found device.count entry...');
      this.daisychainEnabled = true;
      if (e.oid !== null && !e.oid.includes('%i')) {
        let n = -1;
        if (e.lookup && !Array.isArray(e.lookup) && (e.lookup as { nuf?: unknown }).nuf) {
          const s = await this.io.getStr(e.oid, e.lookup, 1024);
          if (s !== null) n = (e.lookup as { nuf(v: string): number }).nuf(s);
        }
        if (n === -1) {
          const v = await this.io.getInt(e.oid);
          if (v !== null) { n = v; this.dbg(1, `There are ${n} device(s) present`); } else {
            this.dbg(1, "Error: can't get the number of device(s) present!");
            n = 1;
          }
        }
        this.devicesCount = n;
      } else {
        this.devicesCount = await this.guessTemplateCount(e);
        this.dbg(1, `Guesstimation: there are ${this.devicesCount} device(s) present`);
      }
      if (this.devicesCount < 1) {
        this.devicesCount = 1;
        this.daisychainEnabled = false;
        this.dbg(1, 'Falling back to 1 device and disabling daisychain support!');
      } else {
        this.ctx.setInfo('device.count', String(this.devicesCount));
        if (this.findInfo('device.mfr')) {
          const m = this.findInfo('ups.mfr');
          if (m) this.setinfo(m, null);
        }
        const t = this.findInfo('device.type');
        if (t && t.dfl !== null) {
          this.ctx.setInfo('device.model', `daisychain ${t.dfl} (1+${this.devicesCount - 1})`);
          this.ctx.setInfo('device.type', t.dfl);
        } else this.ctx.setInfo('device.model', `daisychain (1+${this.devicesCount - 1})`);
      }
    } else {
      this.daisychainEnabled = false;
      this.dbg(1, 'No device.count entry found, daisychain support not needed');
    }
    e = this.findInfo('device.model');
    if (e) {
      this.deviceBase = await this.baseTemplateIndex(e);
      this.deviceOffset = this.deviceBase - 1;
    }
    this.dbg(1, `daisychain_init: daisychain support is ${this.daisychainEnabled ? 'enabled' : 'disabled'}`);
  }

  /** process_phase_data(): true when the entry must be skipped */
  private async phaseSkip(type: 'input' | 'output' | 'input.bypass', e: Entry): Promise<boolean> {
    // 2.8.0 tests the prefix "input" before "input.bypass", so bypass entries get the
    // input phase flags tested (never set on them): they are all kept, none cleared
    const [all, one, three] = type.startsWith('input') ? [SU_INPHASES, SU_INPUT_1, SU_INPUT_3]
      : [SU_OUTPHASES, SU_OUTPUT_1, SU_OUTPUT_3];
    const key = type === 'input' ? 'input' : type === 'output' ? 'output' : 'bypass';
    void SU_BYPASS_1; void SU_BYPASS_3;
    const ph = this.phases[this.currentDevice]!;
    if (ph[key] === -1) {
      let name = this.daisychainEnabled && this.currentDevice > 0 ? `device.${this.currentDevice}.${type}.phases` : `${type}.phases`;
      const have = this.ctx.getInfo(name);
      if (have === undefined) {
        name = `${type}.phases`;
        const t = this.findInfo(name);
        if (t && t.oid !== null) {
          const oid = t.oid.includes('%') ? fillTemplate(t.oid, this.currentDevice + this.deviceOffset) : t.oid;
          const v = await this.io.getInt(oid);
          ph[key] = v ?? 1;
        } else ph[key] = 1;
      } else ph[key] = atoi(have);
      this.ctx.setInfo(name, String(ph[key]));
    }
    if (e.su & one) {
      if (ph[key] === 1) e.su &= ~all;
      else { e.su &= ~SU_FLAG_OK; return true; }
    } else if (e.su & three) {
      if (ph[key] === 3) e.su &= ~all;
      else { e.su &= ~SU_FLAG_OK; return true; }
    }
    return false;
  }

  // --- the walk ------------------------------------------------------------

  /** snmp_ups_walk() */
  async walk(mode: number): Promise<boolean> {
    let status = false;
    if (mode === WALK_UPDATE) {
      this.semistaticCountdown--;
      if (this.semistaticCountdown < 0) this.semistaticCountdown = this.semistaticfreq;
    }
    const first = !this.daisychainEnabled && this.devicesCount === 1 ? 1 : 0;
    for (this.currentDevice = first; this.currentDevice <= this.devicesCount; this.currentDevice++) {
      this.dbg(1, `snmp_ups_walk: walking device ${this.currentDevice}`);
      if (this.devicesCount > 1) this.devAlarm = '';
      for (const e of this.info) {
        if (mode === WALK_INIT && e.name.startsWith('device.count')) { e.su &= ~SU_FLAG_OK; continue; }
        if (this.currentDevice === 0 && this.daisychainEnabled) continue;
        if (suType(e) === SU_TYPE_CMD && !(e.su & (SU_OUTLET | SU_OUTLET_GROUP))) continue;
        if (mode === WALK_UPDATE && !(e.su & SU_FLAG_OK)) continue;
        if (mode === WALK_UPDATE && e.su & SU_FLAG_SEMI_STATIC) {
          if (this.semistaticCountdown !== 0) continue;
          this.dbg(1, `Refreshing semi-static entry ${e.oid}`);
        }
        if (mode === WALK_UPDATE && e.su & SU_FLAG_STATIC) continue;
        if (e.su & SU_FLAG_ABSENT && !(e.su & (SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE))) {
          if (mode === WALK_INIT) {
            if (e.dfl !== null) {
              if (this.daisychainEnabled && this.devicesCount > 1) {
                if (this.currentDevice === 0) this.setinfo(e, null);
                else status = await this.processTemplate(mode, 'device', e);
              } else this.setinfo(e, null);
            }
            e.su |= SU_FLAG_STATIC;
          }
          continue;
        }
        if (e.su & SU_INPHASES && (await this.phaseSkip('input', e))) continue;
        if (e.su & SU_OUTPHASES && (await this.phaseSkip('output', e))) continue;
        if (e.su & SU_BYPPHASES && (await this.phaseSkip('input.bypass', e))) continue;
        if (e.su & SU_OUTLET) {
          if (suType(e) === SU_TYPE_CMD && mode === WALK_UPDATE) continue;
          status = await this.processTemplate(mode, 'outlet', e);
        } else if (e.su & SU_OUTLET_GROUP) {
          if (suType(e) === SU_TYPE_CMD && mode === WALK_UPDATE) continue;
          status = await this.processTemplate(mode, 'outlet.group', e);
        } else if (e.su & SU_AMBIENT_TEMPLATE) {
          if (suType(e) === SU_TYPE_CMD && mode === WALK_UPDATE) continue;
          status = await this.processTemplate(mode, 'ambient', e);
        } else {
          status = await this.getAndProcess(mode, e);
        }
      }
      if (this.devicesCount > 1) {
        // device_alarm_commit()
        const name = this.currentDevice !== 0 ? `device.${this.currentDevice}.ups.alarm` : 'ups.alarm';
        if (this.devAlarm) {
          this.ctx.setInfo(name, this.devAlarm);
          this.devAlarmActive = true;
        } else this.ctx.delInfo(name);
        this.devAlarm = '';
      }
    }
    return status;
  }

  /** daisychain alarms seen in the last walk (ALARM in ups.status) */
  takeDeviceAlarm(): boolean {
    const a = this.devAlarmActive;
    this.devAlarmActive = false;
    return a;
  }

  /** su_addcmd() */
  async addcmd(e: Entry): Promise<void> {
    this.dbg(2, `entering su_addcmd(${e.name})`);
    if (this.daisychainEnabled) {
      for (this.currentDevice = 1; this.currentDevice <= this.devicesCount; this.currentDevice++) {
        await this.processTemplate(WALK_INIT, 'device', e);
      }
    } else if ((await this.io.get(e.oid)) !== null) {
      this.ctx.addCmd(e.name);
      this.dbg(1, `su_addcmd: adding command '${e.name}'`);
    }
  }

  /** su_setOID() for SETs and instant commands */
  setOID(instcmd: boolean, varname: string, val: string | undefined): Promise<number> {
    return setOID(this, instcmd, varname, val);
  }
}

/** get_template_type() */
export function templateType(name: string): number {
  if (name.startsWith('outlet.group')) return SU_OUTLET_GROUP;
  if (name.startsWith('outlet')) return SU_OUTLET;
  if (name.startsWith('device')) return SU_DAISY;
  if (name.startsWith('ambient')) return SU_AMBIENT_TEMPLATE;
  return 0;
}

/** extract_template_number(): 'outlet.1.desc' → 1 */
export function extractTemplateNumber(t: number, name: string): number {
  let at: number;
  if (t & SU_OUTLET_GROUP) at = 12;
  else if (t & SU_OUTLET) at = 6;
  else if (t & SU_DAISY) at = 6;
  else if (t & SU_AMBIENT_TEMPLATE) at = 7;
  else return -1;
  return atoi(name.slice(at + 1));
}

function isMultipleTemplate(oid: string | null): boolean {
  if (!oid) return false;
  const i = oid.indexOf('%');
  return i >= 0 && oid.indexOf('%', i + 1) >= 0;
}

export { SU_FLAG_OK, SU_FLAG_STATIC, SU_TYPE_CMD, SU_OUTLET, SU_OUTLET_GROUP, SU_TYPE_DAISY_1, SU_TYPE_DAISY_2 };
