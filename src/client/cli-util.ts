// Shared bits of the command-line clients (upsc, upscmd, upsrw, upslog):
// NUT's fatalx/usage conventions, getopt error texts, prompts.

import { basename } from 'node:path';
import { getopt, type GetoptResult } from '../core/getopt.js';

/** argv[0] as glibc's getopt prints it, and its basename as NUT's usage() prints it. */
export function progPath(): string { return process.argv[1] ?? 'prog'; }
export function progName(): string { return basename(progPath()); }

// A reader that went away (`upsc ups | head -1`): the C programs die of
// SIGPIPE quietly (shell status 141); do the same instead of a stack trace.
for (const st of [process.stdout, process.stderr]) {
  st.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(141); throw e; });
}
export function out(s: string): void { process.stdout.write(s); }
export function err(s: string): void { process.stderr.write(s); }

/** fatalx(): message + newline on stderr, then exit. Hooks run first (polite disconnect). */
const exitHooks: (() => void)[] = [];
export function onExit(f: () => void): void { exitHooks.push(f); }
export function exit(code: number): never {
  for (const f of exitHooks.splice(0)) { try { f(); } catch { /* exiting anyway */ } }
  process.exit(code);
}
export function fatalx(code: number, msg: string): never {
  err(msg + '\n');
  return exit(code);
}

/** getopt with glibc's diagnostic printed the way the C programs get it. */
export function parseOpts(argv: string[], spec: string): GetoptResult {
  const r = getopt(argv, spec);
  if (r.error) err(`${progPath()}: ${r.error.message}\n`);
  return r;
}

/** Read one line from stdin (without the newline); undefined at EOF. Later calls continue where the last stopped. */
const stdinLines: string[] = [];
let stdinPartial = '';
let stdinEof = false;
let stdinWaiter: (() => void) | undefined;
let stdinStarted = false;
export async function readLine(): Promise<string | undefined> {
  if (!stdinStarted) {
    stdinStarted = true;
    process.stdin.on('data', (d: Buffer) => {
      stdinPartial += d.toString('utf8');
      const parts = stdinPartial.split('\n');
      stdinPartial = parts.pop()!;
      stdinLines.push(...parts);
      stdinWaiter?.();
    });
    process.stdin.on('end', () => {
      stdinEof = true;
      if (stdinPartial !== '') { stdinLines.push(stdinPartial); stdinPartial = ''; }
      stdinWaiter?.();
    });
  }
  for (;;) {
    if (stdinLines.length > 0) {
      const l = stdinLines.shift()!;
      if (stdinLines.length === 0) process.stdin.pause();
      return l;
    }
    if (stdinEof) return undefined;
    process.stdin.resume();
    await new Promise<void>((r) => { stdinWaiter = r; });
    stdinWaiter = undefined;
  }
}

/**
 * getpass(): prompt on the controlling terminal with echo off; falls back to
 * stdin when there is no tty (as scripts feed it).
 */
export async function getpass(prompt: string): Promise<string | undefined> {
  const fs = await import('node:fs');
  let fd: number | undefined;
  try { fd = fs.openSync('/dev/tty', 'r+'); } catch { fd = undefined; }
  if (fd === undefined) {
    err(prompt);
    return readLine();
  }
  const tty = await import('node:tty');
  const input = new tty.ReadStream(fd);
  fs.writeSync(fd, prompt);
  input.setRawMode(true);
  return new Promise((resolve) => {
    let s = '';
    input.on('data', (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          input.setRawMode(false);
          fs.writeSync(fd!, '\n');
          input.destroy();
          resolve(s);
          return;
        }
        if (ch === '\u0003') { input.setRawMode(false); input.destroy(); process.exit(1); }
        if (ch === '\u007f' || ch === '\b') s = s.slice(0, -1);
        else s += ch;
      }
    });
  });
}

/** The login name getlogin()/getpwuid() would give. */
export async function loginName(): Promise<string | undefined> {
  try {
    const os = await import('node:os');
    return os.userInfo().username;
  } catch {
    return process.env.USER || process.env.LOGNAME;
  }
}

/**
 * NUT's str_to_uint(): surrounding blanks trimmed, then decimal digits only.
 * Returns the number or the strerror() text of the failure.
 */
export function strToUint(s: string): number | string {
  const t = s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  if (!/^\d+$/.test(t)) return 'Invalid argument';
  const n = Number(t);
  if (n > 4294967295) return 'Numerical result out of range';
  return n;
}

/**
 * A USERNAME/PASSWORD argument. The reference sends it raw, so a password
 * with a blank can never work; we quote when needed (an empty one is still
 * sent raw, as the reference does, so upsd keeps treating it as missing).
 */
export function credArg(s: string): string {
  if (s === '') return '';
  return /[\s"\\#=]/.test(s) ? '"' + s.replace(/["\\#]/g, (m) => '\\' + m) + '"' : s;
}

/** Ask for the username like upscmd/upsrw: stdout prompt, empty line = login name. */
export async function promptUsername(onEof: 'fatal' | 'login'): Promise<string> {
  const me = await loginName();
  out(me ? `Username (${me}): ` : 'Username: ');
  const line = await readLine();
  if (line === undefined && onEof === 'fatal') fatalx(1, 'Error reading from stdin!');
  if (line && line.length > 0) return line;
  if (!me) fatalx(1, 'No username available - even tried getpwuid');
  return me;
}

export function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }

/**
 * What the reference (Debian's NSS libupsclient) prints on stderr after a
 * successful STARTTLS without certificate verification; kept so that the
 * programs look the same to users and scripts.
 */
export function reportTls(secure: boolean, host: string): void {
  if (!secure) return;
  err(`Connecting in SSL to '${host}' (no certificate name specified)\n`
    + `Do not intend to authenticate server ${host}\n`
    + `SSL handshake done successfully with server ${host}\n`
    + `Connected to NUT server ${host} in SSL\n`
    + 'Certificate verification is disabled\n');
}

/**
 * The lines the reference prints when STARTTLS negotiation breaks down, and
 * the error text it then reports (its handshake failures say "Unknown error").
 */
export function tlsFailure(e: unknown, host: string, strerror: (e: unknown) => string): string {
  const stage = (e as { stage?: string }).stage;
  if (stage === 'handshake') {
    err(`Connecting in SSL to '${host}' (no certificate name specified)\nError while connecting to NUT server ${host}, disconnect\n`);
    return 'Unknown error';
  }
  if (stage === 'starttls') err(`Error while connecting to NUT server ${host}, disconnect\n`);
  return strerror(e);
}

/**
 * upscmd/upsrw: parse `ups[@host[:port]]` and connect the way 2.8.0 does
 * (plain TCP, no STARTTLS attempt), exiting with its messages on failure.
 * The client library is imported only here, after the arguments were checked.
 */
export async function connectUpsTarget(target: string): Promise<{ ups: string; client: import('./client.js').NutClient }> {
  const { splitName } = await import('./splitname.js');
  const n = splitName(target);
  if (!n.ok) {
    err(n.message + '\n');
    fatalx(1, 'Error: invalid UPS definition.  Required format: upsname[@hostname[:port]]');
  }
  const { NutClient } = await import('./client.js');
  const { upscliStrerror } = await import('./errors.js');
  const { defaultConnectTimeout } = await import('./transport.js');
  try {
    const client = await NutClient.connect({ host: n.host, port: n.port, connectTimeout: defaultConnectTimeout(process.env, 10000) });
    return { ups: n.ups, client };
  } catch (e) {
    return fatalx(1, `Error: ${upscliStrerror(e)}`);
  }
}
