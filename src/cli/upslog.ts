// upslog: periodically log UPS variables to files or stdout (clients.md §5).
// CLI, messages and timing follow NUT 2.8.0's upslog; -m tuples and `*`
// (all UPSes of a server) come from later NUT versions.

import { NUT_VERSION } from '../core/paths.js';
import { splitName, joinHostPort } from '../client/splitname.js';
import { out, err, fatalx, exit, progName, reportTls, tlsFailure } from '../client/cli-util.js';
import { getopt } from '../core/getopt.js';
import { atoi, getpwnam, readPasswd } from '../core/cstd.js';
import { compileFormat, renderLine, varsOf, DEFAULT_LOGFORMAT, type Action } from '../client/upslog-format.js';
import type { NutClient } from '../client/client.js';
import { strerror } from '../client/errors.js';

function help(prog: string): never {
  out(`UPS status logger.

usage: ${prog} [OPTIONS]

  -f <format>\t- Log format.  See below for details.
\t\t- Use -f "<format>" so your shell doesn't break it up.
  -i <interval>\t- Time between updates, in seconds
  -l <logfile>\t- Log file name, or - for stdout (foreground by default)
  -F\t\t- stay foregrounded even if logging into a file
  -B\t\t- stay backgrounded even if logging to stdout
  -p <pidbase>  - Base name for PID file (defaults to "${prog}")
  -s <ups>\t- Monitor UPS <ups> - <upsname>@<host>[:<port>]
        \t- Example: -s myups@server
  -u <user>\t- Switch to <user> if started as root

Some valid format string escapes:
\t%% insert a single %
\t%TIME format% insert the time with strftime formatting
\t%HOST% insert the local hostname
\t%UPSHOST% insert the host of the ups being monitored
\t%PID% insert the pid of upslog
\t%VAR varname% insert the value of ups variable varname

format string defaults to:
${DEFAULT_LOGFORMAT}

See the upslog(8) man page for more information.
`);
  return exit(0);
}


interface LogFile { name: string; fd: number | 'stdout' }
interface Target {
  monhost: string;
  logfn: string;
  ups: string;
  host: string;
  port: number;
  conn?: NutClient;
  file?: LogFile;
}

const SIGNUM: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15, SIGUSR1: 10 };
const INVALID_UPS = 'Error: invalid UPS definition.  Required format: upsname[@hostname[:port]]\n';

async function main(): Promise<void> {
  const prog = progName();
  const isChild = process.env.TSNUT_UPSLOG_DAEMON === '1';
  out(`Network UPS Tools ${prog} ${NUT_VERSION}\n`);

  let interval = 30, foreground = -1;
  let monhost: string | undefined, logfn: string | undefined, logformat = DEFAULT_LOGFORMAT;
  let user = 'nut', pidbase = prog;
  const tuples: { monhost: string; logfn: string }[] = [];

  // glibc getopt carries on after a bad option; 2.8.0 then simply ignores it
  let argv = process.argv.slice(2);
  let rest: string[] = [];
  for (;;) {
    const r = getopt(argv, '+hs:l:i:f:u:Vp:FBm:');
    for (const o of r.opts) {
      switch (o.opt) {
        case 'h': help(prog); break;
        case 'm': {
          const parts = o.arg!.split(',');
          if (parts.length !== 2) fatalx(1, "Argument '-m upsspec,logfile' requires exactly 2 components in the tuple");
          const n = splitName(parts[0]!);
          if (!n.ok) { err(n.message + '\n'); fatalx(1, INVALID_UPS); }
          tuples.push({ monhost: parts[0]!, logfn: parts[1]! });
          break;
        }
        case 's': monhost = o.arg!; break;
        case 'l': logfn = o.arg!; break;
        case 'i': interval = atoi(o.arg!); break;
        case 'f': logformat = o.arg!; break;
        case 'u': user = o.arg!; break;
        case 'V': exit(0); break;
        case 'p': pidbase = o.arg!; break;
        case 'F': foreground = 1; break;
        case 'B': foreground = 0; break;
      }
    }
    if (!r.error) { rest = r.rest; break; }
    err(`${process.argv[1]}: ${r.error.message}\n`);
    argv = r.rest;
  }

  // legacy form: <ups> <logfile> <interval> [<format words>...]
  if (rest.length === 1 || rest.length === 2) help(prog);
  if (rest.length >= 3) {
    monhost = rest[0]!;
    logfn = rest[1]!;
    interval = atoi(rest[2]!);
  }
  if (rest.length >= 4) logformat = rest.slice(3).map((w) => w + ' ').join('').slice(0, 1023);

  const specs = [...tuples];
  if (specs.length === 0) {
    if (!monhost) fatalx(1, 'No UPS defined for monitoring - use -s <system>');
    if (!logfn) fatalx(1, 'No filename defined for logging - use -l <file>');
    specs.push({ monhost, logfn });
  } else if (monhost && logfn) {
    specs.push({ monhost, logfn });
  }

  const { NutClient } = await import('../client/client.js');
  const { upscliStrerror } = await import('../client/errors.js');
  const { defaultConnectTimeout } = await import('../client/transport.js');
  const fs = await import('node:fs');
  const connectTimeout = defaultConnectTimeout(process.env, 10000);
  const connect = (t: Target, tls: boolean) => NutClient.connect({ host: t.host, port: t.port, tls: tls ? 'try' : 'none', connectTimeout });

  const files = new Map<string, LogFile>();
  const openLog = (name: string): LogFile => {
    let f = files.get(name);
    if (f) return f;
    if (name === '-') f = { name, fd: 'stdout' };
    else {
      try { f = { name, fd: fs.openSync(name, 'a') }; } catch (e) {
        return fatalx(1, `could not open logfile ${name}: ${(strerror(e))}`);
      }
    }
    files.set(name, f);
    return f;
  };

  const targets: Target[] = [];
  for (const s of specs) {
    const n = splitName(s.monhost);
    if (n.ok && n.ups === '*') {
      // every UPS this server has right now
      const probe: Target = { monhost: s.monhost, logfn: s.logfn, ups: '*', host: n.host, port: n.port };
      let names: string[] = [];
      try {
        const c = await connect(probe, true);
        names = (await c.listUps()).map((u) => u.name);
        c.disconnect();
      } catch (e) {
        err(`Warning: initial connect failed: ${upscliStrerror(e)}\n`);
      }
      if (names.length === 0) err(`Data server at ${joinHostPort(n.host, n.port)} does not currently serve any devices\n`);
      for (const u of names) specs.push({ monhost: `${u}@${joinHostPort(n.host, n.port)}`, logfn: s.logfn });
      continue;
    }
    out(`logging status of ${s.monhost} to ${s.logfn} (${interval}s intervals)\n`);
    if (!n.ok) { err(n.message + '\n'); fatalx(1, INVALID_UPS); }
    const t: Target = { monhost: s.monhost, logfn: s.logfn, ups: n.ups, host: n.host, port: n.port };
    try {
      t.conn = await connect(t, true);
      reportTls(t.conn.secure, t.host);
    } catch (e) {
      err(`Warning: initial connect failed: ${tlsFailure(e, t.host, upscliStrerror)}\n`);
    }
    t.file = openLog(s.logfn);
    targets.push(t);
  }
  if (targets.length === 0) fatalx(1, 'Queries failed to find anything');

  const pw = getpwnam(user, readPasswd());
  if (!pw) fatalx(1, `user ${user} not found`);

  if (foreground < 0) foreground = targets[0]!.file!.fd === 'stdout' ? 1 : 0;
  if (!foreground && !isChild) {
    // background(): run on detached, the parent returns at once
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, process.argv.slice(1), {
      detached: true, stdio: 'ignore', env: { ...process.env, TSNUT_UPSLOG_DAEMON: '1' },
    });
    child.unref();
    for (const t of targets) t.conn?.destroy();
    return exit(0);
  }

  const { Logger } = await import('../core/logger.js');
  const log = new Logger(prog);
  log.enableSyslog();
  log.toStderr = !isChild;

  // writepid(): <altpidpath>/<base>.pid unless absolute; failure is only logged
  const { altPidPath } = await import('../core/paths.js');
  const pidfile = pidbase.startsWith('/') ? pidbase : `${altPidPath()}/${pidbase}.pid`;
  try { fs.writeFileSync(pidfile, `${process.pid}\n`); } catch (e) { log.notice(`writepid: fopen ${pidfile}: ${strerror(e)}`); }

  if ((process.getuid?.() === 0 || process.geteuid?.() === 0) && pw) {
    try {
      (process as unknown as { initgroups?: (u: string, g: number) => void }).initgroups?.(pw.name, pw.gid);
      process.setgid?.(pw.gid);
      process.setuid?.(pw.uid);
    } catch (e) { fatalx(1, `setuid: ${strerror(e)}`); }
  }

  const acts: Action[] = compileFormat(logformat);
  const vars = varsOf(acts);
  const { hostname } = await import('node:os');
  const host = hostname();

  let reopenSig = 0, exitSig = 0;
  let wake: (() => void) | undefined;
  const onSig = (name: NodeJS.Signals, f: () => void) => process.on(name, () => { f(); wake?.(); });
  onSig('SIGHUP', () => { reopenSig = SIGNUM.SIGHUP!; });
  for (const s of ['SIGINT', 'SIGQUIT', 'SIGTERM'] as const) onSig(s, () => { exitSig = SIGNUM[s]!; });
  onSig('SIGUSR1', () => {});
  const sleep = (ms: number) => new Promise<void>((r) => { const t = setTimeout(r, ms); wake = () => { clearTimeout(t); r(); }; });

  const write = (f: LogFile, line: string) => {
    if (f.fd === 'stdout') process.stdout.write(line);
    else fs.writeSync(f.fd, line);
  };

  let nextpoll = 0;
  while (exitSig === 0) {
    const now = Math.floor(Date.now() / 1000);
    if (nextpoll > now) {
      await sleep((nextpoll - now) * 1000);
      wake = undefined;
      nextpoll += interval;
    } else {
      nextpoll = now + interval;
    }
    if (reopenSig) {
      log.info(`Signal ${reopenSig}: reopening log file`);
      for (const f of files.values()) {
        if (f.fd === 'stdout') { log.info('logging to stdout'); continue; }
        fs.closeSync(f.fd);
        try { f.fd = fs.openSync(f.name, 'a'); } catch (e) { fatalx(1, `could not reopen logfile ${f.name}: ${strerror(e)}`); }
      }
      reopenSig = 0;
    }
    for (const t of targets) {
      if (!t.conn || t.conn.closed) {
        try { t.conn = await connect(t, false); } catch { t.conn = undefined; }
      }
      // all variables of the line in one round trip
      const values = t.conn && vars.length ? await t.conn.getVars(t.ups, vars) : new Map<string, string | Error>();
      const line = renderLine(acts, {
        hostname: host, upshost: t.monhost, pid: process.pid, now: new Date(),
        value: (nm) => { const v = values.get(nm); return typeof v === 'string' ? v : undefined; },
      });
      write(t.file!, line + '\n');
      if (interval > 30) { t.conn?.disconnect(); t.conn = undefined; }
    }
  }
  log.info(`Signal ${exitSig}: exiting`);
  for (const f of files.values()) if (f.fd !== 'stdout') fs.closeSync(f.fd);
  for (const t of targets) t.conn?.disconnect();
  exit(0);
}


void main();
