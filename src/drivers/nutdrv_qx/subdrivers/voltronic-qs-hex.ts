// Voltronic Power units speaking the binary "QS" dialect, protocols 'P' and 'T'
// (NUT's nutdrv_qx_voltronic-qs-hex.c, "Voltronic-QS-Hex 0.10"): the QS reply
// carries raw bytes, rewritten to hex text (status/ratings bytes to binary
// digits) before the usual column cutting. Commands are not acknowledged;
// "N\r" means rejected.

import type { Item, ItemDef, SubdriverDef } from '../item.js';
import { QX_FLAG_CMD, QX_FLAG_QUICK_POLL, QX_FLAG_SKIP, QX_FLAG_STATIC, cformat, twoStepClaim } from '../item.js';
import type { QxEngine } from '../engine.js';
import { blazerCommandItems, blazerDelayItems, blazerInitupsLight, blazerStatusBits, blazerVartableLight } from '../blazer-common.js';

const claim = twoStepClaim('ups.firmware.aux', 'input.voltage');

/** the byte a "(" escape stands for (CR, XON, XOFF, LF, space) */
const UNESCAPE: Record<number, number> = { 0: 0x0d, 1: 0x11, 2: 0x13, 3: 0x0a, 4: 0x20 };

/** a byte as 8 binary digits */
const bin = (b: number): string => b.toString(2).padStart(8, '0');
const hex = (b: number): string => b.toString(16).padStart(2, '0');

/**
 * raw QS reply → "#6c01 35 6c01 35 03 519a 1312d0 e6 1e 00001001[ 00000010]";
 * `ok` false when the reply has not 10 or 11 well-sized fields
 */
export function refineQs(raw: string): { out: string; ok: boolean } {
  let out = '#';
  let token = 1;
  for (let i = 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20) { out += ' '; token++; continue; }
    const fmt = token !== 10 && token !== 11 ? hex : bin;
    if (c === 0x28) {
      // past the end, C reads the buffer's NUL: an escaped CR
      const e = UNESCAPE[i + 1 < raw.length ? raw.charCodeAt(i + 1) : 0];
      if (e !== undefined) { out += hex(e); i++; continue; }
      out += fmt(c);
      continue;
    }
    if (c === 0x0d) break;
    out += fmt(c);
  }
  const ok = (token === 10 && out.length === 46) || (token === 11 && out.length === 55);
  return { out, ok };
}

function qsAnswer(q: QxEngine, item: Item, answer: string): string | null {
  if (!answer.length) return answer;
  if (answer[0] !== '#') {
    q.log.debug(4, `voltronic_qs_hex_preprocess_qs_answer: wrong leading character [${item.type}: 0x${answer.charCodeAt(0).toString(16)}]`);
    return null;
  }
  q.log.debug(4, `read: (${answer.length} bytes) => ${[...answer].map((ch) => hex(ch.charCodeAt(0))).join(' ')}`);
  const { out, ok } = refineQs(answer);
  if (!ok) { q.log.debug(2, `noncompliant reply: ${out}`); return null; }
  q.log.debug(4, `read: ${out}`);
  return `${out}\r`;
}

const HEX_SP = /^[0-9A-Fa-f ]*$/;
const nonNumerical = (q: QxEngine, fn: string, item: Item): null => {
  q.log.debug(2, `${fn}: non numerical value [${item.type}: ${item.value}]`);
  return null;
};

/** "hhhh hh" → the two numbers strtol(…, 16) reads */
function twoHex(v: string): [number, number] {
  const m = /^\s*([0-9a-f]*)(.*)$/i.exec(v)!;
  const first = m[1] ? parseInt(m[1], 16) : 0;
  const rest = /^\s*([0-9a-f]+)/i.exec(m[2]!);
  return [first, rest ? parseInt(rest[1]!, 16) : 0];
}

function protocol(q: QxEngine, item: Item): string | null {
  const p = item.value.toLowerCase();
  if (p !== 'p' && p !== 't') { q.log.debug(2, `voltronic_qs_hex_protocol: invalid protocol [${item.value}]`); return null; }
  const out = cformat(item.dfl ?? '%s', item.value);
  if (p === 'p') return out;
  // only 'T' units know the quick test and send the ratings byte
  for (const [type, flags] of [['test.battery.start.quick', QX_FLAG_CMD], ['output.frequency.nominal', 0], ['battery.voltage.nominal', 0], ['output.voltage.nominal', 0]] as const) {
    const it = q.findItem(type, flags);
    if (!it) return null;
    it.flags &= ~QX_FLAG_SKIP;
  }
  return out;
}

function inOutVoltage(q: QxEngine, item: Item): string | null {
  if (!HEX_SP.test(item.value)) return nonNumerical(q, 'voltronic_qs_hex_input_output_voltage', item);
  const [a, b] = twoHex(item.value);
  return cformat(item.dfl ?? '', Math.trunc((a * b) / 51) / 256);
}

function load(q: QxEngine, item: Item): string | null {
  if (!/^[0-9A-Fa-f]*$/.test(item.value)) return nonNumerical(q, 'voltronic_qs_hex_load', item);
  return cformat(item.dfl ?? '', item.value ? parseInt(item.value, 16) : 0);
}

function frequency(q: QxEngine, item: Item): string | null {
  if (!HEX_SP.test(item.value)) return nonNumerical(q, 'voltronic_qs_hex_frequency', item);
  const [a, b] = twoHex(item.value);
  return cformat(item.dfl ?? '', Math.min(b / a, 99.9));
}

function batteryVoltage(q: QxEngine, item: Item): string | null {
  if (!HEX_SP.test(item.value)) return nonNumerical(q, 'voltronic_qs_hex_battery_voltage', item);
  const [a, b] = twoHex(item.value);
  return cformat(item.dfl ?? '', (a * b) / 510.0);
}

function ratingsBits(q: QxEngine, item: Item): string | null {
  if (!/^[01]*$/.test(item.value)) {
    q.log.debug(3, `voltronic_qs_hex_process_ratings_bits: unexpected value ${item.type}@${item.from}->${item.value}`);
    return null;
  }
  const v = item.value ? parseInt(item.value, 10) : 0;
  let r: number | undefined;
  if (item.from === 47) r = v === 0 ? 50 : 60;
  else if (item.from === 48) r = v === 0 ? 12 : v === 1 ? 24 : v === 10 ? 36 : 48;
  else if (item.from === 52) r = ({ 0: 110, 1: 120, 10: 220, 11: 230, 100: 240 } as Record<number, number>)[v];
  return r === undefined ? null : cformat(item.dfl ?? '', r);
}

const qs = { command: 'QS\r', answerLen: 47, leading: '#', preprocessAnswer: qsAnswer };
const bits = (from: number, type: string, dfl: string | null, flags: number): ItemDef =>
  ({ ...qs, type, from, to: from, dfl, flags, preprocess: (q, it) => blazerStatusBits(q, it) });
const rating = (type: string, from: number, to: number): ItemDef =>
  ({ ...qs, answerLen: 56, type, from, to, dfl: '%.1f', flags: QX_FLAG_SKIP, preprocess: ratingsBits });

export const voltronicQsHex: SubdriverDef = {
  name: 'Voltronic-QS-Hex 0.10',
  claim,
  items: [
    { type: 'ups.firmware.aux', command: 'M\r', answerLen: 2, from: 0, to: 0, dfl: 'PM-%s', flags: QX_FLAG_STATIC, preprocess: protocol },
    { ...qs, type: 'input.voltage', from: 1, to: 7, dfl: '%.1f', preprocess: inOutVoltage },
    { ...qs, type: 'output.voltage', from: 9, to: 15, dfl: '%.1f', preprocess: inOutVoltage },
    { ...qs, type: 'ups.load', from: 17, to: 18, dfl: '%d', preprocess: load },
    { ...qs, type: 'output.frequency', from: 20, to: 30, dfl: '%.1f', preprocess: frequency },
    { ...qs, type: 'battery.voltage', from: 32, to: 36, dfl: '%.2f', preprocess: batteryVoltage },
    bits(38, 'ups.status', null, QX_FLAG_QUICK_POLL),
    bits(39, 'ups.status', null, QX_FLAG_QUICK_POLL),
    bits(40, 'ups.status', null, QX_FLAG_QUICK_POLL),
    bits(41, 'ups.alarm', null, 0),
    bits(42, 'ups.type', '%s', QX_FLAG_STATIC),
    bits(43, 'ups.status', null, QX_FLAG_QUICK_POLL),
    bits(44, 'ups.status', null, QX_FLAG_QUICK_POLL),
    bits(45, 'ups.beeper.status', '%s', 0),
    rating('output.frequency.nominal', 47, 47),
    rating('battery.voltage.nominal', 48, 49),
    rating('output.voltage.nominal', 52, 54),
    ...blazerCommandItems({ tests: 'quick', quickFlags: QX_FLAG_SKIP }), // quick test: protocol T units only
    ...blazerDelayItems(['60', '599940'], ['12', '540']),
  ],
  initups: blazerInitupsLight,
  vartable: blazerVartableLight,
  accepted: null,
  rejected: 'N\r',
};
