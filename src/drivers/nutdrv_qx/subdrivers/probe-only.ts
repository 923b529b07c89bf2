// Protocols whose autodetection tsnut reproduces (same queries, same order,
// same acceptance rules) but whose full tables are not implemented yet:
// a device that claims one of them stops the driver with a clear message
// instead of being mistaken for a later protocol in the probe list.

import type { SubdriverDef, ItemDef } from '../item.js';

function probeOnly(name: string, items: ItemDef[], claim: SubdriverDef['claim'], extra: Partial<SubdriverDef> = {}): SubdriverDef {
  return { name, claim, items, vartable: [], accepted: null, rejected: null, probeOnly: true, ...extra };
}

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
