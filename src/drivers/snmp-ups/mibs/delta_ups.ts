// Delta UPSes
// NUT 2.8.0's drivers/delta_ups-mib.c as data (mib2nut: delta_ups), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_OK,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const delta_ups_upstype_info: OidLookup = [
  { oid: 1, nut: 'on-line' },
  { oid: 2, nut: 'off-line' },
  { oid: 3, nut: 'line-interactive' },
  { oid: 4, nut: '3phase' },
  { oid: 5, nut: 'splite-phase' },
];

const delta_ups_pwr_info: OidLookup = [
  { oid: 0, nut: 'OL' },
  { oid: 1, nut: 'OB' },
  { oid: 2, nut: 'BYPASS' },
  { oid: 3, nut: 'TRIM' },
  { oid: 4, nut: 'BOOST' },
  { oid: 5, nut: 'BYPASS' },
  { oid: 7, nut: 'OFF' },
];

const delta_ups_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2254.2.4.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2254.2.4.1.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2254.2.4.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware.aux', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2254.2.4.1.3.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.type', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.19.0', dfl: null, suFlags: SU_FLAG_OK, lookup: delta_ups_upstype_info },
  { name: 'ups.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.5.7.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.power', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.7.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.8.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2254.2.4.5.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.frequency.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.9.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2254.2.4.5.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.voltage.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.10.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2254.2.4.4.3.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.frequency.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.1.11.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2254.2.4.4.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2254.2.4.5.1.0', dfl: null, suFlags: SU_FLAG_OK, lookup: delta_ups_pwr_info },
];

export const delta_ups: Mib2Nut = {
  name: 'delta_ups',
  version: '0.5',
  oidPwrStatus: null,
  oidAutoCheck: null,
  info: delta_ups_mib,
  sysOid: '.1.3.6.1.4.1.2254.2.4',
  alarms: null,
};
