// upsd.conf (config-server.md §4). Pure: text in, settings + diagnostics out.
// Unknown or malformed directives are reported ("upsd.conf: invalid directive …")
// and ignored, never fatal, as in NUT.

import { tokenizeConfig } from '../core/tokenizer.js';
import { parseNutBool } from '../core/logger.js';
import { NUT_PORT } from '../core/paths.js';
import type { Diagnostic } from './diagnostics.js';

export interface ListenAddr { kind: 'tcp'; host: string; port: number; line: number }
export interface ListenUnix { kind: 'unix'; path: string; mode?: number; line: number }

export interface UpsdConf {
  listen: ListenAddr[];
  /** tsnut extension: LISTEN_UNIX <path> [mode] */
  listenUnix: ListenUnix[];
  maxAge: number;
  trackingDelay: number;
  allowNoDevice: boolean;
  allowNotAllListeners: boolean;
  maxConn: number | undefined;
  statePath: string | undefined;
  dataPath: string | undefined;
  certFile: string | undefined;
  certPath: string | undefined;
  certIdent: { name: string; password: string } | undefined;
  certRequest: number | undefined;
  disableWeakSsl: boolean;
  debugMin: number | undefined;
  /** tsnut extension: AUTHFAIL_LIMIT <failures> <seconds> (0 failures: no limit) */
  authFailLimit: { failures: number; seconds: number } | undefined;
  diagnostics: Diagnostic[];
  /** count of "invalid directive" errors, for "Encountered N config errors" */
  errorCount: number;
}

export const DEFAULT_MAXAGE = 15;
export const DEFAULT_TRACKINGDELAY = 3600;

function digitFirst(s: string): boolean {
  return /^[0-9]/.test(s);
}

function boolValue(v: string): boolean | undefined {
  if (digitFirst(v)) return parseInt(v, 10) !== 0;
  const l = v.toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(l)) return true;
  if (['false', 'off', 'no', '0'].includes(l)) return false;
  return undefined;
}

export function parseUpsdConf(text: string | Uint8Array, file = 'upsd.conf'): UpsdConf {
  const conf: UpsdConf = {
    listen: [], listenUnix: [], maxAge: DEFAULT_MAXAGE, trackingDelay: DEFAULT_TRACKINGDELAY,
    allowNoDevice: false, allowNotAllListeners: false, maxConn: undefined, statePath: undefined, authFailLimit: undefined,
    dataPath: undefined, certFile: undefined, certPath: undefined, certIdent: undefined,
    certRequest: undefined, disableWeakSsl: false, debugMin: undefined, diagnostics: [], errorCount: 0,
  };
  const { lines, errors } = tokenizeConfig(text);
  for (const e of errors) conf.diagnostics.push({ file, line: e.line, level: 'error', message: `Parse error: ${file}:${e.line}: ${e.message}` });
  const invalid = (line: number, args: string[], why?: string) => {
    conf.errorCount++;
    if (why) conf.diagnostics.push({ file, line, level: 'error', message: why });
    conf.diagnostics.push({ file, line, level: 'error', message: `upsd.conf: invalid directive ${args.join(' ')}` });
  };
  const num = (line: number, args: string[], name: string): number | undefined => {
    const v = args[1]!;
    if (!digitFirst(v)) { invalid(line, args, `${name} has non numeric value (${v})!`); return undefined; }
    return parseInt(v, 10);
  };
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const d = args[0]!;
    const n = args.length;
    switch (d) {
      case 'LISTEN': {
        if (n < 2 || n > 3) { invalid(line, args); break; }
        let port = NUT_PORT;
        if (n === 3) {
          const p = Number(args[2]);
          if (!Number.isInteger(p) || p < 0 || p > 65535) { invalid(line, args, `invalid port ${args[2]}`); break; }
          port = p;
        }
        conf.listen.push({ kind: 'tcp', host: args[1]!, port, line });
        break;
      }
      case 'LISTEN_UNIX': {
        if (n < 2 || n > 3) { invalid(line, args); break; }
        let mode: number | undefined;
        if (n === 3) {
          if (!/^[0-7]{3,4}$/.test(args[2]!)) { invalid(line, args, `LISTEN_UNIX mode must be octal (${args[2]})`); break; }
          mode = parseInt(args[2]!, 8);
        }
        conf.listenUnix.push({ kind: 'unix', path: args[1]!, mode, line });
        break;
      }
      case 'MAXAGE': if (n >= 2) { const v = num(line, args, 'MAXAGE'); if (v !== undefined) conf.maxAge = v; } else invalid(line, args); break;
      case 'TRACKINGDELAY': if (n >= 2) { const v = num(line, args, 'TRACKINGDELAY'); if (v !== undefined) conf.trackingDelay = v; } else invalid(line, args); break;
      case 'MAXCONN': if (n >= 2) { const v = num(line, args, 'MAXCONN'); if (v !== undefined) conf.maxConn = v; } else invalid(line, args); break;
      case 'ALLOW_NO_DEVICE':
      case 'ALLOW_NOT_ALL_LISTENERS': {
        if (n < 2) { invalid(line, args); break; }
        const b = boolValue(args[1]!);
        if (b === undefined) { invalid(line, args); break; }
        if (d === 'ALLOW_NO_DEVICE') conf.allowNoDevice = b; else conf.allowNotAllListeners = b;
        break;
      }
      case 'AUTHFAIL_LIMIT':
        if (n >= 3 && /^\d+$/.test(args[1]!) && /^\d+$/.test(args[2]!)) conf.authFailLimit = { failures: parseInt(args[1]!, 10), seconds: parseInt(args[2]!, 10) };
        else invalid(line, args, 'AUTHFAIL_LIMIT needs two numbers: failures and seconds');
        break;
      case 'STATEPATH': if (n >= 2) conf.statePath = args[1]; else invalid(line, args); break;
      case 'DATAPATH': if (n >= 2) conf.dataPath = args[1]; else invalid(line, args); break;
      case 'CERTFILE': if (n >= 2) conf.certFile = args[1]; else invalid(line, args); break;
      case 'CERTPATH': if (n >= 2) conf.certPath = args[1]; else invalid(line, args); break;
      case 'CERTIDENT': if (n >= 3) conf.certIdent = { name: args[1]!, password: args[2]! }; else invalid(line, args); break;
      case 'CERTREQUEST': {
        if (n < 2) { invalid(line, args); break; }
        const m: Record<string, number> = { '0': 0, NO: 0, '1': 1, REQUEST: 1, '2': 2, REQUIRE: 2 };
        const v = m[args[1]!.toUpperCase()];
        if (v === undefined) invalid(line, args); else conf.certRequest = v;
        break;
      }
      case 'DISABLE_WEAK_SSL': {
        if (n < 2) { invalid(line, args); break; }
        const l = args[1]!.toLowerCase();
        conf.disableWeakSsl = ['true', 'on', 'yes', '1'].includes(l);
        break;
      }
      case 'ACCEPT': case 'REJECT':
        conf.diagnostics.push({ file, line, level: 'warning', message: `${d} in upsd.conf is no longer supported - switch to LISTEN` });
        break;
      case 'ACL':
        conf.diagnostics.push({ file, line, level: 'warning', message: 'ACL in upsd.conf is no longer supported - switch to LISTEN' });
        break;
      default:
        if (d.toUpperCase() === 'DEBUG_MIN' && n >= 2) {
          const v = parseInt(args[1]!, 10);
          if (Number.isInteger(v) && v >= 0) { conf.debugMin = v; break; }
        }
        invalid(line, args);
    }
  }
  return conf;
}

/** Environment overrides for the ALLOW_* switches (env wins over the file). */
export function applyUpsdEnv(conf: UpsdConf, env: Record<string, string | undefined>): void {
  const a = parseNutBool(env.ALLOW_NO_DEVICE);
  if (a !== undefined) conf.allowNoDevice = a;
  const b = parseNutBool(env.ALLOW_NOT_ALL_LISTENERS);
  if (b !== undefined) conf.allowNotAllListeners = b;
}
