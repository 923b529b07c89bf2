// Voltronic Power "QGS/QPI" protocol unit (nutdrv_qx's Voltronic subdriver), a table-driven model:
// each query has a canned reply (values shaped like the real dumps in /work/shared/data/ddl and
// the protocol notes); anything unknown gets "(NAK\r" as real units answer. Tests override single
// replies (status flags, protocol id, ...) through the constructor.

import { FaultyLink, type DeviceModel, type Fault } from './serial-sim.js';

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
  private readonly link = new FaultyLink();
  get fault(): Fault { return this.link.fault; }
  set fault(f: Fault) { this.link.fault = f; }

  constructor(over: Record<string, string | null> = {}) {
    this.replies = { ...VOLTRONIC_REPLIES };
    for (const [k, v] of Object.entries(over)) {
      if (v === null) delete this.replies[k]; else this.replies[k] = v;
    }
  }

  handle(cmd: string): Promise<string> {
    return this.link.answer(() => this.reply(cmd));
  }

  private reply(cmd: string): string {
    const c = cmd.replace(/\r$/, '');
    const r = this.replies[c] ?? (SETTERS.test(c) ? '(ACK' : undefined);
    if (r === undefined) return '(NAK\r';
    return r.endsWith('\r') ? r : `${r}\r`;
  }
}

/**
 * Replies rebuilt from a DDL dump of a Voltronic unit (its values and #CMD lines): the dump holds
 * what the driver published, so each query gets a reply that would publish about the same.
 * Queries the dump says nothing about are left unanswered ("(NAK").
 */
export function repliesFromDump(v: Map<string, string>, cmds: string[]): Record<string, string | null> {
  const num = (k: string): number | undefined => { const x = parseFloat(v.get(k) ?? ''); return Number.isFinite(x) ? x : undefined; };
  const f = (x: number | undefined, width: number, decimals: number): string =>
    x === undefined ? '-'.repeat(width - decimals - 1) + (decimals ? `.${'-'.repeat(decimals)}` : '') : x.toFixed(decimals).padStart(width, '0').slice(-width);
  const d = (x: number | undefined, width: number): string => f(x === undefined ? undefined : Math.round(x), width, 0);
  const minutes = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : seconds / 60);
  const status = (v.get('ups.status') ?? 'OL').split(' ');
  const has = (s: string): boolean => status.includes(s);
  const out: Record<string, string | null> = Object.fromEntries(Object.keys(VOLTRONIC_REPLIES).map((k) => [k, null]));
  const type = v.get('ups.type') === 'offline' ? '00' : v.get('ups.type') === 'line-interactive' ? '01' : '10';
  out.QGS = qgs({
    type, utilFail: has('OB'), battLow: has('LB'), bypassBoostBuck: has('BYPASS') || has('TRIM') || has('BOOST'), test: has('CAL'),
    shutdown: has('FSD'), beeper: v.get('ups.beeper.status') !== 'enabled', unknown6: false,
  }, [f(num('input.voltage'), 5, 1), f(num('input.frequency'), 4, 1), f(num('output.voltage'), 5, 1), f(num('output.frequency'), 4, 1),
    f(num('output.current'), 5, 1), d(num('ups.load'), 3), '369.1', '---.-', f(num('battery.voltage'), 5, 1), '---.-',
    f(num('ups.temperature'), 5, 1)].join(' '));
  const aux = v.get('ups.firmware.aux');
  out.QPI = `(PI${aux ? aux.slice(1) : '00'}`;
  if (num('output.voltage.nominal') !== undefined) {
    out.QRI = `(${f(num('output.voltage.nominal'), 5, 1)} ${d(num('output.current.nominal'), 3)} ${f(num('battery.voltage.nominal'), 5, 1)} ${f(num('output.frequency.nominal'), 4, 1)}`;
  }
  if (v.has('device.model')) {
    const pf = num('output.powerfactor');
    out.QMD = `(${v.get('device.model')!.slice(0, 15).padStart(15, '#')} ${(v.get('ups.power.nominal') ?? '').slice(0, 7).padStart(7, '#')} ` +
      `${pf === undefined ? '--' : d(pf * 100, 2)} ${v.get('input.phases') ?? 1}/${v.get('output.phases') ?? 1} ` +
      `${d(num('input.voltage.nominal'), 3)} ${d(num('output.voltage.nominal'), 3)} 02 12.0`;
  }
  if (num('input.current.nominal') !== undefined) {
    out.F = `#${f(num('input.voltage.nominal'), 5, 1)} ${d(num('input.current.nominal'), 3)} ${f(num('battery.voltage.nominal'), 5, 1)} ${f(num('input.frequency.nominal'), 4, 1)}`;
  }
  if (v.has('device.mfr')) out.QMF = `(${v.get('device.mfr')}`;
  if (v.has('ups.firmware')) out.QVFW = `(VERFW:${v.get('ups.firmware')!.slice(0, 8).padStart(8, '0')}`;
  if (v.has('device.serial')) out.QID = `(${v.get('device.serial')}`;
  out.QMOD = `(${has('OFF') ? 'S' : has('BYPASS') ? 'Y' : has('CAL') ? 'T' : has('OB') ? 'B' : 'L'}`;
  out.QWS = `(${'0'.repeat(55)}${has('RB') ? '1' : '0'}${'0'.repeat(8)}`;
  out.QBV = `(${f(num('battery.voltage'), 5, 1)} 02 ${d(num('battery.packs') ?? 1, 2)} ${d(num('battery.charge'), 3)} ${d(minutes(num('battery.runtime')), 3)}`;
  if (v.has('output.power.minimum.percent')) out.QLDL = `(${d(num('output.power.minimum.percent'), 3)} ${d(num('output.power.maximum.percent'), 3)}`;
  const caps: [string, string][] = [['ups.start.auto', 'r'], ['battery.protection', 's'], ['battery.energysave', 'g'], ['ups.start.battery', 'c'], ['outlet.0.switchable', 'j']];
  let en = '';
  let dis = 'pbo';
  for (const [name, letter] of caps) {
    if (v.get(name) === 'yes') en += letter;
    else if (v.get(name) === 'no') dis += letter;
  }
  if (cmds.includes('beeper.enable')) { if (v.get('ups.beeper.status') === 'disabled') dis += 'a'; else en += 'a'; }
  if (cmds.includes('bypass.start') || v.has('input.transfer.high')) dis += 'e'; // ECO mode brings QHE/QFRE
  out.QFLAG = `(E${en}D${dis}`;
  if (v.has('input.transfer.high')) out.QHE = `(${d(num('input.transfer.high'), 3)} ${d(num('input.transfer.low'), 3)}`;
  if (v.has('input.frequency.high')) out.QFRE = `(${f(num('input.frequency.high'), 4, 1)} ${f(num('input.frequency.low'), 4, 1)}`;
  if (v.has('battery.voltage.low')) out.RE0 = `#${d(num('battery.voltage.low'), 2)}`;
  const bt = ['Li', 'Flooded', 'AGM'].indexOf(v.get('battery.type') ?? '');
  if (bt >= 0) out.QBT = `(0${bt}`;
  for (let n = 1; n <= 4; n++) {
    const st = v.get(`outlet.${n}.status`);
    if (st) out[`QSK${n}`] = `(${st === 'on' ? 1 : 0}`;
    const delay = num(`outlet.${n}.delay.shutdown`);
    if (delay !== undefined) out[`QSKT${n}`] = `(${d(delay / 60, 3)}`;
  }
  return out;
}
