// Voltronic Power unit speaking the binary "QS" dialect (written from the
// public protocol description in NUT's nutdrv_qx_voltronic-qs-hex.c):
//   M  → "P\r" or "T\r" (protocol letter)
//   QS → "#" + space-separated raw byte fields + "\r": input voltage (2 bytes, ×1 byte),
//        output voltage (idem), load, frequency divisor (2 bytes) and dividend (3 bytes),
//        battery voltage (byte × byte / 510), status byte, and for 'T' a ratings byte.
//        CR, XON, XOFF, LF and space inside fields are escaped as "(" + 0..4.
// Other commands as MegatecModel (no reply; unknown ones echoed).

import { MegatecModel, type MegatecState } from './megatec.js';

export interface QsHexState {
  protocol: string;
  /** ratings byte fields ('T' only): 60 Hz?, battery code 0..3 (12/24/36/48 V), output code (0,1,2,3,4 = 110/120/220/230/240 V) */
  freq60: boolean; battCode: number; outCode: number;
  /** replace the QS reply (raw bytes, latin1) */
  rawQs: string | null;
}

const ESC: Record<number, string> = { 0x0d: '(\x00', 0x11: '(\x01', 0x13: '(\x02', 0x0a: '(\x03', 0x20: '(\x04' };
const field = (n: number, bytes: number): string => {
  let s = '';
  for (let i = bytes - 1; i >= 0; i--) {
    const b = Math.floor(n / 256 ** i) % 256;
    s += ESC[b] ?? String.fromCharCode(b);
  }
  return s;
};

export class QsHexModel extends MegatecModel {
  readonly hex: QsHexState;

  constructor(hex: Partial<QsHexState> = {}, state: Partial<MegatecState> = {}) {
    super({ infoCmd: null, ratings: false }, state);
    this.hex = { protocol: 'P', freq60: false, battCode: 0, outCode: 3, rawQs: null, ...hex };
  }

  qs(): string {
    const s = this.st;
    const h = this.hex;
    const volt = (v: number): string => `${field(Math.round((v * 256 * 51) / 53), 2)} ${field(53, 1)}`;
    const battMul = s.battV > 28 ? 120 : s.battV > 14 ? 60 : 30;
    const status = [s.utilFail, s.battLow, s.boost, s.upsFail, s.standby, s.test, s.shutdown, s.beeper]
      .reduce((acc, b) => acc * 2 + (b ? 1 : 0), 0);
    const fields = [
      volt(s.inV), volt(s.outV), field(s.load, 1),
      field(Math.round(1250000 / s.freq), 2), field(1250000, 3),
      `${field(Math.round((s.battV * 510) / battMul), 1)} ${field(battMul, 1)}`, field(status, 1),
    ];
    if (h.protocol.toUpperCase() === 'T') {
      const out = [0, 1, 2, 3, 4][h.outCode] ?? 0;
      fields.push(field((h.freq60 ? 128 : 0) | (h.battCode << 5) | out, 1));
    }
    return `#${fields.join(' ')}\r`;
  }

  override reply(cmd: string): string {
    if (cmd === 'M') return `${this.hex.protocol}\r`;
    if (cmd === 'QS') return this.hex.rawQs ?? this.qs();
    return super.reply(cmd);
  }
}
