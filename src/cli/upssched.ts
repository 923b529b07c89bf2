// upssched: timers for upsmon events (docs/upssched.md). Run by upsmon as
// NOTIFYCMD with UPSNAME/NOTIFYTYPE set; talks to (and if needed starts) the
// timer daemon over the Unix socket PIPEFN. The daemon is this program
// re-executed with TSNUT_UPSSCHED_DAEMON=1, detached, signalling readiness
// with one byte on fd 3 (NUT uses fork + a sync pipe).

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { getopt } from '../core/getopt.js';
import { Logger } from '../core/logger.js';
import { altPidPath, confPath, NUT_VERSION } from '../core/paths.js';
import { matchRules, parseUpsschedConf, type UpsschedConf } from '../config/upsschedconf.js';
import { execCmd, UpsschedDaemon } from '../monitor/upsschedd.js';
import { nutEscape } from '../core/escape.js';
import { writePid } from '../monitor/effects.js';

const prog = 'upssched';
const log = new Logger(prog);
log.enableSyslog();
const MAX_TRIES = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fatal(msg: string): never {
  log.err(msg);
  log.close();
  process.exit(1);
}

function help(): never {
  process.stdout.write(`Network UPS Tools ${prog} ${NUT_VERSION}

Usage: ${prog} [OPTIONS] [NOTIFYMSG]

  -D		raise debugging level (NOTE: keeps reporting when daemonized)
  -V		display the version of this software
  -h		display this help
  -l		display currently pending timers (if any)

This program is normally run by upsmon as its NOTIFYCMD, with the UPSNAME and
NOTIFYTYPE environment variables set.
`);
  process.exit(0);
}

function loadConf(listOnly: boolean): UpsschedConf {
  const file = `${confPath()}/upssched.conf`;
  let text: Buffer;
  try { text = readFileSync(file); } catch (e) {
    fatal(`Can't open ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
  }
  const c = parseUpsschedConf(text, 'upssched.conf', { listOnly });
  for (const d of c.diagnostics) {
    if (d.message === c.fatal) continue;
    log.log(d.level === 'error' ? 3 : 4, d.message);
  }
  if (c.errorCount > 0) log.warn(`Encountered ${c.errorCount} config errors, those entries were ignored`);
  if (c.fatal) {
    // complain both ways in case there is no tty (as NUT)
    if (!listOnly) process.stdout.write(c.fatal + '\n');
    fatal(c.fatal);
  }
  if (c.debugMin !== undefined && c.debugMin > log.debugLevel) log.debugLevel = c.debugMin;
  return c;
}

/** One request/reply exchange with the daemon; undefined if it cannot connect. */
function exchange(pipeFn: string, line: string, untilList = false): Promise<string | 'noconn' | 'broken'> {
  return new Promise((res) => {
    const s = net.connect(pipeFn);
    let buf = '';
    let connected = false;
    const t = setTimeout(() => { s.destroy(); res('broken'); }, 10000);
    s.on('connect', () => { connected = true; s.write(line); });
    s.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.length > 1 << 20) { s.destroy(); }
      const done = untilList ? /(^|\n)(OK|ERR[^\n]*)\n$/.test(buf) && buf.includes('END LIST TIMERS\n') || /^ERR/.test(buf) : buf.includes('\n');
      if (done) { clearTimeout(t); s.end(); res(buf); }
    });
    s.on('error', () => { clearTimeout(t); res(connected ? 'broken' : 'noconn'); });
    s.on('close', () => { clearTimeout(t); res(connected ? (buf || 'broken') : 'noconn'); });
  });
}

/** Start the daemon and wait until it listens. */
async function startDaemon(): Promise<void> {
  const child = spawn(process.execPath, process.argv.slice(1, 2), {
    detached: true,
    stdio: ['ignore', 'ignore', log.debugLevel > 0 ? 'inherit' : 'ignore', 'pipe'],
    env: { ...process.env, TSNUT_UPSSCHED_DAEMON: '1', TSNUT_UPSSCHED_DEBUG: String(log.debugLevel) },
  });
  await new Promise<void>((res) => {
    const p = child.stdio[3] as net.Socket;
    const done = () => { p.destroy(); res(); };
    p.once('data', done);
    p.once('close', done);
    p.once('error', done);
    child.once('exit', done);
  });
  child.unref();
}

/** sendcmd(): deliver one request, starting the daemon if nobody listens. */
async function sendCmd(conf: UpsschedConf, cmd: string, a1: string, a2: string, env: NodeJS.ProcessEnv): Promise<void> {
  const q = (s: string | undefined) => `"${nutEscape(s ?? '')}"`;
  const line = `${cmd} ${q(a1)} ${q(a2)} ${q(env.NOTIFYTYPE)} ${q(env.UPSNAME)} ${q(env.NOTIFYMSG)}\n`;
  const pipeFn = conf.pipeFn!;
  const lockFn = conf.lockFn!;
  for (let i = 0; i < MAX_TRIES; i++) {
    const r = await exchange(pipeFn, line);
    if (r === 'noconn') {
      // nothing pending and nothing to run: no daemon needed
      if ((cmd === 'CANCEL' || cmd === 'CANCEL-MATCHED') && a2 === '') return;
      let fd: number | undefined;
      try { fd = openSync(lockFn, 'wx', 0); } catch { /* someone else is starting it, or a stale lock */ }
      if (fd === undefined) {
        try { unlinkSync(lockFn); } catch { /* gone */ }
        await sleep(250);
        continue;
      }
      closeSync(fd);
      await startDaemon();
      try { unlinkSync(lockFn); } catch { /* the daemon removed it */ }
      await sleep(250);
      continue;
    }
    if (r === 'broken' || r.length < 2) { log.err('read confirmation failed, trying again'); continue; }
    if (!r.startsWith('OK')) { log.err(`read confirmation got [${r.replace(/\n$/, '')}]`); continue; }
    return;
  }
  fatal('Unable to connect to daemon and unable to start daemon');
}

async function listTimers(conf: UpsschedConf): Promise<void> {
  const r = await exchange(conf.pipeFn!, 'LIST-TIMERS "" "" "" "" ""\n', true);
  if (r === 'noconn') fatal('upssched timer is not running');
  if (r === 'broken') fatal('Unable to connect to daemon or connection was broken during listing');
  const lines = r.split('\n');
  const b = lines.indexOf('BEGIN LIST TIMERS');
  const e = lines.indexOf('END LIST TIMERS');
  if (b < 0 || e < b) fatal('Unable to connect to daemon or connection was broken during listing');
  for (const l of lines.slice(b + 1, e)) process.stdout.write(l + '\n');
}

async function runDaemon(): Promise<void> {
  log.debugLevel = parseInt(process.env.TSNUT_UPSSCHED_DEBUG ?? '0', 10) || 0;
  const conf = loadConf(true);
  let ready: net.Socket | undefined;
  try { ready = new net.Socket({ fd: 3, readable: false, writable: true }); ready.on('error', () => { /* parent gone */ }); } catch { /* started by hand */ }
  const d = new UpsschedDaemon({
    pipeFn: conf.pipeFn!, cmdScript: conf.cmdScript, log,
    onReady: () => {
      ready?.end(Buffer.from([1]));
      try { unlinkSync(conf.lockFn ?? ''); } catch { /* the CLI removes it */ }
      try { writePid(`${altPidPath()}/${prog}.pid`); } catch { /* not fatal */ }
    },
    onExit: () => { void d.drained().then(() => { log.close(); process.exit(0); }); },
  });
  for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => { d.stop(); process.exit(0); });
  try { await d.start(); } catch { process.exit(1); }
}

async function main(): Promise<void> {
  if (process.env.TSNUT_UPSSCHED_DAEMON === '1') {
    delete process.env.TSNUT_UPSSCHED_DAEMON;
    // master: the daemon does not keep the starting event's environment
    for (const k of ['UPSNAME', 'NOTIFYTYPE', 'NOTIFYMSG']) delete process.env[k];
    log.toStderr = log.debugLevel > 0;
    await runDaemon();
    return;
  }
  const r = getopt(process.argv.slice(2), '+DVhl');
  if (r.error) { process.stdout.write(`Error: unknown option -${r.error.opt}. Try -h for help.\n`); process.exit(1); }
  let list = false;
  for (const { opt } of r.opts) {
    if (opt === 'D') log.debugLevel++;
    else if (opt === 'V') { process.stdout.write(`Network UPS Tools ${prog} ${NUT_VERSION}\n`); process.exit(0); }
    else if (opt === 'h') help();
    else if (opt === 'l') list = true;
  }
  const envDebug = process.env.NUT_DEBUG_LEVEL;
  if (log.debugLevel === 0 && envDebug && /^\d+$/.test(envDebug)) log.debugLevel = parseInt(envDebug, 10);
  if (list) { await listTimers(loadConf(true)); process.exit(0); }

  const upsName = process.env.UPSNAME;
  const notifyType = process.env.NOTIFYTYPE;
  if (upsName === undefined || notifyType === undefined) {
    process.stdout.write('Error: UPSNAME and NOTIFYTYPE must be set.\nThis program should only be run from upsmon.\n');
    process.exit(1);
  }
  const msg = r.rest[0];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (msg) env.NOTIFYMSG = msg;
  const conf = loadConf(false);
  for (const rule of matchRules(conf, upsName, notifyType)) {
    const [a1 = '', a2 = ''] = rule.args;
    switch (rule.command) {
      case 'START-TIMER': await sendCmd(conf, 'START', a1, a2, env); break;
      case 'START-TIMER-SHARED': await sendCmd(conf, 'START-SHARED', a1, a2, env); break;
      case 'CANCEL-TIMER': await sendCmd(conf, 'CANCEL', a1, a2, env); break;
      // upstream documents but never dispatches this one; we implement it
      case 'CANCEL-TIMER-MATCHED': await sendCmd(conf, 'CANCEL-MATCHED', a1, a2, env); break;
      case 'EXECUTE':
        if (a1 === '') { log.err('Empty EXECUTE command argument'); break; }
        log.info(`Executing command: ${a1}`);
        await execCmd(conf.cmdScript, a1, env, log);
        break;
      default: log.err(`Invalid command: ${rule.command}`);
    }
  }
  log.close();
  process.exit(0);
}

void main();
