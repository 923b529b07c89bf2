// upsd's view of one UPS: its ups.conf entry, its copy of the driver's data,
// and the link state used for staleness (sock-protocol.md §3, §6). The
// message application and the staleness rule are pure; the socket lives in
// driverlink.ts.

import { UpsStore, parseFlagWords } from '../state/store.js';
import type { DriverMessage } from '../sockproto/codec.js';

/** Bounds on what one driver may make upsd hold (a broken driver must not exhaust memory). */
export const MAX_VARS = 10000;
export const MAX_ENUMS = 1000;
export const MAX_RANGES = 100;
export const MAX_CMDS = 2000;

export class UpsEntry {
  readonly store = new UpsStore();
  /** set when a bound was hit, so it is logged once per connection */
  overflow = false;
  connected = false;
  /** reference: starts stale until the first connection */
  stale = true;
  dumpDone = false;
  /** kept across reconnects, as in the reference */
  dataOk = false;
  lastHeard = 0;
  lastPing = 0;
  /** FSD latch: set by the FSD command, never cleared while upsd runs */
  fsd = false;
  numLogins = 0;
  /** last time a connect failure was logged (rate limit: once per 300 s) */
  lastConnectFailLog = 0;
  /** UPS still present in ups.conf after the last reload */
  retain = true;

  constructor(
    public name: string,
    public driver: string,
    public port: string,
    public desc: string | undefined,
  ) {}

  /** Socket file name: <driver>-<upsname> (relative to the state path). */
  get sockName(): string {
    return `${this.driver}-${this.name}`;
  }

  /** Fresh connection: data is cleared, status WAIT until the dump arrives. */
  onConnect(now: number): void {
    this.store.clear();
    this.connected = true;
    this.dumpDone = false;
    this.stale = false;
    this.lastHeard = now;
    this.lastPing = 0;
    this.overflow = false;
    this.store.setInfo('ups.status', 'WAIT');
  }

  onDisconnect(): void {
    this.connected = false;
    this.store.clear();
  }

  /**
   * Apply one recognised driver line. Returns the tracking update if the
   * line was TRACKING (the caller owns the tracking table).
   */
  apply(m: DriverMessage, now: number): { trackingId: string; status: number } | undefined {
    // PID / OK lines are not for upsd: ignored, and they do not refresh last_heard
    if (m.type === 'PID' || m.type === 'OK') return undefined;
    this.lastHeard = now;
    const s = this.store;
    switch (m.type) {
      case 'PONG': break;
      case 'DUMPDONE': this.dumpDone = true; break;
      case 'DATASTALE': this.dataOk = false; break;
      case 'DATAOK': this.dataOk = true; break;
      case 'ADDCMD': if (s.listCmds().length < MAX_CMDS || s.hasCmd(m.cmd)) s.addCmd(m.cmd); else this.overflow = true; break;
      case 'DELCMD': s.delCmd(m.cmd); break;
      case 'DELINFO': s.delInfo(m.name); break;
      case 'SETFLAGS': s.setFlags(m.name, parseFlagWords(m.flags)); break;
      case 'SETINFO': if (s.size < MAX_VARS || s.get(m.name)) s.setInfo(m.name, m.value); else this.overflow = true; break;
      case 'ADDENUM': if ((s.get(m.name)?.enums.length ?? 0) < MAX_ENUMS) s.addEnum(m.name, m.value); else this.overflow = true; break;
      case 'DELENUM': s.delEnum(m.name, m.value); break;
      case 'SETAUX': s.setAux(m.name, m.aux); break;
      case 'ADDRANGE': if ((s.get(m.name)?.ranges.length ?? 0) < MAX_RANGES) s.addRange(m.name, m.min, m.max); else this.overflow = true; break;
      case 'DELRANGE': s.delRange(m.name, m.min, m.max); break;
      case 'TRACKING': return { trackingId: m.id, status: m.status };
    }
    return undefined;
  }
}

/**
 * sstate_dead(): what the heartbeat check decides this pass. `now` and the
 * stored times are in milliseconds; NUT compares whole seconds.
 */
export function heartbeat(u: UpsEntry, now: number, maxAge: number): { ping: boolean; dead: boolean } {
  if (!u.connected) return { ping: false, dead: true };
  const sec = (t: number) => Math.floor(t / 1000);
  const elapsed = sec(now) - sec(u.lastHeard);
  const third = Math.floor(maxAge / 3);
  const ping = elapsed > third && sec(now) - sec(u.lastPing) > third;
  if (elapsed > maxAge + 1) return { ping, dead: true };
  if (elapsed > maxAge) return { ping, dead: false };
  if (u.dumpDone && !u.dataOk) return { ping, dead: true };
  return { ping, dead: false };
}
