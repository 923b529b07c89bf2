// Protocols whose autodetection tsnut reproduces (same queries, same order,
// same acceptance rules) but whose full tables are not implemented yet:
// a device that claims one of them stops the driver with a clear message
// instead of being mistaken for a later protocol in the probe list.

import type { SubdriverDef, Item, ItemDef } from '../item.js';
import { QX_FLAG_STATIC, strtol, twoStepClaim } from '../item.js';
import type { QxEngine } from '../engine.js';

function probeOnly(name: string, items: ItemDef[], claim: SubdriverDef['claim'], extra: Partial<SubdriverDef> = {}): SubdriverDef {
  return { name, claim, items, vartable: [], accepted: null, rejected: null, probeOnly: true, ...extra };
}

/** Protocol ids Voltronic 0.06 knows (NUT 2.8.0): others (e.g. PI30) fall through to later subdrivers. */
const VOLTRONIC_PROTOCOLS = new Set([0, 1, 2, 3, 8, 9, 10, 13, 14, 31, 99]);

/** "PInn" → "Pnn"; the digit filter is upstream's (only 0-4, 8, 9 may appear), then the id list. */
function voltronicProtocol(q: QxEngine, item: Item): string | null {
  const v = item.value;
  if (v.slice(0, 2).toLowerCase() !== 'pi') {
    q.log.debug(2, `voltronic_protocol: invalid start characters [${v.slice(0, 2)}]`);
    return null;
  }
  const rest = v.slice(2);
  if (!/^[0123489]*$/.test(rest)) { q.log.err(`Protocol [${v}] is not supported by this driver`); return null; }
  const id = strtol(rest);
  const pid = `P${String(id).padStart(2, '0')}`;
  if (!VOLTRONIC_PROTOCOLS.has(id)) { q.log.err(`Protocol [PI${pid.slice(1)}] is not supported by this driver`); return null; }
  return pid;
}

export const voltronic = probeOnly('Voltronic 0.06', [
  { type: 'ups.firmware.aux', command: 'QPI\r', answerLen: 6, leading: '(', from: 1, to: 4, dfl: '%s', flags: QX_FLAG_STATIC,
    preprocess: voltronicProtocol },
  { type: 'input.voltage', command: 'QGS\r', answerLen: 76, leading: '(', from: 1, to: 5, dfl: '%.1f' },
], twoStepClaim('input.voltage', 'ups.firmware.aux'), { accepted: 'ACK', rejected: '(NAK\r' });

// masterguard_claim() looks its first mandatory item up as "series", which its
// table names "experimental.series": in 2.8.0 the claim fails before sending anything.
export const masterguard = probeOnly('Masterguard 0.02', [], async () => false, {
  vartable: [
    { kind: 'VALUE', name: 'series', desc: 'Series (A/E)' },
    { kind: 'VALUE', name: 'slave_address', desc: 'Slave address (UPS id) to match' },
    { kind: 'VALUE', name: 'input_fault_voltage', desc: 'Input fault voltage (whatever that means)' },
    { kind: 'VALUE', name: 'number_of_battery_cells', desc: 'Number of battery cells in series' },
    { kind: 'VALUE', name: 'nominal_cell_voltage', desc: 'Nominal battery cell voltage' },
    { kind: 'VALUE', name: 'runtime_half', desc: 'Nominal battery run time at half load (seconds)' },
    { kind: 'VALUE', name: 'runtime_full', desc: 'Nominal battery run time at full load (seconds)' },
    { kind: 'VALUE', name: 'recharge_time', desc: 'Nominal battery recharge time to 95% capacity (seconds)' },
    { kind: 'VALUE', name: 'output_voltages', desc: 'Possible output voltages (volts)' },
  ],
});
