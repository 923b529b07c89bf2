// Masterguard units (NUT 2.8.0's "Masterguard 0.02"): only its ups.conf options
// matter. masterguard_claim() looks its first mandatory item up as "series",
// which its table names "experimental.series", so in 2.8.0 the claim fails
// before sending anything and the probe goes on to the next protocol.

import type { SubdriverDef } from '../item.js';

export const masterguard: SubdriverDef = {
  name: 'Masterguard 0.02',
  claim: async () => false,
  items: [],
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
  accepted: null,
  rejected: null,
};
