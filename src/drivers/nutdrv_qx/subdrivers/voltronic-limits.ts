// Settable limits of Voltronic units (NUT 2.8.0's Voltronic 0.06): which
// bypass/ECO voltage and frequency bounds a unit accepts depends on its
// protocol (ups.firmware.aux, "Pnn") and on its nominal voltage/frequency.
// Each candidate value lists the protocols and the nominal condition under
// which it is offered.

import type { InfoRw } from '../item.js';
import { strtod, strtol } from '../item.js';
import type { QxEngine } from '../engine.js';
import { protocolOf } from './voltronic-state.js';

const P01_09 = [1, 9];
const P02_14 = [2, 3, 10, 13, 14];
const P02_99 = [...P02_14, 99];
const ALL = [1, 9, ...P02_99];

/** a nominal condition: input voltage below/at least 200 V, or output frequency 50/60 Hz */
type Cond = 'lo' | 'hi' | 50 | 60 | null;
interface Offer { protocols: number[]; cond: Cond }

function limit(fn: string, needs: 'input.voltage.nominal' | 'output.frequency.nominal', offers: Record<number, Offer[]>): (q: QxEngine, value: string) => boolean {
  return (q, value) => {
    const protocol = protocolOf(q);
    const nominal = q.host.getInfo(needs);
    if (nominal === undefined) { q.log.debug(2, `${fn}: unable to get ${needs}`); return false; }
    const n = needs === 'input.voltage.nominal' ? strtol(nominal) : strtod(nominal);
    const list = offers[strtol(value)];
    if (!list) { q.log.debug(2, `${fn}: unknown value (${value})`); return false; }
    return list.some((o) => o.protocols.includes(protocol) &&
      (o.cond === null || (o.cond === 'lo' ? n < 200 : o.cond === 'hi' ? n >= 200 : n === o.cond)));
  };
}

const rw = (check: (q: QxEngine, value: string) => boolean, values: string[]): InfoRw[] =>
  values.map((value) => ({ value, preprocess: check }));
const o = (protocols: number[], cond: Cond): Offer => ({ protocols, cond });

export const bypassVoltMax = rw(limit('voltronic_bypass_volt_max', 'input.voltage.nominal', {
  60: [o([9], null)], 115: [o(P02_99, 'lo')], 120: [o([1], 'lo')], 132: [o([99], 'lo')], 138: [o(P02_14, 'lo')],
  140: [o([9], null), o([1], 'lo')], 230: [o([1], 'hi')], 231: [o(P02_99, 'hi')], 261: [o([99], 'hi')], 264: [o([1], 'hi')],
  276: [o(P02_14, 'hi')],
}), ['60', '115', '120', '132', '138', '140', '230', '231', '261', '264', '276']);

export const bypassVoltMin = rw(limit('voltronic_bypass_volt_min', 'input.voltage.nominal', {
  50: [o([99], 'lo')], 55: [o(P02_14, 'lo')], 60: [o([9], null)], 85: [o([1, 99], 'lo')], 104: [o(P02_14, 'lo')],
  110: [o(P02_14, 'hi')], 115: [o([1], 'lo')], 140: [o([9], null)], 149: [o([99], 'hi')], 170: [o([1], 'hi')],
  209: [o(P02_99, 'hi')], 220: [o([1], 'hi')],
}), ['50', '55', '60', '85', '104', '110', '115', '140', '149', '170', '209', '220']);

export const bypassFreqMax = rw(limit('voltronic_bypass_freq_max', 'output.frequency.nominal', {
  51: [o(ALL, 50)], 54: [o(P02_99, 50)], 60: [o(P01_09, 50)], 61: [o(ALL, 60)], 64: [o(P02_99, 60)], 70: [o(P01_09, 60)],
}), ['51.0', '54.0', '60.0', '61.0', '64.0', '70.0']);

export const bypassFreqMin = rw(limit('voltronic_bypass_freq_min', 'output.frequency.nominal', {
  40: [o(P01_09, 50)], 46: [o(P02_99, 50)], 49: [o(ALL, 50)], 50: [o(P01_09, 60)], 56: [o(P02_99, 60)], 59: [o(ALL, 60)],
}), ['40.0', '46.0', '49.0', '50.0', '56.0', '59.0']);

export const ecoFreqMin = rw(limit('voltronic_eco_freq_min', 'output.frequency.nominal', {
  40: [o(P01_09, 50)], 46: [o(P02_99, 50)], 47: [o(P01_09, 50)], 48: [o(P02_99, 50)],
  50: [o(P01_09, 60)], 56: [o(P02_99, 60)], 57: [o(P01_09, 60)], 58: [o(P02_99, 60)],
}), ['40.0', '46.0', '47.0', '48.0', '50.0', '56.0', '57.0', '58.0']);

export const ecoFreqMax = rw(limit('voltronic_eco_freq_max', 'output.frequency.nominal', {
  52: [o(P02_99, 50)], 53: [o(P01_09, 50)], 54: [o(P02_99, 50)], 60: [o(P01_09, 50)],
  62: [o(P02_99, 60)], 63: [o(P01_09, 60)], 64: [o(P02_99, 60)], 70: [o(P01_09, 60)],
}), ['52.0', '53.0', '54.0', '60.0', '62.0', '63.0', '64.0', '70.0']);

/** battery low voltage: 20..24 on units under 1000 VA (output V × A), 20..28 above */
function battLow(q: QxEngine, value: string): boolean {
  const ovn = q.host.getInfo('output.voltage.nominal');
  const ocn = q.host.getInfo('output.current.nominal');
  if (ovn === undefined || ocn === undefined) {
    q.log.debug(2, 'voltronic_batt_low: unable to get the value of output voltage nominal/output current nominal');
    return false;
  }
  return strtol(value) === (strtol(ovn) * strtol(ocn) < 1000 ? 24 : 28);
}
export const batteryLow: InfoRw[] = [{ value: '20' }, { value: '24', preprocess: battLow }, { value: '28', preprocess: battLow }];

/** ECO mode voltage window around the nominal output voltage: [min.lower, min.upper, max.lower, max.upper] */
export function ecoVoltWindow(protocol: number, ovn: number): [number, number, number, number] | null {
  const hi = ovn >= 200;
  if (P01_09.includes(protocol)) return hi ? [ovn - 24, ovn - 7, ovn + 7, ovn + 24] : [ovn - 12, ovn - 3, ovn + 3, ovn + 12];
  if (P02_99.includes(protocol)) return hi ? [ovn - 24, ovn - 11, ovn + 11, ovn + 24] : [ovn - 12, ovn - 5, ovn + 5, ovn + 12];
  return null;
}
