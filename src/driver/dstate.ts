// The driver-side state (drivers/dstate.c): an UpsStore plus the broadcast of
// every change to socket clients, the staleness flag and the ups.status /
// ups.alarm helpers. Pure apart from the `send` callback and logging.
//
// Deliberate difference from NUT: live SETINFO/ADDENUM/DELENUM lines carry
// the escaped value (NUT sends the raw value, which corrupts values holding
// '"', '\' or '#'; see sock-protocol.md §2). DUMPALL is identical.

import { FLAG_IMMUTABLE, FLAG_NUMBER, MAX_VALUE_LEN, UpsStore, flagWords, parseFlagWords } from '../state/store.js';

/** sizeof(alarm_buf) in NUT's dstate.c */
const ALARM_BUF = 256;
import { formatDriverMessage, type DriverMessage } from '../sockproto/codec.js';
import type { Logger } from '../core/logger.js';
import { strtol } from '../core/cstd.js';


export class DState {
  readonly store = new UpsStore();
  stale = true;
  private statusBuf = '';
  private alarmBuf = '';
  private alarmActive = false;
  private ignorelb = false;

  constructor(private readonly send: (line: string) => void, private readonly log?: Logger) {}

  private emit(m: DriverMessage): void {
    this.send(formatDriverMessage(m));
  }

  setInfo(name: string, value: string | number): boolean {
    let v = String(value);
    if (v.length > MAX_VALUE_LEN) v = v.slice(0, MAX_VALUE_LEN);
    if (!this.store.setInfo(name, v)) return false;
    this.emit({ type: 'SETINFO', name, value: v });
    return true;
  }

  /** dstate_getinfo(): like NUT, the stored *escaped* value (see getRaw) */
  getInfo(name: string): string | undefined {
    return this.store.get(name)?.value;
  }

  getRaw(name: string): string | undefined {
    return this.store.get(name)?.raw;
  }

  delInfo(name: string): boolean {
    if (!this.store.delInfo(name)) return false;
    this.emit({ type: 'DELINFO', name });
    return true;
  }

  /** dstate_setflags: replaces flags (IMMUTABLE included, as override.* needs). */
  setFlags(name: string, flags: number | readonly string[]): void {
    const f = typeof flags === 'number' ? flags : parseFlagWords(flags);
    const v = this.store.get(name);
    if (!v) { this.log?.err(`dstate_setflags: base variable (${name}) does not exist`); return; }
    if (v.flags & FLAG_IMMUTABLE) { this.log?.warn(`dstate_setflags: base variable (${name}) is immutable`); return; }
    if (v.flags === f) return;
    v.flags = f;
    this.send(`SETFLAGS ${name}${flagWords(f).map((w) => ' ' + w).join('')}\n`);
  }

  addFlags(name: string, add: number): void {
    const v = this.store.get(name);
    if (!v) { this.log?.err(`dstate_addflags: cannot get flags of '${name}'`); return; }
    if ((v.flags & add) === add) return;
    this.setFlags(name, v.flags | add);
  }

  delFlags(name: string, del: number): void {
    const v = this.store.get(name);
    if (!v) { this.log?.err(`dstate_delflags: cannot get flags of '${name}'`); return; }
    if (!(v.flags & del)) return;
    this.setFlags(name, v.flags & ~del);
  }

  setAux(name: string, aux: number): void {
    if (!this.store.get(name)) { this.log?.err(`dstate_setaux: base variable (${name}) does not exist`); return; }
    if (this.store.setAux(name, aux)) this.emit({ type: 'SETAUX', name, aux });
  }

  addEnum(name: string, value: string): void {
    const v = value.length > MAX_VALUE_LEN ? value.slice(0, MAX_VALUE_LEN) : value;
    if (this.store.addEnum(name, v)) this.emit({ type: 'ADDENUM', name, value: v });
  }

  delEnum(name: string, value: string): void {
    if (this.store.delEnum(name, value)) this.emit({ type: 'DELENUM', name, value });
  }

  addRange(name: string, min: number, max: number): void {
    if (this.store.addRange(name, min, max)) {
      this.emit({ type: 'ADDRANGE', name, min, max });
      this.addFlags(name, FLAG_NUMBER);
    }
  }

  delRange(name: string, min: number, max: number): void {
    if (this.store.delRange(name, min, max)) this.emit({ type: 'DELRANGE', name, min, max });
  }

  addCmd(cmd: string): void {
    if (this.store.addCmd(cmd)) this.emit({ type: 'ADDCMD', cmd });
  }

  delCmd(cmd: string): void {
    if (this.store.delCmd(cmd)) this.emit({ type: 'DELCMD', cmd });
  }

  dataOk(): void {
    if (this.stale) { this.stale = false; this.emit({ type: 'DATAOK' }); }
  }

  dataStale(): void {
    if (!this.stale) { this.stale = true; this.emit({ type: 'DATASTALE' }); }
  }

  // --- ups.status (2.8.0 semantics: plain append, duplicates kept) ---

  statusInit(): void {
    if (this.getInfo('driver.flag.ignorelb') !== undefined) this.ignorelb = true;
    this.statusBuf = '';
  }

  statusSet(tok: string): void {
    if (this.ignorelb && tok.toUpperCase() === 'LB') {
      this.log?.debug(2, 'status_set: ignoring LB flag from device');
      return;
    }
    this.statusBuf = (this.statusBuf.length > 0 ? this.statusBuf + ' ' + tok : tok).slice(0, MAX_VALUE_LEN);
  }

  statusGet(tok: string): boolean {
    return this.statusBuf.split(' ').includes(tok);
  }

  statusCommit(): void {
    if (this.ignorelb) {
      for (const [val, low] of [['battery.charge', 'battery.charge.low'], ['battery.runtime', 'battery.runtime.low']] as const) {
        const v = this.getInfo(val);
        const l = this.getInfo(low);
        if (v !== undefined && l !== undefined && strtol(v) < strtol(l)) {
          this.statusBuf = (this.statusBuf + ' LB').slice(0, MAX_VALUE_LEN);
          this.log?.debug(2, `status_commit: appending LB flag [${val === 'battery.charge' ? 'charge' : 'runtime'} '${v}' below '${l}']`);
          break;
        }
      }
    }
    this.setInfo('ups.status', this.alarmActive ? `ALARM ${this.statusBuf}` : this.statusBuf);
  }

  /** current status buffer (tests, drivers that want to inspect it) */
  get status(): string { return this.statusBuf; }

  // --- ups.alarm ---

  alarmInit(): void {
    this.alarmActive = false;
    this.alarmBuf = '';
  }

  alarmSet(text: string): void {
    // NUT appends with snprintfcat() into a 256-byte buffer: 254 characters at most,
    // and a warning only when the whole text would have needed more than 256
    const whole = this.alarmBuf.length > 0 ? this.alarmBuf + ' ' + text : text;
    this.alarmBuf = whole.slice(0, ALARM_BUF - 2);
    if (whole.length > ALARM_BUF) {
      const shown = text.length < 4096 ? text : `${text.slice(0, 4095)}...<also truncated>`;
      this.log?.warn(`alarm_set: result was truncated while setting or appending alarm_buf (limited to ${ALARM_BUF} bytes), with message: ${shown}`);
    }
  }

  alarmCommit(): void {
    if (this.alarmBuf.length > 0) {
      this.setInfo('ups.alarm', this.alarmBuf);
      this.alarmActive = true;
    } else {
      this.delInfo('ups.alarm');
      this.alarmActive = false;
    }
  }

  /** dstate_dump(): the `-d N` output, "<name>: <escaped value>" in store order */
  dump(): string {
    let out = '';
    for (const v of this.store.list()) out += `${v.name}: ${v.value}\n`;
    return out;
  }
}
