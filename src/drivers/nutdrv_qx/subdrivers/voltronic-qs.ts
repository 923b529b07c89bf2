// Voltronic Power units speaking the "QS" dialect, protocol 'V' (NUT's
// nutdrv_qx_voltronic-qs.c, "Voltronic-QS 0.07"): M → protocol, QS → status
// (frequency is the output's), F → output ratings; commands are not acknowledged.

import type { SubdriverDef, Item } from '../item.js';
import { QX_FLAG_STATIC, cformat, twoStepClaim } from '../item.js';
import type { QxEngine } from '../engine.js';
import { blazerCommandItems, blazerDelayItems, blazerInitupsLight, blazerVartableLight, q1StatusItems } from '../blazer-common.js';

function protocol(q: QxEngine, item: Item): string | null {
  if (item.value.toLowerCase() !== 'v') {
    q.log.debug(2, `voltronic_qs_protocol: invalid protocol [${item.value}]`);
    return null;
  }
  return cformat(item.dfl ?? '%s', item.value);
}

const claim = twoStepClaim('ups.firmware.aux', 'input.voltage');

const status = q1StatusItems('QS').map((i) => (i.type === 'input.frequency' ? { ...i, type: 'output.frequency' } : i));
const f = { command: 'F\r', answerLen: 22, leading: '#', flags: QX_FLAG_STATIC };

export const voltronicQs: SubdriverDef = {
  name: 'Voltronic-QS 0.07',
  claim,
  items: [
    { type: 'ups.firmware.aux', command: 'M\r', answerLen: 2, from: 0, to: 0, dfl: 'PM-%s', flags: QX_FLAG_STATIC, preprocess: protocol },
    ...status,
    { ...f, type: 'output.voltage.nominal', from: 1, to: 5, dfl: '%.0f' },
    { ...f, type: 'output.current.nominal', from: 7, to: 9, dfl: '%.1f' },
    { ...f, type: 'battery.voltage.nominal', from: 11, to: 15, dfl: '%.1f' },
    { ...f, type: 'output.frequency.nominal', from: 17, to: 20, dfl: '%.0f' },
    ...blazerCommandItems({ framing: { from: 1, to: 3 }, tests: 'quick' }),
    ...blazerDelayItems(['60', '599940'], ['12', '540']),
  ],
  initups: blazerInitupsLight,
  vartable: blazerVartableLight,
  accepted: null,
  rejected: null,
};
