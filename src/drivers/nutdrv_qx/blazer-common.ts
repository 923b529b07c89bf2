// Helpers shared by the Megatec-like subdrivers (NUT's nutdrv_qx_blazer-common.c):
// the claim, the status-bit decoder of the Q1 reply, the shutdown/test command
// builders and the ups.delay.* rules.

import type { QxEngine } from './engine.js';
import {
  type InfoRw, type Item, type ItemDef, type SubdriverDef, QX_FLAG_ABSENT, QX_FLAG_CMD, QX_FLAG_RANGE, QX_FLAG_SETVAR, QX_FLAG_SKIP, ST_FLAG_RW,
  strtol, cformat, strtod,
} from './item.js';

export const DEFAULT_ONDELAY = '180';
export const DEFAULT_OFFDELAY = '30';

/**
 * The settable ups.delay.start / ups.delay.shutdown items (blazer_process_setvar
 * rounds what is set), with each subdriver's range in seconds and defaults.
 */
export function blazerDelayItems(
  on: [string, string] = ['0', '599940'], off: [string, string] = ['12', '600'],
  ondelay = DEFAULT_ONDELAY, offdelay = DEFAULT_OFFDELAY,
): ItemDef[] {
  const b = { infoFlags: ST_FLAG_RW, command: null, flags: QX_FLAG_ABSENT | QX_FLAG_SETVAR | QX_FLAG_RANGE, preprocess: blazerProcessSetvar };
  const range = ([lo, hi]: [string, string]): InfoRw[] => [{ value: lo }, { value: hi }];
  return [
    { ...b, type: 'ups.delay.start', rw: range(on), dfl: ondelay },
    { ...b, type: 'ups.delay.shutdown', rw: range(off), dfl: offdelay },
  ];
}

/** One instant-command item; `framing` says where the unit's acknowledgement sits in its reply, if it sends one. */
export function cmdItem(type: string, command: string, preprocess?: ItemDef['preprocess'], flags = 0, framing: Partial<ItemDef> = {}): ItemDef {
  return { ...framing, type, command, flags: QX_FLAG_CMD | flags, ...(preprocess ? { preprocess } : {}) };
}

export interface BlazerCommandOptions {
  /** acknowledgement framing (Mecer: "(ACK" in a 5-byte reply; Voltronic-QS: columns 1-3) */
  framing?: Partial<ItemDef>;
  /** load.off command (Ablerex: "S.2") */
  loadOff?: string;
  /** 'all' four battery-test commands, or only test.battery.start.quick (with `quickFlags`) */
  tests?: 'all' | 'quick';
  quickFlags?: number;
  /** test.battery.start: how its argument is turned into the command, and the command format */
  testStart?: ItemDef['preprocess'];
  testFmt?: string;
}

/** The Megatec instant commands (beeper, load, shutdown, battery tests) with each protocol's variations. */
export function blazerCommandItems(o: BlazerCommandOptions = {}): ItemDef[] {
  const c = (type: string, command: string, preprocess?: ItemDef['preprocess'], flags = 0): ItemDef => cmdItem(type, command, preprocess, flags, o.framing);
  const quick = c('test.battery.start.quick', 'T\r', undefined, o.quickFlags ?? 0);
  return [
    c('beeper.toggle', 'Q\r'),
    c('load.off', o.loadOff ?? 'S00R0000\r'),
    c('load.on', 'C\r'),
    c('shutdown.return', 'S%s\r', blazerProcessCommand),
    c('shutdown.stayoff', 'S%sR0000\r', blazerProcessCommand),
    c('shutdown.stop', 'C\r'),
    ...(o.tests === 'quick' ? [quick] : [
      c('test.battery.start', o.testFmt ?? 'T%02d\r', o.testStart ?? blazerProcessCommand),
      c('test.battery.start.deep', 'TL\r'),
      quick,
      c('test.battery.stop', 'CT\r'),
    ]),
  ];
}

/** blazer_claim(): status query, then (unless `novendor`) the vendor query */
export async function blazerClaim(q: QxEngine): Promise<boolean> {
  let item = q.findItem('input.voltage');
  if (!item || !(await q.process(item)) || q.infovalSet(item) !== 1) return false;
  if (q.host.testvar('novendor')) return true;
  item = q.findItem('ups.firmware');
  if (!item || !(await q.process(item)) || q.infovalSet(item) !== 1) {
    q.host.delInfo('input.voltage');
    return false;
  }
  return true;
}

/** blazer_claim_light(): status query only */
export async function blazerClaimLight(q: QxEngine): Promise<boolean> {
  const item = q.findItem('input.voltage');
  return !!item && (await q.process(item)) && q.infovalSet(item) === 1;
}

export const blazerVartable: SubdriverDef['vartable'] = [
  { kind: 'FLAG', name: 'norating', desc: 'Skip reading rating information from UPS' },
  { kind: 'FLAG', name: 'novendor', desc: 'Skip reading vendor information from UPS' },
  { kind: 'FLAG', name: 'ignoresab', desc: "Ignore 'Shutdown Active' bit in UPS status" },
];
export const blazerVartableLight: SubdriverDef['vartable'] = [
  { kind: 'FLAG', name: 'ignoresab', desc: "Ignore 'Shutdown Active' bit in UPS status" },
];

/** blazer_initups(): apply norating/novendor/ignoresab */
export function blazerInitups(q: QxEngine): void {
  const nr = q.host.testvar('norating');
  const nv = q.host.testvar('novendor');
  const isb = q.host.testvar('ignoresab');
  if (!nr && !nv && !isb) return;
  for (const item of q.items) {
    if (item.command === null) continue;
    const c = item.command.toLowerCase();
    if (nr && c === 'f\r') { q.log.debug(2, `blazer_initups: skipping ${item.type}`); item.flags |= QX_FLAG_SKIP; }
    if (nv && (c === 'i\r' || c === 'fw?\r')) { q.log.debug(2, `blazer_initups: skipping ${item.type}`); item.flags |= QX_FLAG_SKIP; }
    if (isb && item.type.toLowerCase() === 'ups.status' && item.from === 44 && item.to === 44) {
      q.log.debug(2, `blazer_initups: skipping ${item.type} ('Shutdown Active' bit)`);
      item.flags |= QX_FLAG_SKIP;
    }
  }
}

export function blazerInitupsLight(q: QxEngine): void {
  if (!q.host.testvar('ignoresab')) return;
  const item = q.items.find((i) => i.type.toLowerCase() === 'ups.status' && i.from === 44 && i.to === 44);
  if (item) {
    q.log.debug(2, `blazer_initups_light: skipping ${item.type} ('Shutdown Active' bit)`);
    item.flags |= QX_FLAG_SKIP;
  }
}

/** blazer_process_setvar(): ups.delay.* rounded to what the device can do */
export function blazerProcessSetvar(q: QxEngine, item: Item, value: string): string | null {
  if (!value.length) { q.log.debug(2, `blazer_process_setvar: value not given for ${item.type}`); return null; }
  const t = item.type.toLowerCase();
  let v = strtol(value);
  if (t === 'ups.delay.start') {
    if (v < 0) { q.log.err(`${item.type}: ondelay '${v}' should not be negative`); return null; }
    v -= v % 60;
  } else if (t === 'ups.delay.shutdown') {
    if (v < 0) { q.log.err(`${item.type}: offdelay '${v}' should not be negative`); return null; }
    v -= v < 60 ? v % 6 : v % 60;
  } else return null;
  return String(v);
}

/** "Sn" delay field: .2 … .9 (tenths of minutes) below a minute, else 01 … 10 */
function offdelayField(offdelay: number): string {
  return offdelay < 60 ? `.${Math.trunc(offdelay / 6)}` : cformat('%02ld', Math.trunc(offdelay / 60));
}

/** blazer_process_command(): shutdown.return / shutdown.stayoff / test.battery.start */
export function blazerProcessCommand(q: QxEngine, item: Item, value: string): string | null {
  const t = item.type.toLowerCase();
  const cmd = item.command ?? '';
  if (t === 'shutdown.return') {
    const offdelay = strtol(q.host.getInfo('ups.delay.shutdown'));
    const ondelay = Math.trunc(strtol(q.host.getInfo('ups.delay.start')) / 60);
    if (offdelay < 0) { q.log.err(`${item.type}: offdelay '${offdelay}' should not be negative`); return null; }
    let buf: string;
    if (ondelay <= 0) buf = offdelayField(offdelay);
    else if (offdelay < 60) buf = `.${Math.trunc(offdelay / 6)}R${cformat('%04ld', ondelay)}`;
    else buf = `${cformat('%02ld', Math.trunc(offdelay / 60))}R${cformat('%04ld', ondelay)}`;
    return cformat(cmd, buf);
  }
  if (t === 'shutdown.stayoff') {
    const offdelay = strtol(q.host.getInfo('ups.delay.shutdown'));
    if (offdelay < 0) { q.log.err(`${item.type}: offdelay '${offdelay}' should not be negative`); return null; }
    return cformat(cmd, offdelayField(offdelay));
  }
  if (t === 'test.battery.start') {
    const delay = value.length > 0 ? strtol(value) : 600;
    if (delay < 60 || delay > 5940) {
      q.log.err(`${item.type}: battery test time '${delay}' out of range [60..5940] seconds`);
      return null;
    }
    return cformat(cmd, Math.trunc(delay / 60));
  }
  return null;
}

/**
 * What the "bypass/boost/buck active" bit means, told by output vs input voltage: below 95 %
 * trimming, within 5 % the same (bypass, or AVR on some units), up to 150 % boosting; null
 * (with the reference's debug line, logged under `fn`) when the ratio makes no sense.
 */
export function voltageShift(q: QxEngine, fn: string): 'TRIM' | 'SAME' | 'BOOST' | null {
  const vi = strtod(q.host.getInfo('input.voltage'));
  const vo = strtod(q.host.getInfo('output.voltage'));
  if (vo < 0.5 * vi) { q.log.debug(2, `${fn}: output voltage too low`); return null; }
  if (vo < 0.95 * vi) return 'TRIM';
  if (vo < 1.05 * vi) return 'SAME';
  if (vo < 1.5 * vi) return 'BOOST';
  q.log.debug(2, `${fn}: output voltage too high`);
  return null;
}

/** blazer_process_status_bits(): one bit of "b7..b0" in the Q1 reply */
export function blazerStatusBits(q: QxEngine, item: Item): string | null {
  if (!/^[01]/.test(item.value) || /^[01][01]/.test(item.value)) {
    q.log.debug(3, `blazer_process_status_bits: unexpected value ${item.value}@${item.from}->${item.value}`);
    return null;
  }
  const on = item.value[0] === '1';
  switch (item.from) {
    case 38: return on ? '!OL' : 'OL';
    case 39: return on ? 'LB' : '!LB';
    case 40: {
      if (!on) return '';
      const shift = voltageShift(q, 'blazer_process_status_bits');
      return shift === 'SAME' ? 'BYPASS' : shift;
    }
    case 41: return on ? 'UPS selftest failed!' : '';
    case 42: return on ? 'offline / line interactive' : 'online';
    case 43: return on ? 'CAL' : '!CAL';
    case 44: return on ? 'FSD' : '!FSD';
    case 45: return on ? 'enabled' : 'disabled';
    default: return null;
  }
}

/** The Q1-style status block (47-char reply) for a status query command. */
export function q1StatusItems(cmd: string, quickAll = false): ItemDef[] {
  const base = { command: `${cmd}\r`, answerLen: 47, leading: '(' };
  const qp = quickAll ? 16 : 0;
  const bits = (from: number, type: string, dfl: string | null, flags: number): ItemDef =>
    ({ ...base, type, from, to: from, dfl, flags, preprocess: (q, it) => blazerStatusBits(q, it) });
  return [
    { ...base, type: 'input.voltage', from: 1, to: 5, dfl: '%.1f', flags: qp },
    { ...base, type: 'input.voltage.fault', from: 7, to: 11, dfl: '%.1f', flags: qp },
    { ...base, type: 'output.voltage', from: 13, to: 17, dfl: '%.1f', flags: qp },
    { ...base, type: 'ups.load', from: 19, to: 21, dfl: '%.0f', flags: qp },
    { ...base, type: 'input.frequency', from: 23, to: 26, dfl: '%.1f', flags: qp },
    { ...base, type: 'battery.voltage', from: 28, to: 31, dfl: '%.2f', flags: qp },
    { ...base, type: 'ups.temperature', from: 33, to: 36, dfl: '%.1f', flags: qp },
    bits(38, 'ups.status', null, 16),
    bits(39, 'ups.status', null, 16),
    bits(40, 'ups.status', null, 16),
    bits(41, 'ups.alarm', null, 0),
    bits(42, 'ups.type', '%s', 2),
    bits(43, 'ups.status', null, 16),
    bits(44, 'ups.status', null, 16),
    bits(45, 'ups.beeper.status', '%s', 0),
  ];
}
