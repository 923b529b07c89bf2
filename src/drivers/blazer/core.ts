// The older Megatec/Q1 driver logic (NUT 2.8.0 drivers/blazer.c), shared by
// blazer_ser: protocol detection by status query (megatec, mustek,
// megatec/old, zinto), ratings, vendor, status bits, instant commands and the
// battery charge/runtime guesstimation. I/O and dstate are injected.

import {
  strtod, strtol, fixed, cformat, MAXTRIES, guessBatteryPacks, chargeFromVoltage, guessVoltageLimits, parseRuntimecal,
  effectiveLoad, stepRuntimeEstimate, STAT_INSTCMD_HANDLED, STAT_INSTCMD_UNKNOWN, STAT_INSTCMD_FAILED, type DriverHost, type CommandIo,
} from '../../driver/kit/index.js';

export { STAT_INSTCMD_HANDLED, STAT_INSTCMD_UNKNOWN, STAT_INSTCMD_FAILED };

export const BLAZER_PROTOCOLS = [
  { name: 'megatec', status: 'Q1\r', rating: 'F\r', vendor: 'I\r' },
  { name: 'mustek', status: 'QS\r', rating: 'F\r', vendor: 'I\r' },
  { name: 'megatec/old', status: 'D\r', rating: 'F\r', vendor: 'I\r' },
  { name: 'zinto', status: 'Q1\r', rating: 'F\r', vendor: 'FW?\r' },
] as const;

export const BLAZER_VARTABLE: { kind: 'VALUE' | 'FLAG'; name: string; desc: string }[] = [
  { kind: 'VALUE', name: 'ondelay', desc: 'Delay before UPS startup (minutes)' },
  { kind: 'VALUE', name: 'offdelay', desc: 'Delay before UPS shutdown (seconds)' },
  { kind: 'VALUE', name: 'runtimecal', desc: 'Parameters used for runtime calculation' },
  { kind: 'VALUE', name: 'chargetime', desc: 'Nominal charge time for UPS battery' },
  { kind: 'VALUE', name: 'idleload', desc: 'Minimum load to be used for runtime calculation' },
  { kind: 'FLAG', name: 'norating', desc: 'Skip reading rating information from UPS' },
  { kind: 'FLAG', name: 'novendor', desc: 'Skip reading vendor information from UPS' },
  // a FLAG in the reference (so `protocol=<x>` cannot actually be given): kept as is
  { kind: 'FLAG', name: 'protocol', desc: 'Preselect communication protocol (skip autodetection)' },
];

const NUMERIC = /^[0-9.]*$/;

export class BlazerCore {
  ondelay = 3; // minutes
  offdelay = 30; // seconds
  proto = -1;
  online = true;
  private retry = 0;
  batt = { packs: 1, runt: { nom: -1, est: 0, exp: 0 }, volt: { act: -1, high: -1, nom: -1, low: -1 }, chrg: { act: -1, time: 43200 } };
  load = { act: 0, low: 0.1, eff: 1 };
  private lastpoll = 0;

  constructor(readonly host: DriverHost, readonly io: CommandIo, readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  private get log() { return this.host.log; }

  private async command(cmd: string): Promise<string> {
    return (await this.io.command(cmd)) ?? '';
  }

  private battery(v: string): number {
    const b = this.batt;
    b.volt.act = b.packs * strtod(v);
    const charge = chargeFromVoltage(b.volt.act, b.volt.low, b.volt.high);
    if ((this.host.getval('runtimecal') === undefined || this.host.getInfo('battery.charge') === undefined) && charge !== undefined) {
      b.chrg.act = charge;
      this.host.setInfo('battery.charge', fixed(b.chrg.act, 0));
    }
    return b.volt.act;
  }

  private loadConv(v: string): number {
    this.load.act = strtod(v);
    this.load.eff = effectiveLoad(this.load.act, this.batt.runt.exp, this.load.low);
    return this.load.act;
  }

  private packs(v: string): number {
    const val = this.host.getInfo('battery.voltage.nominal');
    const b = this.batt;
    b.volt.nom = strtod(val ?? v);
    const packs = guessBatteryPacks(b.volt.act, b.volt.nom, (m) => this.log.info(m));
    if (packs !== undefined) b.packs = packs;
    return b.volt.nom;
  }

  /** strtok_r(buf+1, " ") for the first field, then " \r\n" for the next ones */
  private static fields(buf: string): string[] {
    const out: string[] = [];
    let pos = 1;
    let delims = ' ';
    for (;;) {
      while (pos < buf.length && delims.includes(buf[pos]!)) pos++;
      if (pos >= buf.length) return out;
      let end = pos;
      while (end < buf.length && !delims.includes(buf[end]!)) end++;
      out.push(buf.slice(pos, end));
      pos = end + 1;
      delims = ' \r\n';
    }
  }

  /** blazer_status(); 0 = ok, -1 = failure */
  async status(cmd: string): Promise<number> {
    const h = this.host;
    const buf = await this.command(cmd);
    if (buf.length < 46) { this.log.debug(2, 'blazer_status: short reply'); return -1; }
    if (buf[0] !== '(') { this.log.debug(2, `blazer_status: invalid start character [${buf.charCodeAt(0).toString(16).padStart(2, '0')}]`); return -1; }
    const table: [string, string, (v: string) => number][] = [
      ['input.voltage', '%.1f', strtod], ['input.voltage.fault', '%.1f', strtod], ['output.voltage', '%.1f', strtod],
      ['ups.load', '%.0f', (v) => this.loadConv(v)], ['input.frequency', '%.1f', strtod],
      ['battery.voltage', '%.2f', (v) => this.battery(v)], ['ups.temperature', '%.1f', strtod],
    ];
    const f = BlazerCore.fields(buf);
    for (let i = 0; i < table.length; i++) {
      const val = f[i];
      if (val === undefined) { this.log.debug(2, 'blazer_status: parsing failed'); return -1; }
      if (!NUMERIC.test(val)) { this.log.debug(2, `blazer_status: non numerical value [${val}]`); continue; }
      const [name, fmt, conv] = table[i]!;
      h.setInfo(name, cformat(fmt, conv(val)));
    }
    const val = f[table.length];
    if (val === undefined) { this.log.debug(2, 'blazer_status: parsing failed'); return -1; }
    if (!/^[01]{8}/.test(val)) { this.log.debug(2, `Invalid status [${val}]`); return -1; }
    h.setInfo('ups.beeper.status', val[7] === '1' ? 'enabled' : 'disabled');
    h.setInfo('ups.type', val[4] === '1' ? 'offline / line interactive' : 'online');
    h.statusInit();
    if (val[0] === '1') { h.statusSet('OB'); this.online = false; } else { h.statusSet('OL'); this.online = true; }
    if (val[1] === '1') h.statusSet('LB');
    if (val[2] === '1') {
      const vi = strtod(h.getInfo('input.voltage'));
      const vo = strtod(h.getInfo('output.voltage'));
      if (vo < 0.5 * vi) this.log.debug(2, 'blazer_status: output voltage too low');
      else if (vo < 0.95 * vi) h.statusSet('TRIM');
      else if (vo < 1.05 * vi) h.statusSet('BYPASS');
      else if (vo < 1.5 * vi) h.statusSet('BOOST');
      else this.log.debug(2, 'blazer_status: output voltage too high');
    }
    if (val[5] === '1') h.statusSet('CAL');
    h.alarmInit();
    if (val[3] === '1') h.alarmSet('UPS selftest failed!');
    if (val[6] === '1') { h.alarmSet('Shutdown imminent!'); h.statusSet('FSD'); }
    h.alarmCommit();
    h.statusCommit();
    return 0;
  }

  private async rating(cmd: string): Promise<number> {
    const buf = await this.command(cmd);
    if (buf.length < 22) { this.log.debug(2, 'blazer_rating: short reply'); return -1; }
    if (buf[0] !== '#') { this.log.debug(2, `blazer_rating: invalid start character [${buf.charCodeAt(0).toString(16).padStart(2, '0')}]`); return -1; }
    const table: [string, string, (v: string) => number][] = [
      ['input.voltage.nominal', '%.0f', strtod], ['input.current.nominal', '%.1f', strtod],
      ['battery.voltage.nominal', '%.1f', (v) => this.packs(v)], ['input.frequency.nominal', '%.0f', strtod],
    ];
    const f = BlazerCore.fields(buf);
    for (let i = 0; i < table.length; i++) {
      const val = f[i];
      if (val === undefined) { this.log.debug(2, 'blazer_rating: parsing failed'); return -1; }
      if (!NUMERIC.test(val)) { this.log.debug(2, `blazer_rating: non numerical value [${val}]`); continue; }
      const [name, fmt, conv] = table[i]!;
      this.host.setInfo(name, cformat(fmt, conv(val)));
    }
    return 0;
  }

  private async vendor(cmd: string): Promise<number> {
    const buf = await this.command(cmd);
    if (buf.length < 39) { this.log.debug(2, 'blazer_vendor: short reply'); return -1; }
    if (buf[0] !== '#') { this.log.debug(2, `blazer_vendor: invalid start character [${buf.charCodeAt(0).toString(16).padStart(2, '0')}]`); return -1; }
    let index = 1;
    for (const [name, len] of [['ups.mfr', 15], ['ups.model', 10], ['ups.firmware', 10]] as const) {
      let v = buf.slice(index, index + len);
      const nul = v.indexOf('\0');
      if (nul >= 0) v = v.slice(0, nul);
      this.host.setInfo(name, v.replace(/ +$/, ''));
      index += len + 1;
    }
    return 0;
  }

  /** blazer_initups() */
  initups(): void {
    const h = this.host;
    let v = h.getval('ondelay');
    if (v !== undefined) this.ondelay = strtol(v);
    if (this.ondelay < 0 || this.ondelay > 9999) h.fatal(`Start delay '${this.ondelay}' out of range [0..9999]`);
    v = h.getval('offdelay');
    if (v !== undefined) this.offdelay = strtol(v);
    if (this.offdelay < 12 || this.offdelay > 600) h.fatal(`Shutdown delay '${this.offdelay}' out of range [12..600]`);
    this.offdelay -= this.offdelay < 60 ? this.offdelay % 6 : this.offdelay % 60;
    v = h.getInfo('battery.voltage.high');
    if (v !== undefined) this.batt.volt.high = strtod(v);
    v = h.getInfo('battery.voltage.low');
    if (v !== undefined) this.batt.volt.low = strtod(v);
  }

  private initBattery(): void {
    const h: DriverHost = this.host;
    const b = this.batt;
    if (b.volt.nom !== 1 && (b.volt.high === -1 || b.volt.low === -1)) {
      this.log.info('No values provided for battery high/low voltages in ups.conf\n');
      ({ low: b.volt.low, high: b.volt.high } = guessVoltageLimits(b.volt.nom));
      h.setInfo('battery.voltage.low', fixed(b.volt.low, 2));
      h.setInfo('battery.voltage.high', fixed(b.volt.high, 2));
      this.log.info(`Using 'guestimation' (low: ${b.volt.low.toFixed(6)}, high: ${b.volt.high.toFixed(6)})!`);
    }
    let val = h.getval('runtimecal');
    if (val === undefined) { this.log.info('Battery runtime will not be calculated (runtimecal not set)'); return; }
    this.lastpoll = this.now();
    const model = parseRuntimecal(val);
    if (typeof model === 'string') h.fatal(model);
    b.runt.exp = model.exp;
    b.runt.nom = model.nom;
    if (b.chrg.act < 0) {
      b.volt.low = b.volt.nom;
      b.volt.high = 1.15 * b.volt.nom;
      this.battery(h.getInfo('battery.voltage') ?? '');
    }
    val = h.getInfo('battery.charge');
    if (val === undefined) h.fatal('Initial battery charge undetermined');
    b.runt.est = b.runt.nom * strtod(val) / 100;
    val = h.getval('chargetime');
    if (val !== undefined) {
      b.chrg.time = strtol(val);
      if (b.chrg.time <= 0) h.fatal('Charge time out of range [1..s]');
    } else this.log.info(`No charge time specified, using built in default [${b.chrg.time} seconds]`);
    val = h.getval('idleload');
    if (val !== undefined) {
      this.load.low = strtod(val) / 100;
      if (this.load.low <= 0 || this.load.low > 1) h.fatal('Idle load out of range [0..100]');
    } else this.log.info(`No idle load specified, using built in default [${(100 * this.load.low).toFixed(1)} %]`);
  }

  /** blazer_initinfo(): detect the protocol, read ratings and vendor, publish commands */
  async initinfo(): Promise<string[]> {
    const h = this.host;
    const protocol = h.getval('protocol');
    this.log.info('Please note that this driver is deprecated and will not receive\nnew development. If it works for managing your devices - fine,\nbut if you are running it to try setting up a new device, please\nconsider the newer nutdrv_qx instead, which should handle all \'Qx\'\nprotocol variants for NUT. (Please also report if your device works\nwith this driver, but nutdrv_qx would not actually support it with\nany subdriver!)\n');
    let found = -1;
    for (let p = 0; p < BLAZER_PROTOCOLS.length; p++) {
      const pr = BLAZER_PROTOCOLS[p]!;
      if (protocol !== undefined && protocol.toLowerCase() !== pr.name) { this.log.debug(2, `Skipping ${pr.name} protocol...`); continue; }
      this.log.debug(2, `Trying ${pr.name} protocol...`);
      let ret = -1;
      for (let retry = 1; retry <= MAXTRIES; retry++) {
        ret = await this.status(pr.status);
        if (ret < 0) { this.log.debug(2, `Status read ${retry} failed`); continue; }
        this.log.debug(2, `Status read in ${retry} tries`);
        break;
      }
      if (!ret) { this.log.info(`Supported UPS detected with ${pr.name} protocol`); found = p; break; }
    }
    if (found < 0) h.fatal('No supported UPS detected');
    this.proto = found;
    const pr = BLAZER_PROTOCOLS[found]!;
    if (!h.testvar('norating')) {
      let ret = -1;
      for (let retry = 1; retry <= MAXTRIES; retry++) {
        ret = await this.rating(pr.rating);
        if (ret < 0) { this.log.debug(1, `Rating read ${retry} failed`); continue; }
        break;
      }
      if (ret) this.log.info('Rating information unavailable');
    }
    if (!h.testvar('novendor')) {
      let ret = -1;
      for (let retry = 1; retry <= MAXTRIES; retry++) {
        ret = await this.vendor(pr.vendor);
        if (ret < 0) { this.log.debug(1, `Vendor information read ${retry} failed`); continue; }
        this.log.info(`Vendor information read in ${retry} tries`);
        break;
      }
      if (ret) this.log.info('Vendor information unavailable');
    }
    this.initBattery();
    h.setInfo('ups.delay.start', String(60 * this.ondelay));
    h.setInfo('ups.delay.shutdown', String(this.offdelay));
    const cmds = ['beeper.toggle', 'load.off', 'load.on', 'shutdown.return', 'shutdown.stayoff', 'shutdown.stop',
      'test.battery.start', 'test.battery.start.deep', 'test.battery.start.quick', 'test.battery.stop'];
    for (const c of cmds) h.addCmd(c);
    return cmds;
  }

  /** upsdrv_updateinfo() */
  async updateinfo(): Promise<void> {
    const h = this.host;
    if (await this.status(BLAZER_PROTOCOLS[this.proto]!.status)) {
      if (this.retry < MAXTRIES) { this.log.debug(1, 'Communications with UPS lost: status read failed!'); this.retry++; }
      else if (this.retry === MAXTRIES) { this.log.warn('Communications with UPS lost: status read failed!'); this.retry++; }
      else h.dataStale();
      return;
    }
    if (h.getval('runtimecal') !== undefined) {
      const now = this.now();
      const b = this.batt;
      const dt = now - this.lastpoll;
      b.runt.est = stepRuntimeEstimate(b.runt.est, b.runt, dt, this.online, b.chrg.time, this.load.eff);
      h.setInfo('battery.charge', fixed(100 * b.runt.est / b.runt.nom, 0));
      h.setInfo('battery.runtime', fixed(b.runt.est / this.load.eff, 0));
      this.lastpoll = now;
    }
    if (this.retry > MAXTRIES) this.log.notice('Communications with UPS re-established');
    this.retry = 0;
    h.dataOk();
  }

  /** blazer_instcmd() */
  async instcmd(cmdname: string, extra?: string): Promise<number> {
    const fixedCmds: Record<string, string> = {
      'beeper.toggle': 'Q\r', 'load.off': 'S00R0000\r', 'load.on': 'C\r', 'shutdown.stop': 'C\r',
      'test.battery.start.deep': 'TL\r', 'test.battery.start.quick': 'T\r', 'test.battery.stop': 'CT\r',
    };
    this.log.info(`instcmd(${cmdname}, ${extra ?? '[NULL]'})`);
    const lc = cmdname.toLowerCase();
    let buf = fixedCmds[lc];
    if (buf === undefined) {
      const off = this.offdelay;
      const on = this.ondelay;
      if (lc === 'shutdown.return') {
        if (on === 0) buf = off < 60 ? `S.${Math.trunc(off / 6)}\r` : cformat('S%02ld\r', Math.trunc(off / 60));
        else if (off < 60) buf = cformat('S.%ldR%04ld\r', Math.trunc(off / 6), on);
        else buf = cformat('S%02ldR%04ld\r', Math.trunc(off / 60), on);
      } else if (lc === 'shutdown.stayoff') {
        buf = off < 60 ? `S.${Math.trunc(off / 6)}R0000\r` : cformat('S%02ldR0000\r', Math.trunc(off / 60));
      } else if (lc === 'test.battery.start') {
        const delay = extra !== undefined ? strtol(extra) : 10;
        if (delay < 1 || delay > 99) {
          this.log.err(`instcmd: command [${cmdname}] failed, delay [${extra}] out of range`);
          return STAT_INSTCMD_FAILED;
        }
        buf = cformat('T%02ld\r', delay);
      } else {
        this.log.err(`instcmd: command [${cmdname}] not found`);
        return STAT_INSTCMD_UNKNOWN;
      }
    }
    const reply = await this.io.command(buf);
    if (reply && !reply.startsWith('ACK') && !reply.startsWith('(ACK')) {
      this.log.err(`instcmd: command [${cmdname}] failed`);
      return STAT_INSTCMD_FAILED;
    }
    this.log.info(`instcmd: command [${cmdname}] handled`);
    return STAT_INSTCMD_HANDLED;
  }

  /** upsdrv_shutdown(): returns the exit message, fatal on failure */
  async shutdown(): Promise<string> {
    let retry = 1;
    for (; retry <= MAXTRIES; retry++) if ((await this.instcmd('shutdown.stop')) === STAT_INSTCMD_HANDLED) break;
    if (retry > MAXTRIES) this.log.notice('No shutdown pending');
    for (retry = 1; retry <= MAXTRIES; retry++) {
      if ((await this.instcmd('shutdown.return')) !== STAT_INSTCMD_HANDLED) continue;
      return `Shutting down in ${this.offdelay} seconds`;
    }
    return this.host.fatal('Shutdown failed!');
  }
}
