// upsc: display UPS variables, list UPSes or clients (clients.md §2).
// Output, messages and exit codes follow NUT 2.8.0's upsc; -j (JSON) follows NUT 2.8.5.

import { NUT_VERSION } from '../core/paths.js';
import { splitAddr, splitName } from '../client/splitname.js';
import { out, err, fatalx, exit, onExit, parseOpts, progName, reportTls, tlsFailure } from '../client/cli-util.js';
import type { NutClient } from '../client/client.js';

function usage(prog: string): void {
  out(`Network UPS Tools upsc ${NUT_VERSION}

usage: ${prog} -l | -L [<hostname>[:port]]
       ${prog} <ups> [<variable>]
       ${prog} -c <ups>

Demo program to display UPS variables.

First form (lists UPSes):
  -l         - lists each UPS on <hostname>, one per line.
  -L         - lists each UPS followed by its description (from ups.conf).
               Default hostname: localhost

Second form (lists variables and values):
  <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form
  <variable> - optional, display this variable only.
               Default: list all variables for <host>

Third form (lists clients connected to a device):
  -c         - lists each client connected on <ups>, one per line.
  <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form
`);
}

/** JSON string escaping as NUT's strjson.c does it. */
export function jsonStr(s: string): string {
  let o = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') o += '\\"';
    else if (ch === '\\') o += '\\\\';
    else if (ch === '\b') o += '\\b';
    else if (ch === '\f') o += '\\f';
    else if (ch === '\n') o += '\\n';
    else if (ch === '\r') o += '\\r';
    else if (ch === '\t') o += '\\t';
    else if (c < 0x20) o += '\\u00' + c.toString(16).padStart(2, '0');
    else o += ch;
  }
  return o + '"';
}

let json = false;
/** set once the opening `{` of a JSON object listing was printed */
let jsonOpen = false;

function fail(msg: string): never {
  if (json) out(jsonOpen ? `  "error": ${jsonStr(msg)}\n}\n` : `{"error": ${jsonStr(msg)}}\n`);
  return fatalx(1, 'Error: ' + msg);
}

async function main(): Promise<void> {
  const prog = progName();
  const r = parseOpts(process.argv.slice(2), '+hlLcVj');
  let varlist = false, clientlist = false, verbose = false;
  for (const o of r.opts) {
    switch (o.opt) {
      case 'L': verbose = true; varlist = true; break;
      case 'l': varlist = true; break;
      case 'c': clientlist = true; break;
      case 'j': json = true; break;
      // 2.8.0 printed "upscmd" here (copy-paste slip); we name ourselves.
      case 'V': fatalx(0, `Network UPS Tools upsc ${NUT_VERSION}`);
      default: usage(prog); exit(0);
    }
  }
  if (r.error) { usage(prog); exit(0); }
  const args = r.rest;

  let ups = '', host: string, port: number;
  if (varlist) {
    const a = splitAddr(args[0] ?? 'localhost');
    if (!a.ok) { err(a.message + '\n'); fail('invalid hostname.\nRequired format: [hostname[:port]]'); }
    host = a.host; port = a.port;
  } else {
    const n = args[0] === undefined ? undefined : splitName(args[0]);
    if (!n || !n.ok) {
      if (n && !n.ok) err(n.message + '\n');
      fail('invalid UPS definition.\nRequired format: upsname[@hostname[:port]]');
    }
    ups = n.ups; host = n.host; port = n.port;
  }

  const { NutClient } = await import('../client/client.js');
  const { upscliStrerror } = await import('../client/errors.js');
  const { NutProtocolError } = await import('../core/errors.js');
  const { defaultConnectTimeout } = await import('../client/transport.js');
  let c: NutClient;
  try {
    c = await NutClient.connect({ host, port, tls: 'try', connectTimeout: defaultConnectTimeout(process.env, 10000) });
  } catch (e) {
    return fail(tlsFailure(e, host, upscliStrerror));
  }
  reportTls(c.secure, host);
  onExit(() => c.disconnect());
  const tooOld = (e: unknown, text: string) =>
    e instanceof NutProtocolError && e.code.startsWith('UNKNOWN-COMMAND') ? text : upscliStrerror(e);

  // NUT 2.8.5 prints the `{` of the variable listing before asking, the other openers after.
  const list = async (query: string[], need: number, print: (w: string[]) => string, open: string, close: string, early = false) => {
    if (json && early) { out(open + '\n'); jsonOpen = true; }
    let res;
    try {
      res = await c.listPartial(...query);
    } catch (e) {
      return fail(tooOld(e, 'upsd is too old to support this query'));
    }
    if (json && !early) out(open + '\n');
    const parts: string[] = [];
    for (const w of res.items) {
      const numa = w.length + query.length;
      if (numa < need) {
        if (json) out(parts.join(',\n') + (parts.length ? ',\n' : ''));
        else out(parts.join(''));
        return fail(`insufficient data (got ${numa} args, need at least ${need})`);
      }
      parts.push(print(w));
    }
    out(json ? parts.join(',\n') + '\n' + close + '\n' : parts.join(''));
  };

  if (varlist) {
    await list(['UPS'], 3, (w) => json ? (verbose ? `  ${jsonStr(w[0]!)}: ${jsonStr(w[1]!)}` : `  ${jsonStr(w[0]!)}`)
      : verbose ? `${w[0]}: ${w[1]}\n` : `${w[0]}\n`, verbose ? '{' : '[', verbose ? '}' : ']');
  } else if (clientlist) {
    await list(['CLIENT', ups], 3, (w) => json ? `  ${jsonStr(w[0]!)}` : `${w[0]}\n`, '[', ']');
  } else if (args.length > 1) {
    const v = args[1]!;
    if (!v.includes('.')) fail('old-style variable names are not supported');
    try {
      const value = await c.getVar(ups, v);
      out(json ? jsonStr(value) + '\n' : value + '\n');
    } catch (e) {
      fail(tooOld(e, 'variable unknown (old upsd detected)'));
    }
  } else {
    await list(['VAR', ups], 4, (w) => json ? `  ${jsonStr(w[0]!)}: ${jsonStr(w[1]!)}` : `${w[0]}: ${w[1]}\n`, '{', '}', true);
  }
  exit(0);
}

void main();
