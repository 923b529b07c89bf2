// Simulated world for the upsmon engine: a fake upsd and a fake clock.

import { parseUpsmonConf, type UpsmonConf } from '../../../src/config/upsmonconf.js';
import { Engine, type EngineIO } from '../../../src/monitor/engine.js';
import type { LineConn } from '../../../src/monitor/wire.js';

export interface FakeUps { status: string; alarm?: string; numlogins: number; stale?: boolean; fsd?: boolean }

export class FakeUpsd {
  ups = new Map<string, FakeUps>();
  down = false;
  requests: string[] = [];
  conns = new Set<FakeConn>();
  /** close every open connection (upsd killed) */
  kill(): void { this.down = true; for (const c of this.conns) c.open = false; this.conns.clear(); }
  set(name: string, status: string): void {
    const u = this.ups.get(name) ?? { status, numlogins: 1 };
    u.status = status;
    this.ups.set(name, u);
  }
  reply(line: string): string {
    this.requests.push(line);
    const w = line.split(' ');
    const u = this.ups.get(w[1] ?? '') ?? this.ups.get(w[2] ?? '');
    switch (w[0]) {
      case 'USERNAME': case 'PASSWORD': return 'OK';
      case 'LOGIN': case 'PRIMARY': return this.ups.has(w[1]!) ? 'OK' : 'ERR UNKNOWN-UPS';
      case 'FSD': if (!u) return 'ERR UNKNOWN-UPS'; u.fsd = true; return 'OK FSD-SET';
      case 'LOGOUT': return 'OK Goodbye';
      case 'GET': {
        if (w[1] === 'NUMLOGINS') return u ? `NUMLOGINS ${w[2]} ${u.numlogins}` : 'ERR UNKNOWN-UPS';
        if (!u) return 'ERR UNKNOWN-UPS';
        if (u.stale) return 'ERR DATA-STALE';
        if (w[3] === 'ups.status') return `VAR ${w[2]} ups.status "${u.fsd ? 'FSD ' : ''}${u.status}"`;
        if (w[3] === 'ups.alarm' && u.alarm !== undefined) return `VAR ${w[2]} ups.alarm "${u.alarm}"`;
        return 'ERR VAR-NOT-SUPPORTED';
      }
    }
    return 'ERR UNKNOWN-COMMAND';
  }
}

export class FakeConn implements LineConn {
  open = false;
  private q: string[] = [];
  constructor(private srv: FakeUpsd) {}
  async connect() {
    if (this.srv.down) return 'Connection failure: Connection refused';
    this.open = true; this.srv.conns.add(this); return undefined;
  }
  async send(line: string) {
    if (!this.open) return undefined; // like TCP: the write succeeds, the read sees EOF
    this.q.push(this.srv.reply(line)); return undefined;
  }
  async read() {
    if (!this.open) return { error: 'Server disconnected' };
    const l = this.q.shift();
    return l === undefined ? { error: 'Server disconnected' } : { line: l };
  }
  async close(logout = true) { if (this.open && logout) this.srv.requests.push('LOGOUT'); this.open = false; this.srv.conns.delete(this); }
}

export interface Rec { t: number; type: string; ups: string; message: string }

export class Sim {
  t = 1_000_000;
  readonly t0 = this.t;
  srv = new FakeUpsd();
  notes: Rec[] = [];
  logs: string[] = [];
  walls: string[] = [];
  shutdownAt: number | undefined;
  events: Array<{ at: number; fn: () => void; done?: boolean }> = [];
  engine: Engine;
  conf: UpsmonConf;
  parentAlive = true;
  nextConf: string | undefined;

  constructor(confText: string, public limit = 600) {
    this.conf = parseUpsmonConf(confText);
    const io: EngineIO = {
      now: () => this.t,
      sleep: async (s) => {
        this.t += s;
        this.fire();
        if (this.t - this.t0 > this.limit) throw new Error(`sim: time limit reached at +${this.t - this.t0}`);
      },
      newConn: () => new FakeConn(this.srv),
      log: (_p, m) => { this.logs.push(m); },
      debug: (_l, m) => { this.logs.push(`[D] ${m}`); },
      deliver: (n) => { this.notes.push({ t: this.t - this.t0, type: n.type, ups: n.ups, message: n.message }); },
      wall: (m) => { this.walls.push(m); },
      shutdown: async () => { this.shutdownAt = this.t - this.t0; },
      parentAlive: () => this.parentAlive,
      reloadConf: (prev) => this.nextConf === undefined ? 'Reload failed: can\'t open upsmon.conf' : parseUpsmonConf(this.nextConf, 'upsmon.conf', prev),
    };
    this.engine = new Engine(this.conf, io);
  }

  /** run fn when simulated time reaches t0 + at */
  at(at: number, fn: () => void): this { this.events.push({ at, fn }); return this; }
  private fire(): void {
    for (const e of this.events) if (!e.done && this.t - this.t0 >= e.at) { e.done = true; e.fn(); }
  }
  async run() { this.fire(); return this.engine.run(); }
  types(): string[] { return this.notes.map((n) => n.type); }
}

/** A config with notify EXEC for every event so the sim records them all. */
export function conf(body: string): string {
  const types = ['ONLINE', 'ONBATT', 'LOWBATT', 'FSD', 'COMMOK', 'COMMBAD', 'SHUTDOWN', 'REPLBATT', 'NOCOMM', 'NOPARENT', 'CAL', 'NOTCAL', 'OFF', 'NOTOFF', 'BYPASS', 'NOTBYPASS', 'ECO', 'NOTECO', 'ALARM', 'NOTALARM', 'OVER', 'NOTOVER', 'TRIM', 'NOTTRIM', 'BOOST', 'NOTBOOST', 'OTHER', 'NOTOTHER', 'SHUTDOWN_HOSTSYNC'];
  return `NOTIFYCMD /bin/true\n${types.map((t) => `NOTIFYFLAG ${t} SYSLOG+EXEC`).join('\n')}\nPOLLFREQ 5\nPOLLFREQALERT 2\nHOSTSYNC 15\nDEADTIME 15\nFINALDELAY 5\n${body}\n`;
}
