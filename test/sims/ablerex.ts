// Ablerex unit (written from the public protocol description in NUT's
// nutdrv_qx_ablerex.c): Megatec Q1/F/I, plus
//   Q5 → "(" + 16-bit big-endian words at bytes 1 (output frequency ×10), 7 (battery
//        voltage, 1200 = nominal), 9 (battery cut-off, idem), 13 (error code),
//        15 (output current ×10); padded to 21 bytes + "\r"
//   At → "(" + 32-bit big-endian runtime + "\r";  TR → "#" + 4-char test result + "\r"
// Binary fields are sent raw: a CR or LF byte may appear inside them, as on real units.

import { MegatecModel, type MegatecState } from './megatec.js';

export interface AblerexState {
  fout: number; vb: number; vbc: number; err: number; oCur: number;
  runtime: number | null; tr: string | null; q5: boolean;
}

const w16 = (n: number): string => String.fromCharCode((n >> 8) & 255, n & 255);

export class AblerexModel extends MegatecModel {
  readonly abl: AblerexState;

  constructor(abl: Partial<AblerexState> = {}, state: Partial<MegatecState> = {}) {
    super({}, { mfr: 'Ablerex', model: 'GRs', fw: 'GS101961', inV: 236.5, inFaultV: 185, outV: 236.5, load: 3, freq: 59.9,
      battV: 2.27, temp: 30, ratedV: 240, ratedI: 4, ratedBattV: 24, ratedF: 60, ...state });
    this.abl = { fout: 599, vb: 1370, vbc: 950, err: 0, oCur: 1, runtime: 5400, tr: 'PASS', q5: true, ...abl };
  }

  override reply(cmd: string): string {
    const a = this.abl;
    if (cmd === 'Q5' && a.q5) {
      const body = `\x00${w16(a.fout)}\x00\x00\x00\x00${w16(a.vb)}${w16(a.vbc)}\x00\x00${w16(a.err)}${w16(a.oCur)}\x00\x00\x00\x00`;
      return `(${body}\r`;
    }
    if (cmd === 'At' && a.runtime !== null) {
      const r = a.runtime;
      return `(${String.fromCharCode((r >>> 24) & 255, (r >> 16) & 255, (r >> 8) & 255, r & 255)}\r`;
    }
    if (cmd === 'TR' && a.tr !== null) return `#${a.tr}\r`;
    if (cmd === 'S.2') { this.st.shutdown = true; return ''; }
    return super.reply(cmd);
  }
}
