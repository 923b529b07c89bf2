// upsweb.conf: the web server's own settings, in NUT's config syntax (docs/upsweb.md).
// Pure: text in, settings + diagnostics out. A bad line is reported and ignored.

import { tokenizeConfig } from '../core/tokenizer.js';
import type { Diagnostic } from './diagnostics.js';

export const UPSWEB_PORT = 8493;

export interface UpswebListen { host: string; port: number; line: number }

export interface UpswebConf {
  listen: UpswebListen[];
  /** PEM file holding the certificate and its key: serve HTTPS */
  certFile?: string;
  /** seconds between polls of upsd */
  pollFreq: number;
  /** days of history kept */
  historyDays: number;
  /** seconds between two stored readings of one UPS */
  historyInterval: number;
  /** database file; default <statepath>/upsweb.db */
  database?: string;
  /** most concurrent live-stream clients */
  maxStreams: number;
  diagnostics: Diagnostic[];
}

function intIn(v: string | undefined, lo: number, hi: number): number | undefined {
  if (v === undefined || !/^[0-9]+$/.test(v)) return undefined;
  const n = parseInt(v, 10);
  return n >= lo && n <= hi ? n : undefined;
}

export function parseUpswebConf(text: string | Uint8Array, file = 'upsweb.conf'): UpswebConf {
  const conf: UpswebConf = { listen: [], pollFreq: 2, historyDays: 30, historyInterval: 60, maxStreams: 1000, diagnostics: [] };
  const { lines, errors } = tokenizeConfig(text);
  for (const e of errors) conf.diagnostics.push({ file, line: e.line, level: 'error', message: `Parse error: ${e.message}` });
  const bad = (line: number, msg: string) => conf.diagnostics.push({ file, line, level: 'error', message: msg });
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const [word, a, b] = args;
    const kw = word!.toUpperCase();
    const num = (lo: number, hi: number): number | undefined => {
      const n = intIn(a, lo, hi);
      if (n === undefined) bad(line, `${kw} needs a whole number from ${lo} to ${hi}, got ${a === undefined ? 'nothing' : JSON.stringify(a)}`);
      return n;
    };
    switch (kw) {
      case 'LISTEN': {
        if (a === undefined) { bad(line, 'LISTEN needs an address'); break; }
        const port = b === undefined ? UPSWEB_PORT : intIn(b, 1, 65535);
        if (port === undefined) { bad(line, `LISTEN: bad port ${JSON.stringify(b)}`); break; }
        conf.listen.push({ host: a, port, line });
        break;
      }
      case 'CERTFILE':
        if (a === undefined) bad(line, 'CERTFILE needs a file name'); else conf.certFile = a;
        break;
      case 'POLLFREQ': {
        // fractions allowed (down to 0.2 s) for a dashboard that must follow a separate upsd closely
        const n = a !== undefined && /^[0-9]+(\.[0-9]+)?$/.test(a) ? Number(a) : NaN;
        if (!(n >= 0.2 && n <= 3600)) bad(line, `POLLFREQ needs a number of seconds from 0.2 to 3600, got ${a === undefined ? 'nothing' : JSON.stringify(a)}`);
        else conf.pollFreq = n;
        break;
      }
      case 'HISTORY_DAYS': { const n = num(0, 3650); if (n !== undefined) conf.historyDays = n; break; }
      case 'HISTORY_INTERVAL': { const n = num(1, 3600); if (n !== undefined) conf.historyInterval = n; break; }
      case 'MAXSTREAMS': { const n = num(1, 100000); if (n !== undefined) conf.maxStreams = n; break; }
      case 'DATABASE':
        if (a === undefined) bad(line, 'DATABASE needs a file name (or "none")'); else conf.database = a;
        break;
      default:
        bad(line, `invalid directive ${args.join(' ')}`);
    }
  }
  if (conf.listen.length === 0) conf.listen.push({ host: '127.0.0.1', port: UPSWEB_PORT, line: 0 });
  return conf;
}
