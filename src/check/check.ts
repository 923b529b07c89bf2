// `tsnut check`: every configuration file, then the rules across files and
// against the machine (through HostProbe), with the NUT FAQ's hints. Pure.

import { adder, checkKeywords, checkNutConf, checkUpsConf, checkUpsdUsers, lexFile, splitUpsName, type UserModel } from './files.js';
import { didYouMean, type LexLine, type Word } from './lex.js';
import { HOSTS_CONF, UPSD_CONF, UPSMON_CONF, UPSSCHED_CONF, UPSSET_CONF } from './schema.js';
import type { ConfigSet, Finding, HostProbe } from './types.js';
import { hostedDriverNames } from '../stack/registry.js';

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];
const DEFAULT_PORT = 3493;

interface Monitor { system: string; upsname: string; host: string; port: number; pv: number; user: string; pass: string; primary: boolean; line: number; words: Word[] }

const first = (m: Map<string, LexLine[]>, k: string) => m.get(k)?.at(-1);
const num = (l: LexLine | undefined, dflt: number) => (l ? Number(l.words[1]!.text) : dflt);

/** The command a SHUTDOWNCMD/NOTIFYCMD/CMDSCRIPT line runs (first word of a quoted command line). */
function program(words: Word[]): string {
  return words.length === 1 ? words[0]!.text.trim().split(/\s+/)[0]! : words[0]!.text;
}

export function checkConfigSet(set: ConfigSet, host: HostProbe): Finding[] {
  const out: Finding[] = [];
  const f = set.files;
  const path = (name: string) => `${set.dir}/${name}`;

  // ---- each file on its own
  let mode: string | undefined;
  if (f['nut.conf'] !== undefined) mode = checkNutConf(f['nut.conf'], adder('nut.conf', out));
  const ups = f['ups.conf'] !== undefined ? checkUpsConf(lexFile(f['ups.conf'], adder('ups.conf', out)), adder('ups.conf', out)) : undefined;
  const upsdA = adder('upsd.conf', out);
  const upsd = f['upsd.conf'] !== undefined ? checkKeywords(lexFile(f['upsd.conf'], upsdA), UPSD_CONF, 'upsd.conf', upsdA) : undefined;
  const users = f['upsd.users'] !== undefined ? checkUpsdUsers(lexFile(f['upsd.users'], adder('upsd.users', out)), adder('upsd.users', out)) : undefined;
  const monA = adder('upsmon.conf', out);
  const mon = f['upsmon.conf'] !== undefined ? checkKeywords(lexFile(f['upsmon.conf'], monA), UPSMON_CONF, 'upsmon.conf', monA) : undefined;
  const schA = adder('upssched.conf', out);
  const sched = f['upssched.conf'] !== undefined ? checkKeywords(lexFile(f['upssched.conf'], schA), UPSSCHED_CONF, 'upssched.conf', schA) : undefined;
  if (f['hosts.conf'] !== undefined) { const a = adder('hosts.conf', out); checkKeywords(lexFile(f['hosts.conf'], a), HOSTS_CONF, 'hosts.conf', a); }
  if (f['upsset.conf'] !== undefined) { const a = adder('upsset.conf', out); checkKeywords(lexFile(f['upsset.conf'], a), UPSSET_CONF, 'upsset.conf', a); }

  // which programs are meant to run: nut.conf MODE, else whatever files exist
  const server = mode ? ['standalone', 'netserver'].includes(mode) : ups !== undefined;
  const client = mode ? mode !== 'none' : mon !== undefined;
  if (mode === 'none') {
    out.push({ file: 'nut.conf', level: 'info', code: 'mode-none', message: 'MODE=none: NUT is not configured to start anything; only the syntax was checked' });
    return out;
  }
  if (server) {
    for (const n of ['ups.conf', 'upsd.conf', 'upsd.users'] as const) {
      if (f[n] === undefined) out.push({ file: n, level: n === 'upsd.conf' ? 'warning' : 'error', code: 'missing-file', message: `${path(n)} does not exist${n === 'upsd.conf' ? ' (upsd then listens on localhost:3493 only)' : ''}` });
    }
  }
  if (client && f['upsmon.conf'] === undefined) out.push({ file: 'upsmon.conf', level: 'error', code: 'missing-file', message: `${path('upsmon.conf')} does not exist: nothing watches the UPS` });

  // ---- ups.conf and the machine
  const upsNames = ups?.sections.map((s) => s.name) ?? [];
  if (ups && server) {
    const a = adder('ups.conf', out);
    if (ups.sections.length === 0) a({ level: 'error', code: 'no-ups', message: 'ups.conf defines no UPS; upsd refuses to start (unless ALLOW_NO_DEVICE)' });
    const gUser = ups.global.get('user')?.value;
    const driverPath = ups.global.get('driverpath')?.value ?? '/lib/nut';
    for (const e of [ups.global.get('user'), ...ups.sections.map((s) => s.get('user'))]) {
      if (e?.value && !host.userExists(e.value)) a({ line: e.line, at: e.valueAt, level: 'error', code: 'no-such-user', message: `user '${e.value}' does not exist on this machine` });
    }
    for (const s of ups.sections) {
      const d = s.get('driver');
      if (d?.value && !host.driverExists(d.value, driverPath)) {
        const m = didYouMean(d.value, hostedDriverNames());
        a({ line: d.line, at: d.valueAt, level: 'error', code: 'no-such-driver', message: `driver '${d.value}' is neither hosted by tsnut nor installed in ${driverPath}${m ? ` (did you mean ${m}?)` : ''}` });
      }
      const p = s.get('port');
      const runAs = s.get('user')?.value ?? gUser ?? 'nut';
      if (p?.value?.startsWith('/dev/')) {
        if (!host.exists(p.value)) a({ line: p.line, at: p.valueAt, level: 'error', code: 'no-such-port', message: `port ${p.value} of [${s.name}] does not exist`, hint: 'is the cable plugged in, and is it the right device (ls -l /dev/serial/by-id/)?' });
        else if (!host.accessible(p.value, runAs)) a({ line: p.line, at: p.valueAt, level: 'error', code: 'port-permission', message: `the driver of [${s.name}] runs as '${runAs}', who cannot open ${p.value}`, hint: `add '${runAs}' to the device's group (often dialout) or install tsnut's udev rules; see docs/troubleshooting.md (USB and serial permissions)` });
      }
    }
  }

  // ---- upsd.conf
  const listen: Array<{ host: string; port: number; line: number; at: Word }> = [];
  if (upsd) {
    const a = adder('upsd.conf', out);
    for (const l of upsd.get('LISTEN') ?? []) {
      const h = l.words[1]!;
      listen.push({ host: h.text, port: l.words[2] ? Number(l.words[2].text) : DEFAULT_PORT, line: l.line, at: h });
      const ip = /^[\d.]+$/.test(h.text) || h.text.includes(':');
      if (ip && !['0.0.0.0', '::'].includes(h.text) && !host.hasAddress(h.text)) {
        a({ line: l.line, at: h, level: 'error', code: 'listen-address', message: `LISTEN ${h.text}: no interface of this machine has that address; upsd cannot bind it`, hint: 'use 0.0.0.0 (or ::) for every interface, or an address from `ip addr`' });
      }
    }
    const seen = new Map<string, number>();
    for (const l of listen) {
      const k = `${l.host} ${l.port}`;
      if (seen.has(k)) a({ line: l.line, at: l.at, level: 'error', code: 'duplicate', message: `LISTEN ${l.host} ${l.port} repeats line ${seen.get(k)}; the second bind fails` });
      else seen.set(k, l.line);
    }
    const maxAge = num(first(upsd, 'MAXAGE'), 15);
    const poll = Number(ups?.global.get('pollinterval')?.value ?? 2);
    if (maxAge < poll * 2) {
      const l = first(upsd, 'MAXAGE')!;
      a({ line: l.line, at: l.words[1], level: 'warning', code: 'maxage', message: `MAXAGE ${maxAge} is less than twice the drivers' pollinterval (${poll}); upsd will report "data stale" between updates`, hint: 'keep MAXAGE at its default 15, or at least a few poll intervals' });
    }
    const cp = first(upsd, 'CERTFILE');
    if (cp && !host.exists(cp.words[1]!.text)) a({ line: cp.line, at: cp.words[1], level: 'error', code: 'no-such-file', message: `CERTFILE ${cp.words[1]!.text} does not exist` });
  }
  const listenAll = listen.length ? listen : [{ host: '127.0.0.1', port: DEFAULT_PORT, line: 0, at: { text: '', col: 1 } }];
  if (server && users?.some((u) => u.upsmon === 'secondary') && listenAll.every((l) => LOOPBACK.includes(l.host))) {
    const u = users.find((x) => x.upsmon === 'secondary')!;
    out.push({ file: 'upsd.conf', ...(listen.length ? { line: listen[0]!.line, col: listen[0]!.at.col } : {}), level: 'warning', code: 'loopback-only', message: `upsd listens on loopback only, yet upsd.users has the secondary '${u.name}': other machines will be refused`, hint: 'add LISTEN with this machine\'s LAN address (NUT FAQ: "upsd refuses connections from other hosts")' });
  }

  // ---- upsd.users
  if (users && server) {
    const m = host.mode(path('upsd.users'));
    if (m !== undefined && m & 0o004) out.push({ file: 'upsd.users', level: 'warning', code: 'file-permission', message: `${path('upsd.users')} is readable by everyone (mode ${m.toString(8).padStart(4, '0')}) and holds passwords`, hint: 'chmod 0640 and chgrp nut' });
  }

  // ---- upsmon.conf
  const monitors: Monitor[] = [];
  if (mon) {
    const a = adder('upsmon.conf', out);
    const mm = host.mode(path('upsmon.conf'));
    if (mm !== undefined && mm & 0o004) a({ level: 'warning', code: 'file-permission', message: `${path('upsmon.conf')} is readable by everyone (mode ${mm.toString(8).padStart(4, '0')}) and holds passwords`, hint: 'chmod 0640' });
    for (const l of mon.get('MONITOR') ?? []) {
      const w = l.words;
      const sp = splitUpsName(w[1]!.text);
      if (typeof sp === 'string') { a({ line: l.line, at: w[1], level: 'error', code: 'bad-value', message: `MONITOR: ${sp}` }); continue; }
      if (monitors.some((x) => x.system === w[1]!.text)) { a({ line: l.line, at: w[1], level: 'warning', code: 'duplicate', message: `MONITOR ${w[1]!.text} again; upsmon ignores this line` }); continue; }
      monitors.push({ system: w[1]!.text, ...sp, pv: Number(w[2]!.text), user: w[3]!.text, pass: w[4]!.text, primary: /^(primary|master)$/i.test(w[5]!.text), line: l.line, words: w });
    }
    const g = (k: string, d: number) => num(first(mon, k), d);
    const minSupplies = g('MINSUPPLIES', 1);
    const total = monitors.reduce((s, m) => s + m.pv, 0);
    const present = (d: string) => new RegExp(`^[ \\t]*${d}\\b`, 'm').test(f['upsmon.conf']!);
    if (client && !present('MONITOR')) a({ level: 'error', code: 'no-monitor', message: 'upsmon.conf has no MONITOR line: upsmon would watch nothing' });
    else if (client && monitors.length > 0 && total < minSupplies) {
      const l = first(mon, 'MINSUPPLIES');
      a({ ...(l ? { line: l.line, at: l.words[1] } : {}), level: 'error', code: 'minsupplies', message: `the MONITOR power values add up to ${total}, less than MINSUPPLIES ${minSupplies}: upsmon refuses to start` });
    }
    const pollFreq = g('POLLFREQ', 5), alert = g('POLLFREQALERT', 5), deadTime = g('DEADTIME', 15), hostSync = g('HOSTSYNC', 15), finalDelay = g('FINALDELAY', 5);
    const dl = first(mon, 'DEADTIME');
    if (deadTime < 3 * Math.max(pollFreq, alert)) a({ ...(dl ? { line: dl.line, at: dl.words[1] } : {}), level: 'warning', code: 'deadtime', message: `DEADTIME ${deadTime} is less than three polls (POLLFREQ ${pollFreq}, POLLFREQALERT ${alert}); one slow answer will count as a dead UPS` });
    else if (upsd && dl && deadTime < num(first(upsd, 'MAXAGE'), 15)) a({ line: dl.line, at: dl.words[1], level: 'warning', code: 'deadtime', message: `DEADTIME ${deadTime} is shorter than upsd's MAXAGE ${num(first(upsd, 'MAXAGE'), 15)}`, hint: 'upsd only declares data stale after MAXAGE; upsmon should wait at least that long' });
    const hasSecondaries = monitors.some((m) => !m.primary) || (users?.some((u) => u.upsmon === 'secondary') ?? false);
    if (hasSecondaries && monitors.some((m) => m.primary) && hostSync <= finalDelay) {
      const l = first(mon, 'HOSTSYNC') ?? first(mon, 'FINALDELAY');
      a({ ...(l ? { line: l.line, at: l.words[1] } : {}), level: 'warning', code: 'hostsync', message: `HOSTSYNC ${hostSync} is not longer than FINALDELAY ${finalDelay}: the primary may cut power before its secondaries have shut down`, hint: 'secondaries stay logged in during their FINALDELAY; the primary waits for them at most HOSTSYNC seconds' });
    }
    const sd = first(mon, 'SHUTDOWNCMD');
    if (!sd) { if (client && !present('SHUTDOWNCMD')) a({ level: 'error', code: 'missing-setting', message: 'no SHUTDOWNCMD: upsmon cannot shut this machine down' }); }
    else {
      const prog = program(sd.words.slice(1));
      if (!host.which(prog)) a({ line: sd.line, at: sd.words[1], level: 'error', code: 'no-such-command', message: `SHUTDOWNCMD runs '${prog}', which does not exist or is not executable` });
    }
    const nc = first(mon, 'NOTIFYCMD');
    if (nc) {
      const prog = program(nc.words.slice(1));
      if (!host.which(prog)) a({ line: nc.line, at: nc.words[1], level: 'error', code: 'no-such-command', message: `NOTIFYCMD runs '${prog}', which does not exist or is not executable` });
      if (/(^|\/)upssched$/.test(prog) && f['upssched.conf'] === undefined) a({ line: nc.line, at: nc.words[1], level: 'error', code: 'missing-file', message: `NOTIFYCMD is upssched, but ${path('upssched.conf')} does not exist` });
    } else {
      const ex = (mon.get('NOTIFYFLAG') ?? []).find((l) => l.words[2]!.text.split('+').includes('EXEC'));
      if (ex) a({ line: ex.line, at: ex.words[2], level: 'warning', code: 'notify-exec', message: `NOTIFYFLAG ${ex.words[1]!.text} asks for EXEC, but there is no NOTIFYCMD` });
    }
    const pf = first(mon, 'POWERDOWNFLAG');
    if (!present('POWERDOWNFLAG') && monitors.some((m) => m.primary)) a({ level: 'warning', code: 'powerdownflag', message: 'no POWERDOWNFLAG on a primary: the shutdown scripts will not tell the UPS to power off, so the machine may not come back when power returns', hint: 'set POWERDOWNFLAG /etc/killpower (NUT FAQ: "the UPS does not power off / the machine does not restart")' });
    else if (pf) {
      const dir = pf.words[1]!.text.replace(/\/[^/]*$/, '') || '/';
      if (!host.exists(dir)) a({ line: pf.line, at: pf.words[1], level: 'error', code: 'no-such-file', message: `POWERDOWNFLAG ${pf.words[1]!.text}: directory ${dir} does not exist` });
    }
    const ru = first(mon, 'RUN_AS_USER');
    if (ru && !host.userExists(ru.words[1]!.text)) a({ line: ru.line, at: ru.words[1], level: 'error', code: 'no-such-user', message: `RUN_AS_USER '${ru.words[1]!.text}' does not exist on this machine` });
    const cv = first(mon, 'CERTVERIFY');
    if (cv && cv.words[1]!.text === '1' && !first(mon, 'CERTPATH')) a({ line: cv.line, at: cv.words[1], level: 'error', code: 'missing-setting', message: 'CERTVERIFY 1 without CERTPATH: every connection will fail' });
  }

  // ---- MONITOR lines against this machine's upsd
  if (mon && server && ups && users) {
    const a = adder('upsmon.conf', out);
    for (const m of monitors) {
      const local = LOOPBACK.includes(m.host) || host.hasAddress(m.host);
      if (!local) continue;
      const served = listenAll.some((l) => l.port === m.port && (l.host === m.host || ['0.0.0.0', '::'].includes(l.host) || (LOOPBACK.includes(l.host) && LOOPBACK.includes(m.host))));
      if (!served) {
        a({ line: m.line, at: m.words[1], level: 'error', code: 'monitor-listen', message: `MONITOR ${m.system}: upsd does not listen on ${m.host} port ${m.port} (it listens on ${listenAll.map((l) => `${l.host} ${l.port}`).join(', ')})`, hint: 'match LISTEN in upsd.conf and the MONITOR address (NUT FAQ: "connection refused")' });
        continue;
      }
      if (!upsNames.includes(m.upsname)) {
        const d = didYouMean(m.upsname, upsNames);
        a({ line: m.line, at: m.words[1], level: 'error', code: 'monitor-ups', message: `MONITOR ${m.system}: ups.conf has no UPS [${m.upsname}]${d ? ` (did you mean ${d}?)` : ''}` });
      }
      const u: UserModel | undefined = users.find((x) => x.name === m.user);
      if (!u) {
        const d = didYouMean(m.user, users.map((x) => x.name));
        a({ line: m.line, at: m.words[3], level: 'error', code: 'monitor-user', message: `MONITOR ${m.system}: user '${m.user}' is not in upsd.users${d ? ` (did you mean ${d}?)` : ''}` });
        continue;
      }
      // never print either password
      if (u.password !== undefined && u.password !== m.pass) a({ line: m.line, at: m.words[4], level: 'error', code: 'monitor-password', message: `MONITOR ${m.system}: the password differs from the one of [${u.name}] in upsd.users; upsd will refuse the login` });
      if (!u.upsmon) a({ line: m.line, at: m.words[3], level: 'error', code: 'monitor-rights', message: `MONITOR ${m.system}: [${u.name}] has no 'upsmon primary' or 'upsmon secondary' in upsd.users; its LOGIN is refused` });
      else if (m.primary && u.upsmon !== 'primary') a({ line: m.line, at: m.words[5], level: 'error', code: 'monitor-rights', message: `MONITOR ${m.system} is primary, but [${u.name}] is 'upsmon secondary' in upsd.users; upsd refuses PRIMARY and FSD` });
    }
  }

  // ---- upssched.conf
  if (sched) {
    const a = adder('upssched.conf', out);
    const at = sched.get('AT') ?? [];
    let ordered = false;
    for (const k of ['CMDSCRIPT', 'PIPEFN', 'LOCKFN']) {
      const l = first(sched, k);
      if (!l) { if (at.length && !ordered) a({ line: at[0]!.line, at: at[0]!.words[0], level: 'error', code: 'missing-setting', message: `${k} must be set before any AT line` }); continue; }
      const before = at.find((x) => x.line < l.line);
      // upssched stops at the first AT it cannot run: one finding is enough
      if (before && !ordered) { ordered = true; a({ line: before.line, at: before.words[0], level: 'error', code: 'order', message: `AT before ${k} (line ${l.line}): upssched stops at this line` }); }
      if (k === 'CMDSCRIPT') { const p = program(l.words.slice(1)); if (!host.which(p)) a({ line: l.line, at: l.words[1], level: 'error', code: 'no-such-command', message: `CMDSCRIPT '${p}' does not exist or is not executable` }); }
      else { const dir = l.words[1]!.text.replace(/\/[^/]*$/, '') || '/'; if (!host.exists(dir)) a({ line: l.line, at: l.words[1], level: 'error', code: 'no-such-file', message: `${k} ${l.words[1]!.text}: directory ${dir} does not exist` }); }
    }
    for (const l of at) {
      const [, , name, cmd, a1, a2] = l.words;
      if (cmd!.text === 'START-TIMER' && (!a2 || !/^\d+$/.test(a2.text))) a({ line: l.line, at: a2 ?? cmd, level: 'error', code: 'bad-value', message: `START-TIMER ${a1!.text} needs a time in seconds` });
      if (cmd!.text === 'EXECUTE' && a2) a({ line: l.line, at: a2, level: 'warning', code: 'arg-count', message: 'EXECUTE takes one argument; the rest is ignored' });
      if (name!.text !== '*' && monitors.length && !monitors.some((m) => m.system === name!.text)) a({ line: l.line, at: name, level: 'warning', code: 'at-ups', message: `AT names UPS '${name!.text}', which no MONITOR line watches (upssched gets UPSNAME as written in MONITOR)` });
    }
  }
  return out;
}
