// Voltronic Power "QGS/QPI" protocol unit (nutdrv_qx's Voltronic subdriver), a table-driven model:
// each query has a canned reply (values shaped like the real dumps in /work/shared/data/ddl and
// the protocol notes); anything unknown gets "(NAK\r" as real units answer. Tests override single
// replies (status flags, protocol id, ...) through the constructor.

import type { DeviceModel } from './serial-sim.js';

/** QGS flag bits, in reply order (12 chars) */
export interface QgsFlags {
  /** 2 chars: ups.type ("00" standby, "01" line-interactive, "10" on-line) */
  type: string;
  utilFail: boolean; battLow: boolean; bypassBoostBuck: boolean; fault: boolean; unknown4: boolean;
  test: boolean; shutdown: boolean; beeper: boolean; unknown5: boolean; unknown6: boolean;
}

const DEFAULT_FLAGS: QgsFlags = {
  type: '10', utilFail: false, battLow: false, bypassBoostBuck: false, fault: false, unknown4: false,
  test: false, shutdown: false, beeper: true, unknown5: false, unknown6: true,
};

export function qgs(flags: Partial<QgsFlags> = {}, values = '234.9 50.0 229.8 50.0 000.0 00A 369.1 ---.- 026.5 ---.- 018.8'): string {
  const f = { ...DEFAULT_FLAGS, ...flags };
  const b = (x: boolean): string => (x ? '1' : '0');
  return `(${values} ${f.type}${b(f.utilFail)}${b(f.battLow)}${b(f.bypassBoostBuck)}${b(f.fault)}${b(f.unknown4)}` +
    `${b(f.test)}${b(f.shutdown)}${b(f.beeper)}${b(f.unknown5)}${b(f.unknown6)}\r`;
}

/** a typical single-phase on-line unit (protocol P31) */
export const VOLTRONIC_REPLIES: Record<string, string> = {
  QGS: qgs(),
  QPI: '(PI31',
  QRI: '(230.0 004 024.0 50.0',
  QMF: '(#####VOLTRONIC',
  QMD: '(#######OLHVT1K0 ###1000 80 2/2 230 230 02 12.0',
  QFS: '(14 212.1 50.0 005.6 49.9 006 010.6 343.8 ---.- 026.2 021.8 01101100',
  QMOD: '(L',
  QVFW: '(VERFW:00322.02',
  QID: '(685653211455',
  QBV: '(026.5 02 01 068 255',
  QFLAG: '(EpashcjDbroegfl',
  QWS: '(0000000000000000000000000000000000000000000000000000000000000000',
  QHE: '(242 218',
  QBYV: '(264 170',
  QBYF: '(53.0 47.0',
  QLDL: '(005 080',
  QBDR: '(1234',
  QFRE: '(50.0 00.0',
  QPD: '(000 240',
  QBT: '(01',
  QGR: '(00',
};

/** commands and setters a unit acknowledges with "(ACK" unless a test overrides their reply */
const SETTERS = /^(S\.?\d+(R\d{4})?|T(\.?\d+|L)?|CS|CT|SON|SOFF|BZ(ON|OFF)|P[ED][A-Z]|PF|PSK\d{4}|HE[HL]\d{3}|FRE[HL]\d\d\.\d|P[HL]V\d{3}|P[GS]F\d\d\.\d|BATN\d|BATGN\d\d|PBT\d\d|PGR\d\d|W0E\d\d|PPD\d{3}|SK(ON|OFF)\d)$/;

export class VoltronicModel implements DeviceModel {
  readonly terminators = '\r';
  readonly replies: Record<string, string>;

  constructor(over: Record<string, string | null> = {}) {
    this.replies = { ...VOLTRONIC_REPLIES };
    for (const [k, v] of Object.entries(over)) {
      if (v === null) delete this.replies[k]; else this.replies[k] = v;
    }
  }

  handle(cmd: string): string {
    const c = cmd.replace(/\r$/, '');
    const r = this.replies[c] ?? (SETTERS.test(c) ? '(ACK' : undefined);
    if (r === undefined) return '(NAK\r';
    return r.endsWith('\r') ? r : `${r}\r`;
  }
}
