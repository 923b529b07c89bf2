// netxml-ups: Eaton/MGE network cards speaking XML over HTTP, as NUT 2.8.0's
// netxml-ups 0.44 with its MGE XML subdriver. Each poll reads the get-object
// page, the summary page and product.xml again; two failures of three make
// the data stale. SETs go out as the card's SET_OBJECT form (2.8.0 ignores
// the answer, so a SET reports failure even when the card took it).

import type { DriverContext, DriverModule, VarTableEntry } from '../../driver/types.js';
import { FLAG_RW, STAT_INSTCMD_UNKNOWN, STAT_SET_FAILED } from '../../driver/types.js';
import { detectPhaseCount, newPhaseMemory } from '../../driver/phasecount.js';
import { HttpSession, NeonError, type HttpReply } from './http.js';
import { Bit, MgeXml, MGE_XML_INITINFO, MGE_XML_INITUPS, MGE_XML_VERSION, St } from './mge-xml.js';
import { pageText, parseXml } from './xml.js';
import { catoi } from './cfmt.js';
import { NsmSubscription } from './subscribe.js';
import { DRIVER_VERSION } from './version.js';

export { DRIVER_VERSION };

const FORM_POST_BOUNDARY = 'NUT-NETXML-UPS-OBJECTS';

export const NETXML_VARTABLE: VarTableEntry[] = [
  { kind: 'VALUE', name: 'timeout', desc: 'network timeout (default: 5 seconds)' },
  { kind: 'FLAG', name: 'subscribe', desc: 'authenticated subscription on NMC' },
  { kind: 'VALUE', name: 'login', desc: 'login value for authenticated mode', sensitive: true },
  { kind: 'VALUE', name: 'password', desc: 'password value for authenticated mode', sensitive: true },
  { kind: 'VALUE', name: 'shutdown_duration', desc: 'shutdown duration in second (default: 120 seconds)' },
  { kind: 'VALUE', name: 'shutdown_timer', desc: 'shutdown timer in second (default: none)' },
  { kind: 'FLAG', name: 'do_convert_deci', desc: 'enable legacy convert_deci() for certain measurements 10x too large' },
];

/** ne_uri_parse, as far as a device URL goes: scheme://[user@]host[:port][/path] */
export function parseDeviceUrl(url: string): { scheme: string; host: string; port: number } | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?(?:[/?#].*)?$/.exec(url);
  if (!m) return null;
  const scheme = m[1]!;
  const host = m[2]!.replace(/^\[(.*)\]$/, '$1');
  let port = m[3] ? Number.parseInt(m[3], 10) : 0;
  if (!port) port = scheme.toLowerCase() === 'https' ? 443 : scheme.toLowerCase() === 'http' ? 80 : 0;
  return { scheme, host, port };
}

/** SET_OBJECT request body (set_object_serialise_entries), in the multipart form of FORM_POST */
export function setObjectForm(entries: readonly [string, string][]): { body: string; ok: boolean } {
  let ok = true;
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\r\n<SET_OBJECT>\r\n';
  for (const [name, value] of entries) {
    const vname = MgeXml.nut2xml(name);
    if (vname === null) { ok = false; continue; }
    xml += `  <OBJECT name="${vname}">${value}</OBJECT>\r\n`;
  }
  xml += '</SET_OBJECT>\r\n';
  const body = `--${FORM_POST_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="Configuration.xml"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n${xml}--${FORM_POST_BOUNDARY}--\r\n`;
  return { body, ok };
}

export function createNetxmlUps(): DriverModule {
  let session: HttpSession | undefined;
  let sub: MgeXml | undefined;
  let nsm: NsmSubscription | undefined;
  let productPage: string | null = null;
  let timeout = 5;
  let shutdownDuration = 120;
  let shutdownTimer = 0;
  let host = '';
  /** ne_get_error(session): the last status line or error */
  let lastError = '';
  const phases = { 'input.': newPhaseMemory(), 'input.bypass.': newPhaseMemory(), 'output.': newPhaseMemory() };

  const need = () => {
    if (!session || !sub) throw new Error('netxml-ups: not initialised');
    return { session, sub };
  };

  function makeSub(ctx: DriverContext): MgeXml {
    return new MgeXml({
      setInfo: (n, v) => ctx.setInfo(n, v),
      getInfo: (n) => ctx.getInfo(n),
      testvar: (n) => ctx.testvar(n),
      notice: (m) => ctx.log.notice(m),
      debug: (l, m) => ctx.log.debug(l, m),
      fatal: (m) => ctx.fatal(m),
      detectPhases: (prefix) => {
        detectPhaseCount({ getInfo: (n) => ctx.getInfo(n), setInfo: (n, v) => ctx.setInfo(n, v), debug: (l, m) => ctx.log.debug(l, m) },
          prefix, true, phases[prefix], false);
      },
    }, shutdownDuration);
  }

  async function exchange(method: string, path: string, headers?: Record<string, string>, body?: Buffer): Promise<HttpReply> {
    try {
      const r = await need().session.once(method, path, headers, body);
      lastError = `${r.status} ${r.reason}`;
      return r;
    } catch (e) {
      lastError = e instanceof NeonError ? e.message : String(e);
      throw e;
    }
  }

  /** netxml_get_page: GET a page and feed it to the subdriver; true when neon says NE_OK */
  async function getPage(ctx: DriverContext, page: string | null): Promise<boolean> {
    ctx.log.debug(2, `netxml_get_page: ${page ?? '(null)'}`);
    if (page === null) return false;
    const { session: s, sub: x } = need();
    const stack: number[] = [St.ROOTPARENT];
    const handler = {
      start: (name: string, attrs: readonly [string, string][]) => { stack.push(x.startelm(stack[stack.length - 1]!, name, attrs)); },
      cdata: (text: string) => { x.cdata(stack[stack.length - 1]!, text); },
      end: (name: string) => { x.endelm(stack.pop()!, name); },
    };
    let parsed = false;
    let ok = false;
    try {
      for (let attempt = 0; ; attempt++) {
        const reply = await exchange('GET', page);
        // neon feeds every answer to one parser: a retry's page is not read again
        if (!parsed) {
          parsed = true;
          const err = parseXml(pageText(reply.body), handler);
          if (err !== null) { lastError = `Could not parse response: ${err}`; break; }
        }
        if (s.challenge(reply, page, attempt)) continue;
        if (reply.status === 401 && /^\s*Basic\b/i.test(String(reply.headers['www-authenticate'] ?? ''))) {
          lastError = 'Could not authenticate to server: rejected Basic challenge';
          break;
        }
        ok = true;
        break;
      }
    } catch (e) {
      if (!(e instanceof NeonError)) throw e;
    }
    if (!ok) ctx.log.debug(2, `netxml_get_page: ${lastError}`);
    return ok;
  }

  /**
   * A POST: send_http_request (one exchange; neon's authentication hook
   * runs but 2.8.0 does not send again) or, with `retry`, the subscription's
   * request loop (sent again after a challenge). null when it failed.
   */
  async function post(path: string, contentType: string | undefined, body: string, retry = false): Promise<HttpReply | null> {
    const { session: s } = need();
    try {
      for (let attempt = 0; ; attempt++) {
        const r = await exchange('POST', path, contentType ? { 'Content-Type': contentType } : {}, Buffer.from(body, 'utf8'));
        if (s.challenge(r, path, attempt) && retry) continue;
        return r;
      }
    } catch (e) {
      if (e instanceof NeonError) return null;
      throw e;
    }
  }

  /** set_object in FORM_POST mode: the answer is ignored by the protocol (v3) */
  async function setObjectFormPost(entries: [string, string][]): Promise<void> {
    await post('/Forms/set_obj_2', `multipart/form-data; boundary=${FORM_POST_BOUNDARY}`, setObjectForm(entries).body);
  }

  function alarmSet(ctx: DriverContext, x: MgeXml): void {
    const alarms: [Bit, string][] = [
      [Bit.REPLACEBATT, 'Replace battery!'], [Bit.SHUTDOWNIMM, 'Shutdown imminent!'], [Bit.FANFAIL, 'Fan failure!'],
      [Bit.NOBATTERY, 'No battery installed!'], [Bit.BATTVOLTLO, 'Battery voltage too low!'],
      [Bit.BATTVOLTHI, 'Battery voltage too high!'], [Bit.CHARGERFAIL, 'Battery charger fail!'],
      [Bit.OVERHEAT, 'Temperature too high!'], [Bit.COMMFAULT, 'Communication fault!'],
      [Bit.INTERNALFAULT, 'Internal UPS fault!'], [Bit.FUSEFAULT, 'Fuse fault!'],
      [Bit.BYPASSAUTO, 'Automatic bypass mode!'], [Bit.BYPASSMAN, 'Manual bypass mode!'],
    ];
    for (const [b, text] of alarms) if (x.bit(b)) ctx.alarmSet(text);
  }

  function statusSet(ctx: DriverContext, x: MgeXml): void {
    if (x.bit(Bit.VRANGE)) ctx.setInfo('input.transfer.reason', 'input voltage out of range');
    else if (x.bit(Bit.FRANGE)) ctx.setInfo('input.transfer.reason', 'input frequency out of range');
    else ctx.delInfo('input.transfer.reason');
    ctx.statusSet(x.bit(Bit.ONLINE) ? 'OL' : 'OB');
    const flags: [boolean, string][] = [
      [x.bit(Bit.DISCHRG), 'DISCHRG'], [x.bit(Bit.CHRG), 'CHRG'], [x.bit(Bit.LOWBATT), 'LB'], [x.bit(Bit.OVERLOAD), 'OVER'],
      [x.bit(Bit.REPLACEBATT), 'RB'], [x.bit(Bit.TRIM), 'TRIM'], [x.bit(Bit.BOOST), 'BOOST'],
      [x.bit(Bit.BYPASSAUTO) || x.bit(Bit.BYPASSMAN), 'BYPASS'], [x.bit(Bit.OFF), 'OFF'],
      [x.bit(Bit.SHUTDOWNIMM), 'FSD'], [x.bit(Bit.CAL), 'CAL'],
    ];
    for (const [on, t] of flags) if (on) ctx.statusSet(t);
  }

  return {
    name: 'netxml-ups',
    description: 'network XML UPS',
    version: DRIVER_VERSION,
    experimental: true,
    vartable: NETXML_VARTABLE,

    async initups(ctx) {
      const num = (name: string, check: (n: number) => boolean, msg: string, dflt: number) => {
        const v = ctx.getval(name);
        if (v === undefined) return dflt;
        const n = catoi(v);
        if (!check(n)) ctx.fatal(msg);
        return n;
      };
      timeout = num('timeout', (n) => n >= 1, 'timeout must be greater than 0', timeout);
      shutdownDuration = num('shutdown_duration', (n) => n >= 0, 'shutdown duration must be greater than or equal to 0', shutdownDuration);
      shutdownTimer = num('shutdown_timer', (n) => n >= 0, 'shutdown timer must be greater than or equal to 0', shutdownTimer);
      const uri = parseDeviceUrl(ctx.port);
      if (!uri) return ctx.fatal(`${ctx.progname}: invalid hostname '${ctx.port}'`);
      host = uri.host;
      ctx.log.debug(1, `using ${uri.scheme}://${uri.host} port ${uri.port}`);
      session = new HttpSession({
        scheme: uri.scheme, host: uri.host, port: uri.port, timeout, userAgent: `${MGE_XML_VERSION} neon/0.32.5`,
        authenticate(realm, attempt) {
          ctx.log.debug(2, `netxml_authenticate: realm = [${realm}], attempt = ${attempt}`);
          // neon retries while the callback returns 0, i.e. once
          return attempt === 0 ? { user: ctx.getval('login') ?? '', password: ctx.getval('password') ?? '' } : null;
        },
      });
      sub = makeSub(ctx);
      // the connectivity test: ne_get of "/", authentication retried, a 2xx needed
      let ok = false;
      let body: Buffer = Buffer.alloc(0);
      try {
        for (let attempt = 0; ; attempt++) {
          const r = await exchange('GET', MGE_XML_INITUPS);
          if (session.challenge(r, MGE_XML_INITUPS, attempt)) continue;
          if (r.status === 401 && /^\s*Basic\b/i.test(String(r.headers['www-authenticate'] ?? ''))) {
            lastError = 'Could not authenticate to server: rejected Basic challenge';
          } else if (r.status >= 200 && r.status < 300) {
            ok = true;
            body = r.body;
          }
          break;
        }
      } catch (e) {
        if (!(e instanceof NeonError)) throw e;
      }
      // with debugging on, 2.8.0 copies the page to stderr
      if (ctx.debugLevel > 0) process.stderr.write(Buffer.concat([body, Buffer.from('\n')]));
      if (!ok) ctx.fatal(`Connectivity test: ${lastError}`);
      ctx.log.info(`Connectivity test: ${lastError}`);
    },

    async initinfo(ctx) {
      const x = need().sub;
      for (const page of MGE_XML_INITINFO.split(' ')) {
        if (!(await getPage(ctx, page))) continue;
        productPage = page;
        ctx.setInfo('driver.version.data', MGE_XML_VERSION);
        if (ctx.testvar('subscribe')) {
          nsm = new NsmSubscription(ctx, host, shutdownDuration, shutdownTimer, (p) => getPage(ctx, p),
            (path, b) => post(path, undefined, b, true));
          await nsm.subscribe(x.subscribe, x.configure);
        }
        for (const name of MgeXml.rwNames()) {
          ctx.setInfo(name, '');
          ctx.setFlags(name, FLAG_RW);
        }
        return;
      }
      ctx.fatal(`upsdrv_initinfo: communication failure [${lastError}]`);
    },

    async updateinfo(ctx) {
      const x = need().sub;
      if (nsm) {
        // the alarm channel never opens (see subscribe.ts): stale, as 2.8.0
        if ((await nsm.poll(x.subscribe, x.configure)) === 'lost') ctx.dataStale();
        return;
      }
      let errors = 0;
      if (!(await getPage(ctx, x.getobject))) errors++;
      if (!(await getPage(ctx, x.summary))) errors++;
      // product.xml again, for the firmware information at least
      if (!(await getPage(ctx, productPage))) errors++;
      if (errors > 1) { ctx.dataStale(); return; }
      ctx.statusInit();
      ctx.alarmInit();
      alarmSet(ctx, x);
      ctx.alarmCommit();
      statusSet(ctx, x);
      ctx.statusCommit();
      ctx.dataOk();
    },

    instcmd(ctx, cmd, param) {
      ctx.log.notice(`instcmd: unknown command [${cmd}] [${param ?? '(null)'}]`);
      return STAT_INSTCMD_UNKNOWN;
    },

    async setvar(_ctx, name, value) {
      await setObjectFormPost([[name, value]]);
      // FORM POST answers are ignored by the protocol, so 2.8.0 always reports a failure
      return STAT_SET_FAILED;
    },

    async shutdown() {
      // the card shuts the UPS down when the runtime limit is above the runtime
      await setObjectFormPost([['battery.runtime.low', '999999999']]);
    },

    cleanup() {
      session?.close();
      nsm = undefined;
      session = undefined;
    },
  };
}

/**
 * The registered module: one createNetxmlUps() instance per device (driver
 * context), so several cards hosted in one process keep their own session,
 * pages and status bits.
 */
function perDevice(factory: () => DriverModule): DriverModule {
  const proto = factory();
  const instances = new WeakMap<DriverContext, DriverModule>();
  const of = (ctx: DriverContext): DriverModule => {
    let m = instances.get(ctx);
    if (!m) { m = factory(); instances.set(ctx, m); }
    return m;
  };
  return {
    name: proto.name, description: proto.description, version: proto.version, experimental: proto.experimental,
    vartable: proto.vartable,
    initups: (ctx) => of(ctx).initups!(ctx),
    initinfo: (ctx) => of(ctx).initinfo(ctx),
    updateinfo: (ctx) => of(ctx).updateinfo(ctx),
    instcmd: (ctx, cmd, param) => of(ctx).instcmd!(ctx, cmd, param),
    setvar: (ctx, name, value) => of(ctx).setvar!(ctx, name, value),
    shutdown: (ctx) => of(ctx).shutdown!(ctx),
    cleanup: (ctx) => of(ctx).cleanup!(ctx),
  };
}

export const netxmlUps = perDevice(createNetxmlUps);
