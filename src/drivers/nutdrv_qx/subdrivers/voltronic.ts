// Voltronic Power units speaking the "QGS/QPI" protocol family (NUT 2.8.0's
// nutdrv_qx_voltronic.c, "Voltronic 0.06"). QPI names the protocol (P00…P99);
// the protocol and the capability flags (QFLAG) decide which further queries,
// commands and settable variables exist. Capabilities without a NUT variable
// are settable once, from ups.conf (NONUT items).

import type { InfoRw, Item, ItemDef, SubdriverDef } from '../item.js';
import {
  QX_FLAG_ABSENT, QX_FLAG_CMD, QX_FLAG_ENUM, QX_FLAG_NONUT, QX_FLAG_QUICK_POLL, QX_FLAG_RANGE,
  QX_FLAG_SEMI_STATIC, QX_FLAG_SETVAR, QX_FLAG_SKIP, QX_FLAG_STATIC, QX_FLAG_TRIM, ST_FLAG_RW,
  cformat, strtod, strtol, twoStepClaim,
} from '../item.js';
import type { QxEngine } from '../engine.js';
import { voltageShift } from '../blazer-common.js';
import { CAPS, capability, capabilityReset, capabilitySet, capabilitySetNonut } from './voltronic-caps.js';
import { outletDelaySet, p31BatteryTypeSet, p31WorkRangeSet, phaseSet, processCommand, processSetvar } from './voltronic-setters.js';
import { lc, numeric, protocolOf, state, unskip } from './voltronic-state.js';
import { voltronicWarning } from './voltronic-alarms.js';
import {
  batteryLow, bypassFreqMax, bypassFreqMin, bypassVoltMax, bypassVoltMin, ecoFreqMax, ecoFreqMin, ecoVoltWindow,
} from './voltronic-limits.js';

const STATIC = QX_FLAG_STATIC;
const SEMI = QX_FLAG_SEMI_STATIC;
const QUICK = QX_FLAG_QUICK_POLL;
const SKIP = QX_FLAG_SKIP;
const CMD = QX_FLAG_CMD;
const SETVAR = QX_FLAG_SETVAR;
const ENUM = QX_FLAG_ENUM;
const RANGE = QX_FLAG_RANGE;
const NONUT = QX_FLAG_NONUT;

// ---- protocol and the items it brings ----

/** Protocol ids Voltronic 0.06 knows (NUT 2.8.0): others (e.g. PI30) fall through to later subdrivers. */
const PROTOCOLS = new Set([0, 1, 2, 3, 8, 9, 10, 13, 14, 31, 99]);

/** Items a protocol unskips: multi-phase readings, P31 battery type/grid range, bypass limits, QBDR. */
function unskippedBy(q: QxEngine, p: number, item: Item): boolean {
  const t = lc(item.type);
  const is = (...names: string[]): boolean => names.includes(t);
  const setvar = (item.flags & SETVAR) !== 0;
  if (p === 9 && is('output.bypass.l1-n.voltage', 'output.bypass.l2-n.voltage') && item.answerLen === 19) return true;
  if (p === 10 && (is('output.l3-n.voltage', 'output.bypass.l1-l2.voltage', 'output.bypass.l2-l3.voltage', 'output.bypass.l1-l3.voltage',
    'output.l3.current', 'output.l3.power.percent') ||
    (t === 'output.l2-l3.voltage' && item.from === 25) || (t === 'output.l1-l3.voltage' && item.from === 31) ||
    (is('output.bypass.l1-n.voltage', 'output.bypass.l2-n.voltage', 'output.bypass.l3-n.voltage') && item.answerLen === 37))) return true;
  if ((p === 9 || p === 10) && is('output.l1-n.voltage', 'output.l2-n.voltage', 'output.l1-l2.voltage', 'output.l1.current',
    'output.l2.current', 'output.l1.power.percent', 'output.l2.power.percent')) return true;
  if ((p === 3 || p === 9 || p === 10) && is('input.l1-n.voltage', 'input.l2-n.voltage', 'input.l1-l2.voltage', 'input.l1.current', 'input.l2.current')) return true;
  if ((p === 3 || p === 10) && (is('input.l3-n.voltage', 'input.l3.current') ||
    (t === 'input.l2-l3.voltage' && item.from === 25) || (t === 'input.l1-l3.voltage' && item.from === 31))) return true;
  if (p === 31 && (t === 'battery.type' || (t === 'work_range_type' && (!setvar || q.host.getval(item.type) !== undefined)))) return true;
  if (p !== 0 && p !== 8 && p !== 31 && !setvar && is('max_bypass_volt', 'min_bypass_volt', 'max_bypass_freq', 'min_bypass_freq')) return true;
  if (t === 'reset_to_default' && q.host.testvar('reset_to_default')) return true;
  return t === 'unknown.7' && q.host.testvar('testing');
}

/** QPI: "PInn" → "Pnn" (only ids 2.8.0 knows), then unskip what that protocol has. */
function protocol(q: QxEngine, item: Item): string | null {
  const v = item.value;
  if (lc(v.slice(0, 2)) !== 'pi') {
    q.log.debug(2, `voltronic_protocol: invalid start characters [${v.slice(0, 2)}]`);
    return null;
  }
  // upstream's digit filter: only 0-4, 8, 9 may appear
  if (!/^[0123489]*$/.test(v.slice(2))) { q.log.err(`Protocol [${v}] is not supported by this driver`); return null; }
  const id = strtol(v.slice(2));
  if (!PROTOCOLS.has(id)) { q.log.err(`Protocol [PI${String(id).padStart(2, '0')}] is not supported by this driver`); return null; }
  for (const it of q.items) if (it.command !== null && unskippedBy(q, id, it)) it.flags &= ~SKIP;
  return `P${String(id).padStart(2, '0')}`;
}

// ---- readings ----

/** QGS flag bits: ups.type, status, alarms, beeper */
function status(q: QxEngine, item: Item): string | null {
  const v = item.value;
  if (!/^[01]*$/.test(v)) { q.log.debug(3, `voltronic_status: unexpected value ${v}@${item.from}->${v}`); return null; }
  const on = v[0] === '1';
  switch (item.from) {
    case 63: {
      const type = strtol(v);
      if (type === 0) return 'offline';
      if (type === 1) return 'line-interactive';
      if (type === 10) return 'online';
      q.log.debug(2, `voltronic_status: invalid type [${item.type}: ${v}]`);
      return null;
    }
    case 65: return on ? '!OL' : 'OL';
    case 66: return on ? 'LB' : '!LB';
    case 67: {
      if (!on) return '';
      const shift = voltageShift(q, 'voltronic_status');
      if (shift !== 'SAME') return shift;
      // P00/P08 units report AVR here, the others bypass
      const p = protocolOf(q);
      if (p === 0 || p === 8) return lc(item.type) === 'ups.alarm' ? 'UPS is in AVR Mode.' : '';
      return lc(item.type) === 'ups.status' ? 'BYPASS' : '';
    }
    // the UPS-fault bit: upstream compares the character with the number 1, never true, so
    // it raises no alarm and never unskips its fault-code query (QFS), which tsnut therefore omits
    case 68: return '';
    case 70: return on ? 'CAL' : '!CAL';
    case 71: return on ? 'FSD' : '!FSD';
    case 72: {
      if (state(q).caps.has('alarm_control')) {
        const beeper = q.host.getInfo('ups.beeper.status');
        if (beeper !== undefined && lc(beeper) === 'disabled') return '';
        return v[0] === '0' ? 'enabled' : 'muted';
      }
      return v[0] === '0' ? 'enabled' : 'disabled';
    }
    default: return null;
  }
}

/** QMOD: working mode → status token or alarm */
const MODES: Record<string, { status?: string; alarm?: string }> = {
  P: { alarm: 'UPS is going ON' }, S: { status: 'OFF' }, Y: { status: 'BYPASS' }, L: { status: 'OL' }, B: { status: '!OL' },
  T: { status: 'CAL' }, F: { alarm: 'Fault reported by UPS.' }, E: { alarm: 'UPS is in ECO Mode.' },
  C: { alarm: 'UPS is in Converter Mode.' }, D: { alarm: 'UPS is shutting down!', status: 'FSD' },
};
function mode(q: QxEngine, item: Item): string | null {
  const m = MODES[item.value[0] ?? ''];
  if (!m) { q.log.debug(2, `voltronic_mode: invalid reply from the UPS [${item.value}]`); return null; }
  if (m.alarm && lc(item.type) === 'ups.alarm') return cformat(item.dfl ?? '%s', m.alarm);
  if (m.status && lc(item.type) === 'ups.status') return cformat(item.dfl ?? '%s', m.status);
  return '';
}

/** a number scaled into item.dfl (runtime and outlet delays: minutes → seconds; power factor: % → ratio) */
const scaled = (fn: string, factor: number) => (q: QxEngine, item: Item): string | null => {
  if (!numeric(item.value)) { q.log.debug(2, `${fn}: non numerical value [${item.type}: ${item.value}]`); return null; }
  return cformat(item.dfl ?? '', strtod(item.value) * factor);
};
const battRuntime = scaled('voltronic_batt_runtime', 60);
const powerFactor = scaled('voltronic_output_powerfactor', 0.01);

function serial(q: QxEngine, item: Item): string | null {
  if (/^0*$/.test(item.value)) {
    q.log.info(`${item.type}: UPS reported a non-significant serial [${item.value}]`);
    return null;
  }
  return cformat(item.dfl ?? '%s', item.value);
}

function battNumber(q: QxEngine, item: Item): string | null {
  if (!numeric(item.value)) { q.log.debug(2, `voltronic_batt_numb: non numerical value [${item.type}: ${item.value}]`); return null; }
  const s = state(q);
  s.batteryNumber = strtol(item.value);
  const out = cformat(item.dfl ?? '', s.batteryNumber);
  if (q.host.getval(item.type) === undefined) return out;
  return unskip(q, 'battery_number', SETVAR) ? out : null;
}

/** QBYV/QBYF: bypass limits (ups.conf-only); their setter is unskipped when ups.conf asks for a value */
function bypass(q: QxEngine, item: Item): string | null {
  if (!numeric(item.value)) { q.log.debug(2, `voltronic_bypass: non numerical value [${item.type}: ${item.value}]`); return null; }
  const s = state(q);
  let val: number;
  switch (lc(item.type)) {
    case 'max_bypass_volt': val = s.maxBypassVolt = strtol(item.value); break;
    case 'min_bypass_volt': val = s.minBypassVolt = strtol(item.value); break;
    case 'max_bypass_freq': val = s.maxBypassFreq = strtod(item.value); break;
    case 'min_bypass_freq': val = s.minBypassFreq = strtod(item.value); break;
    default: return null;
  }
  const out = cformat(item.dfl ?? '', val);
  if (q.host.getval(item.type) === undefined) return out;
  return unskip(q, item.type, SETVAR) ? out : null;
}

/** QHE: ECO mode voltage limits; fills their ranges from the nominal output voltage */
function ecoVolt(q: QxEngine, item: Item): string | null {
  if (!numeric(item.value)) { q.log.debug(2, `voltronic_eco_volt: non numerical value [${item.type}: ${item.value}]`); return null; }
  const out = cformat(item.dfl ?? '', strtod(item.value));
  const ovnText = q.host.getInfo('output.voltage.nominal');
  if (ovnText === undefined) { q.log.debug(2, 'voltronic_eco_volt: unable to get output voltage nominal'); return out; }
  const ovn = strtol(ovnText);
  if (ovn > 2147483647 || ovn < 0) { q.log.debug(2, `voltronic_eco_volt: unable to get output voltage nominal: ${ovn}`); return out; }
  const win = ecoVoltWindow(protocolOf(q), ovn);
  if (!win) { q.log.debug(2, "voltronic_eco_volt: the UPS doesn't seem to support ECO Mode"); return out; }
  const [minLo, minHi, maxLo, maxHi] = win;
  if (lc(item.type) === 'input.transfer.high') { item.rw[0]!.value = String(maxLo); item.rw[1]!.value = String(maxHi); }
  else if (lc(item.type) === 'input.transfer.low') { item.rw[0]!.value = String(minLo); item.rw[1]!.value = String(minHi); }
  for (const name of [`${item.type}.min`, `${item.type}.max`]) if (!unskip(q, name, SEMI)) return null;
  return unskip(q, item.type, SETVAR) ? out : null;
}

/** input.transfer.{low,high}.{min,max}: the bounds ecoVolt computed */
function ecoVoltRange(q: QxEngine, item: Item): string | null {
  const m = /^(input\.transfer\.(?:low|high))\.(min|max)$/.exec(lc(item.type));
  if (!m) return null;
  const from = q.findItem(m[1]!, SEMI);
  const bound = from?.rw[m[2] === 'min' ? 0 : 1]?.value;
  return bound ? bound : null;
}

function ecoFreq(q: QxEngine, item: Item): string | null {
  if (!numeric(item.value)) { q.log.debug(2, `voltronic_eco_freq: non numerical value [${item.type}: ${item.value}]`); return null; }
  const out = cformat(item.dfl ?? '', strtod(item.value));
  return unskip(q, item.type, SETVAR) ? out : null;
}

/** QSKn: programmable outlet n; a valid reply unskips its delay and on/off commands */
function outlet(q: QxEngine, item: Item): string | null {
  const n = item.type[7];
  const c = item.value[0];
  if (c !== '0' && c !== '1') { q.log.debug(2, `voltronic_outlet: invalid reply from the UPS [${item.type}: ${item.value}]`); return null; }
  let out: string;
  if (item.type.includes('switchable')) out = cformat(item.dfl ?? '%s', 'yes');
  else if (item.type.includes('status')) out = cformat(item.dfl ?? '%s', c === '1' ? 'on' : 'off');
  else return null;
  if (!unskip(q, `outlet.${n}.delay.shutdown`, SEMI) || !unskip(q, `outlet.${n}.load.on`, CMD) || !unskip(q, `outlet.${n}.load.off`, CMD)) return null;
  return out;
}

function outletDelay(q: QxEngine, item: Item): string | null {
  const out = scaled('voltronic_outlet_delay', 60)(q, item);
  if (out === null) return null;
  return unskip(q, `outlet.${item.type[7]}.delay.shutdown`, SETVAR) ? out : null;
}

/** QBT / QGR (P31 only): a two-digit index into the item's enum */
const p31Enum = (fn: string, what: string, digits: string) => (q: QxEngine, item: Item): string | null => {
  const v = item.value;
  if (v[0] !== '0' || !digits.includes(v[1] ?? '\0')) { q.log.debug(2, `${fn}: invalid ${what} reported by the UPS [${v}]`); return null; }
  const i = strtol(v);
  if (lc(item.type) === 'work_range_type') state(q).workRangeType = i;
  return cformat(item.dfl ?? '%s', item.rw[i]?.value ?? '');
};
const p31BatteryType = p31Enum('voltronic_p31b', 'battery type', '012');
const p31WorkRange = p31Enum('voltronic_p31g', 'device grid working range', '01');

/** QPD: input/output phase angles */
function phase(q: QxEngine, item: Item): string | null {
  if (!numeric(item.value)) { q.log.debug(2, `voltronic_phase: non numerical value [${item.type}: ${item.value}]`); return null; }
  const angle = strtol(item.value);
  if (lc(item.type) === 'output_phase_angle') {
    state(q).outputPhaseAngle = angle;
    if (q.host.getval(item.type) !== undefined && !unskip(q, item.type, SETVAR)) return null;
  }
  if (angle < 0 || angle > 2147483647) { q.log.debug(2, `voltronic_phase: phase angle out of range [${item.value}: ${angle}]`); return null; }
  return cformat(item.dfl ?? '', angle);
}

function parallel(q: QxEngine, item: Item): string | null {
  if (!/^[0-9]*$/.test(item.value)) { q.log.debug(2, `voltronic_parallel: non numerical value [${item.type}: ${item.value}]`); return null; }
  const n = strtol(item.value);
  const role = n === 1 ? 'master' : n === 2 || n === 3 ? 'slave' : null;
  if (!role) { q.log.debug(2, `voltronic_parallel: invalid reply from the UPS [${item.value}]`); return null; }
  return `This UPS is *${role}* in a system of UPSes in parallel`;
}

// ---- the table ----

const eCap: InfoRw[] = [{ value: 'no' }, { value: 'yes' }];
const eCapNonut: InfoRw[] = [{ value: 'enabled' }, { value: 'disabled' }];
const r = (a: string, b: string): InfoRw[] => [{ value: a }, { value: b }];

/** a reply item: command, expected length, leading character */
const q = (command: string, answerLen: number, leading = '(') => (type: string, from: number, to: number, dfl: string | null, flags = 0, extra: Partial<ItemDef> = {}): ItemDef =>
  ({ type, command: `${command}\r`, answerLen, leading, from, to, dfl, flags, ...extra });
const ack = (type: string, command: string, flags: number, extra: Partial<ItemDef> = {}): ItemDef =>
  ({ type, command: `${command}\r`, answerLen: 5, leading: '(', from: 1, to: 3, dfl: null, flags, ...extra });

const QRI = q('QRI', 22);
const QMD = q('QMD', 48);
const F = q('F', 22, '#');
const I = q('I', 39, '#');
const QGS = q('QGS', 76);
const QBV = q('QBV', 21);
const QFLAG = q('QFLAG', 4);
const QHE = q('QHE', 9);
const QFRE = q('QFRE', 11);
const QBYV = q('QBYV', 9);
const QBYF = q('QBYF', 11);
const QPD = q('QPD', 9);

/** multi-phase readings, unskipped per protocol: [type, from] of a 6-field (37) or 3-field (13) reply */
const phases = (command: string, fields: [string, number][], len: number, dfl: string): ItemDef[] =>
  fields.map(([type, from]) => q(command, len)(type, from, from + (len === 13 ? 2 : 4), dfl, SKIP));
const six = (prefix: string): [string, number][] =>
  [[`${prefix}L1-N.voltage`, 1], [`${prefix}L2-N.voltage`, 7], [`${prefix}L3-N.voltage`, 13], [`${prefix}L1-L2.voltage`, 19], [`${prefix}L2-L3.voltage`, 25], [`${prefix}L1-L3.voltage`, 31]];
const three = (f: (n: number) => string): [string, number][] => [[f(1), 1], [f(2), 5], [f(3), 9]];

const items: ItemDef[] = [
  q('QPI', 6)('ups.firmware.aux', 1, 4, '%s', STATIC, { preprocess: protocol }),
  QRI('output.voltage.nominal', 1, 5, '%.1f', STATIC),
  QRI('output.current.nominal', 7, 9, '%.0f', STATIC),
  QRI('battery.voltage.nominal', 11, 15, '%.1f', SEMI), // per pack: changes with battery_number
  QRI('output.frequency.nominal', 17, 20, '%.1f', STATIC),
  QMD('device.model', 1, 15, '%s', STATIC | QX_FLAG_TRIM),
  QMD('ups.power.nominal', 17, 23, '%s', STATIC | QX_FLAG_TRIM),
  QMD('output.powerfactor', 25, 26, '%.1f', STATIC, { preprocess: powerFactor }),
  QMD('input.phases', 28, 28, '%.0f', STATIC),
  QMD('output.phases', 30, 30, '%.0f', STATIC),
  QMD('input.voltage.nominal', 32, 34, '%.1f', STATIC),
  QMD('output.voltage.nominal', 36, 38, '%.1f', STATIC),
  F('input.voltage.nominal', 1, 5, '%.1f', STATIC),
  F('input.current.nominal', 7, 9, '%.1f', STATIC),
  F('battery.voltage.nominal', 11, 15, '%.1f', STATIC),
  F('input.frequency.nominal', 17, 20, '%.1f', STATIC),
  q('QMF', 2)('device.mfr', 1, 0, '%s', STATIC | QX_FLAG_TRIM),
  q('QVFW', 16)('ups.firmware', 7, 14, '%s', STATIC),
  q('QID', 2)('device.serial', 1, 0, '%s', STATIC, { preprocess: serial }),
  I('device.mfr', 1, 15, '%s', STATIC | QX_FLAG_TRIM),
  I('device.model', 17, 26, '%s', STATIC | QX_FLAG_TRIM),
  I('ups.firmware', 28, 37, '%s', STATIC | QX_FLAG_TRIM),
  QGS('input.voltage', 1, 5, '%.1f'),
  QGS('input.frequency', 7, 10, '%.1f'),
  QGS('output.voltage', 12, 16, '%.1f'),
  QGS('output.frequency', 18, 21, '%.1f'),
  QGS('output.current', 23, 27, '%.1f'),
  QGS('ups.load', 29, 31, '%.0f'),
  QGS('battery.voltage', 45, 49, '%.2f'),
  QGS('ups.temperature', 57, 61, '%.1f'),
  QGS('ups.type', 63, 64, '%s', SEMI, { preprocess: status }),
  QGS('ups.status', 65, 65, '%s', QUICK, { preprocess: status }), // utility fail
  QGS('ups.status', 66, 66, '%s', QUICK, { preprocess: status }), // battery low
  QGS('ups.status', 67, 67, '%s', QUICK, { preprocess: status }), // bypass/boost/buck
  QGS('ups.alarm', 67, 67, '%s', 0, { preprocess: status }),
  QGS('ups.alarm', 68, 68, '%s', 0, { preprocess: status }), // UPS fault
  QGS('ups.status', 70, 70, '%s', QUICK, { preprocess: status }), // test in progress
  QGS('ups.status', 71, 71, '%s', QUICK, { preprocess: status }), // shutdown active
  QGS('ups.beeper.status', 72, 72, '%s', 0, { preprocess: status }),
  q('QMOD', 3)('ups.alarm', 1, 1, '%s', 0, { preprocess: mode }),
  q('QMOD', 3)('ups.status', 1, 1, '%s', 0, { preprocess: mode }),
  q('QWS', 66)('ups.alarm', 1, 64, '%s', 0, { preprocess: voltronicWarning }),
  QBV('battery.voltage', 1, 5, '%.2f'),
  QBV('battery_number', 7, 9, '%d', SEMI | RANGE | NONUT, { infoFlags: ST_FLAG_RW, rw: r('1', '9'), preprocess: battNumber }),
  QBV('battery.packs', 10, 11, '%.0f', SEMI | RANGE, { infoFlags: ST_FLAG_RW, rw: r('1', '99') }),
  QBV('battery.charge', 13, 15, '%.0f'),
  QBV('battery.runtime', 17, 19, '%.0f', 0, { preprocess: battRuntime }),
  q('QLDL', 9)('output.power.minimum.percent', 1, 3, '%.0f'),
  q('QLDL', 9)('output.power.maximum.percent', 5, 7, '%.0f'),
  ...phases('Q3PV', six('input.'), 37, '%.1f'),
  ...phases('Q3PC', three((n) => `input.L${n}.current`), 13, '%.0f'),
  ...phases('Q3OV', six('output.'), 37, '%.1f'),
  ...phases('Q3OC', three((n) => `output.L${n}.current`), 13, '%.0f'),
  ...phases('Q3LD', three((n) => `output.L${n}.power.percent`), 13, '%.0f'),
  ...phases('Q3YV', six('output.bypass.').slice(0, 3), 37, '%.1f'),
  ...phases('Q3YV', six('output.bypass.').slice(0, 2), 19, '%.1f'), // P09: two phases
  ...phases('Q3YV', six('output.bypass.').slice(3), 37, '%.1f'),
  ...CAPS.map((c) => (c.nut
    ? QFLAG(c.name, 1, 0, '%s', SEMI | ENUM, { infoFlags: ST_FLAG_RW, rw: eCap, preprocess: capability })
    : QFLAG(c.name, 1, 0, '%s', SEMI | NONUT, { preprocess: capability }))),
  ...CAPS.filter((c) => c.nut).map((c) => ack(c.name, `P%s${c.set}`, SETVAR | ENUM | SKIP, { rw: eCap, preprocess: capabilitySet })),
  ack('reset_to_default', 'PF', SETVAR | NONUT | SKIP, { preprocess: capabilityReset }),
  ...CAPS.filter((c) => !c.nut).map((c) => ack(c.name, `P%s${c.set}`, SETVAR | ENUM | NONUT | SKIP, { rw: eCapNonut, preprocess: capabilitySetNonut })),
  ...[1, 2, 3, 4].flatMap((n) => [
    q(`QSK${n}`, 3)(`outlet.${n}.switchable`, 1, 1, '%s', SEMI | SKIP, { preprocess: outlet }),
    q(`QSK${n}`, 3)(`outlet.${n}.status`, 1, 1, '%s', SEMI | SKIP, { preprocess: outlet }),
  ]),
  ...[1, 2, 3, 4].map((n) => q(`QSKT${n}`, 5)(`outlet.${n}.delay.shutdown`, 1, 3, '%.0f', SEMI | RANGE | SKIP,
    { infoFlags: ST_FLAG_RW, rw: r('0', '59940'), preprocess: outletDelay })),
  ...[1, 2, 3, 4].map((n) => ack(`outlet.${n}.delay.shutdown`, `PSK${n}%03d`, SETVAR | RANGE | SKIP, { rw: r('0', '59940'), preprocess: outletDelaySet })),
  // ranges filled at run time from the nominal output voltage
  QHE('input.transfer.high', 1, 3, '%.0f', SEMI | RANGE | SKIP, { infoFlags: ST_FLAG_RW, rw: r('', ''), preprocess: ecoVolt }),
  QHE('input.transfer.low', 5, 7, '%.0f', SEMI | RANGE | SKIP, { infoFlags: ST_FLAG_RW, rw: r('', ''), preprocess: ecoVolt }),
  QHE('input.transfer.low.min', 5, 7, '%.0f', SEMI | SKIP, { preprocess: ecoVoltRange }),
  QHE('input.transfer.low.max', 5, 7, '%.0f', SEMI | SKIP, { preprocess: ecoVoltRange }),
  QHE('input.transfer.high.min', 1, 3, '%.0f', SEMI | SKIP, { preprocess: ecoVoltRange }),
  QHE('input.transfer.high.max', 1, 3, '%.0f', SEMI | SKIP, { preprocess: ecoVoltRange }),
  ack('input.transfer.high', 'HEH%03.0f', SETVAR | RANGE | SKIP, { rw: r('', ''), preprocess: processSetvar }),
  ack('input.transfer.low', 'HEL%03.0f', SETVAR | RANGE | SKIP, { rw: r('', ''), preprocess: processSetvar }),
  QFRE('input.frequency.high', 1, 4, '%.1f', SEMI | RANGE | SKIP, { infoFlags: ST_FLAG_RW, rw: ecoFreqMax, preprocess: ecoFreq }),
  QFRE('input.frequency.low', 6, 9, '%.1f', SEMI | RANGE | SKIP, { infoFlags: ST_FLAG_RW, rw: ecoFreqMin, preprocess: ecoFreq }),
  ack('input.frequency.high', 'FREH%04.1f', SETVAR | RANGE | SKIP, { rw: ecoFreqMax, preprocess: processSetvar }),
  ack('input.frequency.low', 'FREL%04.1f', SETVAR | RANGE | SKIP, { rw: ecoFreqMin, preprocess: processSetvar }),
  QBYV('max_bypass_volt', 1, 3, '%.0f', SEMI | RANGE | NONUT | SKIP, { infoFlags: ST_FLAG_RW, rw: bypassVoltMax, preprocess: bypass }),
  QBYV('min_bypass_volt', 5, 7, '%.0f', SEMI | RANGE | NONUT | SKIP, { infoFlags: ST_FLAG_RW, rw: bypassVoltMin, preprocess: bypass }),
  ack('max_bypass_volt', 'PHV%03.0f', SETVAR | RANGE | NONUT | SKIP, { rw: bypassVoltMax, preprocess: processSetvar }),
  ack('min_bypass_volt', 'PLV%03.0f', SETVAR | RANGE | NONUT | SKIP, { rw: bypassVoltMin, preprocess: processSetvar }),
  QBYF('max_bypass_freq', 1, 4, '%.1f', SEMI | RANGE | NONUT | SKIP, { infoFlags: ST_FLAG_RW, rw: bypassFreqMax, preprocess: bypass }),
  QBYF('min_bypass_freq', 6, 9, '%.1f', SEMI | RANGE | NONUT | SKIP, { infoFlags: ST_FLAG_RW, rw: bypassFreqMin, preprocess: bypass }),
  ack('max_bypass_freq', 'PGF%04.1f', SETVAR | RANGE | NONUT | SKIP, { rw: bypassFreqMax, preprocess: processSetvar }),
  ack('min_bypass_freq', 'PSF%04.1f', SETVAR | RANGE | NONUT | SKIP, { rw: bypassFreqMin, preprocess: processSetvar }),
  ack('battery_number', 'BATN%1.0f', SETVAR | RANGE | NONUT, { rw: r('1', '9'), preprocess: processSetvar }),
  ack('battery.packs', 'BATGN%02.0f', SETVAR | RANGE, { rw: r('1', '99'), preprocess: processSetvar }),
  q('QBT', 4)('battery.type', 1, 2, '%s', SEMI | ENUM | SKIP, { infoFlags: ST_FLAG_RW, rw: [{ value: 'Li' }, { value: 'Flooded' }, { value: 'AGM' }], preprocess: p31BatteryType }),
  ack('battery.type', 'PBT%02.0f', SETVAR | ENUM | SKIP, { rw: [{ value: 'Li' }, { value: 'Flooded' }, { value: 'AGM' }], preprocess: p31BatteryTypeSet }),
  q('QGR', 4)('work_range_type', 1, 2, '%s', SEMI | ENUM | NONUT | SKIP, { infoFlags: ST_FLAG_RW, rw: [{ value: 'Appliance' }, { value: 'UPS' }], preprocess: p31WorkRange }),
  ack('work_range_type', 'PGR%02.0f', SETVAR | ENUM | NONUT | SKIP, { rw: [{ value: 'Appliance' }, { value: 'UPS' }], preprocess: p31WorkRangeSet }),
  q('RE0', 3, '#')('battery.voltage.low', 1, 2, '%.1f', SEMI | RANGE, { infoFlags: ST_FLAG_RW, rw: batteryLow }),
  ack('battery.voltage.low', 'W0E%02.0f', SETVAR | RANGE, { rw: batteryLow, preprocess: processSetvar }),
  QPD('input_phase_angle', 1, 3, '%03d', SEMI | NONUT, { preprocess: phase }),
  QPD('output_phase_angle', 5, 7, '%03d', SEMI | ENUM | NONUT, { infoFlags: ST_FLAG_RW, rw: ['000', '120', '180', '240'].map((value) => ({ value })), preprocess: phase }),
  ack('output_phase_angle', 'PPD%03.0f', SETVAR | ENUM | NONUT | SKIP, { rw: ['000', '120', '180', '240'].map((value) => ({ value })), preprocess: phaseSet }),
  q('QPAR', 5)('voltronic_parallel', 1, 3, '%s', STATIC | NONUT, { preprocess: parallel }),
  q('QBDR', 5)('unknown.7', 1, 0, '%s', STATIC | NONUT | SKIP), // asked only with the "testing" flag
  ack('load.off', 'SOFF', CMD),
  ack('load.on', 'SON', CMD),
  ack('shutdown.return', 'S%s', CMD, { preprocess: processCommand }),
  ack('shutdown.stayoff', 'S%sR0000', CMD, { preprocess: processCommand }),
  ack('shutdown.stop', 'CS', CMD),
  ack('test.battery.start', 'T%s', CMD, { preprocess: processCommand }),
  ack('test.battery.start.deep', 'TL', CMD),
  ack('test.battery.start.quick', 'T', CMD),
  ack('test.battery.stop', 'CT', CMD),
  ack('beeper.toggle', 'BZ%s', CMD, { preprocess: processCommand }),
  ack('beeper.enable', 'PEA', CMD | SKIP), // with the alarm_control capability
  ack('beeper.disable', 'PDA', CMD | SKIP),
  ...[1, 2, 3, 4].flatMap((n) => [ack(`outlet.${n}.load.off`, `SKOFF${n}`, CMD | SKIP), ack(`outlet.${n}.load.on`, `SKON${n}`, CMD | SKIP)]),
  ack('bypass.start', 'PEE', CMD | SKIP), // with the eco_mode capability
  ack('bypass.stop', 'PDE', CMD | SKIP),
  { type: 'ups.delay.start', infoFlags: ST_FLAG_RW, rw: r('0', '599940'), command: null, dfl: '180', flags: QX_FLAG_ABSENT | SETVAR | RANGE, preprocess: processSetvar },
  { type: 'ups.delay.shutdown', infoFlags: ST_FLAG_RW, rw: r('12', '5940'), command: null, dfl: '30', flags: QX_FLAG_ABSENT | SETVAR | RANGE, preprocess: processSetvar },
];

const V = (name: string, desc: string) => ({ kind: 'VALUE' as const, name, desc });

export const voltronic: SubdriverDef = {
  name: 'Voltronic 0.06',
  claim: twoStepClaim('input.voltage', 'ups.firmware.aux'),
  items,
  vartable: [
    { kind: 'FLAG', name: 'reset_to_default', desc: 'Reset capability options and their limits to safe default values' },
    V('bypass_alarm', 'Alarm (BEEP!) at Bypass Mode [enabled/disabled]'),
    V('battery_alarm', 'Alarm (BEEP!) at Battery Mode [enabled/disabled]'),
    V('bypass_when_off', 'Bypass when the UPS is Off [enabled/disabled]'),
    V('alarm_control', 'Alarm (BEEP!) Control [enabled/disabled]'),
    V('converter_mode', 'Converter Mode [enabled/disabled]'),
    V('eco_mode', 'ECO Mode [enabled/disabled]'),
    V('battery_open_status_check', 'Battery Open Status Check [enabled/disabled]'),
    V('bypass_forbidding', 'Bypass not allowed (Bypass Forbidding) [enabled/disabled]'),
    V('site_fault_detection', 'Site fault detection [enabled/disabled]'),
    V('advanced_eco_mode', 'Advanced ECO Mode [enabled/disabled]'),
    V('constant_phase_angle', 'Constant Phase Angle Function (Output and input phase angles are not equal) [enabled/disabled]'),
    V('limited_runtime_on_battery', 'Limited runtime on battery mode [enabled/disabled]'),
    V('max_bypass_volt', 'Maximum voltage for Bypass Mode'),
    V('min_bypass_volt', 'Minimum voltage for Bypass Mode'),
    V('max_bypass_freq', 'Maximum frequency for Bypass Mode'),
    V('min_bypass_freq', 'Minimum frequency for Bypass Mode'),
    V('work_range_type', 'Device grid working range for P31 UPSes [Appliance/UPS]'),
    V('output_phase_angle', 'Change output phase angle to the provided value [000, 120, 180, 240]°'),
    V('battery_number', 'Set number of batteries that make a pack to n (integer, 1-9)'),
    { kind: 'FLAG', name: 'testing', desc: 'If invoked the driver will exec also commands that still need testing' },
  ],
  accepted: 'ACK',
  rejected: '(NAK\r',
};
