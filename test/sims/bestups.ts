// Best Power / Sola unit speaking the BestUPS dialect (written from the public
// protocol description in NUT's nutdrv_qx_bestups.c):
//   Q1 → Megatec status, ID → "FOR,750,120,120,20.0,27.6\r", RT → "015\r" (minutes),
//   BP? → "02\r", SS? → "0\r", M → "0\r" (voltage settings index);
//   BPn / SSn set them, silently. Other commands as MegatecModel.

import { MegatecModel, type MegatecState } from './megatec.js';

export interface BestUpsState {
  id: string; runtime: string | null; packs: string | null; pinsMode: number; m: string;
}

export class BestUpsModel extends MegatecModel {
  readonly best: BestUpsState;

  constructor(best: Partial<BestUpsState> = {}, state: Partial<MegatecState> = {}) {
    super({ infoCmd: null, ratings: false }, { inV: 119, inFaultV: 119, outV: 119, freq: 60, battV: 13.8, load: 6, standby: true, beeper: false, ...state });
    this.best = { id: 'FOR,750,120,120,20.0,27.6', runtime: '015', packs: null, pinsMode: 0, m: '0', ...best };
  }

  override reply(cmd: string): string {
    const b = this.best;
    if (cmd === 'ID') return `${b.id}\r`;
    if (cmd === 'RT' && b.runtime !== null) return `${b.runtime}\r`;
    if (cmd === 'BP?' && b.packs !== null) return `${b.packs}\r`;
    if (cmd === 'SS?') return `${b.pinsMode}\r`;
    if (cmd === 'M') return `${b.m}\r`;
    if (/^BP\d$/.test(cmd) && b.packs !== null) { b.packs = `0${cmd.slice(2)}`; return ''; }
    if (/^SS\d$/.test(cmd)) { b.pinsMode = Number(cmd.slice(2)); return ''; }
    return super.reply(cmd);
  }
}
