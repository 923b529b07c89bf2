// Subdrivers that speak plain Megatec with small differences (NUT's
// nutdrv_qx_{megatec,mustek,megatec-old,zinto,hunnox,q1,mecer}.c):
// which command asks for status/vendor, whether commands are acknowledged.

import type { ItemDef, SubdriverDef, Item } from '../item.js';
import { QX_FLAG_STATIC, QX_FLAG_TRIM, cformat, strtol } from '../item.js';
import type { QxEngine } from '../engine.js';
import {
  blazerClaim, blazerClaimLight, blazerInitups, blazerInitupsLight,
  blazerCommandItems, blazerDelayItems, blazerVartable, blazerVartableLight,
  q1StatusItems,
} from '../blazer-common.js';

function ratingItems(): ItemDef[] {
  const b = { command: 'F\r', answerLen: 22, leading: '#', flags: QX_FLAG_STATIC };
  return [
    { ...b, type: 'input.voltage.nominal', from: 1, to: 5, dfl: '%.0f' },
    { ...b, type: 'input.current.nominal', from: 7, to: 9, dfl: '%.1f' },
    { ...b, type: 'battery.voltage.nominal', from: 11, to: 15, dfl: '%.1f' },
    { ...b, type: 'input.frequency.nominal', from: 17, to: 20, dfl: '%.0f' },
  ];
}

function vendorItems(cmd: string, mfr = true): ItemDef[] {
  const b = { command: `${cmd}\r`, answerLen: 39, leading: '#', flags: QX_FLAG_STATIC | QX_FLAG_TRIM, dfl: '%s' };
  return [
    ...(mfr ? [{ ...b, type: 'device.mfr', from: 1, to: 15 }] : []),
    { ...b, type: 'device.model', from: 17, to: 26 },
    { ...b, type: 'ups.firmware', from: 28, to: 37 },
  ];
}

function family(name: string, statusCmd: string, vendorCmd: string, opts: Partial<SubdriverDef> = {}): SubdriverDef {
  return {
    name,
    claim: blazerClaim,
    items: [...q1StatusItems(statusCmd), ...ratingItems(), ...vendorItems(vendorCmd), ...blazerCommandItems(), ...blazerDelayItems()],
    initups: blazerInitups,
    vartable: blazerVartable,
    accepted: 'ACK',
    rejected: null,
    ...opts,
  };
}

export const megatec = family('Megatec 0.06', 'Q1', 'I');
export const mustek = family('Mustek 0.07', 'QS', 'I', { claim: blazerClaimLight });
export const megatecOld = family('Megatec/old 0.07', 'D', 'I', { claim: blazerClaimLight });
export const zinto = family('Zinto 0.06', 'Q1', 'FW?');

export const hunnox: SubdriverDef = {
  ...family('Hunnox 0.01', 'Q1', 'FW?', { accepted: 'UPS No Ack' }),
  items: [...q1StatusItems('Q1', true), ...ratingItems(), ...vendorItems('FW?'), ...blazerCommandItems(), ...blazerDelayItems(undefined, undefined, '0', '60')],
};

export const q1: SubdriverDef = {
  name: 'Q1 0.07',
  claim: blazerClaimLight,
  items: [...q1StatusItems('Q1'), ...blazerCommandItems(), ...blazerDelayItems()],
  initups: blazerInitupsLight,
  vartable: blazerVartableLight,
  accepted: 'ACK',
  rejected: null,
};

// ---- mecer: Q1 plus QPI protocol query, commands answered (ACK / (NAK ----

function voltronicP98Protocol(q: QxEngine, item: Item): string | null {
  if (item.value.toLowerCase() !== 'pi98') {
    q.log.err(`Protocol [${item.value}] is not supported by this driver`);
    return null;
  }
  return cformat(item.dfl ?? '%s', 'Voltronic Power P98');
}

function mecerTestBattery(q: QxEngine, item: Item, value: string): string | null {
  const protocol = q.host.getInfo('ups.firmware.aux');
  const min = protocol !== undefined && protocol.toLowerCase() === 'voltronic power p98' ? 12 : 60;
  if (!/^[0-9]*$/.test(value)) { q.log.err(`${item.type}: non numerical value [${value}]`); return null; }
  let t = value.length > 0 ? strtol(value) : 600;
  if (t < min || t > 5940) {
    q.log.err(`${item.type}: battery test time '${t}' out of range [${min}..5940] seconds`);
    return null;
  }
  let buf: string;
  if (t < 60) { t = Math.trunc(t / 6); buf = `.${t}`; } else { t = Math.trunc(t / 60); buf = cformat('%02ld', t); }
  return cformat(item.command ?? '', buf);
}

async function mecerClaim(q: QxEngine): Promise<boolean> {
  let item = q.findItem('input.voltage');
  if (!item || !(await q.process(item)) || q.infovalSet(item) !== 1) return false;
  item = q.findItem('ups.firmware.aux');
  if (!item) { q.host.delInfo('input.voltage'); return false; }
  if (!(await q.process(item))) {
    // no reply, echo or another rejection than "(NAK": not an ACK/NAK unit
    if (!item.answer.length || item.answer.toLowerCase() !== '(nak\r') { q.host.delInfo('input.voltage'); return false; }
    item.flags |= 2048; // QX_FLAG_SKIP: no protocol query from now on
  } else if (q.infovalSet(item) !== 1) {
    q.host.delInfo('input.voltage');
    return false;
  }
  return true;
}

export const mecer: SubdriverDef = {
  name: 'Mecer 0.07',
  claim: mecerClaim,
  items: [
    { type: 'ups.firmware.aux', command: 'QPI\r', answerLen: 6, leading: '(', from: 1, to: 4, dfl: '%s', flags: QX_FLAG_STATIC, preprocess: voltronicP98Protocol },
    ...q1StatusItems('Q1'), ...ratingItems(), ...vendorItems('I'),
    ...blazerCommandItems({ framing: { answerLen: 5, leading: '(', from: 1, to: 3 }, testStart: mecerTestBattery, testFmt: 'T%s\r' }), ...blazerDelayItems(),
  ],
  initups: blazerInitups,
  vartable: blazerVartable,
  accepted: 'ACK',
  rejected: '(NAK\r',
};
