// upsmon.conf (upsmon.md §3). Pure: text in, typed settings + diagnostics out.
// Like NUT, bad lines are reported and ignored; only the old 4-argument
// MONITOR form is fatal. Reload keeps values of directives that are absent
// from the new file (NUT does not reset globals before re-parsing).

import { tokenizeConfig } from '../core/tokenizer.js';
import { atoi } from '../core/cstd.js';

export { atoi };
import { NUT_PORT } from '../core/paths.js';
import type { Diagnostic } from './diagnostics.js';
import { isNotifyType, type NotifyFlags, type NotifyType } from '../monitor/notify.js';

export interface MonitorEntry {
  /** the MONITOR system string exactly as written (upsname[@host[:port]]) */
  system: string;
  upsname: string;
  host: string;
  port: number;
  powerValue: number;
  username: string;
  password: string;
  primary: boolean;
  line: number;
}

export interface CertHost { host: string; certName: string; certVerify: number; forceSsl: number }

export interface UpsmonConf {
  monitors: MonitorEntry[];
  minSupplies: number;
  /** shell command line (first token verbatim, further tokens single-quoted) */
  shutdownCmd: string | undefined;
  /** argv; a single token containing spaces is run through the shell (2.8.0 style) */
  notifyCmd: string[] | undefined;
  notifyMsg: Partial<Record<NotifyType, string>>;
  notifyFlag: Partial<Record<NotifyType, NotifyFlags>>;
  pollFreq: number;
  pollFreqAlert: number;
  hostSync: number;
  deadTime: number;
  finalDelay: number;
  powerDownFlag: string | undefined;
  rbWarnTime: number;
  noCommWarnTime: number;
  runAsUser: string | undefined;
  certPath: string | undefined;
  certIdent: { name: string; password: string } | undefined;
  certHosts: CertHost[];
  certVerify: number;
  forceSsl: number;
  certFile: string | undefined;
  debugMin: number | undefined;
  /** 0 = exit right after SHUTDOWNCMD, <0 never, >0 linger N seconds */
  shutdownExit: number;
  pollFailLogThrottleMax: number;
  offDuration: number;
  overDuration: number;
  oblbDuration: number;
  alarmCritical: boolean;
  diagnostics: Diagnostic[];
  errorCount: number;
  /** set when the configuration is unusable (old MONITOR form) */
  fatal: string[] | undefined;
}

export const POWERDOWNFLAG_MAGIC = 'upsmon-shutdown-file';

export function defaultUpsmonConf(): UpsmonConf {
  return {
    monitors: [], minSupplies: 1, shutdownCmd: undefined, notifyCmd: undefined, notifyMsg: {}, notifyFlag: {},
    pollFreq: 5, pollFreqAlert: 5, hostSync: 15, deadTime: 15, finalDelay: 5, powerDownFlag: undefined,
    rbWarnTime: 43200, noCommWarnTime: 300, runAsUser: undefined, certPath: undefined, certIdent: undefined,
    certHosts: [], certVerify: 0, forceSsl: 0, certFile: undefined, debugMin: undefined, shutdownExit: 0,
    pollFailLogThrottleMax: -1, offDuration: 30, overDuration: -1, oblbDuration: 0, alarmCritical: true,
    diagnostics: [], errorCount: 0, fatal: undefined,
  };
}


export interface SplitName { upsname: string; host: string; port: number }

/** upscli_splitname (clients.md §1.1, master rules). */
export function splitUpsName(s: string): SplitName | string {
  if (s === '') return "upscli_splitname: can't parse empty string";
  const at = s.indexOf('@');
  if (at < 0) {
    return { upsname: s, host: 'localhost', port: NUT_PORT };
  }
  const upsname = s.slice(0, at);
  const rest = s.slice(at + 1);
  if (upsname === '') return 'upscli_splitname: got empty upsname string';
  if (rest === '') return 'upscli_splitname: got the @ separator and then an empty hostname[:port] string';
  let host: string;
  let portStr: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return 'upscli_splitaddr: missing closing bracket in [domain literal]';
    host = rest.slice(1, close);
    if (rest[close + 1] === ':') portStr = rest.slice(close + 2);
  } else {
    const c = rest.indexOf(':');
    if (c < 0) host = rest;
    else { host = rest.slice(0, c); portStr = rest.slice(c + 1); }
  }
  let port = NUT_PORT;
  if (portStr !== undefined) {
    const m = /^\s*\d+/.exec(portStr);
    const p = m ? parseInt(m[0], 10) : 0;
    if (!(p >= 1 && p <= 65535)) return "upscli_splitaddr: no port number specified after ':' separator";
    port = p;
  }
  return { upsname, host, port };
}

function parseFlags(spec: string): NotifyFlags | string {
  const f: NotifyFlags = { syslog: false, wall: false, exec: false, ignore: false };
  for (const w of spec.split('+')) {
    // flags are case-sensitive in NUT
    if (w === 'SYSLOG') f.syslog = true;
    else if (w === 'WALL') f.wall = true;
    else if (w === 'EXEC') f.exec = true;
    else if (w === 'IGNORE') f.ignore = true;
    else return w;
  }
  return f;
}

function clone(c: UpsmonConf): UpsmonConf {
  return {
    ...c, monitors: [], notifyMsg: { ...c.notifyMsg }, notifyFlag: { ...c.notifyFlag }, certHosts: [...c.certHosts],
    notifyCmd: c.notifyCmd ? [...c.notifyCmd] : undefined, diagnostics: [], errorCount: 0, fatal: undefined,
  };
}

/**
 * Parse upsmon.conf. With `prev` (reload) every global not mentioned keeps
 * its previous value; DEBUG_MIN and POLLFAIL_LOG_THROTTLE_MAX are forgotten.
 * `reload` also changes duplicate-MONITOR handling (redefine instead of ignore).
 */
export function parseUpsmonConf(text: string | Uint8Array, file = 'upsmon.conf', prev?: UpsmonConf): UpsmonConf {
  const conf = prev ? clone(prev) : defaultUpsmonConf();
  if (prev) { conf.debugMin = undefined; conf.pollFailLogThrottleMax = -1; }
  const diag = (line: number, level: Diagnostic['level'], message: string) => conf.diagnostics.push({ file, line, level, message });
  const { lines, errors } = tokenizeConfig(text);
  for (const e of errors) diag(e.line, 'error', `Parse error: ${file}:${e.line}: ${e.message}`);
  const invalid = (line: number, args: string[]) => {
    conf.errorCount++;
    diag(line, 'warning', `${file} line ${line}: invalid directive ${args.join(' ')}`);
  };
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const d = args[0]!;
    const n = args.length;
    const a1 = args[1] ?? '';
    if (d.toUpperCase() === 'DEBUG_MIN') {
      const v = /^\d+$/.test(a1) ? parseInt(a1, 10) : NaN;
      if (n >= 2 && v >= 0) conf.debugMin = v;
      else diag(line, 'warning', 'WARNING : Invalid DEBUG_MIN value found in upsmon.conf global settings');
      continue;
    }
    switch (d) {
      case 'MONITOR': {
        if (n === 5) {
          // old form "MONITOR system pv password type" has no username
          conf.fatal = ['Unable to use old-style MONITOR line without a username',
            'Convert it and add a username to upsd.users - see the documentation'];
          diag(line, 'error', conf.fatal[0]!);
          break;
        }
        if (n < 5) { invalid(line, args); break; }
        const system = a1;
        const pvStr = args[2]!;
        const pv = /^\s*\d+$/.test(pvStr) ? parseInt(pvStr, 10) : (/^\s*\d/.test(pvStr) ? parseInt(pvStr, 10) : NaN);
        if (!Number.isFinite(pv) || pv < 0 || pv > 2147483647) {
          diag(line, 'warning', `UPS [${system}]: ignoring invalid power value [${pvStr}]`);
          break;
        }
        const sp = splitUpsName(system);
        if (typeof sp === 'string') { diag(line, 'error', sp); diag(line, 'error', `Error: unable to split UPS name [${system}]`); break; }
        const typeWord = args[5]!.toLowerCase();
        const primary = typeWord === 'primary' || typeWord === 'master';
        if (!primary && typeWord !== 'secondary' && typeWord !== 'slave') {
          // NUT silently treats any other word as secondary; we say so.
          diag(line, 'warning', `UPS [${system}]: unknown type '${args[5]}', treating as secondary`);
        }
        const entry: MonitorEntry = { system, ...sp, powerValue: pv, username: args[3]!, password: args[4]!, primary, line };
        const dup = conf.monitors.findIndex((m) => m.system === system);
        if (dup >= 0) {
          if (prev) conf.monitors[dup] = entry;
          else diag(line, 'warning', `Warning: ignoring duplicate UPS [${system}]`);
          break;
        }
        conf.monitors.push(entry);
        break;
      }
      case 'MINSUPPLIES': if (n < 2) invalid(line, args); else { const v = atoi(a1); if (v >= 0) conf.minSupplies = v; else diag(line, 'warning', `Ignoring invalid MINSUPPLIES value: ${v}`); } break;
      case 'POLLFREQ': if (n < 2) invalid(line, args); else { const v = atoi(a1); if (v > 0) conf.pollFreq = v; else diag(line, 'warning', `Ignoring invalid POLLFREQ value: ${v}`); } break;
      case 'POLLFREQALERT': if (n < 2) invalid(line, args); else { const v = atoi(a1); if (v > 0) conf.pollFreqAlert = v; else diag(line, 'warning', `Ignoring invalid POLLFREQALERT value: ${v}`); } break;
      case 'HOSTSYNC': if (n < 2) invalid(line, args); else conf.hostSync = atoi(a1); break;
      case 'DEADTIME': if (n < 2) invalid(line, args); else conf.deadTime = atoi(a1); break;
      case 'FINALDELAY': if (n < 2) invalid(line, args); else { const v = atoi(a1); if (v >= 0) conf.finalDelay = v; else diag(line, 'warning', `Ignoring invalid FINALDELAY value: ${v}`); } break;
      case 'RBWARNTIME': if (n < 2) invalid(line, args); else conf.rbWarnTime = atoi(a1); break;
      case 'NOCOMMWARNTIME': if (n < 2) invalid(line, args); else conf.noCommWarnTime = atoi(a1); break;
      case 'POWERDOWNFLAG': if (n < 2) invalid(line, args); else conf.powerDownFlag = a1; break;
      case 'SHUTDOWNCMD':
        if (n < 2) invalid(line, args);
        else conf.shutdownCmd = [a1, ...args.slice(2).map((t) => `'${t.replace(/'/g, `'\\''`)}'`)].join(' ');
        break;
      case 'NOTIFYCMD':
        if (n < 2) invalid(line, args);
        else conf.notifyCmd = args.slice(1);
        break;
      case 'RUN_AS_USER': if (n < 2) invalid(line, args); else conf.runAsUser = a1; break;
      case 'CERTPATH': if (n < 2) invalid(line, args); else conf.certPath = a1; break;
      case 'CERTFILE': if (n < 2) invalid(line, args); else conf.certFile = a1; break;
      case 'CERTIDENT': if (n < 3) invalid(line, args); else conf.certIdent = { name: a1, password: args[2]! }; break;
      case 'CERTHOST':
        if (n < 5) invalid(line, args);
        else conf.certHosts.push({ host: a1, certName: args[2]!, certVerify: atoi(args[3]!), forceSsl: atoi(args[4]!) });
        break;
      case 'CERTVERIFY': if (n < 2) invalid(line, args); else conf.certVerify = atoi(a1); break;
      case 'FORCESSL': if (n < 2) invalid(line, args); else conf.forceSsl = atoi(a1); break;
      case 'NOTIFYMSG': {
        if (n < 3) { invalid(line, args); break; }
        const t = a1.toUpperCase();
        if (!isNotifyType(t)) { diag(line, 'warning', `'${a1}' is not a valid notify event name`); break; }
        conf.notifyMsg[t] = args[2]!;
        break;
      }
      case 'NOTIFYFLAG': {
        if (n < 3) { invalid(line, args); break; }
        const t = a1.toUpperCase();
        if (!isNotifyType(t)) { diag(line, 'warning', `Warning: invalid notify type [${a1}]`); break; }
        const f = parseFlags(args[2]!);
        if (typeof f === 'string') { diag(line, 'warning', `Invalid notify flag: [${f}]`); break; }
        conf.notifyFlag[t] = f;
        break;
      }
      case 'SHUTDOWNEXIT': {
        if (n < 2) { invalid(line, args); break; }
        const l = a1.toLowerCase();
        if (['yes', 'on', 'true'].includes(l)) conf.shutdownExit = 0;
        else if (['no', 'off', 'false'].includes(l)) conf.shutdownExit = -1;
        else if (/^-?\d+$/.test(a1)) conf.shutdownExit = parseInt(a1, 10);
        else { diag(line, 'warning', "SHUTDOWNEXIT value not recognized, defaulting to 'yes'"); conf.shutdownExit = 0; }
        break;
      }
      case 'POLLFAIL_LOG_THROTTLE_MAX': if (n < 2) invalid(line, args); else { const v = atoi(a1); if (v >= 0 && v < 2147483647) conf.pollFailLogThrottleMax = v; } break;
      case 'OFFDURATION': if (n < 2) invalid(line, args); else conf.offDuration = atoi(a1); break;
      case 'OVERDURATION': if (n < 2) invalid(line, args); else conf.overDuration = atoi(a1); break;
      case 'OBLBDURATION': if (n < 2) invalid(line, args); else { const v = atoi(a1); conf.oblbDuration = v < 1 ? 0 : v; } break;
      case 'ALARMCRITICAL': if (n < 2) invalid(line, args); else conf.alarmCritical = atoi(a1) !== 0 || /^(yes|on|true)$/i.test(a1); break;
      default: invalid(line, args);
    }
  }
  return conf;
}

/** Sum of all configured power values (startup/reload sanity check). */
export function totalPowerValue(conf: UpsmonConf): number {
  return conf.monitors.reduce((s, m) => s + m.powerValue, 0);
}
