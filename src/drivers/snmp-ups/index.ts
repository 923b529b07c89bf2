// snmp-ups: Generic SNMP UPS driver (NUT 2.8.0 drivers/snmp-ups.c), on the
// driver kit, the SNMP transport and the MIB tables in mibs/.

import type { DriverContext, DriverModule, VarTableEntry } from '../../driver/types.js';
import { STAT_INSTCMD_HANDLED } from '../../driver/types.js';
import { DriverExit } from '../../driver/options.js';
import {
  AUTH_PROTOCOLS, PRIV_PROTOCOLS, openNetSnmpSession, parsePeer,
  type AuthProtocol, type PrivProtocol, type SecLevel, type SnmpSession, type SnmpSessionOptions,
} from '../../transports/snmp.js';
import { SU_FLAG_OK, SU_OUTLET, SU_OUTLET_GROUP, type Mib2Nut } from './mib.js';
import { SnmpIo } from './io.js';
import { SnmpUpsEngine, WALK_INIT, WALK_UPDATE, suType, SU_TYPE_CMD } from './engine.js';
import { atoi } from './convert.js';
import { mib2nut } from './mibs/index.js';

export const DRIVER_VERSION = '1.21';

const vartable: VarTableEntry[] = [
  { kind: 'VALUE', name: 'mibs', desc: "NOTE: You can run the driver binary with '-x mibs=--list' for an up to date listing)\nSet MIB compliance (default=ietf, allowed: mge,apcc,netvision,pw,cpqpower,...)" },
  { kind: 'VALUE', name: 'community', desc: 'Set community name (default=public)', sensitive: true },
  { kind: 'VALUE', name: 'snmp_version', desc: 'Set SNMP version (default=v1, allowed: v2c,v3)' },
  { kind: 'VALUE', name: 'pollfreq', desc: 'Set polling frequency in seconds, to reduce network flow (default=30)' },
  { kind: 'VALUE', name: 'semistaticfreq', desc: 'Set semistatic value update frequency in update cycles, to reduce network flow (default=10)' },
  { kind: 'VALUE', name: 'snmp_retries', desc: 'Specifies the number of Net-SNMP retries to be used in the requests (default=5)' },
  { kind: 'VALUE', name: 'snmp_timeout', desc: 'Specifies the Net-SNMP timeout in seconds between retries (default=1)' },
  { kind: 'FLAG', name: 'notransferoids', desc: 'Disable transfer OIDs (use on APCC Symmetras)' },
  { kind: 'FLAG', name: 'symmetrathreephase', desc: 'Enable APCC three phase Symmetra quirks (use on APCC three phase Symmetras)' },
  { kind: 'VALUE', name: 'secLevel', desc: 'Set the securityLevel used for SNMPv3 messages (default=noAuthNoPriv, allowed: authNoPriv,authPriv)' },
  { kind: 'VALUE', name: 'secName', desc: 'Set the securityName used for authenticated SNMPv3 messages (no default)', sensitive: true },
  { kind: 'VALUE', name: 'authPassword', desc: 'Set the authentication pass phrase used for authenticated SNMPv3 messages (no default)', sensitive: true },
  { kind: 'VALUE', name: 'privPassword', desc: 'Set the privacy pass phrase used for encrypted SNMPv3 messages (no default)', sensitive: true },
  { kind: 'VALUE', name: 'authProtocol', desc: `Set the authentication protocol (${AUTH_PROTOCOLS.join(', ')}) used for authenticated SNMPv3 messages (default=MD5 if available)` },
  { kind: 'VALUE', name: 'privProtocol', desc: `Set the privacy protocol (${PRIV_PROTOCOLS.join(', ')}) used for encrypted SNMPv3 messages (default=DES if available)` },
  { kind: 'VALUE', name: 'ondelay', desc: 'Set start delay time after shutdown' },
  { kind: 'VALUE', name: 'offdelay', desc: 'Set delay time before shutdown ' },
];

/** How the engine gets its SNMP session (tests inject a fake). */
export type SessionFactory = (o: SnmpSessionOptions) => SnmpSession;

/** nut_snmp_init(): the session options from the driver options (fatal on bad ones, as the reference). */
export function sessionOptions(ctx: DriverContext): SnmpSessionOptions {
  const peer = parsePeer(ctx.port);
  if (!peer) ctx.fatal(`nut_snmp_init: snmp_open: Unknown host (${ctx.port})`);
  const retries = ctx.testvar('snmp_retries') ? atoi(ctx.getval('snmp_retries')) : 5;
  ctx.log.debug(2, `Setting SNMP retries to ${retries}`);
  const timeout = ctx.testvar('snmp_timeout') ? atoi(ctx.getval('snmp_timeout')) : 1;
  ctx.log.debug(2, `Setting SNMP timeout to ${timeout} second(s)`);
  const version = ctx.testvar('snmp_version') ? ctx.getval('snmp_version') ?? '' : 'v1';
  const o: SnmpSessionOptions = {
    host: peer.host, port: peer.port, version: 'v1', retries: Math.max(0, retries), timeoutMs: Math.max(0, timeout) * 1000,
  };
  if (version === 'v1' || version === 'v2c') {
    o.version = version;
    o.community = ctx.testvar('community') ? ctx.getval('community') ?? '' : 'public';
    return o;
  }
  if (version !== 'v3') ctx.fatal(`Bad SNMP version: ${version}`);
  o.version = 'v3';
  let secLevel: SecLevel = 'noAuthNoPriv';
  if (ctx.testvar('secLevel')) {
    const s = ctx.getval('secLevel') ?? '';
    if (s !== 'noAuthNoPriv' && s !== 'authNoPriv' && s !== 'authPriv') ctx.fatal(`Bad SNMPv3 securityLevel: ${s}`);
    secLevel = s;
  }
  if (!ctx.testvar('secName')) ctx.fatal('securityName is required for SNMPv3');
  const authPassword = ctx.getval('authPassword');
  const privPassword = ctx.getval('privPassword');
  if (secLevel === 'authNoPriv' && authPassword === undefined) ctx.fatal(`authPassword is required for SNMPv3 in ${secLevel} mode`);
  if (secLevel === 'authPriv' && (authPassword === undefined || privPassword === undefined)) {
    ctx.fatal(`authPassword and privPassword are required for SNMPv3 in ${secLevel} mode`);
  }
  const authProtocol = ctx.getval('authProtocol') ?? 'MD5';
  if (!AUTH_PROTOCOLS.includes(authProtocol as AuthProtocol)) ctx.fatal(`Bad SNMPv3 authProtocol: ${authProtocol}`);
  // Net-SNMP's generate_Ku() refuses pass phrases shorter than 8 characters
  if (secLevel !== 'noAuthNoPriv' && (authPassword ?? '').length < 8) ctx.fatal('Error generating Ku from authentication pass phrase');
  const privProtocol = ctx.getval('privProtocol') ?? 'DES';
  if (!PRIV_PROTOCOLS.includes(privProtocol as PrivProtocol)) ctx.fatal(`Bad SNMPv3 privProtocol: ${privProtocol}`);
  if (secLevel === 'authPriv' && (privPassword ?? '').length < 8) ctx.fatal('Error generating Ku from privacy pass phrase');
  o.v3 = {
    secLevel, secName: ctx.getval('secName') ?? '', authProtocol: authProtocol as AuthProtocol, authPassword,
    privProtocol: privProtocol as PrivProtocol, privPassword,
  };
  return o;
}

function listMibs(mibs: readonly Mib2Nut[], arg: string): string {
  const pad = (s: string, n: number, right = false): string => (right ? s.padStart(n) : s.padEnd(n));
  let out = `The 'mibs' argument is '${arg}', so just listing the mappings this driver knows,\n`
    + "and for 'mibs=auto' these mappings will be tried in the following order until\n"
    + 'the first one matches your device\n\n';
  out += `${pad('NUMBER', 7, true)}\t${pad('MAPPING NAME', 23)}\t${pad('VERSION', 7)}\t${pad('ENTRY POINT OID', 31)}\t${'AUTO CHECK OID'}\n`;
  mibs.forEach((m, i) => {
    out += ` ${pad(String(i + 1), 4, true)} \t${pad(m.name, 23)}\t${pad(m.version, 7, true)}\t${pad(m.sysOid ?? '<NULL>', 31)}\t${m.oidAutoCheck ?? '<NULL>'}\n`;
  });
  out += `\nOverall this driver has loaded ${mibs.length} MIB-to-NUT mapping tables\n`;
  return out;
}

/** One snmp-ups instance: the engine and its session live in the per-device context. */
const engines = new WeakMap<DriverContext, SnmpUpsEngine>();
function engineOf(ctx: DriverContext): SnmpUpsEngine {
  const e = engines.get(ctx);
  if (!e) ctx.fatal('snmp-ups: not initialised');
  return e;
}

/** set_delays(): ondelay/offdelay as SETs of ups.delay.start/shutdown */
async function setDelays(ctx: DriverContext, eng: SnmpUpsEngine): Promise<void> {
  const on = ctx.getval('ondelay') !== undefined ? atoi(ctx.getval('ondelay')) : -1;
  const off = ctx.getval('offdelay') !== undefined ? atoi(ctx.getval('offdelay')) : -1;
  if (on >= 0) await eng.setOID(false, 'ups.delay.start', String(on));
  if (off >= 0) await eng.setOID(false, 'ups.delay.shutdown', String(off));
}

export function makeSnmpUps(tables: readonly Mib2Nut[] = mib2nut, open: SessionFactory = openNetSnmpSession): DriverModule {
  return {
    name: 'snmp-ups',
    description: 'Generic SNMP UPS driver',
    version: DRIVER_VERSION,
    vartable,

    async initups(ctx) {
      ctx.log.debug(1, 'SNMP UPS driver: entering upsdrv_initups()');
      const mibs = ctx.testvar('mibs') ? ctx.getval('mibs') ?? '' : 'auto';
      if (mibs === '--list') {
        process.stdout.write(listMibs(tables, mibs));
        throw new DriverExit(0);
      }
      const session = open(sessionOptions(ctx));
      const io = new SnmpIo(session, ctx.log, ctx.upsname, ctx.port);
      const eng = new SnmpUpsEngine(ctx, io, tables);
      engines.set(ctx, eng);
      await eng.loadMib2nut(mibs);
      eng.pollfreq = ctx.getval('pollfreq') !== undefined ? atoi(ctx.getval('pollfreq')) : 30;
      eng.semistaticfreq = ctx.getval('semistaticfreq') !== undefined ? atoi(ctx.getval('semistaticfreq')) : 10;
      if (eng.semistaticfreq < 1) {
        ctx.log.debug(1, 'Bad semistaticfreq value provided, setting to default');
        eng.semistaticfreq = 10;
      }
      eng.semistaticCountdown = eng.semistaticfreq;
      const m = eng.findInfo('ups.model') ?? eng.findInfo('device.model');
      let model: string | null = null;
      if (m && m.oid !== null) {
        const oid = m.oid.includes('%') ? m.oid.replace(/%i|%d/, '0') : m.oid;
        model = await io.getStr(oid, null);
      }
      if (model !== null) ctx.log.log(0, `Detected ${model} on host ${ctx.port} (mib: ${eng.mib!.name} ${eng.mib!.version})`);
      else ctx.fatal(`${mibs} MIB wasn't found on ${ctx.port}`);
      await eng.daisychainInit();
      eng.phases = Array.from({ length: eng.devicesCount + 1 }, () => ({ input: -1, output: -1, bypass: -1 }));
      if (eng.findInfo('load.off.delay')) ctx.addCmd('load.off');
      if (eng.findInfo('load.on.delay')) ctx.addCmd('load.on');
      if (eng.findInfo('load.off.delay') && eng.findInfo('load.on.delay')) {
        ctx.addCmd('shutdown.return');
        ctx.addCmd('shutdown.stayoff');
      }
      for (const [v, oid, what] of [['description', '.1.3.6.1.2.1.1.1.0', 'sysDescr'], ['contact', '.1.3.6.1.2.1.1.4.0', 'sysContact'],
        ['location', '.1.3.6.1.2.1.1.6.0', 'sysLocation']] as const) {
        if (ctx.getInfo(`device.${v}`) === undefined && ctx.getInfo(`device.1.${v}`) === undefined) {
          const s = await io.getStr(oid, null);
          if (s !== null) ctx.setInfo(`device.${v}`, s);
          else ctx.log.debug(2, `Can't get and publish ${what} for device.${v}`);
        }
      }
      await setDelays(ctx, eng);
    },

    async initinfo(ctx) {
      const eng = engineOf(ctx);
      ctx.log.debug(1, 'SNMP UPS driver: entering upsdrv_initinfo()');
      ctx.setInfo('driver.version.data', `${eng.mib!.name} MIB ${eng.mib!.version}`);
      for (const e of eng.info) {
        e.su |= SU_FLAG_OK;
        if (suType(e) === SU_TYPE_CMD && !(e.su & (SU_OUTLET | SU_OUTLET_GROUP))) await eng.addcmd(e);
      }
      if (ctx.testvar('notransferoids')) {
        ctx.log.info('Disabling transfer OIDs');
        for (const e of eng.info) {
          const n = e.name.toLowerCase();
          if (n === 'input.transfer.low' || n === 'input.transfer.high') e.su &= ~SU_FLAG_OK;
        }
      }
      eng.quirkSymmetra = ctx.testvar('symmetrathreephase');
      if (await eng.walk(WALK_INIT)) { ctx.dataOk(); eng.commOk = true; } else { ctx.dataStale(); eng.commOk = false; }
    },

    async updateinfo(ctx) {
      const eng = engineOf(ctx);
      ctx.log.debug(1, 'SNMP UPS driver: entering upsdrv_updateinfo()');
      const now = Math.floor(Date.now() / 1000);
      if (now > eng.lastpoll + eng.pollfreq) {
        ctx.alarmInit();
        ctx.statusInit();
        if (await eng.walk(WALK_UPDATE)) {
          ctx.log.debug(1, 'upsdrv_updateinfo: pollfreq: Data OK');
          ctx.dataOk(); eng.commOk = true;
        } else {
          ctx.log.debug(1, 'upsdrv_updateinfo: pollfreq: Data STALE');
          ctx.dataStale(); eng.commOk = false;
        }
        if (!eng.daisychainEnabled) ctx.alarmCommit();
        ctx.statusCommit();
        if (eng.daisychainEnabled) ctx.alarmCommit();
        eng.lastpoll = Math.floor(Date.now() / 1000);
      } else if (eng.commOk) ctx.dataOk();
      else ctx.dataStale();
    },

    async instcmd(ctx, cmd, param) {
      return engineOf(ctx).setOID(true, cmd, param);
    },

    async setvar(ctx, name, value) {
      return engineOf(ctx).setOID(false, name, value);
    },

    async shutdown(ctx) {
      const eng = engineOf(ctx);
      ctx.log.debug(1, 'upsdrv_shutdown...');
      await setDelays(ctx, eng);
      for (const c of ['shutdown.return', 'shutdown.reboot', 'load.off.delay']) {
        if ((await eng.setOID(true, c, undefined)) === STAT_INSTCMD_HANDLED) return;
      }
      ctx.fatal('Shutdown failed!');
    },

    cleanup(ctx) {
      engines.get(ctx)?.io.session.close();
    },
  };
}

export const snmpUps: DriverModule = makeSnmpUps();
