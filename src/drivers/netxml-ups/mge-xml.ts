// The MGE XML subdriver of netxml-ups (NUT 2.8.0's mge-xml.c, MGEXML/0.36):
// the element callbacks that read product.xml, the summary and get-object
// pages and alarms, the value conversions of mge_xml2nut, and the status bits
// they feed. One instance per driver: it keeps the page URLs product.xml gave
// and the status bits between polls.

import { mge_xml2nut, ST_FLAG_RW, ST_FLAG_STATIC, type ConvertName, type XmlInfo } from './mge-xml-table.js';
import { catoi, cfixed, strtok } from './cfmt.js';

export const MGE_XML_VERSION = 'MGEXML/0.36';
export const MGE_XML_INITUPS = '/';
export const MGE_XML_INITINFO = '/mgeups/product.xml /product.xml /ws/product.xml';
const PACKAGE_BUGREPORT = 'https://github.com/networkupstools/nut/issues';

/** status_bit_t of netxml-ups.h */
export const enum Bit {
  ONLINE = 0, DISCHRG, CHRG, LOWBATT, OVERLOAD, REPLACEBATT, SHUTDOWNIMM, TRIM, BOOST, BYPASSAUTO, BYPASSMAN, OFF,
  OVERHEAT, COMMFAULT, INTERNALFAULT, FANFAIL, NOBATTERY, BATTVOLTLO, BATTVOLTHI, CHARGERFAIL, VRANGE, FRANGE,
  FUSEFAULT, CAL,
}

/** mge_xml_state_t (numbers show in debug lines) */
export const enum St {
  ROOTPARENT = 0, UNEXPECTED = 1, PARSEERROR = 2,
  PRODUCT_INFO = 100,
  PI_SUMMARY = 110, PI_HTML_PROPERTIES_PAGE, PI_XML_SUMMARY_PAGE, PI_CENTRAL_CFG, PI_CSV_LOGS,
  PI_ALARMS = 120, PI_SUBSCRIPTION, PI_POLLING,
  PI_MANAGEMENT = 130, PI_MANAGEMENT_PAGE, PI_XML_MANAGEMENT_PAGE,
  PI_UPS_DATA = 140, PI_GET_OBJECT, PI_SET_OBJECT,
  SUMMARY = 200, SU_OBJECT,
  GET_OBJECT = 300, GO_OBJECT,
  SET_OBJECT = 400, SO_OBJECT,
  ALARM = 500,
  XML_CLIENT = 600, XC_GENERAL = 610, XC_STARTUP, XC_SHUTDOWN, XC_BROADCAST,
}

/** What the subdriver needs from the driver: dstate, options, logs. */
export interface MgeHost {
  setInfo(name: string, value: string): void;
  getInfo(name: string): string | undefined;
  testvar(name: string): boolean;
  notice(msg: string): void;
  debug(level: number, msg: string): void;
  fatal(msg: string): never;
  /** dstate_detect_phasecount(prefix, 1, ..., 0) with this subdriver's memory */
  detectPhases(prefix: 'input.' | 'input.bypass.' | 'output.'): void;
}

/** char var[128], val[128]: snprintf keeps 127 characters, NUT's snprintfcat only 126 */
const BUF = 127;
const CAT = 126;
const cut = (s: string, n = BUF) => (s.length > n ? s.slice(0, n) : s);
/** snprintfcat(dst, 128, ...): appends while the whole stays within 126 characters */
const cat = (dst: string, add: string) => (dst.length >= CAT ? dst : cut(dst + add, CAT));
const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class MgeXml {
  /** ups_status bits */
  status = 0;
  /** page URLs learnt from product.xml (NULL until then) */
  summary: string | null = null;
  getobject: string | null = null;
  setobject: string | null = null;
  configure: string | null = null;
  subscribe: string | null = null;
  private ambient = 0;
  private shutdownPending = false;
  private reportDeprecation = true;
  private var = '';
  private val = '';

  constructor(private readonly host: MgeHost, public shutdownDuration = 120) {}

  bit(b: Bit): boolean { return (this.status & (1 << b)) !== 0; }
  private setBit(b: Bit, on: boolean): void { this.status = on ? (this.status | (1 << b)) >>> 0 : (this.status & ~(1 << b)) >>> 0; }

  /** the status-bit conversions: '1' (or 'Yes' for some) sets the bit; a few read '0' as set */
  private flag(b: Bit, v: string, opts: { inverted?: boolean; yes?: boolean } = {}): null {
    const on = opts.inverted ? v[0] === '0' : v[0] === '1' || (opts.yes === true && eq(v.slice(0, 3), 'yes'));
    this.setBit(b, on);
    return null;
  }

  private convertDeci(v: string): string {
    if (this.host.testvar('do_convert_deci')) {
      if (this.reportDeprecation) {
        this.host.notice('convert_deci() is now deprecated, so values from XML are normally not decimated. This driver instance has however configured do_convert_deci in your ups.conf, so this behavior for old MGE NetXML-capable devices is preserved.');
        this.reportDeprecation = false;
      }
      return cfixed(0.1 * Math.fround(catoi(v)), 1);
    }
    if (this.reportDeprecation) {
      this.host.notice(`convert_deci() is now deprecated, so values from XML are not decimated. If you happen to have an old MGE NetXML-capable device that now shows measurements 10x too big, and a firmware update does not solve this, please inform NUT devs via the issue tracker at ${PACKAGE_BUGREPORT} with details about your hardware and firmware versions. Also try to enable do_convert_deci in your ups.conf`);
      this.reportDeprecation = false;
    }
    this.host.debug(5, `convert_deci() is now deprecated, so value '${v}' is not decimated. If this change broke your setup, please see details logged above.`);
    return v;
  }

  /** split_date_time: "2008/03/01 15:23:26" → ups.date 2008/03/01, returns the time */
  private splitDateTime(v: string): string | null {
    const t = strtok(cut(v, 255), ' -');
    this.host.setInfo('ups.date', t.token ?? '(null)');
    return t.token === null ? null : strtok(t.rest, ' ').token;
  }

  private static urlConvert(v: string): string {
    return cut(`/${strtok(cut(v, 255), ' \r\n\t').token ?? '(null)'}`, 255);
  }

  private choice(fn: string, v: string, map: Record<string, string>): string {
    const r = map[v[0] ?? ''];
    if (r !== undefined) return r;
    this.host.debug(2, `${fn}: unexpected value [${v}]`);
    return '<unknown>';
  }

  /** the conversion functions of mge-xml.c; null = nothing to publish */
  convert(name: ConvertName, v: string): string | null {
    switch (name) {
      case 'online_info': return this.flag(Bit.ONLINE, v);
      case 'discharging_info':
        this.flag(Bit.DISCHRG, v);
        // NMC bug: charging and discharging both set
        if (v[0] === '1' && this.bit(Bit.CHRG)) this.setBit(Bit.CHRG, false);
        return null;
      case 'charging_info': return this.flag(Bit.CHRG, v);
      case 'lowbatt_info': return this.flag(Bit.LOWBATT, v);
      case 'overload_info': return this.flag(Bit.OVERLOAD, v);
      case 'replacebatt_info': return this.flag(Bit.REPLACEBATT, v);
      case 'trim_info': return this.flag(Bit.TRIM, v);
      case 'boost_info': return this.flag(Bit.BOOST, v);
      case 'bypass_aut_info': return this.flag(Bit.BYPASSAUTO, v);
      case 'bypass_man_info': return this.flag(Bit.BYPASSMAN, v);
      case 'off_info': return this.flag(Bit.OFF, v, { inverted: true });
      case 'nobattery_info': return this.flag(Bit.NOBATTERY, v, { inverted: true });
      case 'fanfail_info': return this.flag(Bit.FANFAIL, v);
      case 'overheat_info': return this.flag(Bit.OVERHEAT, v);
      case 'commfault_info': return this.flag(Bit.COMMFAULT, v);
      case 'internalfailure_info': return this.flag(Bit.INTERNALFAULT, v);
      case 'battvoltlo_info': return this.flag(Bit.BATTVOLTLO, v);
      case 'battvolthi_info': return this.flag(Bit.BATTVOLTHI, v);
      case 'chargerfail_info': return this.flag(Bit.CHARGERFAIL, v, { yes: true });
      case 'vrange_info': return this.flag(Bit.VRANGE, v, { yes: true });
      case 'frange_info': return this.flag(Bit.FRANGE, v, { yes: true });
      case 'fuse_fault_info': return this.flag(Bit.FUSEFAULT, v);
      case 'yes_no_info': return this.choice('yes_no_info', v, { 1: 'yes', 0: 'no' });
      case 'on_off_info': return this.choice('on_off_info', v, { 1: 'on', 0: 'off' });
      case 'convert_deci': return this.convertDeci(v);
      case 'ignore_if_zero': return catoi(v) === 0 ? null : this.convertDeci(v);
      case 'split_date_time': return this.splitDateTime(v);
      case 'mge_battery_capacity': return cfixed(Math.fround(catoi(v)) / 3600, 2);
      case 'mge_powerfactor_conversion': return cfixed(Math.fround(catoi(v)) / 100, 2);
      case 'mge_beeper_info': return ({ 1: 'disabled', 2: 'enabled', 3: 'muted' } as Record<number, string>)[catoi(v)] ?? null;
      case 'mge_upstype_conversion':
        return ({
          1: 'offline / line interactive', 2: 'online', 3: 'online - unitary/parallel',
          4: 'online - parallel with hot standy', 5: 'online - hot standby redundancy',
        } as Record<number, string>)[catoi(v)] ?? null;
      case 'mge_sensitivity_info': return ({ 0: 'normal', 1: 'high', 2: 'low' } as Record<number, string>)[catoi(v)] ?? null;
      case 'mge_test_result_info': {
        this.setBit(Bit.CAL, false);
        const n = catoi(v);
        if (n === 5) this.setBit(Bit.CAL, true);
        return ({
          1: 'done and passed', 2: 'done and warning', 3: 'done and error', 4: 'aborted', 5: 'in progress',
          6: 'no test initiated', 7: 'test scheduled',
        } as Record<number, string>)[n] ?? null;
      }
      case 'mge_ambient_info': return this.ambient === 1 ? v : null;
      case 'mge_drycontact_info': return ({ 0: 'opened', 1: 'closed' } as Record<number, string>)[catoi(v)] ?? null;
      case 'mge_timer_shutdown': {
        const d = catoi(v);
        const imminent = d > -1 && d <= this.shutdownDuration;
        this.setBit(Bit.SHUTDOWNIMM, imminent);
        this.shutdownPending = imminent;
        // 2.8.0 returns its val buffer: the value being read
        return this.val;
      }
      case 'mge_shutdown_imminent':
        if (this.shutdownPending) return null;
        this.setBit(Bit.SHUTDOWNIMM, v[0] === '0' && catoi(v) === 0);
        return null;
    }
  }

  /** A start-element callback (mge_xml_startelm_cb): returns the new element's state. */
  startelm(parent: number, name: string, atts: readonly [string, string][]): number {
    const st = this.startState(parent, name, atts);
    this.host.debug(3, `mge_xml_startelm_cb: name <${name}> (parent = ${parent}, state = ${st})`);
    return st;
  }

  private urlAttr(atts: readonly [string, string][]): string | undefined {
    let url: string | undefined;
    for (const [k, v] of atts) if (eq(k, 'url')) url = MgeXml.urlConvert(v);
    return url;
  }

  private startState(parent: number, name: string, atts: readonly [string, string][]): number {
    const is = (n: string) => eq(name, n);
    switch (parent) {
      case St.ROOTPARENT:
        if (is('PRODUCT_INFO')) {
          for (const [k, v] of atts) {
            if (eq(k, 'name')) this.val = cut(v);
            if (eq(k, 'type')) {
              this.val = cat(this.val, `/${v}`);
              if (eq(v, 'Transverse')) this.ambient = 1;
              else if (v.includes('ePDU')) this.host.setInfo('device.type', 'pdu');
            }
            if (eq(k, 'version')) {
              this.val = cat(this.val, `/${v}`);
              const i = this.val.indexOf(' (SN ');
              if (i >= 0) {
                this.host.setInfo('ups.serial', this.val.slice(i + 5).replace(/\)+$/, ''));
                this.val = this.val.slice(0, i);
              }
              this.host.setInfo('ups.firmware.aux', this.val);
            }
            // netxml-ups speaks XML v3 only
            if (eq(k, 'protocol') && eq(v, 'XML.V4')) this.host.fatal('XML v4 protocol is not supported!');
          }
          return St.PRODUCT_INFO;
        }
        if (is('SUMMARY')) return St.SUMMARY;
        if (is('GET_OBJECT')) return St.GET_OBJECT;
        if (is('SET_OBJECT')) return St.SET_OBJECT;
        if (is('ALARM')) {
          this.var = '';
          this.val = '';
          for (const [k, v] of atts) {
            if (eq(k, 'object')) this.var = cut(v);
            if (eq(k, 'value')) this.val = cut(v);
            if (eq(k, 'date')) this.host.setInfo('ups.time', this.splitDateTime(v) ?? '(null)');
          }
          return St.ALARM;
        }
        if (is('XML-CLIENT')) return St.XML_CLIENT;
        return St.UNEXPECTED;
      case St.PRODUCT_INFO:
        if (is('SUMMARY')) return St.PI_SUMMARY;
        if (is('ALARMS')) return St.PI_ALARMS;
        if (is('MANAGEMENT')) return St.PI_MANAGEMENT;
        if (is('UPS_DATA') || is('DEV_DATA')) return St.PI_UPS_DATA;
        return St.UNEXPECTED;
      case St.PI_SUMMARY: {
        if (is('HTML_PROPERTIES_PAGE')) return St.PI_HTML_PROPERTIES_PAGE;
        if (is('XML_SUMMARY_PAGE')) { this.summary = this.urlAttr(atts) ?? this.summary; return St.PI_XML_SUMMARY_PAGE; }
        if (is('CENTRAL_CFG')) { this.configure = this.urlAttr(atts) ?? this.configure; return St.PI_CENTRAL_CFG; }
        if (is('CSV_LOGS')) return St.PI_CSV_LOGS;
        return St.UNEXPECTED;
      }
      case St.PI_ALARMS:
        if (is('SUBSCRIPTION')) { this.subscribe = this.urlAttr(atts) ?? this.subscribe; return St.PI_SUBSCRIPTION; }
        if (is('POLLING')) return St.PI_POLLING;
        return St.UNEXPECTED;
      case St.PI_MANAGEMENT:
        if (is('MANAGEMENT_PAGE')) return St.PI_MANAGEMENT_PAGE;
        if (is('XML_MANAGEMENT_PAGE')) return St.PI_XML_MANAGEMENT_PAGE;
        return St.UNEXPECTED;
      case St.PI_UPS_DATA:
        if (is('GET_OBJECT')) { this.getobject = this.urlAttr(atts) ?? this.getobject; return St.PI_GET_OBJECT; }
        if (is('SET_OBJECT')) { this.setobject = this.urlAttr(atts) ?? this.setobject; return St.PI_SET_OBJECT; }
        return St.UNEXPECTED;
      case St.SUMMARY:
      case St.GET_OBJECT:
        if (is('OBJECT')) {
          // a new object does not inherit the previous value (only when it is named)
          for (const [k, v] of atts) if (eq(k, 'name')) { this.var = cut(v); this.val = ''; }
          return parent === St.SUMMARY ? St.SU_OBJECT : St.GO_OBJECT;
        }
        return St.UNEXPECTED;
      case St.XML_CLIENT:
        if (is('GENERAL')) return St.XC_GENERAL;
        return this.generalChild(name, atts);
      case St.XC_GENERAL:
        return this.generalChild(name, atts);
      default:
        return St.UNEXPECTED;
    }
  }

  private generalChild(name: string, atts: readonly [string, string][]): number {
    if (eq(name, 'STARTUP')) return St.XC_STARTUP;
    if (eq(name, 'SHUTDOWN')) {
      for (const [k, v] of atts) {
        if (eq(k, 'shutdownTimer')) this.host.setInfo('driver.timer.shutdown', v);
        if (eq(k, 'shutdownDuration')) this.host.setInfo('driver.delay.shutdown', v);
      }
      return St.XC_SHUTDOWN;
    }
    if (eq(name, 'BROADCAST')) return St.XC_BROADCAST;
    return St.UNEXPECTED;
  }

  /** Character data callback (mge_xml_cdata_cb). */
  cdata(state: number, text: string): void {
    if (text === '\n') {
      this.host.debug(3, `mge_xml_cdata_cb: cdata ignored (state = ${state})`);
      return;
    }
    this.host.debug(3, `mge_xml_cdata_cb: cdata [${text}] (state = ${state})`);
    if (state === St.ALARM) this.host.debug(2, `ALARM${text}`);
    else if (state === St.SU_OBJECT || state === St.GO_OBJECT) this.val = cat(this.val, text);
  }

  /** End element callback (mge_xml_endelm_cb). */
  endelm(state: number, name: string): void {
    if (this.val.length === 0) {
      this.host.debug(3, `mge_xml_endelm_cb: name </${name}> ignored, no value set (state = ${state})`);
      return;
    }
    this.host.debug(3, `mge_xml_endelm_cb: name </${name}> (state = ${state})`);
    switch (state) {
      case St.ALARM:
      case St.SU_OBJECT:
      case St.GO_OBJECT: {
        const info = mge_xml2nut.find((i) => eq(i.xml, this.var));
        if (!info) {
          this.host.debug(3, `-> XML variable ${this.var} [${this.val}] doesn't map to any NUT variable`);
          return;
        }
        this.publish(info);
        return;
      }
      case St.PI_GET_OBJECT:
      case St.GET_OBJECT:
        // a full snapshot is in: guess the phase counts (once, as 2.8.0)
        this.host.detectPhases('input.');
        this.host.detectPhases('input.bypass.');
        this.host.detectPhases('output.');
        return;
    }
  }

  private publish(info: XmlInfo): void {
    this.host.debug(3, `-> XML variable ${this.var} [${this.val}] maps to NUT variable ${info.nut ?? '(null)'}`);
    if (info.flags & ST_FLAG_STATIC && info.nut !== null && this.host.getInfo(info.nut) !== undefined) return;
    let value: string | null = this.val;
    if (info.convert) {
      value = this.convert(info.convert, this.val);
      this.host.debug(4, `-> XML variable ${this.var} [${this.val}] which maps to NUT variable ${info.nut ?? '(null)'} was converted to value ${value ?? '(null)'} for the NUT driver state`);
    }
    if (value !== null && info.nut !== null) this.host.setInfo(info.nut, value);
  }

  /** vname_nut2mge_xml: the XML name of a NUT variable (first row), or null */
  static nut2xml(name: string): string | null {
    return mge_xml2nut.find((i) => i.nut !== null && eq(i.nut, name))?.xml ?? null;
  }

  /** vname_register_rw: the writable variables, published empty */
  static rwNames(): string[] {
    return mge_xml2nut.filter((i) => i.nut !== null && i.flags & ST_FLAG_RW).map((i) => i.nut!);
  }
}
