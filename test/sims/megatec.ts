// Megatec "Q1" family UPS model (written from the public protocol description):
//   Q1 / QS / D  → "(III.I FFF.F OOO.O LLL FF.F BB.B TT.T b7b6b5b4b3b2b1b0\r"
//   F            → "#VVV.V CCC BB.BB FF.F\r"   (ratings)
//   I / FW?      → "#<mfr 15> <model 10> <firmware 10>\r"
//   Q, T, TL, Tnn, CT, Sn[Rmmmm], C → no reply
// Unknown commands are echoed back, as real units do.
// `fault` simulates a broken link: 'silent' (no reply), 'garbage', 'slow' (reply after 1.5 s, dropped
// when the next command comes first).

import { FaultyLink, type DeviceModel, type Fault } from './serial-sim.js';

export type { Fault } from './serial-sim.js';

export interface MegatecState {
  inV: number; inFaultV: number; outV: number; load: number; freq: number; battV: number; temp: number;
  utilFail: boolean; battLow: boolean; boost: boolean; upsFail: boolean; standby: boolean;
  test: boolean; shutdown: boolean; beeper: boolean;
  ratedV: number; ratedI: number; ratedBattV: number; ratedF: number;
  mfr: string; model: string; fw: string;
}

export interface MegatecOptions {
  /** status query: 'Q1' (megatec, zinto, q1, ...), 'QS' (mustek), 'D' (megatec-old) */
  statusCmd?: string;
  /** vendor query: 'I' (megatec) or 'FW?' (zinto, hunnox); null: none */
  infoCmd?: string | null;
  /** answer F (ratings) */
  ratings?: boolean;
  /** reply to every non-query command instead of staying silent (e.g. hunnox "UPS No Ack", mecer "(ACK") */
  ack?: string;
  /** reply to QPI (Voltronic protocol id, e.g. "(PI98"); null: echo like other unknown commands */
  qpi?: string | null;
  /** reply to M (Voltronic-QS protocol letter, e.g. "V"); null: echo */
  m?: string | null;
}

const pad = (s: string, n: number): string => s.padEnd(n, ' ').slice(0, n);
const num = (v: number, w: number, d: number): string => v.toFixed(d).padStart(w, '0');

export class MegatecModel implements DeviceModel {
  readonly terminators = '\r';
  private readonly link = new FaultyLink();
  get fault(): Fault { return this.link.fault; }
  set fault(f: Fault) { this.link.fault = f; }
  st: MegatecState = {
    inV: 230.0, inFaultV: 230.0, outV: 230.0, load: 15, freq: 50.0, battV: 13.5, temp: 25.0,
    utilFail: false, battLow: false, boost: false, upsFail: false, standby: false,
    test: false, shutdown: false, beeper: true,
    ratedV: 230.0, ratedI: 4, ratedBattV: 12.0, ratedF: 50.0,
    mfr: 'TSNUTSIM', model: 'Q1-SIM', fw: 'V1.0',
  };
  readonly opts: Required<MegatecOptions>;

  constructor(opts: MegatecOptions = {}, state: Partial<MegatecState> = {}) {
    this.opts = { statusCmd: 'Q1', infoCmd: 'I', ratings: true, ack: '', qpi: null, m: null, ...opts };
    Object.assign(this.st, state);
  }

  status(): string {
    const s = this.st;
    const bits = [s.utilFail, s.battLow, s.boost, s.upsFail, s.standby, s.test, s.shutdown, s.beeper]
      .map((b) => (b ? '1' : '0')).join('');
    return `(${num(s.inV, 5, 1)} ${num(s.inFaultV, 5, 1)} ${num(s.outV, 5, 1)} ${String(s.load).padStart(3, '0')} ` +
      `${num(s.freq, 4, 1)} ${num(s.battV, 4, 2).slice(0, 4)} ${num(s.temp, 4, 1)} ${bits}\r`;
  }

  reply(cmd: string): string {
    const s = this.st;
    const o = this.opts;
    if (cmd === o.statusCmd) return this.status();
    if (cmd === 'F' && o.ratings) {
      return `#${num(s.ratedV, 5, 1)} ${String(s.ratedI).padStart(3, '0')} ${num(s.ratedBattV, 5, 2).slice(0, 5)} ${num(s.ratedF, 4, 1)}\r`;
    }
    if (o.infoCmd !== null && cmd === o.infoCmd) return `#${pad(s.mfr, 15)} ${pad(s.model, 10)} ${pad(s.fw, 10)}\r`;
    if (cmd === 'QPI' && o.qpi !== null) return `${o.qpi}\r`;
    if (cmd === 'M' && o.m !== null) return `${o.m}\r`;
    const ack = o.ack ? `${o.ack}\r` : '';
    if (cmd === 'Q') { s.beeper = !s.beeper; return ack; }
    if (cmd === 'T' || cmd === 'TL' || /^T\d\d$/.test(cmd)) { s.test = true; return ack; }
    if (cmd === 'CT') { s.test = false; return ack; }
    if (/^S(\.\d|\d\d)(R\d{4})?$/.test(cmd)) { s.shutdown = true; return ack; }
    if (cmd === 'C') { s.shutdown = false; return ack; }
    return `${cmd}\r`;
  }

  handle(cmd: string): Promise<string> {
    return this.link.answer(() => this.reply(cmd));
  }
}

/** A device that understands nothing: echoes every command (the autodetection walks all subdrivers). */
export class EchoModel implements DeviceModel {
  readonly terminators = '\r';
  handle(cmd: string): string { return `${cmd}\r`; }
}
