// The nutdrv_qx engine: walks a subdriver's item table, sends each command,
// cuts values out of the replies and publishes them; runs instant commands and
// settable variables; picks the subdriver (autodetection) and guesses battery
// charge/runtime. Same order of commands, same values and log lines as NUT
// 2.8.0's drivers/nutdrv_qx.c. No I/O of its own: `io.command()` talks to the
// device, `host` is the driver context (dstate API, options, logging).

import {
  STAT_HANDLED, STAT_UNKNOWN, STAT_INVALID, STAT_FAILED, strtod, strtol, cformat, fixed, guessBatteryPacks,
  chargeFromVoltage, guessVoltageLimits, parseRuntimecal, effectiveLoad, stepRuntimeEstimate,
  type DriverHost, type DriverLog, type CommandIo,
} from '../../driver/kit/index.js';
import {
  type Item, type SubdriverDef, makeItem,
  QX_FLAG_ABSENT, QX_FLAG_CMD, QX_FLAG_ENUM, QX_FLAG_NONUT, QX_FLAG_QUICK_POLL, QX_FLAG_RANGE,
  QX_FLAG_SEMI_STATIC, QX_FLAG_SETVAR, QX_FLAG_SKIP, QX_FLAG_STATIC, QX_FLAG_TRIM, ST_FLAG_STRING, MAXTRIES,
} from './item.js';

export { STAT_HANDLED, STAT_UNKNOWN, STAT_INVALID, STAT_FAILED };

/** the engine's host, log and device I/O are the kit's (names kept for the subdrivers and tests) */
export type QxLog = DriverLog;
export type QxHost = DriverHost;
export type QxIo = CommandIo;

// status bits (nutdrv_qx.h status_bit_t)
export const S = { OL: 1, LB: 2, RB: 4, CHRG: 8, DISCHRG: 16, BYPASS: 32, CAL: 64, OFF: 128, OVER: 256, TRIM: 512, BOOST: 1024, FSD: 2048 } as const;
type StatusName = keyof typeof S;

const enum Walk { INIT, QUICK, FULL }

export const DEFAULT_POLLFREQ = 30;

export class QxEngine {
  subdriver: SubdriverDef | null = null;
  items: Item[] = [];
  upsStatus = 0;
  dataHasChanged = false;
  pollfreq = DEFAULT_POLLFREQ;
  private lastpoll = 0;
  private retry = 0;
  private previous = { command: '', answer: '' };
  /** extra state subdrivers may keep */
  readonly scratch: Record<string, unknown> = {};

  // battery guesstimation (qx_initbattery & co.)
  batt = { packs: 1, runt: { act: -1, nom: -1, est: 0, exp: 0 }, volt: { act: -1, high: -1, nom: -1, low: -1 }, chrg: { act: -1, time: 43200 } };
  load = { act: 0, low: 0.1, eff: 1 };
  private batteryLastpoll = 0;

  constructor(
    readonly host: QxHost,
    readonly io: QxIo,
    readonly subdrivers: SubdriverDef[],
    /** seconds, like time() */
    readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  get log(): QxLog { return this.host.log; }

  use(sd: SubdriverDef): void {
    this.subdriver = sd;
    this.items = sd.items.map(makeItem);
  }

  // ---- lookups ----

  findItem(name: string, flag = 0, noflag = 0): Item | undefined {
    const lc = name.toLowerCase();
    for (const it of this.items) {
      if (it.type.toLowerCase() !== lc) continue;
      if (flag && (it.flags & flag) !== flag) continue;
      if (noflag && (it.flags & noflag)) continue;
      return it;
    }
    this.log.debug(2, `find_nut_info: info type ${name} not found`);
    return undefined;
  }

  updateStatus(value: string): void {
    let clear = false;
    let v = value;
    if (v.startsWith('!')) { v = v.slice(1); clear = true; }
    const key = v.toUpperCase() as StatusName;
    if (!(key in S)) { this.log.debug(5, `update_status: Warning! ${v} not in list of known values`); return; }
    if (clear) this.upsStatus &= ~S[key]; else this.upsStatus |= S[key];
  }

  // ---- talking to the device ----

  /** qx_process(): send the item's command (or `command`) and cut the value out of the reply. */
  async process(item: Item, command?: string): Promise<boolean> {
    let cmd = command ?? item.command ?? '';
    if (item.def.preprocessCommand) {
      const c = item.def.preprocessCommand(this, item, cmd);
      if (c === null) { this.log.debug(4, `qx_process: failed to preprocess command [${item.type}]`); return false; }
      cmd = c;
    }
    const reply = await this.io.command(cmd);
    item.answer = '';
    if (reply === null) { this.log.debug(4, `qx_process: failed to preprocess answer [${item.type}]`); return false; }
    // the reply buffer is a C string: it ends at the first NUL, at most 511 bytes
    let answer = reply.slice(0, 511);
    let len = answer.length;
    if (item.def.preprocessAnswer) {
      item.answer = answer;
      const a = item.def.preprocessAnswer(this, item, answer);
      if (a === null) {
        this.log.debug(4, `qx_process: failed to preprocess answer [${item.type}]`);
        item.answer = '';
        return false;
      }
      answer = a;
      len = a.length;
    }
    const nul = answer.indexOf('\0');
    item.answer = nul >= 0 ? answer.slice(0, nul) : answer;
    return this.processAnswer(item, len);
  }

  /** qx_process_answer() */
  processAnswer(item: Item, len: number): boolean {
    const sd = this.subdriver!;
    if (sd.rejected !== null && item.answer.toLowerCase() === sd.rejected.toLowerCase()) {
      this.log.debug(2, `qx_process_answer: query rejected by the UPS (${item.type})`);
      return false;
    }
    if (item.answerLen && len < item.answerLen) {
      this.log.debug(2, `qx_process_answer: short reply (${item.type})`);
      return false;
    }
    if (item.leading && item.answer[0] !== item.leading) {
      const hex = (c: string | undefined): string => (c ? c.charCodeAt(0) : 0).toString(16).padStart(2, '0');
      this.log.debug(2, `qx_process_answer: ${item.type} - invalid start character [${hex(item.answer[0])}], expected [${hex(item.leading)}]`);
      return false;
    }
    if (item.to && item.to < item.from) {
      this.log.debug(1, `qx_process_answer: in ${item.type}, starting char's position (${item.from}) follows ending char's one (${item.to})`);
      return false;
    }
    if (item.answer.length) {
      const cr = item.answer.indexOf('\r');
      const upto = cr >= 0 ? cr : item.answer.length;
      const n = item.to ? 1 + item.to - item.from : upto - item.from;
      item.value = n > 0 ? item.answer.slice(item.from, item.from + n) : '';
    } else item.value = '';
    return true;
  }

  /**
   * ups_infoval_set(): publish the item's value.
   * Returns -1 on failure, 0 for a status/alarm update, 1 otherwise.
   */
  infovalSet(item: Item): number {
    let value: string;
    if (item.def.preprocess) {
      const v = item.def.preprocess(this, item, '');
      if (v === null) {
        this.log.debug(4, `ups_infoval_set: failed to preprocess value [${item.type}: ${item.value}]`);
        return -1;
      }
      value = v;
      if (item.type.startsWith('ups.status')) { if (value) this.updateStatus(value); return 0; }
      if (item.type.startsWith('ups.alarm')) { if (value) this.host.alarmSet(value); return 0; }
    } else {
      value = item.value;
      if (item.flags & QX_FLAG_TRIM) value = value.replace(/^[# ]+/, '').replace(/[# ]+$/, '');
      if ((item.dfl ?? '').toLowerCase() !== '%s') {
        if (!/^[0-9 .]*$/.test(value)) {
          this.log.debug(2, `ups_infoval_set: non numerical value [${item.type}: ${value}]`);
          return -1;
        }
        value = cformat(item.dfl ?? '', strtod(value));
      }
    }
    if (item.flags & QX_FLAG_NONUT) { this.log.info(`${item.type}: ${value}`); return 1; }
    if (!value) { this.log.debug(1, `ups_infoval_set: non significant value [${item.type}]`); return -1; }
    this.host.setInfo(item.type, value);
    if (item.type.toLowerCase() === 'battery.charge') this.batt.chrg.act = strtol(value);
    else if (item.type.toLowerCase() === 'battery.runtime') this.batt.runt.act = strtol(value);
    return 1;
  }

  /** The item's settable values up to the first empty one, minus those its preprocess refuses (NUT's info_rw walk). */
  usableRw(item: Item): Item['rw'] {
    const end = item.rw.findIndex((r) => r.value.length === 0);
    return (end < 0 ? item.rw : item.rw.slice(0, end)).filter((r) => !r.preprocess || r.preprocess(this, r.value));
  }

  /** qx_set_var(): flags, string length, enums and ranges of a variable */
  setVar(item: Item): void {
    const nonut = (item.flags & QX_FLAG_NONUT) !== 0;
    if (!nonut) this.host.setFlags(item.type, item.infoFlags);
    if (item.infoFlags & ST_FLAG_STRING && !nonut) this.host.setAux(item.type, strtol(item.rw[0]?.value));
    const rw = this.usableRw(item);
    if (item.flags & QX_FLAG_ENUM) {
      if (nonut) this.log.info(`${item.type}, settable values:${rw.length ? rw.map((r) => ` ${r.value}`).join('') : ' none'}`);
      else for (const r of rw) this.host.addEnum(item.type, r.value);
    }
    if (item.flags & QX_FLAG_RANGE) {
      let ok = 0;
      for (let i = 0; i + 1 < rw.length; i += 2) {
        const from = rw[i]!.value;
        const to = rw[i + 1]!.value;
        if (nonut) { this.log.info(`${item.type}, settable range: ${from}..${to}`); ok++; continue; }
        const lf = strtol(from);
        const lt = strtol(to);
        if (lf > 2147483647 || lt > 2147483647) this.log.info(`${item.type}, settable range exceeds INT_MAX: ${lf}..${lt}`);
        else this.host.addRange(item.type, lf, lt);
      }
      if (nonut && !ok) this.log.info(`${item.type}, settable range: none`);
    }
  }

  // ---- the walk ----

  private async walk(mode: Walk): Promise<boolean> {
    if (mode === Walk.FULL) { this.batt.runt.act = -1; this.batt.chrg.act = -1; }
    this.previous = { command: '', answer: '' };
    for (const item of this.items) {
      if (item.flags & QX_FLAG_SKIP) continue;
      if (mode === Walk.INIT) {
        if (item.flags & QX_FLAG_ABSENT) {
          if (this.host.getInfo(item.type) !== undefined) continue;
          this.host.setInfo(item.type, item.dfl ?? '');
          this.setVar(item);
          continue;
        }
        const dup = item.type.startsWith('ups.alarm') || item.type.startsWith('ups.status');
        if (!dup && this.host.getInfo(item.type) !== undefined) continue;
      } else if (mode === Walk.QUICK) {
        if (!(item.flags & QX_FLAG_QUICK_POLL)) continue;
      } else {
        if (item.flags & (QX_FLAG_ABSENT | QX_FLAG_CMD | QX_FLAG_SETVAR | QX_FLAG_STATIC)) continue;
        if (item.flags & QX_FLAG_SEMI_STATIC && !this.dataHasChanged) continue;
      }
      if (item.flags & QX_FLAG_CMD) { this.host.addCmd(item.type); continue; }
      if (item.flags & QX_FLAG_SETVAR) {
        if (item.flags & QX_FLAG_NONUT) { await this.setvar(item.type, undefined); item.flags |= QX_FLAG_SKIP; }
        continue;
      }
      let ok: boolean;
      if (this.previous.command && this.previous.answer && item.command !== null &&
          this.previous.command.toLowerCase() === item.command.toLowerCase()) {
        item.answer = this.previous.answer;
        ok = this.processAnswer(item, item.answer.length);
      } else {
        ok = await this.process(item);
      }
      this.previous = { command: item.command ?? '', answer: item.answer };
      if (!ok) {
        item.answer = ''; item.value = '';
        if (item.flags & QX_FLAG_QUICK_POLL) return false;
        if (mode === Walk.INIT) item.flags |= QX_FLAG_SKIP;
        continue;
      }
      const rc = this.infovalSet(item);
      item.answer = ''; item.value = '';
      if (rc === -1) {
        if (item.flags & QX_FLAG_QUICK_POLL) return false;
        continue;
      }
      if (rc && mode === Walk.INIT) this.setVar(item);
    }
    if (mode === Walk.FULL && (this.batt.runt.act === -1 || this.batt.chrg.act === -1)) this.updateBatteryGuess();
    return true;
  }

  // ---- battery charge/runtime guesstimation ----

  /** qx_battery(): battery.voltage → batt.volt.act, and charge from voltage if unknown */
  private battery(): boolean {
    const val = this.host.getInfo('battery.voltage');
    if (val === undefined) { this.log.debug(2, 'qx_battery: unable to get battery.voltage'); return false; }
    const b = this.batt;
    b.volt.act = b.packs * strtod(val);
    const charge = b.chrg.act === -1 ? chargeFromVoltage(b.volt.act, b.volt.low, b.volt.high) : undefined;
    if (charge !== undefined) {
      b.chrg.act = charge;
      this.host.setInfo('battery.charge', fixed(b.chrg.act, 0));
    }
    return true;
  }

  private loadCalc(): boolean {
    const val = this.host.getInfo('ups.load');
    if (val === undefined) { this.log.debug(2, 'qx_load: unable to get ups.load'); return false; }
    this.load.act = strtod(val);
    this.load.eff = effectiveLoad(this.load.act, this.batt.runt.exp, this.load.low);
    return true;
  }

  /** qx_initbattery() */
  initBattery(): void {
    const h: QxHost = this.host;
    const b = this.batt;
    if (h.getInfo('battery.charge') !== undefined && h.getInfo('battery.runtime') !== undefined) return;
    let val = h.getInfo('battery.voltage.high');
    if (val !== undefined) b.volt.high = strtod(val);
    val = h.getInfo('battery.voltage.low');
    if (val !== undefined) b.volt.low = strtod(val);
    val = h.getInfo('battery.voltage.nominal');
    if (val !== undefined) b.volt.nom = strtod(val);
    if (b.volt.nom !== -1 && (b.volt.low === -1 || b.volt.high === -1)) {
      this.log.info('No values for battery high/low voltages');
      ({ low: b.volt.low, high: b.volt.high } = guessVoltageLimits(b.volt.nom));
      h.setInfo('battery.voltage.low', fixed(b.volt.low, 2));
      h.setInfo('battery.voltage.high', fixed(b.volt.high, 2));
      this.log.info(`Using 'guesstimation' (low: ${b.volt.low.toFixed(6)}, high: ${b.volt.high.toFixed(6)})!`);
    }
    val = h.getInfo('battery.packs');
    if (val !== undefined && /^[0-9 .]*$/.test(val)) {
      b.packs = strtod(val);
    } else if (this.battery() && b.volt.nom !== -1) {
      const packs = guessBatteryPacks(b.volt.act, b.volt.nom, (m) => this.log.info(m));
      if (packs !== undefined) b.packs = packs;
    } else {
      this.log.info(`Can't autodetect number of battery packs [${fixed(b.volt.nom, 0)}/${fixed(b.volt.act, 2)}]`);
    }
    this.battery();
    val = h.getval('runtimecal');
    if (val === undefined) {
      this.log.info('Battery runtime will not be calculated (runtimecal not set)');
      return;
    }
    this.batteryLastpoll = this.now();
    const model = parseRuntimecal(val);
    if (typeof model === 'string') h.fatal(model);
    b.runt.exp = model.exp;
    this.log.debug(2, `qx_initbattery: battery runtime exponent: ${b.runt.exp.toFixed(3)}`);
    b.runt.nom = model.nom;
    this.log.debug(2, `qx_initbattery: battery runtime nominal: ${b.runt.nom.toFixed(1)}`);
    let charge = h.getInfo('battery.charge');
    if (charge === undefined && b.volt.nom !== -1) {
      b.volt.low = b.volt.nom;
      b.volt.high = 1.15 * b.volt.nom;
      if (!this.battery()) h.fatal('Initial battery charge undetermined');
      charge = h.getInfo('battery.charge');
    }
    if (charge === undefined) h.fatal('Initial battery charge undetermined');
    b.runt.est = b.runt.nom * strtod(charge) / 100;
    val = h.getval('chargetime');
    if (val !== undefined) {
      b.chrg.time = strtol(val);
      if (b.chrg.time <= 0) h.fatal('Charge time out of range [1..s]');
    } else {
      this.log.info(`No charge time specified, using built in default [${b.chrg.time} seconds]`);
    }
    val = h.getval('idleload');
    if (val !== undefined) {
      this.load.low = strtod(val) / 100;
      if (this.load.low <= 0 || this.load.low > 1) h.fatal('Idle load out of range [0..100]');
    } else {
      this.log.info(`No idle load specified, using built in default [${(100 * this.load.low).toFixed(1)} %]`);
    }
  }

  private updateBatteryGuess(): void {
    const b = this.batt;
    if (this.host.getval('runtimecal') === undefined) { this.battery(); return; }
    const now = this.now();
    const dt = now - this.batteryLastpoll;
    b.runt.est = stepRuntimeEstimate(b.runt.est, b.runt, dt, (this.upsStatus & S.OL) !== 0, b.chrg.time, this.load.eff);
    const val = this.host.getInfo('battery.voltage');
    if (val !== undefined) {
      b.volt.act = b.packs * strtod(val);
      if (b.volt.act > 0 && b.volt.low > 0 && b.volt.high > b.volt.low) {
        const vc = Math.min(1, Math.max(0, (b.volt.act - b.volt.low) / (b.volt.high - b.volt.low)));
        if (vc < b.runt.est / b.runt.nom) b.runt.est = vc * b.runt.nom;
      }
    }
    if (b.chrg.act === -1) this.host.setInfo('battery.charge', fixed(100 * b.runt.est / b.runt.nom, 0));
    if (b.runt.act === -1 && this.loadCalc()) this.host.setInfo('battery.runtime', fixed(b.runt.est / this.load.eff, 0));
    this.batteryLastpoll = now;
  }

  // ---- driver hooks ----

  /** subdriver_matcher(): the probe, in the reference order. */
  async matchSubdriver(): Promise<boolean> {
    const protocol = this.host.getval('protocol');
    for (const sd of this.subdrivers) {
      if (protocol !== undefined) {
        const pname = sd.name.split(' ')[0]!;
        if (pname.toLowerCase() !== protocol.toLowerCase()) { this.log.debug(2, `Skipping protocol ${sd.name}`); continue; }
      }
      for (let j = 0; j < MAXTRIES; j++) {
        this.use(sd);
        if (await sd.claim(this)) {
          this.log.info(`Using protocol: ${sd.name}`);
          return true;
        }
      }
      this.subdriver = null;
    }
    this.log.err('Device not supported!');
    return false;
  }

  /** upsdrv_initinfo() */
  async initinfo(): Promise<void> {
    const h: QxHost = this.host;
    h.setInfo('driver.version.data', this.subdriver!.name);
    if (!(await this.walk(Walk.INIT))) h.fatal("Can't initialise data from the UPS");
    this.initBattery();
    if (h.getInfo('ups.delay.start') !== undefined) {
      const v = h.getval('ondelay');
      if (v !== undefined && (await this.setvar('ups.delay.start', v)) !== STAT_HANDLED) h.fatal(`Start delay '${v}' out of range`);
    }
    if (h.getInfo('ups.delay.shutdown') !== undefined) {
      const v = h.getval('offdelay');
      if (v !== undefined && (await this.setvar('ups.delay.shutdown', v)) !== STAT_HANDLED) h.fatal(`Shutdown delay '${v}' out of range`);
    }
    if (!this.findItem('load.off', QX_FLAG_CMD, QX_FLAG_SKIP) && this.findItem('load.off.delay', QX_FLAG_CMD, QX_FLAG_SKIP)) h.addCmd('load.off');
    if (!this.findItem('load.on', QX_FLAG_CMD, QX_FLAG_SKIP) && this.findItem('load.on.delay', QX_FLAG_CMD, QX_FLAG_SKIP)) h.addCmd('load.on');
    const pf = h.getval('pollfreq');
    if (pf !== undefined) this.pollfreq = strtol(pf);
    h.setInfo('driver.parameter.pollfreq', String(this.pollfreq));
    this.lastpoll = this.now();
    this.subdriver!.initinfo?.(this);
  }

  /** upsdrv_updateinfo() */
  async updateinfo(): Promise<void> {
    const h: QxHost = this.host;
    this.log.debug(1, 'upsdrv_updateinfo...');
    const now = this.now();
    h.statusInit();
    if (now > this.lastpoll + this.pollfreq || this.dataHasChanged) {
      this.log.debug(1, 'Full update...');
      this.upsStatus = 0;
      h.alarmInit();
      if (!(await this.walk(Walk.FULL))) return this.commLost();
      this.lastpoll = now;
      this.dataHasChanged = false;
      if (this.upsStatus & S.RB) h.alarmSet('Replace battery!');
      if (this.upsStatus & S.FSD) h.alarmSet('Shutdown imminent!');
      h.alarmCommit();
    } else {
      this.log.debug(1, 'Quick update...');
      if (!(await this.walk(Walk.QUICK))) return this.commLost();
    }
    this.publishStatus();
    h.statusCommit();
    if (this.retry > MAXTRIES) this.log.notice('Communications with the UPS re-established');
    this.retry = 0;
    h.dataOk();
  }

  private commLost(): void {
    if (this.retry <= MAXTRIES) {
      this.log.debug(1, 'Communications with the UPS lost: status read failed!');
      this.retry++;
    } else {
      this.host.dataStale();
    }
  }

  /** ups_status_set() */
  private publishStatus(): void {
    const st = this.upsStatus;
    const h: QxHost = this.host;
    h.statusSet(st & S.OL ? 'OL' : 'OB');
    const order: StatusName[] = ['DISCHRG', 'CHRG', 'LB', 'OVER', 'RB', 'TRIM', 'BOOST', 'BYPASS', 'OFF', 'CAL', 'FSD'];
    for (const n of order) if (st & S[n]) h.statusSet(n);
  }

  /** instcmd() */
  async instcmd(cmdname: string, extradata?: string): Promise<number> {
    const lc = cmdname.toLowerCase();
    if (lc === 'beeper.off') {
      this.log.warn("The 'beeper.off' command has been renamed to 'beeper.disable'");
      return this.instcmd('beeper.disable');
    }
    if (lc === 'beeper.on') {
      this.log.warn("The 'beeper.on' command has been renamed to 'beeper.enable'");
      return this.instcmd('beeper.enable');
    }
    this.log.info(`instcmd(${cmdname}, ${extradata ?? '[NULL]'})`);
    const item = this.findItem(cmdname, QX_FLAG_CMD, QX_FLAG_SKIP);
    if (!item) {
      const h: QxHost = this.host;
      if (lc === 'load.on') return this.instcmd('load.on.delay', '0');
      if (lc === 'load.off') return this.instcmd('load.off.delay', '0');
      if (lc === 'shutdown.return' || lc === 'shutdown.stayoff') {
        const ret = lc === 'shutdown.return';
        if (h.getInfo('ups.start.auto') !== undefined && (await this.setvar('ups.start.auto', ret ? 'yes' : 'no')) !== STAT_HANDLED) {
          this.log.err('instcmd: FAILED');
          return STAT_FAILED;
        }
        const r = await this.instcmd('load.on.delay', ret ? h.getInfo('ups.delay.start') : '-1');
        if (r !== STAT_HANDLED) return r;
        return this.instcmd('load.off.delay', h.getInfo('ups.delay.shutdown'));
      }
      this.log.debug(2, `instcmd: command ${cmdname} unavailable`);
      return STAT_INVALID;
    }
    let value = extradata ?? item.dfl ?? '';
    if (item.def.preprocess) {
      const v = item.def.preprocess(this, item, value);
      if (v === null) { this.log.err('instcmd: FAILED'); return STAT_FAILED; }
      value = v;
    } else value = '';
    if (!(await this.process(item, value || undefined))) { this.log.err('instcmd: FAILED'); return STAT_FAILED; }
    return this.judgeReply(item, 'instcmd', STAT_FAILED);
  }

  private judgeReply(item: Item, fn: string, failure: number): number {
    if (item.value.length > 0) {
      const acc = this.subdriver!.accepted;
      if (acc !== null && item.value.toLowerCase() === acc.toLowerCase()) {
        this.log.info(`${fn}: SUCCEED`);
        this.dataHasChanged = true;
        return STAT_HANDLED;
      }
      this.log.err(`${fn}: FAILED`);
      return failure;
    }
    this.log.info(`${fn}: SUCCEED`);
    this.dataHasChanged = true;
    return STAT_HANDLED;
  }

  /** setvar(); `val` undefined = one-time setvar of a NONUT item from ups.conf */
  async setvar(varname: string, val: string | undefined): Promise<number> {
    const h: QxHost = this.host;
    const item = this.findItem(varname, QX_FLAG_SETVAR, QX_FLAG_SKIP);
    if (!item) { this.log.debug(2, `setvar: element ${varname} unavailable`); return STAT_UNKNOWN; }
    let value: string;
    const nonut = (item.flags & QX_FLAG_NONUT) !== 0;
    if (nonut) {
      if (!h.testvar(item.type)) { this.log.debug(2, `setvar: nothing to do... [${item.type}]`); return STAT_HANDLED; }
      const uv = h.getval(item.type);
      this.log.info(`setvar(${varname}, ${uv ?? '[NULL]'})`);
      value = uv ?? '';
    } else {
      const v = val ?? '';
      this.log.info(`setvar(${varname}, ${v.length ? v : '[NULL]'})`);
      if (!v.length) { this.log.err(`setvar: value not given for ${item.type}`); return STAT_UNKNOWN; }
      value = v;
      if ((h.getInfo(item.type) ?? '').toLowerCase() === value.toLowerCase()) {
        this.log.info(`setvar: nothing to do... [${item.type}]`);
        return STAT_HANDLED;
      }
    }
    if (item.flags & QX_FLAG_RANGE) {
      if (!/^[0-9 .]*$/.test(value)) { this.log.err(`setvar: non numerical value [${item.type}: ${value}]`); return STAT_UNKNOWN; }
      const v = strtol(value);
      let ok = false;
      if (nonut) {
        if (!value.length) { this.log.err(`setvar: value not given for ${item.type}`); return STAT_UNKNOWN; }
        const rw = this.usableRw(item);
        for (let i = 0; i + 1 < rw.length; i += 2) if (strtol(rw[i]!.value) <= v && v <= strtol(rw[i + 1]!.value)) { ok = true; break; }
      } else {
        const ranges = h.getRanges(item.type);
        if (!ranges.length) { this.log.debug(2, `setvar: unable to find tree node for ${item.type}`); return STAT_UNKNOWN; }
        ok = ranges.some((r) => r.min <= v && v <= r.max);
      }
      if (!ok) { this.log.err(`setvar: value out of range [${item.type}: ${value}]`); return STAT_UNKNOWN; }
    } else if (item.flags & QX_FLAG_ENUM) {
      let ok = false;
      if (nonut) {
        if (!value.length) { this.log.err(`setvar: value not given for ${item.type}`); return STAT_UNKNOWN; }
        ok = this.usableRw(item).some((r) => r.value.toLowerCase() === value.toLowerCase());
      } else {
        const enums = h.getEnums(item.type);
        if (!enums.length) { this.log.debug(2, `setvar: unable to find tree node for ${item.type}`); return STAT_UNKNOWN; }
        ok = enums.some((e) => e.toLowerCase() === value.toLowerCase());
      }
      if (!ok) { this.log.err(`setvar: value out of range [${item.type}: ${value}]`); return STAT_UNKNOWN; }
    } else if (item.infoFlags & ST_FLAG_STRING) {
      const aux = h.getAux(item.type);
      if (aux < 0) { this.log.debug(2, `setvar: unable to find tree node for ${item.type}`); return STAT_UNKNOWN; }
      if (aux < value.length) { this.log.err(`setvar: value is too long [${item.type}: ${value}]`); return STAT_UNKNOWN; }
    }
    if (item.def.preprocess) {
      const v = item.def.preprocess(this, item, value);
      if (v === null) { this.log.err('setvar: FAILED'); return STAT_UNKNOWN; }
      value = v;
    }
    if (item.flags & QX_FLAG_ABSENT) {
      this.log.debug(2, `setvar: setting server side variable ${item.type}`);
      h.setInfo(item.type, value);
      this.log.info('setvar: SUCCEED');
      return STAT_HANDLED;
    }
    if (!item.def.preprocess) value = '';
    if (!(await this.process(item, value || undefined))) { this.log.err('setvar: FAILED'); return STAT_UNKNOWN; }
    return this.judgeReply(item, 'setvar', STAT_UNKNOWN);
  }

  /** upsdrv_shutdown(): returns the message to exit with; throws (fatal) on failure */
  async shutdown(): Promise<string> {
    const h: QxHost = this.host;
    for (const [name, opt, what] of [['ups.delay.start', 'ondelay', 'Start'], ['ups.delay.shutdown', 'offdelay', 'Shutdown']] as const) {
      const item = this.findItem(name, 0, QX_FLAG_SKIP);
      if (!item) return h.fatal(`Unable to set ${what.toLowerCase()} delay`);
      h.setInfo(item.type, item.dfl ?? '');
      this.setVar(item);
      const v = h.getval(opt);
      if (v !== undefined && (await this.setvar(item.type, v)) !== STAT_HANDLED) h.fatal(`${what} delay '${v}' out of range`);
    }
    if (this.findItem('shutdown.stop', QX_FLAG_CMD, QX_FLAG_SKIP)) {
      let retry = 1;
      for (; retry <= MAXTRIES; retry++) if ((await this.instcmd('shutdown.stop')) === STAT_HANDLED) break;
      if (retry > MAXTRIES) this.log.notice('No shutdown pending');
    }
    for (let retry = 1; retry <= MAXTRIES; retry++) {
      const cmd = h.testvar('stayoff') ? 'shutdown.stayoff' : 'shutdown.return';
      if ((await this.instcmd(cmd)) !== STAT_HANDLED) continue;
      return `Shutting down in ${h.getInfo('ups.delay.shutdown')} seconds`;
    }
    return h.fatal('Shutdown failed!');
  }
}
