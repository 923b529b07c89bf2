// Best Power UPSes
// NUT 2.8.0's drivers/bestpower-mib.c as data (mib2nut: bestpower), per the contract in ../mib.ts.
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

const bestpower_power_status: OidLookup = [
  { oid: 1, nut: 'OL' },
  { oid: 2, nut: 'OB' },
];

const bestpower_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'ups', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'EATON', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2947.1.1.2.0', dfl: 'Best Ferrups', suFlags: SU_FLAG_STATIC },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2947.1.1.5.0', dfl: '', suFlags: SU_FLAG_STATIC },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2947.1.1.7.0', dfl: '', suFlags: SU_FLAG_STATIC },
  { name: 'ups.power', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2947.1.1.3.0', dfl: '', suFlags: 0 },
  { name: 'ups.mfr.date', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2947.1.1.8.0', dfl: '', suFlags: 0 },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2947.1.2.1.0', dfl: '', suFlags: 0, lookup: bestpower_power_status },
  { name: 'battery.runtime', flags: 0, len: 60, oid: '.1.3.6.1.4.1.2947.1.2.3.0', dfl: '', suFlags: 0 },
  { name: 'battery.runtime.elapsed', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2947.1.2.2.0', dfl: '', suFlags: 0 },
  { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2947.1.2.4.0', dfl: '', suFlags: 0 },
  { name: 'battery.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2947.1.2.5.0', dfl: '', suFlags: 0 },
];

export const bestpower: Mib2Nut = {
  name: 'bestpower',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.2947.1.1.2.0',
  info: bestpower_mib,
  sysOid: '.1.3.6.1.4.1.2947.1.1.2.0',
  alarms: null,
};
