// upsmon's decision core (upsmon.md §5.3–§6): status strings, comm failures and
// time in; notifications, log lines and the "shut down now" verdict out.
// Pure: no I/O, no clock — `now` (seconds) is always passed in.

import type { MonitorEntry, UpsmonConf } from '../config/upsmonconf.js';
import { defaultFlags, formatNotify, STOCK_MESSAGES, type NotifyFlags, type NotifyType } from './notify.js';

export const LOG_ALERT = 1;
export const LOG_CRIT = 2;
export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_NOTICE = 5;
export const LOG_INFO = 6;

export type Action =
  | { kind: 'notify'; type: NotifyType; ups: string; message: string; flags: NotifyFlags }
  | { kind: 'log'; prio: number; msg: string }
  | { kind: 'debug'; level: number; msg: string };

export type PollResult =
  | { ok: true; status: string; alarm?: string; buzzwords?: string }
  | { ok: false; error: string };

/** Per-UPS knowledge, mirroring NUT's utype_t fields that drive decisions. */
export interface UpsState {
  entry: MonitorEntry;
  ol: boolean; ob: boolean; lb: boolean; fsd: boolean; cal: boolean; off: boolean;
  bypass: boolean; eco: boolean; alarm: boolean; over: boolean; trim: boolean; boost: boolean;
  /** -1 never contacted, 0 lost, 1 ok */
  commstate: number;
  /** -1 unknown (first OL after start is silent), 0 OB, 1 OL */
  linestate: number;
  lastpoll: number;
  lastncwarn: number;
  lastrbwarn: number;
  lastnoncrit: number;
  offsince: number;
  offstate: boolean;
  oversince: number;
  oblbsince: number;
  fsdNotified: boolean;
  alarmText: string | undefined;
  others: string[];
  /** POLLFAIL_LOG_THROTTLE_MAX state: last failure code (-1 none) and repeats */
  pollFailCode: number;
  pollFailCount: number;
}

export function newUpsState(entry: MonitorEntry, now: number): UpsState {
  return {
    entry, ol: false, ob: false, lb: false, fsd: false, cal: false, off: false, bypass: false, eco: false,
    alarm: false, over: false, trim: false, boost: false, commstate: -1, linestate: -1, lastpoll: 0,
    lastncwarn: 0, lastrbwarn: 0, lastnoncrit: now, offsince: 0, offstate: false, oversince: 0, oblbsince: 0,
    fsdNotified: false, alarmText: undefined, others: [], pollFailCode: -1, pollFailCount: 0,
  };
}

const ECO_BUZZ = [':ECO', ':ESS', ':HE', ':SMART'];

export class MonitorCore {
  readonly ups: UpsState[] = [];
  /** OBLBDURATION may ask for a finer poll interval */
  private oblbSleep: number | undefined;

  constructor(public conf: UpsmonConf, now: number) {
    for (const m of conf.monitors) this.ups.push(newUpsState(m, now));
  }

  find(system: string): UpsState | undefined {
    return this.ups.find((u) => u.entry.system === system);
  }

  /** Build a notify action with the configured template and flags. */
  notify(out: Action[], type: NotifyType, ups: string, extra = '', templateUps = ups): void {
    const template = this.conf.notifyMsg[type] ?? STOCK_MESSAGES[type];
    const flags = this.conf.notifyFlag[type] ?? defaultFlags();
    out.push({ kind: 'notify', type, ups, message: formatNotify(template, templateUps, extra), flags });
  }

  /** Apply one poll outcome (pollups + parse_status / ups_is_gone). */
  pollResult(u: UpsState, now: number, r: PollResult, out: Action[]): void {
    if (!r.ok || r.status.trim() === '') { this.gone(u, now, out); return; }
    this.parseStatus(u, now, r, out);
  }

  /** ups_is_gone: comm loss bookkeeping (COMMBAD once, then NOCOMM every NOCOMMWARNTIME). */
  gone(u: UpsState, now: number, out: Action[]): void {
    if (u.commstate !== 0) {
      u.commstate = 0;
      this.notify(out, 'COMMBAD', u.entry.system);
      return;
    }
    const nc = this.conf.noCommWarnTime;
    if (now - u.lastpoll >= nc && now - u.lastncwarn > nc) {
      this.notify(out, 'NOCOMM', u.entry.system);
      u.lastncwarn = now;
    }
  }

  private parseStatus(u: UpsState, now: number, r: { status: string; alarm?: string; buzzwords?: string }, out: Action[]): void {
    const sys = u.entry.system;
    const st = r.status;
    // ups_is_alive
    u.lastpoll = now;
    if (u.commstate === 0) this.notify(out, 'COMMOK', sys);
    u.commstate = 1;

    // Early clearing, by substring as NUT does (strstr on the whole string).
    if (!st.includes('LB')) u.lb = false;
    if (!st.includes('FSD')) { u.fsd = false; u.fsdNotified = false; }
    const clear = (present: boolean, flag: 'cal' | 'off' | 'bypass' | 'alarm' | 'over' | 'trim' | 'boost', type: NotifyType) => {
      if (present || !u[flag]) return;
      u[flag] = false;
      this.notify(out, type, sys);
    };
    clear(st.includes('CAL'), 'cal', 'NOTCAL');
    if (!st.includes('OFF')) { if (u.off) { u.off = false; this.notify(out, 'NOTOFF', sys); } u.offstate = false; }
    clear(st.includes('BYPASS'), 'bypass', 'NOTBYPASS');
    if (!st.includes('ALARM')) { if (u.alarm) { u.alarm = false; this.notify(out, 'NOTALARM', sys); } u.alarmText = undefined; }
    clear(st.includes('OVER'), 'over', 'NOTOVER');
    clear(st.includes('TRIM'), 'trim', 'NOTTRIM');
    clear(st.includes('BOOST'), 'boost', 'NOTBOOST');
    // ECO: intended test (upstream inverts it, upsmon.md §5.3).
    const buzzEco = r.buzzwords !== undefined && ECO_BUZZ.some((b) => r.buzzwords!.toUpperCase().includes(b));
    if (!st.includes('ECO') && !buzzEco) { if (u.eco) { u.eco = false; this.notify(out, 'NOTECO', sys); } }
    else if (buzzEco && !u.eco) { u.eco = true; this.notify(out, 'ECO', sys); }

    const unknown: string[] = [];
    for (const raw of st.split(/\s+/).filter(Boolean)) {
      const tok = raw.toUpperCase();
      switch (tok) {
        case 'OL':
          if (!u.ol) {
            if (u.linestate !== -1) this.notify(out, 'ONLINE', sys);
            u.ol = true; u.ob = false; u.linestate = 1;
          }
          break;
        case 'OB':
          if (!u.ob) { u.linestate = 0; this.notify(out, 'ONBATT', sys); u.ob = true; u.ol = false; }
          break;
        case 'LB':
          if (!u.lb) { this.notify(out, 'LOWBATT', sys); u.lb = true; }
          break;
        case 'RB':
          if (now - u.lastrbwarn > this.conf.rbWarnTime || u.lastrbwarn === 0) { this.notify(out, 'REPLBATT', sys); u.lastrbwarn = now; }
          break;
        case 'CAL':
          if (!u.cal) { this.notify(out, 'CAL', sys); u.cal = true; }
          break;
        case 'OFF':
          if (!u.off) {
            u.offsince = now; u.off = true;
            this.notify(out, 'OFF', sys);
            if (this.conf.offDuration === 0) {
              u.offstate = true;
              out.push({ kind: 'log', prio: LOG_WARNING, msg: `ups_is_off: ${sys} is in state OFF, assuming the line is not fed (if it is calibrating etc., check the upsmon 'OFFDURATION' option)` });
            }
          } else if (!u.offstate && this.conf.offDuration > 0 && now - u.offsince > this.conf.offDuration) {
            u.offstate = true;
            out.push({ kind: 'log', prio: LOG_WARNING, msg: `ups_is_off: ${sys} is in state OFF for ${Math.floor(now - u.offsince)} sec, assuming the line is not fed (if it is calibrating etc., check the upsmon 'OFFDURATION' option)` });
          }
          break;
        case 'BYPASS':
          if (!u.bypass) { u.bypass = true; this.notify(out, 'BYPASS', sys); }
          break;
        case 'ECO':
          if (!u.eco) { u.eco = true; this.notify(out, 'ECO', sys); }
          break;
        case 'ALARM': {
          const text = r.alarm ?? 'n/a';
          // previous alarm text kept per UPS (upstream shares one buffer)
          if (!u.alarm || u.alarmText !== text) { u.alarm = true; u.alarmText = text; this.notify(out, 'ALARM', sys, text); }
          break;
        }
        case 'OVER':
          if (!u.over) { u.oversince = now; u.over = true; this.notify(out, 'OVER', sys); }
          break;
        case 'TRIM':
          if (!u.trim) { u.trim = true; this.notify(out, 'TRIM', sys); }
          break;
        case 'BOOST':
          if (!u.boost) { u.boost = true; this.notify(out, 'BOOST', sys); }
          break;
        case 'FSD':
          if (!u.fsd) { if (!u.fsdNotified) this.notify(out, 'FSD', sys); u.fsd = true; u.fsdNotified = true; }
          break;
        case 'HB': case 'CHRG': case 'DISCHRG':
          break;
        default:
          unknown.push(raw);
      }
      // update_crittimer after each token
      if (!(u.ob && u.lb) || u.cal) u.lastnoncrit = now;
    }
    const prev = u.others;
    const changed = prev.length !== unknown.length || prev.some((t) => !unknown.includes(t)) || unknown.some((t) => !prev.includes(t));
    if (changed) {
      u.others = unknown;
      if (unknown.length > 0) this.notify(out, 'OTHER', sys, unknown.join(' '));
      else this.notify(out, 'NOTOTHER', sys);
    }
  }

  /** is_ups_critical (upsmon.md §6), master rule order. */
  isCritical(u: UpsState, now: number, out: Action[]): boolean {
    const sys = u.entry.system;
    const c = this.conf;
    if (u.fsd) return true;
    if (u.commstate === 0) {
      if (u.trim) out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be trimming incoming voltage and currently is not communicating, but we make no assumptions if it is dead now` });
      if (u.boost) out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be boosting incoming voltage and currently is not communicating, but we make no assumptions if it is dead now` });
      if (u.over) {
        if (c.overDuration >= 0) {
          const dur = Math.floor(now - u.oversince);
          if (now - u.oversince < c.overDuration) {
            out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be overloaded for ${dur} sec out of ${c.overDuration} sec threshold and currently is not communicating (waiting for OVERDURATION to elapse)` });
          } else {
            out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be overloaded for longer than the set threshold of ${c.overDuration} sec and is still not communicating, assuming dead` });
            return true;
          }
        } else {
          out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be overloaded and currently is not communicating, but we make no assumptions if it is dead now (OVERDURATION is negative)` });
        }
      }
      if (u.alarm) {
        if (c.alarmCritical) {
          out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be in an ALARM state and currently is not communicating, assuming dead. If this is in error and causes unwanted shutdowns, consider disabling the upsmon ALARMCRITICAL option.` });
          return true;
        }
        out.push({ kind: 'debug', level: 1, msg: `UPS [${sys}] was last known to be in an ALARM state and currently is not communicating, but ALARMCRITICAL is disabled` });
      }
      if (u.cal) {
        out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be calibrating and currently is not communicating, assuming dead` });
        return true;
      }
      if (u.bypass) {
        out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be on BYPASS and currently is not communicating, assuming dead` });
        return true;
      }
      if (u.offstate || (c.offDuration >= 0 && u.off)) {
        out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] was last known to be (administratively) OFF and currently is not communicating, assuming dead` });
        return true;
      }
    }
    if (u.off && c.offDuration >= 0 && u.offstate) {
      out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] is reported as (administratively) OFF` });
      return true;
    }
    if (!(u.ob && u.lb)) {
      if (u.oblbsince > 0) {
        out.push({ kind: 'log', prio: LOG_WARNING, msg: `is_ups_critical: seems that UPS [${sys}] returned from OB+LB state now after spending ${Math.floor(now - u.oblbsince)} seconds in it` });
        u.oblbsince = 0;
      }
      return false;
    }
    if (u.cal) {
      out.push({ kind: 'log', prio: LOG_WARNING, msg: `is_ups_critical: seems that UPS [${sys}] is OB+LB now, but it is also calibrating - not declaring a critical state` });
      return false;
    }
    if (c.oblbDuration > 0) {
      if (u.oblbsince === 0) {
        u.oblbsince = now;
        out.push({ kind: 'log', prio: LOG_WARNING, msg: `UPS [${sys}] is OB+LB now, but we wait OBLBDURATION=${c.oblbDuration} sec before declaring a critical state` });
        return false;
      }
      if (now - u.oblbsince < c.oblbDuration) return false;
    }
    if (u.entry.primary) return true;
    if (now - u.lastnoncrit > c.hostSync) {
      out.push({ kind: 'log', prio: LOG_WARNING, msg: `Giving up on the primary for UPS [${sys}] after ${Math.floor(now - u.lastnoncrit)} sec since last comms` });
      return true;
    }
    return false;
  }

  /**
   * recalc(): promote dead UPSes last seen on battery, sum the power values of
   * healthy ones, and decide. Returns true when a forced shutdown must start.
   */
  recalc(now: number, out: Action[]): boolean {
    let val = 0;
    this.oblbSleep = undefined;
    for (const u of this.ups) {
      if (now - u.lastpoll > this.conf.deadTime && u.ob) {
        out.push({ kind: 'debug', level: 1, msg: `Promoting dead UPS: ${u.entry.system}` });
        u.lb = true;
      }
      if (this.isCritical(u, now, out)) out.push({ kind: 'debug', level: 1, msg: `Critical UPS: ${u.entry.system}` });
      else val += u.entry.powerValue;
      if (u.oblbsince > 0) {
        const g = gcd(this.conf.pollFreqAlert, this.conf.oblbDuration);
        this.oblbSleep = Math.max(1, Math.min(this.oblbSleep ?? g, g));
      }
    }
    if (val < this.conf.minSupplies) {
      out.push({ kind: 'log', prio: LOG_WARNING, msg: `Too few UPS(es) are healthy (${val}<${this.conf.minSupplies}), initiating forced shutdown` });
      return true;
    }
    return false;
  }

  /** Sleep interval for the next cycle, computed from the aggregate state. */
  sleepInterval(): number {
    const alert = this.ups.some((u) => u.ob || u.off || u.bypass || u.alarm || (u.over && this.conf.overDuration >= 0));
    const base = alert ? this.conf.pollFreqAlert : this.conf.pollFreq;
    return this.oblbSleep !== undefined ? Math.min(base, this.oblbSleep) : base;
  }

  /**
   * Wake-up after an unannounced sleep or clock jump (master): forget the
   * readings taken before it so stale OB/LB cannot trigger a shutdown.
   */
  forgetReadings(now: number): void {
    for (const u of this.ups) {
      u.ol = u.ob = u.lb = u.fsd = u.cal = u.off = u.bypass = u.eco = u.alarm = u.over = u.trim = u.boost = false;
      u.offstate = false;
      u.oblbsince = 0;
      u.lastpoll = now;
      u.lastnoncrit = now;
    }
  }

  /** Total power value of configured UPSes. */
  totalPower(): number {
    return this.ups.reduce((s, u) => s + u.entry.powerValue, 0);
  }
}

function gcd(a: number, b: number): number {
  a = Math.abs(a); b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}
