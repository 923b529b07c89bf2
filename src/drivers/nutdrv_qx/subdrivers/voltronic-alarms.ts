// Voltronic warning bits (QWS): the texts and status side effects of NUT 2.8.0's
// Voltronic 0.06 subdriver, as data. (Its fault-code query QFS is never sent in
// 2.8.0, see the UPS-fault bit in voltronic.ts, so it is not here.)

import type { Item } from '../item.js';
import type { QxEngine } from '../engine.js';

/** QWS bits (0-based); a status token is raised with some of them */
const WARNINGS: Record<number, string> = {
  0: 'Battery disconnected.', 1: 'Neutral not connected.', 2: 'Site fault.', 3: 'Phase sequence incorrect.',
  4: 'Phase sequence incorrect in bypass.', 5: 'Input frequency unstable in bypass.', 6: 'Battery overcharged.', 7: 'Low battery.',
  8: 'Overload alarm.', 9: 'Fan alarm.', 10: 'EPO enabled.', 11: 'Unable to turn on UPS.', 12: 'Over temperature alarm.',
  13: 'Charger alarm.', 14: 'Remote auto shutdown.', 15: 'L1 input fuse not working.', 16: 'L2 input fuse not working.',
  17: 'L3 input fuse not working.', 18: 'Positive PFC abnormal in L1.', 19: 'Negative PFC abnormal in L1.',
  20: 'Positive PFC abnormal in L2.', 21: 'Negative PFC abnormal in L2.', 22: 'Positive PFC abnormal in L3.',
  23: 'Negative PFC abnormal in L3.', 24: 'Abnormal in CAN-bus communication.', 25: 'Abnormal in synchronous signal circuit.',
  26: 'Abnormal in synchronous pulse signal circuit.', 27: 'Abnormal in host signal circuit.',
  28: 'Male connector of parallel cable not connected well.', 29: 'Female connector of parallel cable not connected well.',
  30: 'Parallel cable not connected well.', 31: 'Battery connection not consistent in parallel systems.',
  32: 'AC connection not consistent in parallel systems.', 33: 'Bypass connection not consistent in parallel systems.',
  34: 'UPS model types not consistent in parallel systems.', 35: 'Capacity of UPSes not consistent in parallel systems.',
  36: 'Auto restart setting not consistent in parallel systems.', 37: 'Battery cell over charge.',
  38: 'Battery protection setting not consistent in parallel systems.', 39: 'Battery detection setting not consistent in parallel systems.',
  40: 'Bypass not allowed setting not consistent in parallel systems.', 41: 'Converter setting not consistent in parallel systems.',
  42: 'High loss point for frequency in bypass mode not consistent in parallel systems.',
  43: 'Low loss point for frequency in bypass mode not consistent in parallel systems.',
  44: 'High loss point for voltage in bypass mode not consistent in parallel systems.',
  45: 'Low loss point for voltage in bypass mode not consistent in parallel systems.',
  46: 'High loss point for frequency in AC mode not consistent in parallel systems.',
  47: 'Low loss point for frequency in AC mode not consistent in parallel systems.',
  48: 'High loss point for voltage in AC mode not consistent in parallel systems.',
  49: 'Low loss point for voltage in AC mode not consistent in parallel systems.',
  50: 'Warning for locking in bypass mode after 3 consecutive overloads within 30 min.',
  51: 'Warning for three-phase AC input current unbalance.',
  52: 'Warning for a three-phase input current unbalance detected in battery mode.',
  53: 'Warning for Inverter inter-current unbalance.', 54: 'Programmable outlets cut off pre-alarm.', 55: 'Warning for Battery replace.',
  56: 'Abnormal warning on input phase angle.', 57: 'Warning!! Cover of maintain switch is open.', 61: 'EEPROM operation error.',
};
const WARNING_STATUS: Record<number, string> = { 7: 'LB', 8: 'OVER', 55: 'RB' };

/** NUT appends with snprintfcat() into SMALLBUF (512) or 4096-byte buffers, which keeps size - 2 characters */
const cap = (s: string, size: number): string => (s.length <= size - 2 ? s : s.slice(0, size - 2));
/** ST_MAX_VALUE_LEN minus room for other alarms: longer text lists are given as bit numbers */
const EXPLICIT_MAX = 256 - 32;

/** QWS: 64 bits, each a warning; all known ones in words when short enough, else as bit numbers. */
export function voltronicWarning(q: QxEngine, item: Item): string | null {
  const v = item.value;
  if (!/^[01]*$/.test(v)) { q.log.debug(2, `voltronic_warning: invalid reply from the UPS [${v}]`); return null; }
  if (!v.includes('1')) return '';
  let unk = '';
  let bitwarns = '';
  let warns = '';
  const bit = (i: number): string => String(i + 1).padStart(2, '0');
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '1') continue;
    const known = WARNINGS[i];
    const warn = known ?? `Unknown warning from UPS [bit: #${bit(i)}]`;
    if (WARNING_STATUS[i]) q.updateStatus(WARNING_STATUS[i]!);
    q.log.info(`Warning from UPS: ${warn}`);
    if (!known) unk = cap(`${unk}, #${bit(i)}`, 512);
    else if (warns.length) {
      bitwarns = cap(`${bitwarns}, #${bit(i)}`, 512);
      warns = cap(`${warns} ${warn}`, 4096);
    } else {
      bitwarns = `Known (see log or manual) [bit: #${bit(i)}`;
      warns = warn;
    }
  }
  if (warns.length) {
    if (unk.length) {
      warns = cap(`${warns} Unknown warnings [bit:${unk.slice(1)}]`, 4096);
      bitwarns = cap(`${bitwarns}]; Unknown warnings [bit:${unk.slice(1)}]`, 512);
    } else bitwarns = cap(`${bitwarns}]`, 512);
  } else if (unk.length) {
    warns = `Unknown warnings [bit:${unk.slice(1)}]`;
    bitwarns = cap(warns, 512);
  } else {
    q.log.debug(2, 'voltronic_warning: failed to process warnings');
    return null;
  }
  return cap(`UPS warnings: ${EXPLICIT_MAX > warns.length ? warns : bitwarns}`, 512);
}
