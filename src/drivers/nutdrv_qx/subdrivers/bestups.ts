// Best Power / Sola Australia units (NUT's nutdrv_qx_bestups.c, "BestUPS 0.06"):
// Q1 status, ID → model and ratings, RT → runtime, BP?/BPn → battery packs,
// SS?/SSn → pins shutdown mode (a ups.conf-only variable), M → voltage settings.
// Commands are not acknowledged.

import type { InfoRw, Item, ItemDef, SubdriverDef } from '../item.js';
import {
  QX_FLAG_NONUT, QX_FLAG_RANGE, QX_FLAG_SEMI_STATIC, QX_FLAG_SETVAR,
  QX_FLAG_SKIP, QX_FLAG_STATIC, ST_FLAG_RW, cformat, fixed, strtod, strtol, twoStepClaim,
} from '../item.js';
import { S, type QxEngine } from '../engine.js';
import {
  blazerDelayItems, blazerInitupsLight, blazerProcessCommand, blazerStatusBits, cmdItem,
  blazerVartableLight, q1StatusItems,
} from '../blazer-common.js';

/** per-engine state (NUT keeps it in file statics) */
interface State { pinsShutdownMode: number; invertedBbb: boolean }
const states = new WeakMap<QxEngine, State>();
function state(q: QxEngine): State {
  let s = states.get(q);
  if (!s) { s = { pinsShutdownMode: 0, invertedBbb: false }; states.set(q, s); }
  return s;
}

const range = (a: string, b: string): InfoRw[] => [{ value: a }, { value: b }];

const claim = twoStepClaim('input.voltage', 'device.model');

/** "FOR,750,120,120,20.0,27.6\r" → fixed-width "FOR, 750,120,120,20.0, 27.6\r" */
function idAnswer(q: QxEngine, item: Item, answer: string): string | null {
  const len = answer.length;
  if (len <= 0) return answer;
  if (len < 25 || len > 27) { q.log.debug(4, `bestups_preprocess_id_answer: wrong length [${item.type}: ${len}]`); return null; }
  const shown = (s: string): string => s.slice(0, s.indexOf('\r') >= 0 ? s.indexOf('\r') : s.length);
  q.log.debug(4, `read: '${shown(answer)}'`);
  const tokens = answer.split(',').filter((t) => t.length > 0); // strtok skips empty fields
  let refined = '';
  tokens.forEach((t, i) => {
    if (i === 0) refined = t;
    else if (i === 1) refined += `,${t.padStart(4, ' ')}`;
    else if (i === 5) refined += `,${t.padStart(6, ' ')}`;
    else refined += `,${t}`;
  });
  if (tokens.length !== 6 || refined.length !== 28) { q.log.debug(2, `noncompliant reply: '${shown(refined)}'`); return null; }
  q.log.debug(4, `read: '${shown(refined)}'`);
  return refined;
}

const MFR: Record<string, string> = {
  AX1: 'Best Power', FOR: 'Best Power', FTC: 'Best Power', PR2: 'Best Power', PRO: 'Best Power',
  325: 'Sola Australia', 520: 'Sola Australia', 620: 'Sola Australia',
};
const MODEL: Record<string, string> = { AX1: 'Axxium Rackmount', FOR: 'Fortress', FTC: 'Fortress Telecom', PR2: 'Patriot Pro II', PRO: 'Patriot Pro' };

function manufacturer(_q: QxEngine, item: Item): string {
  return cformat(item.dfl ?? '%s', MFR[item.value] ?? 'Unknown');
}

function model(q: QxEngine, item: Item): string | null {
  const id = item.value;
  let out: string;
  if (MODEL[id]) {
    out = cformat(item.dfl ?? '%s', MODEL[id]);
    if (id === 'PR2' || id === 'PRO') state(q).invertedBbb = true;
  } else if (['320', '325', '520', '525', '620'].includes(id)) out = `Sola ${id}`;
  else {
    // NUT prints the literal format with dfl "%s": "Unknown (%s)" is its argument
    out = cformat(item.dfl ?? '%s', 'Unknown (%s)');
    q.log.info(`Unknown model detected - please report this ID: '${id}'`);
  }
  // runtime: all but Patriot Pro / Sola 320; battery packs: Axxium / Sola 620 only
  if (id !== 'PRO' && id !== '320') {
    const it = q.findItem('battery.runtime');
    if (!it) return null;
    it.flags &= ~QX_FLAG_SKIP;
  }
  if (id === 'AX1' || id === '620') {
    const it = q.findItem('battery.packs', 0, QX_FLAG_SETVAR);
    if (!it) return null;
    it.flags &= ~QX_FLAG_SKIP;
  }
  return out;
}

function runtime(q: QxEngine, item: Item): string | null {
  if (!/^[0-9 .]*$/.test(item.value)) { q.log.debug(2, `bestups_batt_runtime: non numerical value [${item.type}: ${item.value}]`); return null; }
  return cformat(item.dfl ?? '', strtod(item.value) * 60); // minutes → seconds
}

function battPacks(q: QxEngine, item: Item): string | null {
  if (!/^[0-9 ]*$/.test(item.value)) { q.log.debug(2, `bestups_batt_packs: non numerical value [${item.type}: ${item.value}]`); return null; }
  const out = cformat(item.dfl ?? '', strtol(item.value));
  const setter = q.findItem('battery.packs', QX_FLAG_SETVAR);
  if (!setter) return null;
  setter.flags &= ~QX_FLAG_SKIP;
  return out;
}

function getPinsShutdownMode(q: QxEngine, item: Item): string | null {
  if (!/^[0-9]*$/.test(item.value)) { q.log.debug(2, `bestups_get_pins_shutdown_mode: non numerical value [${item.type}: ${item.value}]`); return null; }
  const l = strtol(item.value);
  if (l > 2147483647) { q.log.debug(2, `bestups_get_pins_shutdown_mode: pins_shutdown_mode out of range [${item.type}: ${item.value}]`); return null; }
  state(q).pinsShutdownMode = l;
  // NUT formats this int with "%.0f" (undefined behaviour): on x86-64 the
  // reference prints the FP register, which holds 0 here, whatever the value
  const out = cformat(item.dfl ?? '', 0);
  // the setter runs only when ups.conf asks for a value
  if (item.flags & QX_FLAG_NONUT && q.host.getval(item.type) === undefined) return out;
  const setter = q.findItem(item.type, QX_FLAG_SETVAR);
  if (!setter) return null;
  setter.flags &= ~QX_FLAG_SKIP;
  return out;
}

function processSetvar(q: QxEngine, item: Item, value: string): string | null {
  if (!value.length) { q.log.debug(2, `bestups_process_setvar: value not given for ${item.type}`); return null; }
  const val = strtod(value);
  if (item.type.toLowerCase() === 'pins_shutdown_mode' && val === state(q).pinsShutdownMode) {
    q.log.info(`${item.type} is already set to ${fixed(val, 0)}`);
    return null;
  }
  return cformat(item.command ?? '', val);
}

// M reply 0..9 → [low, boost, nominal, buck, high]; U models then E models (nominal > 160 V)
const VOLTAGES: number[][] = [
  [96, 109, 120, 130, 146], [96, 109, 120, 138, 156], [90, 104, 120, 130, 146], [90, 104, 120, 138, 156], [90, 104, 110, 120, 130],
  [90, 104, 110, 130, 146], [90, 96, 110, 120, 130], [90, 96, 110, 130, 146], [96, 109, 128, 146, 156], [90, 104, 128, 146, 156],
  [200, 222, 240, 250, 284], [200, 222, 240, 264, 290], [188, 210, 240, 250, 284], [188, 210, 240, 264, 290], [188, 210, 230, 244, 270],
  [188, 210, 230, 250, 284], [180, 200, 230, 244, 270], [180, 200, 230, 250, 284], [165, 188, 208, 222, 244], [165, 188, 208, 244, 270],
];
const COLUMN: Record<string, number> = {
  'input.transfer.low': 0, 'input.transfer.boost.low': 0, 'input.transfer.boost.high': 1,
  'input.voltage.nominal': 2, 'output.voltage.nominal': 2, 'input.transfer.trim.low': 3,
  'input.transfer.trim.high': 4, 'input.transfer.high': 4,
};

function voltageSettings(q: QxEngine, item: Item): string | null {
  if (!/^[0-9]*$/.test(item.value)) { q.log.debug(2, `bestups_voltage_settings: non numerical value [${item.type}: ${item.value}]`); return null; }
  let index = strtol(item.value);
  if (index < 0 || index > 9) { q.log.debug(2, `bestups_voltage_settings: value '${index}' out of range [0..9]`); return null; }
  const nominal = q.host.getInfo('input.voltage.nominal') ?? q.host.getInfo('output.voltage.nominal');
  if (nominal === undefined) { q.log.debug(2, 'bestups_voltage_settings: unable to get nominal voltage'); return null; }
  if (strtol(nominal) > 160) index += 10;
  const col = COLUMN[item.type.toLowerCase()];
  if (col === undefined) return null;
  return cformat(item.dfl ?? '', VOLTAGES[index]![col]!);
}

/** Bypass/boost/buck bit: meaningless unless on line; inverted on Patriot Pro units */
function bbbStatusBit(q: QxEngine, item: Item): string | null {
  const st = q.upsStatus;
  const flip = (c: string): string => (c === '1' ? '0' : c === '0' ? '1' : c);
  if (!(st & S.OL) || st & (S.CAL | S.FSD)) {
    if (item.value[0] === '1') item.value = `0${item.value.slice(1)}`;
  } else if (state(q).invertedBbb && item.value.length) item.value = flip(item.value[0]!) + item.value.slice(1);
  return blazerStatusBits(q, item);
}

// Q1 items minus the beeper bit, with the bypass/boost/buck bit moved last (it needs the others)
const q1 = q1StatusItems('Q1').filter((i) => i.from !== 45);
const bbb = q1.find((i) => i.from === 40)!;
const status: ItemDef[] = [...q1.filter((i) => i !== bbb), { ...bbb, preprocess: bbbStatusBit }];

const id = { command: 'ID\r', answerLen: 28, preprocessAnswer: idAnswer };
const m = { command: 'M\r', answerLen: 2, from: 0, to: 0, dfl: '%d', preprocess: voltageSettings };
const packs = range('0', '5');
const pins = range('0', '6');

export const bestups: SubdriverDef = {
  name: 'BestUPS 0.06',
  claim,
  items: [
    ...status,
    { ...id, type: 'device.mfr', from: 0, to: 2, dfl: '%s', flags: QX_FLAG_STATIC, preprocess: manufacturer },
    { ...id, type: 'device.model', from: 0, to: 2, dfl: '%s', flags: QX_FLAG_STATIC, preprocess: model },
    { ...id, type: 'ups.power.nominal', from: 4, to: 7, dfl: '%.0f', flags: QX_FLAG_STATIC },
    { ...id, type: 'input.voltage.nominal', from: 9, to: 11, dfl: '%.0f', flags: QX_FLAG_STATIC },
    { ...id, type: 'output.voltage.nominal', from: 13, to: 15, dfl: '%.0f', flags: QX_FLAG_STATIC },
    { ...id, type: 'battery.voltage.low', from: 17, to: 20, dfl: '%.1f', flags: QX_FLAG_SEMI_STATIC },
    { ...id, type: 'battery.voltage.high', from: 22, to: 26, dfl: '%.1f', flags: QX_FLAG_SEMI_STATIC },
    { type: 'battery.runtime', command: 'RT\r', answerLen: 4, from: 0, to: 2, dfl: '%.0f', flags: QX_FLAG_SKIP, preprocess: runtime },
    { type: 'battery.packs', infoFlags: ST_FLAG_RW, rw: packs, command: 'BP?\r', answerLen: 3, from: 0, to: 1, dfl: '%d',
      flags: QX_FLAG_SEMI_STATIC | QX_FLAG_RANGE | QX_FLAG_SKIP, preprocess: battPacks },
    { type: 'battery.packs', rw: packs, command: 'BP%.0f\r', flags: QX_FLAG_SETVAR | QX_FLAG_RANGE | QX_FLAG_SKIP, preprocess: processSetvar },
    { type: 'pins_shutdown_mode', infoFlags: ST_FLAG_RW, rw: pins, command: 'SS?\r', answerLen: 2, from: 0, to: 0, dfl: '%.0f',
      flags: QX_FLAG_SEMI_STATIC | QX_FLAG_RANGE | QX_FLAG_NONUT, preprocess: getPinsShutdownMode },
    { type: 'pins_shutdown_mode', rw: pins, command: 'SS%.0f\r', flags: QX_FLAG_SETVAR | QX_FLAG_RANGE | QX_FLAG_NONUT | QX_FLAG_SKIP, preprocess: processSetvar },
    ...['input.transfer.low', 'input.transfer.boost.low', 'input.transfer.boost.high', 'input.voltage.nominal',
      'output.voltage.nominal', 'input.transfer.trim.low', 'input.transfer.trim.high', 'input.transfer.high'].map((type) => ({ ...m, type })),
    cmdItem('shutdown.return', 'S%s\r', blazerProcessCommand),
    cmdItem('shutdown.stayoff', 'S%s\r', blazerProcessCommand),
    cmdItem('shutdown.stop', 'C\r'),
    cmdItem('load.on', 'C\r'),
    cmdItem('load.off', 'S00R0000\r'),
    cmdItem('test.battery.start', 'T%02d\r', blazerProcessCommand),
    cmdItem('test.battery.start.deep', 'TL\r'),
    cmdItem('test.battery.start.quick', 'T\r'),
    cmdItem('test.battery.stop', 'CT\r'),
    ...blazerDelayItems(['60', '599940'], ['12', '5940']),
  ],
  initups: blazerInitupsLight,
  vartable: [
    { kind: 'VALUE', name: 'pins_shutdown_mode', desc: "Set shutdown mode functionality of Pin 1 and Pin 7 on the UPS DB9 communication port (Per Best Power's EPS-0059) to n (integer, 0-6)" },
    ...blazerVartableLight,
  ],
  accepted: null,
  rejected: null,
};
