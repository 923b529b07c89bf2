// upsrw: list or set read/write variables through upsd (clients.md §4).
// Messages, streams and exit codes follow NUT 2.8.0's upsrw; see docs/clients.md
// for the deliberate differences.

import { NUT_VERSION } from '../core/paths.js';
import {
  out, err, fatalx, exit, onExit, parseOpts, progName, strToUint, credArg, promptUsername, getpass, readLine,
  connectUpsTarget,
} from '../client/cli-util.js';
import type { NutClient } from '../client/client.js';
import { atoi } from '../core/cstd.js';

export { atoi };

function usage(prog: string): void {
  out(`Network UPS Tools ${prog} ${NUT_VERSION}

usage: ${prog} [-h]
       ${prog} [-s <variable>] [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups>

Demo program to set variables within UPS hardware.

  -h            display this help text
  -s <variable>\tspecify variable to be changed
\t\tuse -s VAR=VALUE to avoid prompting for value
  -l            show all possible read/write variables.
  -u <username> set username for command authentication
  -p <password> set password for command authentication
  -w            wait for the completion of setting by the driver
                and return its actual result from the device
  -t <timeout>\tset a timeout when using -w (in seconds, default: 10)

  <ups>         UPS identifier - <upsname>[@<hostname>[:<port>]]

Call without -s to show all possible read/write variables (same as -l).
`);
}


let buf = '';
const print = (s: string) => { buf += s; };
/** stdout is buffered in the reference: whatever was printed is flushed at exit, also on fatal errors */
function die(msg: string): never { out(buf); buf = ''; return fatalx(1, msg); }

async function getData(c: NutClient, type: string, ups: string, name: string): Promise<string | undefined> {
  try { return (await c.getRaw(type, ups, name))[0]; } catch { return undefined; }
}

async function listItems(c: NutClient, query: string[], need: number): Promise<string[][]> {
  const { upscliStrerror } = await import('../client/errors.js');
  let res;
  try { res = await c.listPartial(...query); } catch (e) { return die(`Error: ${upscliStrerror(e)}`); }
  for (const w of res.items) {
    if (w.length + query.length < need) die(`Error: insufficient data (got ${w.length + query.length} args, need at least 4)`);
  }
  return res.items;
}

async function doEnum(c: NutClient, ups: string, name: string, kind: 'STRING' | 'NUMBER' | undefined, len: number): Promise<void> {
  const val = await getData(c, 'VAR', ups, name);
  if (val === undefined) die(`do_enum: can't get current value of ${name}`);
  const items = await listItems(c, ['ENUM', ups, name], 4);
  print(kind ? `Type: ENUM ${kind}\n` : 'Type: ENUM\n');
  if (kind === 'STRING') print(`Maximum length: ${len}\n`);
  for (const w of items) print(`Option: "${w[0]}"${w[0] === val ? ' SELECTED' : ''}\n`);
}

async function doRange(c: NutClient, ups: string, name: string): Promise<void> {
  const val = await getData(c, 'VAR', ups, name);
  if (val === undefined) die(`do_range: can't get current value of ${name}`);
  const ival = atoi(val);
  const items = await listItems(c, ['RANGE', ups, name], 5);
  print('Type: RANGE NUMBER\n');
  for (const w of items) {
    const min = atoi(w[0]!), max = atoi(w[1]!);
    print(`Option: "${min}-${max}"${ival >= min && ival <= max ? ' SELECTED' : ''}\n`);
  }
}

async function doType(c: NutClient, ups: string, name: string): Promise<void> {
  let words: string[];
  try { words = await c.getRaw('TYPE', ups, name); } catch { print('Unknown type\n'); return; }
  let isEnum = false;
  for (const w of words) {
    const u = w.toUpperCase();
    if (u === 'ENUM') { isEnum = true; continue; }
    if (u === 'RANGE') return doRange(c, ups, name);
    if (u.startsWith('STRING:')) {
      const len = parseInt(/^[ \t]*[+-]?\d+/.exec(w.slice(7))?.[0] ?? '0', 10);
      if (isEnum) return doEnum(c, ups, name, 'STRING', len);
      const val = await getData(c, 'VAR', ups, name);
      if (val === undefined) die(`do_string: can't get current value of ${name}`);
      print(`Type: STRING\nMaximum length: ${len}\nValue: ${val}\n`);
      return;
    }
    if (u === 'NUMBER') {
      if (isEnum) return doEnum(c, ups, name, 'NUMBER', 0);
      const val = await getData(c, 'VAR', ups, name);
      if (val === undefined) die(`do_number: can't get current value of ${name}`);
      print(`Type: NUMBER\nValue: ${val}\n`);
      return;
    }
    if (u === 'RW') continue;
    print(`Type: ${w} (unrecognized)\n`);
  }
  if (isEnum) return doEnum(c, ups, name, undefined, 0);
}

async function listRw(c: NutClient, ups: string): Promise<void> {
  const { upscliStrerror } = await import('../client/errors.js');
  const { NutProtocolError } = await import('../core/errors.js');
  let res;
  try {
    res = await c.listPartial('RW', ups);
  } catch (e) {
    if (e instanceof NutProtocolError && e.code.startsWith('UNKNOWN-COMMAND')) die('Error: upsd is too old to support this query');
    return die(`Error: ${upscliStrerror(e)}`);
  }
  for (const w of res.items) if (w.length + 2 < 4) die(`Error: insufficient data (got ${w.length + 2} args, need at least 4)`);
  const names = res.items.map((w) => w[0]!);
  // every DESC and TYPE in one round trip; values/lists follow per type
  const descs = names.map((nm) => getData(c, 'DESC', ups, nm));
  for (let i = 0; i < names.length; i++) {
    const nm = names[i]!;
    print(`[${nm}]\n`);
    const d = await descs[i];
    print(d !== undefined ? `${d}\n` : 'Description unavailable\n');
    await doType(c, ups, nm);
    print('\n');
  }
}

async function main(): Promise<void> {
  const prog = progName();
  const r = parseOpts(process.argv.slice(2), '+hls:p:t:u:wV');
  let setvar: string | undefined, username: string | undefined, password: string | undefined;
  let tracking = false, timeout = 10;
  for (const o of r.opts) {
    switch (o.opt) {
      case 's': setvar = o.arg!; break;
      case 'l':
        if (setvar !== undefined) { err('Listing mode requested, overriding setvar specified earlier!\n'); setvar = undefined; }
        break;
      case 'p': password = o.arg!; break;
      case 't': {
        const t = strToUint(o.arg!);
        if (typeof t === 'string') fatalx(1, `Could not convert the provided value for timeout ('-t' option) to unsigned int: ${t}`);
        timeout = t;
        break;
      }
      case 'u': username = o.arg!; break;
      case 'w': tracking = true; break;
      case 'V': out(`Network UPS Tools ${prog} ${NUT_VERSION}\n`); exit(0);
      default: usage(prog); exit(0);
    }
  }
  if (r.error) { usage(prog); exit(0); }
  const args = r.rest;
  if (args.length < 1) { usage(prog); exit(0); }

  // 2.8.0's upsrw does not try STARTTLS
  const { ups, client: c } = await connectUpsTarget(args[0]!);
  const { upscliStrerror } = await import('../client/errors.js');
  onExit(() => { out(buf); buf = ''; c.disconnect(); });

  if (setvar === undefined) {
    await listRw(c, ups);
    exit(0);
  }

  const user = username ?? await promptUsername('login');
  const pass = password ?? (await getpass('Password: ')) ?? '';
  let name = setvar;
  let value: string;
  const eq = setvar.indexOf('=');
  if (eq >= 0) {
    name = setvar.slice(0, eq);
    value = setvar.slice(eq + 1);
  } else {
    out(`Enter new value for ${name}: `);
    value = (await readLine()) ?? '';
  }

  const rs = await Promise.allSettled([c.request(`USERNAME ${credArg(user)}\n`), c.request(`PASSWORD ${credArg(pass)}\n`)]);
  const why = (i: number) => upscliStrerror((rs[i] as PromiseRejectedResult).reason);
  if (rs[0]!.status === 'rejected') fatalx(1, `Set username failed: ${why(0)}`);
  if (rs[1]!.status === 'rejected') fatalx(1, `Set password failed: ${why(1)}`);
  if (!name.includes('.')) fatalx(1, 'Error: old variable names are not supported');
  if (tracking) {
    let t: string;
    try { t = await c.request('SET TRACKING ON\n'); } catch (e) { return fatalx(1, `Enabling set variable status tracking failed: ${upscliStrerror(e)}`); }
    if (!t.startsWith('OK')) fatalx(1, `Enabling set variable status tracking failed. upsd answered: ${t}`);
  }
  const { encodeArg } = await import('../protocol/client-codec.js');
  const { nutEscape } = await import('../core/escape.js');
  const line = `SET VAR ${encodeArg(ups)} ${encodeArg(name)} "${nutEscape(value)}"\n`;
  const { runTracked } = await import('../client/cli-tracking.js');
  const code = await runTracked(c, line, { tracking, timeout, cantSend: "Can't set variable", failed: 'Set variable failed' });
  exit(code);
}

void main();
