// Ablerex units (NUT's nutdrv_qx_ablerex.c, "Ablerex 0.01"): Megatec Q1/F/I plus
// binary Q5 (output frequency/current, error code, battery voltages), At (runtime)
// and TR (test result). Battery voltage and charge are derived from Q5 and the
// nominal voltage; some status flags are set straight from the preprocessors.
// Only reachable with protocol=ablerex: Megatec claims such a unit first.

import type { Item, ItemDef, SubdriverDef } from '../item.js';
import { QX_FLAG_QUICK_POLL, QX_FLAG_STATIC, QX_FLAG_TRIM, fixed, strtod } from '../item.js';
import type { QxEngine } from '../engine.js';
import {
  blazerClaim, blazerCommandItems, blazerInitups,
  blazerDelayItems, blazerStatusBits, blazerVartable, voltageShift,
} from '../blazer-common.js';

/** per-engine state (NUT keeps it in file statics); `raw`: last binary replies, NULs included */
interface State { q5Vbc: number; q5Vb: number; raw: Map<string, string> }
const states = new WeakMap<QxEngine, State>();
function state(q: QxEngine): State {
  let s = states.get(q);
  if (!s) { s = { q5Vbc: -1, q5Vb: -1, raw: new Map() }; states.set(q, s); }
  return s;
}

/** keep the whole reply: the engine cuts answers at the first NUL, these are binary */
function keepRaw(q: QxEngine, item: Item, answer: string): string {
  state(q).raw.set(item.type, answer);
  return answer;
}
/** byte i of the raw reply (0 past its end, like the zeroed C buffer) */
const byte = (q: QxEngine, item: Item, i: number): number => state(q).raw.get(item.type)?.charCodeAt(i) || 0;
/** the same byte as C's signed char */
const sbyte = (q: QxEngine, item: Item, i: number): number => { const b = byte(q, item, i); return b > 127 ? b - 256 : b; };
const word = (q: QxEngine, item: Item, i: number): number => byte(q, item, i) * 256 + byte(q, item, i + 1);

function q5(q: QxEngine, item: Item): string {
  const s = state(q);
  const sb = (from: number, n: number): string => Array.from({ length: n }, (_, k) => sbyte(q, item, from + k)).join(' ');
  q.log.debug(2, `Q51: ${sb(0, 6)}`);
  q.log.debug(2, `Q52: ${sb(6, 6)}`);
  q.log.debug(2, `Q53: ${sb(12, 4)}`);
  const fout = word(q, item, 1);
  const vb = word(q, item, 7);
  s.q5Vbc = word(q, item, 9);
  const err = word(q, item, 13);
  const oCur = word(q, item, 15);
  s.q5Vb = vb;
  q.log.debug(2, `Q5: ${fixed(0.1 * fout, 1)} ${err} ${fixed(0.1 * oCur, 1)}`);
  q.log.debug(2, `Q5Vb: ${vb} Vbc ${s.q5Vbc}`);
  q.host.setInfo('output.frequency', fixed(0.1 * fout, 1));
  q.host.setInfo('ups.alarm', String(err));
  q.host.setInfo('output.current', fixed(0.1 * oCur, 1));
  return fixed(fout * 0.1, 1);
}

function battery(q: QxEngine, item: Item): string {
  const battV = strtod(item.value);
  q.log.debug(2, `battvoltact2: ${fixed(battV, 2)}`);
  const nominal = q.host.getInfo('battery.voltage.nominal');
  if (nominal === undefined) return fixed(battV, 2);
  const nom = strtod(nominal);
  q.log.debug(2, `battvoltact1: ${fixed(nom, 2)}`);
  const vb = state(q).q5Vb;
  // per-cell voltage below 3 V: scale to the pack
  const act = vb > 0 ? (vb * nom) / 1200 : battV > 3.0 ? battV : (battV * 6 * nom) / 12;
  q.log.debug(2, `battvoltact: ${fixed(act, 2)} / ${fixed(battV, 2)}`);
  return fixed(act, 2);
}

// charge tables: per-cell voltage (on line) and per-12 V block voltage (otherwise)
const ONLINE_V = Array.from({ length: 56 }, (_, i) => Math.round((2.22 - i * 0.01) * 100) / 100);
const ONLINE_C = [100, 90, 88, 87, 85, 83, 82, 80, 78, 77, 75, 73, 72, 70, 68, 65, 65, 62, 62, 58, 58, 55, 55, 53, 52, 50, 48, 47, 45, 43,
  42, 40, 38, 37, 35, 33, 32, 30, 28, 27, 25, 23, 22, 20, 18, 17, 15, 13, 12, 10, 8, 7, 5, 3, 2, 0, -1];
const OFFLINE_V = [13.5, ...Array.from({ length: 34 }, (_, i) => Math.round((13.3 - i * 0.1) * 10) / 10)];
const OFFLINE_C = [100, 90, 88, 86, 83, 80, 77, 74, 72, 69, 66, 63, 61, 58, 55, 52, 49, 47, 44, 41, 38, 36, 33, 30, 27, 24, 22, 19, 16, 13,
  11, 8, 5, 2, 0, -1];

/** first charge whose threshold the voltage reaches; the walk stops at the first charge ≤ 0 */
function chargeOf(v: number): number {
  const [volts, charges] = v < 3.0 ? [ONLINE_V, ONLINE_C] : [OFFLINE_V, OFFLINE_C];
  for (let i = 0; charges[i]! > 0; i++) if (v >= volts[i]!) return charges[i]!;
  return 0;
}

function batteryCharge(q: QxEngine, item: Item): string {
  let battV = strtod(item.value);
  q.log.debug(2, `battvoltc2: ${fixed(battV, 2)}`);
  const nominal = q.host.getInfo('battery.voltage.nominal');
  if (nominal === undefined) return '100';
  const nom = strtod(nominal);
  q.log.debug(2, `battvv1: ${fixed(nom, 2)}`);
  if (battV > 3.0) battV /= nom / 12;
  const c = chargeOf(battV);
  q.log.debug(2, `battcharge: ${c}`);
  return String(c);
}

function batteryLimits(q: QxEngine, item: Item): string | null {
  const nom = strtod(q.host.getInfo('battery.voltage.nominal'));
  const vbc = state(q).q5Vbc;
  const low = ((vbc > 0 ? vbc : 960) * nom) / 1200;
  const high = (1365 * nom) / 1200;
  if (item.from === 1) { q.log.debug(2, `BattLow: ${fixed(low, 2)}`); return fixed(low, 2); }
  if (item.from === 2) { q.log.debug(2, `BattHigh: ${fixed(high, 2)}`); return fixed(high, 2); }
  return null;
}

function runtime(q: QxEngine, item: Item): string {
  // four bytes, big endian, as a C int
  const v = ((byte(q, item, 1) << 24) + (byte(q, item, 2) << 16) + (byte(q, item, 3) << 8) + byte(q, item, 4)) | 0;
  q.log.debug(2, `At: ${v}`);
  return String(v);
}

function testResult(q: QxEngine, item: Item): string {
  const raw = item.answer.slice(1, 5);
  const nul = raw.indexOf('\0');
  const tr = nul >= 0 ? raw.slice(0, nul) : raw;
  q.log.debug(2, `At: ${tr}`);
  return tr;
}

/** bypass/boost/buck (bits 40..42) and battery/output checks (bit 41): set straight into ups.status */
function statusBits(q: QxEngine, item: Item): string | null {
  if (item.from === 40) {
    if (item.value[0] === '1') {
      if (item.value[2] === '1') { // standby unit: judge by the voltages
        const shift = voltageShift(q, 'ablerex_process_status_bits');
        if (!shift) return null;
        q.host.statusSet(shift === 'SAME' ? 'BYPASS' : shift);
      } else q.host.statusSet('BYPASS');
    }
  } else if (item.from === 41) {
    if (item.value[0] === '1') q.host.statusSet('RB');
    if (strtod(q.host.getInfo('output.voltage')) < 50.0) q.host.statusSet('OFF');
  } else return null;
  return '';
}

const q1 = { command: 'Q1\r', answerLen: 47, leading: '(' };
const f = { command: 'F\r', answerLen: 22, leading: '#', flags: QX_FLAG_QUICK_POLL };
const i = { command: 'I\r', answerLen: 39, leading: '#', dfl: '%s', flags: QX_FLAG_STATIC | QX_FLAG_TRIM };
const bits = (from: number, to: number, type: string, dfl: string | null, flags: number, preprocess: ItemDef['preprocess']): ItemDef =>
  ({ ...q1, type, from, to, dfl, flags, preprocess });
const blazerBits: ItemDef['preprocess'] = (q, it) => blazerStatusBits(q, it);
export const ablerex: SubdriverDef = {
  name: 'Ablerex 0.01',
  claim: blazerClaim,
  items: [
    { ...q1, type: 'input.voltage', from: 1, to: 5, dfl: '%.1f' },
    { ...q1, type: 'input.voltage.fault', from: 7, to: 11, dfl: '%.1f' },
    { ...q1, type: 'output.voltage', from: 13, to: 17, dfl: '%.1f' },
    { ...q1, type: 'ups.load', from: 19, to: 21, dfl: '%.0f' },
    { ...q1, type: 'input.frequency', from: 23, to: 26, dfl: '%.1f' },
    { ...q1, type: 'battery.voltage', from: 28, to: 31, dfl: '%.2f', preprocess: battery },
    { ...q1, type: 'battery.charge', from: 28, to: 31, dfl: '%.2f', preprocess: batteryCharge },
    { ...q1, type: 'ups.temperature', from: 33, to: 36, dfl: '%.1f' },
    bits(38, 38, 'ups.status', null, QX_FLAG_QUICK_POLL, blazerBits),
    bits(39, 39, 'ups.status', null, QX_FLAG_QUICK_POLL, blazerBits),
    bits(40, 42, 'ups.status', null, QX_FLAG_QUICK_POLL, statusBits),
    bits(41, 41, 'ups.status', null, QX_FLAG_QUICK_POLL, statusBits),
    bits(41, 41, 'ups.alarm', null, 0, blazerBits),
    bits(42, 42, 'ups.type', '%s', QX_FLAG_STATIC, blazerBits),
    bits(43, 43, 'ups.status', null, QX_FLAG_QUICK_POLL, blazerBits),
    bits(44, 44, 'ups.status', null, QX_FLAG_QUICK_POLL, blazerBits),
    bits(45, 45, 'ups.beeper.status', '%s', 0, blazerBits),
    { ...f, type: 'output.voltage.nominal', from: 1, to: 5, dfl: '%.1f' },
    { ...f, type: 'output.current.nominal', from: 7, to: 9, dfl: '%.1f' },
    { ...f, type: 'battery.voltage.nominal', from: 11, to: 15, dfl: '%.1f' },
    { ...f, type: 'output.frequency.nominal', from: 17, to: 20, dfl: '%.1f' },
    { ...f, type: 'battery.voltage.low', from: 1, to: 2, dfl: '%.2f', preprocess: batteryLimits },
    { ...f, type: 'battery.voltage.high', from: 2, to: 3, dfl: '%.2f', preprocess: batteryLimits },
    { type: 'output.frequency', command: 'Q5\r', answerLen: 22, leading: '(', from: 1, to: 18, dfl: '%.1f', preprocessAnswer: keepRaw, preprocess: q5 },
    { type: 'battery.runtime', command: 'At\r', leading: '(', dfl: '%d', preprocessAnswer: keepRaw, preprocess: runtime },
    { type: 'ups.test.result', command: 'TR\r', leading: '#', dfl: '%s', preprocess: testResult },
    { ...i, type: 'device.mfr', from: 1, to: 15 },
    { ...i, type: 'device.model', from: 17, to: 26 },
    { ...i, type: 'ups.firmware', from: 28, to: 37 },
    ...blazerCommandItems({ loadOff: 'S.2\r' }),
    ...blazerDelayItems(),
  ],
  initups: blazerInitups,
  vartable: blazerVartable,
  accepted: 'ACK',
  rejected: null,
};
