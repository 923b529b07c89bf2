// An in-memory driver context for the Q* engine: the dstate store plus status,
// alarm and option handling, with captured log lines.

import { UpsStore } from '../../../src/state/store.js';
import type { QxHost, QxIo } from '../../../src/drivers/nutdrv_qx/engine.js';
import type { DeviceModel } from '../../sims/serial-sim.js';

export class FatalError extends Error {}

export class FakeHost implements QxHost {
  store = new UpsStore();
  cmds = new Set<string>();
  status: string[] = [];
  alarms: string[] = [];
  stale = true;
  logs: string[] = [];
  log = {
    info: (m: string) => { this.logs.push(m); },
    notice: (m: string) => { this.logs.push(m); },
    err: (m: string) => { this.logs.push(m); },
    warn: (m: string) => { this.logs.push(m); },
    debug: (_l: number, _m: string) => { /* quiet */ },
  };

  constructor(public opts: Record<string, string | true> = {}) {}

  getval(n: string): string | undefined { const v = this.opts[n]; return typeof v === 'string' ? v : undefined; }
  testvar(n: string): boolean { return n in this.opts; }
  setInfo(n: string, v: string): void { this.store.setInfo(n, v); }
  getInfo(n: string): string | undefined { return this.store.get(n)?.raw; }
  delInfo(n: string): void { this.store.delInfo(n); }
  setFlags(n: string, f: number): void { this.store.setFlags(n, f); }
  setAux(n: string, a: number): void { this.store.setAux(n, a); }
  addEnum(n: string, v: string): void { this.store.addEnum(n, v); }
  addRange(n: string, a: number, b: number): void { this.store.addRange(n, a, b); }
  getRanges(n: string) { return this.store.get(n)?.ranges ?? []; }
  getEnums(n: string) { return this.store.get(n)?.enums ?? []; }
  getAux(n: string) { return this.store.get(n)?.aux ?? -1; }
  addCmd(c: string): void { this.cmds.add(c); }
  statusInit(): void { this.status = []; }
  statusSet(t: string): void { this.status.push(t); }
  statusCommit(): void { this.setInfo('ups.status', this.status.join(' ')); }
  alarmInit(): void { this.alarms = []; }
  alarmSet(t: string): void { this.alarms.push(t); }
  alarmCommit(): void { if (this.alarms.length) this.setInfo('ups.alarm', this.alarms.join(' ')); else this.delInfo('ups.alarm'); }
  dataOk(): void { this.stale = false; }
  dataStale(): void { this.stale = true; }
  fatal(msg: string): never { throw new FatalError(msg); }

  /** name: value lines, like -d 1 (without driver.*) */
  dump(): string[] {
    return this.store.list().filter((v) => !v.name.startsWith('driver.')).map((v) => `${v.name}: ${v.value}`);
  }
}

/** Talk to a device model directly (no tty); records the commands sent. */
export function modelIo(model: DeviceModel, sent: string[]): QxIo {
  return {
    async command(cmd) {
      sent.push(cmd.replace(/\r$/, ''));
      const r = await model.handle(cmd.replace(/\r$/, ''));
      const i = r.search(/[\r\n]/);
      return i >= 0 ? r.slice(0, i + 1) : '';
    },
  };
}
