// Runs upsmon's real engine (src/monitor/engine.ts, core.ts) against
// simulated UPSes in simulated time and records what it would do: polls,
// notifications (with messages and flags), upssched timers, the critical
// verdict, FSD, SHUTDOWNCMD and the UPS power-off. Nothing runs, nothing is
// sent anywhere: every effect is a line in the record.

import type { MonitorEntry, UpsmonConf } from '../config/upsmonconf.js';
import { matchRules, type UpsschedConf } from '../config/upsschedconf.js';
import { Engine, type EngineIO } from '../monitor/engine.js';
import type { Action } from '../monitor/core.js';
import type { LineConn } from '../monitor/wire.js';
import type { NotifyFlags } from '../monitor/notify.js';
import type { DrillEvent, Scenario } from './scenarios.js';

export type Step =
  | { t: number; kind: 'event'; ups: string; text: string }
  | { t: number; kind: 'notify'; type: string; ups: string; message: string; flags: NotifyFlags }
  | { t: number; kind: 'log'; text: string }
  | { t: number; kind: 'critical'; ups: string; why: string }
  | { t: number; kind: 'fsd'; ups: string }
  | { t: number; kind: 'timer'; action: 'start' | 'cancel' | 'fire' | 'execute'; name: string; seconds?: number; command?: string }
  | { t: number; kind: 'shutdown'; command: string | undefined }
  | { t: number; kind: 'poweroff'; ups: string; flag: string; offdelay: number };

export interface DrillResult { steps: Step[]; shutdownAt: number | undefined; scenario: Scenario }

interface SimUps { entry: MonitorEntry; status: string; reachable: boolean; fsd: boolean; conns: Set<SimConn> }

class SimConn implements LineConn {
  open = false;
  private replies: string[] = [];
  constructor(private u: SimUps, private onFsd: (u: SimUps) => void) {}
  async connect(): Promise<string | undefined> {
    if (!this.u.reachable) return 'Connection failure: Connection refused';
    this.open = true;
    this.u.conns.add(this);
    return undefined;
  }
  async send(line: string): Promise<string | undefined> {
    if (!this.open) return 'Write error: Broken pipe';
    const [cmd, a1, a2, a3] = line.split(' ');
    const name = this.u.entry.upsname;
    if (cmd === 'GET' && a1 === 'VAR' && a3 === 'ups.status') this.replies.push(`VAR ${name} ups.status "${this.u.fsd ? 'FSD ' : ''}${this.u.status}"`);
    else if (cmd === 'GET' && a1 === 'VAR') this.replies.push('ERR VAR-NOT-SUPPORTED');
    else if (cmd === 'GET' && a1 === 'NUMLOGINS') this.replies.push(`NUMLOGINS ${a2} 1`);
    else if (cmd === 'FSD') { this.u.fsd = true; this.onFsd(this.u); this.replies.push('OK FSD-SET'); }
    else if (cmd === 'LOGOUT') this.replies.push('OK Goodbye');
    else this.replies.push('OK');
    return undefined;
  }
  async read(): Promise<{ line: string } | { error: string }> {
    if (!this.open) return { error: 'Server disconnected' };
    return { line: this.replies.shift() ?? 'ERR UNKNOWN-COMMAND' };
  }
  async close(): Promise<void> { this.open = false; this.u.conns.delete(this); }
  cut(): void { this.open = false; this.replies = []; this.u.conns.delete(this); }
}

export interface DrillInput {
  conf: UpsmonConf;
  scenario: Scenario;
  /** upssched.conf when NOTIFYCMD is upssched */
  sched?: UpsschedConf;
  /** ups.conf offdelay per UPS name (default 20 s, as most drivers) */
  offdelay?: (upsname: string) => number;
  initialStatus?: string;
}

export async function runDrill(inp: DrillInput): Promise<DrillResult> {
  const { conf, scenario } = inp;
  const steps: Step[] = [];
  let t = 0;
  const ups: SimUps[] = conf.monitors.map((m) => ({ entry: m, status: inp.initialStatus ?? 'OL', reachable: true, fsd: false, conns: new Set() }));
  const events: DrillEvent[] = scenario.events(ups.length).filter((e) => e.ups < ups.length).sort((a, b) => a.t - b.t);
  const timers = new Map<string, number>();
  let shutdownAt: number | undefined;
  const cmdScript = inp.sched?.cmdScript?.join(' ');

  const applyEvents = () => {
    while (events.length && events[0]!.t <= t) {
      const e = events.shift()!;
      const u = ups[e.ups]!;
      if ('status' in e) {
        u.status = e.status.replace(/^FSD /, '');
        if (e.status.startsWith('FSD ')) u.fsd = true;
        steps.push({ t: e.t, kind: 'event', ups: u.entry.system, text: `${e.why}: ups.status becomes ${e.status}` });
      } else {
        u.reachable = e.reachable;
        if (!e.reachable) for (const c of [...u.conns]) c.cut();
        steps.push({ t: e.t, kind: 'event', ups: u.entry.system, text: e.why });
      }
    }
  };
  const fireTimers = (until: number) => {
    for (;;) {
      let next: [string, number] | undefined;
      for (const [n, due] of timers) if (due <= until && (!next || due < next[1])) next = [n, due];
      if (!next) return;
      timers.delete(next[0]);
      steps.push({ t: next[1], kind: 'timer', action: 'fire', name: next[0], command: cmdScript ? `${cmdScript} ${next[0]}` : undefined });
    }
  };
  const upssched = (type: string, upsName: string) => {
    if (!inp.sched) return;
    for (const r of matchRules(inp.sched, upsName, type)) {
      const name = r.args[0] ?? '';
      if (r.command === 'START-TIMER') {
        if (!timers.has(name)) { const s = Number(r.args[1] ?? 0); timers.set(name, t + s); steps.push({ t, kind: 'timer', action: 'start', name, seconds: s }); }
      } else if (r.command === 'CANCEL-TIMER') {
        if (timers.delete(name)) steps.push({ t, kind: 'timer', action: 'cancel', name });
        else if (r.args[1]) steps.push({ t, kind: 'timer', action: 'execute', name: r.args[1], command: cmdScript ? `${cmdScript} ${r.args[1]}` : undefined });
      } else if (r.command === 'EXECUTE') {
        steps.push({ t, kind: 'timer', action: 'execute', name, command: cmdScript ? `${cmdScript} ${name}` : undefined });
      }
    }
  };

  let engine!: Engine;
  const io: EngineIO = {
    now: () => t,
    sleep: async (s) => {
      const target = t + Math.max(0, s);
      fireTimers(target);
      t = target;
      applyEvents();
      if (t >= scenario.seconds) engine.exitFlag = true;
    },
    newConn: (entry) => new SimConn(ups.find((u) => u.entry.system === entry.system)!, (u) => steps.push({ t, kind: 'fsd', ups: u.entry.system })),
    log: (_p, msg) => steps.push({ t, kind: 'log', text: msg }),
    debug: (_l, msg) => {
      const m = /^Critical UPS: (.*)$/.exec(msg);
      if (m) {
        const u = engine.core.ups.find((x) => x.entry.system === m[1]);
        if (u && !steps.some((s) => s.kind === 'critical' && s.ups === m[1])) {
          const why = u.fsd ? 'FSD is set: a primary is shutting down'
            : u.commstate === 0 && u.ob ? `last seen on battery and silent for more than DEADTIME ${conf.deadTime} s: assumed low battery`
              : u.ob && u.lb ? 'on battery with a low battery (OB LB)' : 'is_ups_critical says so';
          steps.push({ t, kind: 'critical', ups: m[1]!, why });
        }
      }
    },
    deliver: () => { /* recorded through the core's notify below */ },
    wall: () => {},
    shutdown: async () => {
      shutdownAt = t;
      steps.push({ t, kind: 'shutdown', command: engine.conf.shutdownCmd });
      if (engine.conf.powerDownFlag) {
        for (const u of ups.filter((x) => x.entry.primary)) {
          steps.push({ t, kind: 'poweroff', ups: u.entry.system, flag: engine.conf.powerDownFlag, offdelay: inp.offdelay?.(u.entry.upsname) ?? 20 });
        }
      }
      engine.exitFlag = true;
    },
    parentAlive: () => true,
    reloadConf: (prev) => prev,
  };
  engine = new Engine(conf, io);
  engine.splitMode = false;
  // record every notification as upsmon builds it (type, text, flags), then let it go on as usual
  const coreNotify = engine.core.notify.bind(engine.core);
  engine.core.notify = (out: Action[], type, upsName, extra = '', templateUps = upsName) => {
    coreNotify(out, type, upsName, extra, templateUps);
    const a = out[out.length - 1]!;
    if (a.kind === 'notify') {
      steps.push({ t, kind: 'notify', type: a.type, ups: a.ups, message: a.message, flags: a.flags });
      if (!a.flags.ignore && a.flags.exec && conf.notifyCmd) upssched(a.type, a.ups);
    }
  };
  applyEvents();
  await engine.run();
  fireTimers(t);
  steps.sort((a, b) => a.t - b.t);
  return { steps, shutdownAt, scenario };
}
