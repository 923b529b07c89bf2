// Eaton ATS30
// NUT 2.8.0's drivers/eaton-ats30-mib.c as data (mib2nut: eaton_ats30), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const eaton_ats30_source_info: OidLookup = [
  { oid: 1, nut: 'init' },
  { oid: 2, nut: 'diagnosis' },
  { oid: 3, nut: 'off' },
  { oid: 4, nut: '1' },
  { oid: 5, nut: '2' },
  { oid: 6, nut: 'safe' },
  { oid: 7, nut: 'fault' },
];

const eaton_ats30_input_sensitivity: OidLookup = [
  { oid: 1, nut: 'high' },
  { oid: 2, nut: 'low' },
];

const eaton_ats30_status_info: OidLookup = [
  { oid: 0, nut: 'OL' },
  { oid: 1, nut: 'OL' },
  { oid: 2, nut: 'OFF' },
  { oid: 3, nut: 'OFF' },
  { oid: 4, nut: 'OL OVER' },
  { oid: 5, nut: 'OL OVER' },
  { oid: 6, nut: 'OFF OVER' },
  { oid: 7, nut: 'OFF OVER' },
  { oid: 8, nut: 'OL' },
  { oid: 9, nut: 'OL' },
  { oid: 10, nut: 'OFF' },
  { oid: 11, nut: 'OFF' },
  { oid: 12, nut: 'OL OVER' },
  { oid: 13, nut: 'OL OVER' },
  { oid: 14, nut: 'OFF OVER' },
  { oid: 15, nut: 'OFF OVER' },
];

const eaton_ats30_mib: readonly SnmpInfo[] = [
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'ats', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.1.1.1.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.1.2.1.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.1.2.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.1.2.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.1.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.2.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.1.1.3.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.2.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.1.3.2.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.temperature', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.3.3.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.uptime', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.3.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.source', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.3.7.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats30_source_info },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.1.4.5.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats30_status_info },
  { name: 'input.source.preferred', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.1.6.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.sensitivity', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.1.6.6.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats30_input_sensitivity },
];

export const eaton_ats30: Mib2Nut = {
  name: 'eaton_ats30',
  version: '0.03',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.534.10.1.2.1.0',
  info: eaton_ats30_mib,
  sysOid: '.1.3.6.1.4.1.534.10.1',
  alarms: null,
};
