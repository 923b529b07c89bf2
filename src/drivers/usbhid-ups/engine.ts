// The usbhid-ups engine: what NUT 2.8.0's usbhid-ups.c does on top of the
// HID parser and a subdriver table — choose the subdriver, map table rows to
// report items, walk them (init / quick / full), turn values into NUT
// variables and status, run instant commands and SETs through SET_REPORT,
// read the interrupt pipe — plus self-recovery (see docs/usbhid-ups.md):
// a lost or silent device is marked stale at once and reopened with the same
// matching rules, with bounded back-off, without a restart.

import { findByPath, HID_USAGES, parseReportDescriptor, pathToString, stringToPath, cprintf, general,
  type HidData, type HidDesc, type UsageTable } from '../../hid/index.js';
import { UsbError, type UsbBus, type UsbHandle } from '../../transports/usb.js';
import type { DriverContext } from '../../driver/types.js';
import { STAT_INSTCMD_FAILED, STAT_INSTCMD_HANDLED, STAT_INSTCMD_INVALID, STAT_SET_HANDLED, STAT_SET_UNKNOWN } from '../../driver/types.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_ENUM, HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
  type ClaimEnv, type EngineTweaks, type FormatEnv, type HidDeviceInfo, type HidInfo, type HidSubdriver, type InfoLookup, type LookupEnv, type Conversion,
} from './subdriver.js';
import { exactMatcher, regexMatcher, RegexError, type Matcher } from './match.js';
import { ClaimError, hexDump, openHidDevice, type HidInterface } from './hiddev.js';
import { ReportBuffer } from './reports.js';
import { alarmTexts, applyBoolean, statusWords } from './status.js';

export const DEFAULT_POLLFREQ = 30;
/** errors after which the device is gone (the reference's reconnect list, plus a stall-free silence, below) */
const LOST: ReadonlySet<string> = new Set(['NO_DEVICE', 'IO', 'ACCESS', 'NOT_FOUND', 'BUSY']);
/** self-recovery back-off bounds, seconds */
export const BACKOFF_MIN = 1;
export const BACKOFF_MAX = 8;

type Mode = 'init' | 'quick' | 'full';

interface Row { info: HidInfo; data: HidData | null }

export interface EngineOptions {
  bus: UsbBus;
  subdrivers: readonly HidSubdriver[];
  /** seconds, injectable for tests */
  now?: () => number;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

export class HidUpsEngine {
  handle: UsbHandle | null = null;
  dev: HidDeviceInfo | null = null;
  sub: HidSubdriver | null = null;
  desc: HidDesc | null = null;
  rbuf: ReportBuffer | null = null;
  utab: UsageTable[] = [HID_USAGES];
  rows: Row[] = [];
  flags = new Set<string>();
  dataHasChanged = false;
  lastpoll = 0;
  pollfreq = DEFAULT_POLLFREQ;
  useInterrupt = true;
  interruptOnly = false;
  interruptSize = 0;
  maxReport = false;
  onlinedischarge = false;
  private matchers: Matcher[] = [];
  private exact: Matcher | null = null;
  /** self-recovery state */
  private lostAt = 0;
  private nextTry = 0;
  private backoff = BACKOFF_MIN;
  reconnects = 0;
  private readonly now: () => number;

  constructor(readonly ctx: DriverContext, readonly opts: EngineOptions) {
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  }

  private get log() { return this.ctx.log; }

  /** NUT's globals a subdriver's match hooks may change (APC 5G: no interrupt pipe, ...) */
  readonly tweaks: EngineTweaks = { useInterruptPipe: true, maxReportSize: false, interruptOnly: false, interruptSize: 0 };

  private claimEnv(): ClaimEnv {
    return {
      getval: (n) => this.ctx.getval(n), testvar: (n) => this.ctx.testvar(n), tweaks: this.tweaks,
      log: { info: (m) => this.log.info(m), debug: (l, m) => this.log.debug(l, m), warning: (m) => this.log.warn(m) },
    };
  }

  /** the HID interface the claim hooks chose (Arduino: 2, endpoint 4; Powervar: 1) */
  private iface(): HidInterface {
    return { repIndex: this.tweaks.hidRepIndex ?? 0, descIndex: 0, epIn: this.tweaks.hidEpIn ?? 1 };
  }

  /** the tweaks as they are after the match hooks ran */
  private applyTweaks(): void {
    this.useInterrupt = this.tweaks.useInterruptPipe;
    this.maxReport = this.tweaks.maxReportSize;
    if (this.tweaks.interruptOnly) this.interruptOnly = true;
    if (this.tweaks.interruptSize) this.interruptSize = this.tweaks.interruptSize;
    if (this.rbuf) { this.rbuf.opts.maxReport = this.maxReport; this.rbuf.opts.interruptOnly = this.interruptOnly; }
  }

  /** subdriver_t.claim, or the reference's is_usb_device_supported() rule when the table gives none */
  claims(s: HidSubdriver, d: HidDeviceInfo): boolean {
    if (s.claim) return s.claim(d, this.claimEnv());
    let possibly = false;
    for (const id of s.ids) {
      if (id.vendorId !== d.vendorId) continue;
      possibly = true;
      if (id.productId !== d.productId) continue;
      if (id.support === 'possibly') break;
      id.onMatch?.(d, this.claimEnv());
      return true;
    }
    return possibly && this.ctx.getval('productid') !== undefined;
  }

  // ------------------------------------------------------------ initups

  async initups(): Promise<void> {
    const ctx = this.ctx;
    this.log.debug(2, `Initializing an USB-connected UPS with library ${this.opts.bus.version()} (NUT subdriver name='USB communication driver (libusb 1.0)' ver='0.43')`);
    this.log.debug(1, 'upsdrv_initups (non-SHUT)...');
    if (ctx.testvar('explore') && ctx.getval('vendorid') === undefined) ctx.fatal('must specify "vendorid" when using "explore"');
    if (ctx.testvar('maxreport')) this.tweaks.maxReportSize = true;
    let regex: Matcher;
    try { regex = regexMatcher((k) => ctx.getval(k)); } catch (e) {
      if (e instanceof RegexError) ctx.fatal(e.message);
      throw e;
    }
    const subMatch: Matcher = (d) => {
      this.log.debug(2, 'match_function_subdriver (non-SHUT mode): matching a device...');
      if (this.opts.subdrivers.some((s) => this.claims(s, d))) return true;
      this.log.debug(2, 'match_function_subdriver (non-SHUT mode): failed to match a subdriver to vendor and/or product ID');
      return false;
    };
    this.matchers = [subMatch, (d) => { this.log.debug(3, 'match_function_regex: matching a device...'); return regex(d); }];
    let opened;
    try {
      opened = await openHidDevice(this.opts.bus, this.matchers, this.log, (h, d, rd) => this.accept(h, d, rd), () => this.iface());
    } catch (e) {
      if (e instanceof ClaimError) ctx.fatal(e.message);
      throw e;
    }
    if (!opened) return ctx.fatal('No matching HID UPS found');
    this.handle = opened.handle;
    this.dev = opened.dev;
    this.applyTweaks();
    this.log.debug(1, `Detected a UPS: ${this.dev.vendor ?? 'unknown'}/${this.dev.product ?? 'unknown'}`);
    if (ctx.testvar('interruptonly')) { this.interruptOnly = true; this.rbuf!.opts.interruptOnly = true; }
    if (ctx.testvar('onlinedischarge')) this.onlinedischarge = true;
    const isz = ctx.getval('interruptsize');
    if (isz !== undefined) {
      const n = parseInt(isz, 10) || 0;
      if (n > 0) this.interruptSize = n; else ctx.fatal(`Error: invalid interruptsize: ${n}`);
    }
    if (!(await this.walk('init'))) ctx.fatal("Can't initialize data from HID UPS");
    const over = (name: string, opt: string): void => {
      if (ctx.getInfo(name) === undefined) return;
      const v = ctx.getval(opt);
      if (v !== undefined) ctx.setInfo(name, String(parseInt(v, 10) || 0));
    };
    over('battery.charge.low', 'lowbatt');
    over('ups.delay.start', 'ondelay');
    over('ups.delay.shutdown', 'offdelay');
    const off = this.findRow('load.off.delay', false);
    const on = this.findRow('load.on.delay', false);
    if (off) ctx.addCmd('load.off');
    if (on) ctx.addCmd('load.on');
    if (off && on) { ctx.addCmd('shutdown.return'); ctx.addCmd('shutdown.stayoff'); }
  }

  /** NUT's callback(): parse, pick the subdriver, dump the tree, publish the identity */
  private async accept(h: UsbHandle, d: HidDeviceInfo, rdesc: Uint8Array): Promise<boolean> {
    const ctx = this.ctx;
    this.log.debug(2, `Report Descriptor size = ${rdesc.length}`);
    for (const l of hexDump('Report Descriptor', rdesc)) this.log.debug(3, l);
    const parsed = parseReportDescriptor(rdesc);
    for (const w of parsed?.warnings ?? []) this.log.warn(w);
    if (!parsed) { this.log.debug(1, 'Failed to parse report descriptor!'); return false; }
    this.handle = h;
    this.dev = d;
    this.desc = parsed.desc;
    const sub = this.opts.subdrivers.find((s) => this.claims(s, d));
    this.rbuf = new ReportBuffer(this.desc, this.log, { maxReport: this.tweaks.maxReportSize, interruptOnly: this.interruptOnly || this.tweaks.interruptOnly, iface: this.iface().repIndex });
    if (!sub) { this.log.debug(1, 'Manufacturer not supported!'); return false; }
    this.sub = sub;
    this.utab = [...sub.usageTables, HID_USAGES];
    this.rows = sub.hid2nut.map((info) => ({ info, data: null }));
    this.log.log(2, `Using subdriver: ${sub.name}`);
    if (sub.fixReportDesc && sub.fixReportDesc(d, this.desc, this.claimEnv())) this.log.debug(2, 'Report Descriptor Fixed');
    await this.dumpTree(h, d);
    const exact = exactMatcher(d);
    this.exact = (x) => { this.log.debug(3, 'match_function_exact: matching a device...'); return exact(x); };
    const fenv = this.formatEnv();
    const mfr = sub.formatMfr ? await sub.formatMfr(d, fenv) : d.vendor;
    const model = sub.formatModel ? await sub.formatModel(d, fenv) : d.product;
    const serial = sub.formatSerial ? await sub.formatSerial(d, fenv) : d.serial;
    if (mfr != null) ctx.setInfo('ups.mfr', mfr); else ctx.delInfo('ups.mfr');
    if (model != null) ctx.setInfo('ups.model', model); else ctx.delInfo('ups.model');
    if (serial != null) ctx.setInfo('ups.serial', serial); else ctx.delInfo('ups.serial');
    ctx.setInfo('ups.vendorid', d.vendorId.toString(16).padStart(4, '0'));
    ctx.setInfo('ups.productid', d.productId.toString(16).padStart(4, '0'));
    return true;
  }

  /** HIDDumpTree: every item and its value at -D (what `explore` shows) */
  private async dumpTree(h: UsbHandle, d: HidDeviceInfo): Promise<void> {
    if (this.ctx.debugLevel < 1) return;
    const items = this.desc!.items;
    this.log.debug(1, `${items.length} HID objects found`);
    for (const it of items) {
      if ((d.vendorId === 0x0463 || d.vendorId === 0x047c) && (it.reportId === 254 || it.reportId === 255)) continue;
      if (d.vendorId === 0x09ae && d.productId === 0x1330 && it.reportId === 0x54) continue;
      const head = `Path: ${pathToString(it.path, this.utab)}, Type: ${it.type}, ReportID: 0x${hex2(it.reportId)}, Offset: ${it.offset}, Size: ${it.size}`;
      let v: number | undefined;
      try { v = await this.rbuf!.get(h, it, 3, this.now()); } catch (e) {
        this.log.debug(1, `Can't retrieve Report ${hex2(it.reportId)}: ${e instanceof UsbError ? e.text : (e as Error).message}`);
      }
      this.log.debug(1, v === undefined ? head : `${head}, Value: ${general(v)}`);
    }
  }

  // ------------------------------------------------------------ walk

  private itemData(path: string | null): HidData | null {
    if (path === null) return null;
    const p = stringToPath(path, this.utab);
    // a claim hook may have set interrupt_only already (PowerCOM), before initups reads the option
    return findByPath(this.desc!, p, this.interruptOnly || this.tweaks.interruptOnly ? 'Input' : 'Feature') ?? null;
  }

  findRow(name: string, logMissing = true): Row | undefined {
    const l = name.toLowerCase();
    const r = this.rows.find((x) => x.info.name.toLowerCase() === l && x.data !== null);
    if (!r && logMissing) this.log.debug(2, `find_nut_info: unknown info type: ${name}`);
    return r;
  }

  /** what format_model/mfr/serial may use: dstate, and items read by path (HIDGetItemString/Value) */
  private formatEnv(): FormatEnv {
    const value = async (path: string): Promise<number | null> => {
      const data = this.itemData(path);
      if (!data || !this.handle) return null;
      try { return await this.rbuf!.get(this.handle, data, 3, this.now()); } catch { return null; }
    };
    return {
      setInfo: (n, v) => this.ctx.setInfo(n, v),
      getItemValue: value,
      getItemString: async (path) => {
        const v = await value(path);
        if (v === null) return '';
        return this.lookupEnv().getString(Math.trunc(v));
      },
    };
  }

  lookupEnv(): LookupEnv {
    return {
      delInfo: (n) => this.ctx.delInfo(n),
      log: { info: (m) => this.log.info(m), debug: (l, m) => this.log.debug(l, m), notice: (m) => this.log.notice(m), warning: (m) => this.log.warn(m) },
      getString: async (index: number) => {
        if (index < 0 || index > 255 || !this.handle) return '';
        try { return ((await this.handle.getString(index)) ?? '').replace(/\n+$/, ''); } catch { return ''; }
      },
      statusGet: (t) => this.flags.has(t.toLowerCase()),
      reportBuffer: (id) => this.rbuf?.report(id) ?? null,
      getInfo: (n) => this.ctx.getInfo(n),
    };
  }

  private async findInfoval(lk: InfoLookup, value: number): Promise<string | null> {
    if (!Array.isArray(lk)) return (lk as Conversion).fun(value, this.lookupEnv());
    const v = Math.trunc(value);
    const hit = (lk as readonly { hid: number; nut: string }[]).find((e) => e.hid === v);
    if (!hit) { this.log.debug(3, `hu_find_infoval: no matching INFO_* value for this HID value (${general(value)})`); return null; }
    return hit.nut;
  }

  private findValinfo(lk: InfoLookup, value: string | null): number {
    if (!Array.isArray(lk)) {
      const c = lk as Conversion;
      if (c.nuf) return c.nuf(value, this.lookupEnv());
      const hit = c.values?.find((e) => e.nut === value);
      return hit ? hit.hid : -1;
    }
    const hit = (lk as readonly { hid: number; nut: string }[]).find((e) => e.nut === value);
    return hit ? hit.hid : -1;
  }

  /** ups_infoval_set: -1 failed lookup, 0 status/alarm, 1 variable set */
  private async infovalSet(info: HidInfo, value: number): Promise<number> {
    if (info.lookup) {
      const nut = await this.findInfoval(info.lookup, value);
      if (nut === null) { this.log.debug(5, `Lookup [${general(value)}] failed for [${info.name}]`); return -1; }
      if (info.name.startsWith('BOOL')) {
        if (!applyBoolean(this.flags, nut)) this.log.debug(5, `Warning: ${nut} not in list of known values`);
        return 0;
      }
      if (info.name.startsWith('ups.alarm')) { this.ctx.alarmSet(nut); return 0; }
      this.ctx.setInfo(info.name, nut);
    } else {
      this.ctx.setInfo(info.name, cprintf(info.dfl ?? '%.0f', value));
    }
    return 1;
  }

  /** hid_ups_walk; false when the device was lost (then already marked and closed) */
  async walk(mode: Mode): Promise<boolean> {
    const ctx = this.ctx;
    const d = this.dev!;
    let tried = 0;
    let answered = 0;
    for (const row of this.rows) {
      const info = row.info;
      if (mode === 'init') {
        if (row.data === null) {
          row.data = this.itemData(info.path);
          if (row.data === null) continue;
          if (info.hidflags & HU_FLAG_ABSENT) {
            if (ctx.getInfo(info.name) !== undefined) continue;
            ctx.setInfo(info.name, info.dfl ?? '');
            ctx.setFlags(info.name, info.flags);
            if (info.flags & ST_FLAG_STRING) ctx.setAux(info.name, info.len);
            continue;
          }
          if (!info.name.startsWith('ups.alarm') && ctx.getInfo(info.name) !== undefined) { row.data = null; continue; }
        } else if (info.hidflags & HU_FLAG_ABSENT) continue; // reconnecting: the mapping is kept
      } else if (mode === 'quick') {
        if (!(info.hidflags & HU_FLAG_QUICK_POLL)) continue;
      } else {
        if (info.hidflags & (HU_FLAG_ABSENT | HU_TYPE_CMD | HU_FLAG_STATIC)) continue;
        if ((info.hidflags & HU_FLAG_SEMI_STATIC) && !this.dataHasChanged) continue;
      }
      const data = row.data;
      if (!data) continue;
      if (d.vendorId === 0x09ae && d.productId === 0x1330 && data.reportId === 0x54) continue;
      let value: number;
      tried++;
      try {
        value = await this.rbuf!.get(this.handle!, data, ctx.pollInterval, this.now());
        answered++;
      } catch (e) {
        if (e instanceof UsbError && LOST.has(e.code)) { this.lose(e.text); return false; }
        // a device that times out before answering anything in this walk is silent:
        // each further request would cost another USB_TIMEOUT (the reference hangs here)
        if (e instanceof UsbError && e.code === 'TIMEOUT' && answered === 0 && mode !== 'init') {
          this.lose('device does not answer', true);
          return false;
        }
        continue; // timeout, stall, overflow: try again later, as the reference
      }
      this.log.debug(2, `Path: ${info.path}, Type: ${data.type}, ReportID: 0x${hex2(data.reportId)}, Offset: ${data.offset}, Size: ${data.size}, Value: ${general(value)}`);
      if (info.hidflags & HU_TYPE_CMD) {
        this.log.debug(3, `Adding command '${info.name}' using Path '${info.path}'`);
        ctx.addCmd(info.name);
        continue;
      }
      if ((await this.infovalSet(info, value)) !== 1) continue;
      if (mode === 'init') {
        ctx.setFlags(info.name, info.flags);
        if (info.flags & ST_FLAG_STRING) ctx.setAux(info.name, info.len);
        if (!(info.hidflags & HU_FLAG_ENUM) || !(info.flags & ST_FLAG_RW) || !info.lookup) continue;
        if (Array.isArray(info.lookup)) {
          for (const e of info.lookup as readonly { hid: number; nut: string }[]) ctx.addEnum(info.name, e.nut);
        } else {
          // a table with a function: the rows whose value the function accepts
          for (const e of (info.lookup as Conversion).values ?? []) {
            if ((await this.findInfoval(info.lookup, e.hid)) !== null) ctx.addEnum(info.name, e.nut);
          }
        }
      }
    }
    // Better than the reference: a device that answers nothing at all is not
    // "fine" — its data would stay frozen while reported fresh.
    if (tried > 0 && answered === 0 && mode !== 'init') { this.lose('no answer to any report', true); return false; }
    return true;
  }

  // ------------------------------------------------------------ updates

  initinfo(): void {
    const ctx = this.ctx;
    this.log.debug(1, 'upsdrv_initinfo...');
    ctx.setInfo('driver.version.data', this.sub!.name);
    const v = ctx.getval('pollfreq');
    if (v !== undefined) this.pollfreq = parseInt(v, 10) || 0;
    ctx.setInfo('driver.parameter.pollfreq', String(this.pollfreq));
    if (ctx.testvar('pollonly')) this.useInterrupt = false;
    this.lastpoll = this.now();
  }

  /** the device is gone or silent: stale now, reopen later */
  private lose(why: string, reset = false): void {
    const h = this.handle;
    if (h) {
      this.log.warn(`USB device lost (${why}); data stale, reconnecting`);
      // a hung device may come back from a port reset; its result does not matter, the reopen tells
      const done = reset ? Promise.race([h.reset().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]) : Promise.resolve();
      void done.then(() => { try { h.close(); } catch { /* gone */ } });
    }
    this.handle = null;
    this.ctx.dataStale();
    const now = this.now();
    if (!this.lostAt) { this.lostAt = now; this.backoff = BACKOFF_MIN; }
    this.nextTry = now + this.backoff;
  }

  /** reopen the same unit (regex options + exact IDs and strings); true when back */
  private async reconnect(): Promise<boolean> {
    const now = this.now();
    if (now < this.nextTry) return false;
    this.log.debug(1, 'Got to reconnect!');
    let opened = null;
    try {
      opened = await openHidDevice(this.opts.bus, [...this.matchers, ...(this.exact ? [this.exact] : [])],
        { debug: (l, m) => this.log.debug(l, m), warn: (m) => this.log.debug(1, m) }, undefined, () => this.iface());
    } catch (e) {
      this.log.debug(1, `reconnect: ${(e as Error).message}`);
    }
    if (!opened) {
      this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX);
      this.nextTry = now + this.backoff;
      this.log.debug(1, `reconnect failed; next try in ${this.backoff} s`);
      this.ctx.dataStale();
      return false;
    }
    this.handle = opened.handle;
    this.rbuf!.ts.fill(0);
    if (!(await this.walk('init'))) return false;
    this.reconnects++;
    this.log.warn(`USB device back after ${now - this.lostAt} s`);
    this.lostAt = 0;
    this.backoff = BACKOFF_MIN;
    this.dataHasChanged = true; // read everything again
    return true;
  }

  async updateinfo(): Promise<void> {
    const ctx = this.ctx;
    this.log.debug(1, 'upsdrv_updateinfo...');
    const now = this.now();
    if (!this.handle) {
      if (!(await this.reconnect())) return;
    }
    if (this.useInterrupt) {
      if (!(await this.interrupts())) return;
    } else {
      this.log.debug(1, 'Not using interrupt pipe...');
    }
    ctx.statusInit();
    if (now > this.lastpoll + this.pollfreq || this.dataHasChanged) {
      this.log.debug(1, 'Full update...');
      ctx.alarmInit();
      if (!(await this.walk('full'))) return;
      this.lastpoll = now;
      this.dataHasChanged = false;
      for (const t of alarmTexts(this.flags)) ctx.alarmSet(t);
      ctx.alarmCommit();
    } else {
      this.log.debug(1, 'Quick update...');
      if (!(await this.walk('quick'))) return;
    }
    const st = statusWords(this.flags, this.onlinedischarge);
    if (st.transferReason) ctx.setInfo('input.transfer.reason', st.transferReason); else ctx.delInfo('input.transfer.reason');
    if (st.warnOnlineDischarging) {
      this.log.warn(`ups_status_set: seems that UPS [${ctx.upsname}] is in OL+DISCHRG state now. Is it calibrating or do you perhaps want to set 'onlinedischarge' option? Some UPS models (e.g. CyberPower UT series) emit OL+DISCHRG when offline.`);
    }
    for (const w of st.words) ctx.statusSet(w);
    ctx.statusCommit();
    ctx.dataOk();
  }

  /** HIDGetEvents + their processing; false when the device was lost */
  private async interrupts(): Promise<boolean> {
    const h = this.handle!;
    const ep = 0x80 + this.iface().epIn;
    let buf: Uint8Array;
    try {
      buf = await h.interruptIn(ep, this.interruptSize || 512, 750);
    } catch (e) {
      if (e instanceof UsbError && LOST.has(e.code)) {
        if (e.code === 'BUSY') this.log.log(2, 'Got disconnected by another driver');
        this.lose(e.text);
        return false;
      }
      if (e instanceof UsbError && e.code === 'PIPE') await h.clearHalt(ep);
      if (e instanceof UsbError && (e.code === 'TIMEOUT' || e.code === 'OVERFLOW')) this.log.debug(2, `nut_libusb_get_interrupt: ${e.code === 'TIMEOUT' ? 'Connection timed out' : e.text}`);
      this.log.debug(1, 'Got 0 HID objects...');
      return true;
    }
    if (buf.length === 0) { this.log.debug(1, 'Got 0 HID objects...'); return true; }
    const now = this.now();
    this.rbuf!.file(buf, now);
    const events = this.desc!.items.filter((d) => d.reportId === buf[0] && d.type === 'Input').slice(0, 32);
    if (events.length === 0) this.log.debug(1, 'HIDGetEvents: unexpected input report (ignored)');
    this.log.debug(1, `Got ${events.length} HID objects...`);
    for (const ev of events) {
      let value: number;
      try { value = await this.rbuf!.get(h, ev, this.ctx.pollInterval, now); } catch { continue; }
      this.log.debug(2, `Path: ${pathToString(ev.path, this.utab)}, Type: ${ev.type}, ReportID: 0x${hex2(ev.reportId)}, Offset: ${ev.offset}, Size: ${ev.size}, Value: ${general(value)}`);
      let found = findByPath(this.desc!, ev.path, this.interruptOnly ? 'Input' : 'Feature');
      if (!found && !this.interruptOnly) found = findByPath(this.desc!, ev.path, 'Input');
      if (!found) { this.log.debug(2, 'Could not find event as either ITEM_INPUT or ITEM_FEATURE?'); continue; }
      const row = this.rows.find((r) => !(r.info.hidflags & HU_FLAG_ABSENT) && r.data === found);
      if (!row) { this.log.debug(3, "NUT doesn't use this HID object"); continue; }
      await this.infovalSet(row.info, value);
    }
    return true;
  }

  // ------------------------------------------------------------ commands

  private async setData(data: HidData, value: number): Promise<boolean> {
    if (!this.handle) return false;
    try {
      return (await this.rbuf!.set(this.handle, data, value)) !== null;
    } catch (e) {
      if (e instanceof UsbError && LOST.has(e.code)) this.lose(e.text);
      return false;
    }
  }

  async instcmd(cmd: string, extra: string | undefined): Promise<number> {
    const ctx = this.ctx;
    const lc = cmd.toLowerCase();
    if (lc === 'beeper.off') { this.log.warn("The 'beeper.off' command has been renamed to 'beeper.disable'"); return this.instcmd('beeper.disable', undefined); }
    if (lc === 'beeper.on') { this.log.warn("The 'beeper.on' command has been renamed to 'beeper.enable'"); return this.instcmd('beeper.enable', undefined); }
    this.log.debug(1, `instcmd(${cmd}, ${extra ?? '[NULL]'})`);
    const row = this.findRow(cmd);
    if (!row) {
      this.log.debug(3, `instcmd: cmdname '${cmd}' not found; checking for alternatives`);
      if (lc === 'load.on') return this.instcmd('load.on.delay', '0');
      if (lc === 'load.off') return this.instcmd('load.off.delay', '0');
      if (lc === 'shutdown.return' || lc === 'shutdown.stayoff') {
        const ret = lc === 'shutdown.return';
        if (ctx.getInfo('ups.start.auto') !== undefined) await this.setvar('ups.start.auto', ret ? 'yes' : 'no');
        const r = await this.instcmd('load.on.delay', ret ? ctx.getInfo('ups.delay.start') : '-1');
        if (r !== STAT_INSTCMD_HANDLED) return r;
        // some UPSes (Tripp Lite AVR750U) ignore commands that come too fast
        await ctx.sleep(125);
        return this.instcmd('load.off.delay', ctx.getInfo('ups.delay.shutdown'));
      }
      this.log.debug(2, `instcmd: info element unavailable ${cmd}\n`);
      return STAT_INSTCMD_INVALID;
    }
    const info = row.info;
    this.log.debug(3, `instcmd: using Path '${info.path ?? '[NULL]'}'`);
    if (!(info.hidflags & HU_TYPE_CMD)) { this.log.debug(2, `instcmd: ${cmd} is not an instant command\n`); return STAT_INSTCMD_INVALID; }
    // a NULL default reaches the nuf as NULL: PowerCOM's then read the ups.delay.* variable
    const val = extra ?? info.dfl;
    const value = info.lookup ? this.findValinfo(info.lookup, val) : (parseInt(val ?? '', 10) || 0);
    if (await this.setData(row.data!, value)) {
      this.log.debug(3, 'instcmd: SUCCEED\n');
      this.dataHasChanged = true;
      return STAT_INSTCMD_HANDLED;
    }
    this.log.debug(3, 'instcmd: FAILED\n');
    return STAT_INSTCMD_FAILED;
  }

  async setvar(name: string, val: string): Promise<number> {
    this.log.debug(1, `setvar(${name}, ${val})`);
    const row = this.findRow(name);
    if (!row) { this.log.debug(2, `setvar: info element unavailable ${name}\n`); return STAT_SET_UNKNOWN; }
    const info = row.info;
    if (!(info.flags & ST_FLAG_RW)) { this.log.debug(2, `setvar: not writable ${name}\n`); return STAT_SET_UNKNOWN; }
    if (info.hidflags & HU_FLAG_ABSENT) {
      this.log.debug(2, `setvar: setting server side variable ${name}\n`);
      this.ctx.setInfo(info.name, val);
      return STAT_SET_HANDLED;
    }
    const value = info.lookup ? this.findValinfo(info.lookup, val) : (parseInt(val, 10) || 0);
    if (await this.setData(row.data!, value)) {
      this.log.debug(5, 'setvar: SUCCEED\n');
      this.dataHasChanged = true;
      return STAT_SET_HANDLED;
    }
    this.log.debug(3, 'setvar: FAILED\n');
    return STAT_SET_UNKNOWN;
  }

  async shutdown(): Promise<void> {
    this.log.debug(1, 'upsdrv_shutdown...');
    for (const c of ['shutdown.return', 'shutdown.reboot', 'load.off.delay']) {
      if ((await this.instcmd(c, undefined)) === STAT_INSTCMD_HANDLED) return;
    }
    this.ctx.fatal('Shutdown failed!');
  }

  cleanup(): void {
    this.log.debug(1, 'upsdrv_cleanup...');
    try { this.handle?.close(); } catch { /* gone */ }
    this.handle = null;
  }
}
