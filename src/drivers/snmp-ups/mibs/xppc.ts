// XPPC UPSes
// NUT 2.8.0's drivers/xppc-mib.c as data (mib2nut: xppc), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_STATUS_BATT,
  SU_STATUS_PWR,
  SU_TYPE_INT,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const xpcc_onbatt_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: '' },
  { oid: 3, nut: 'LB' },
];

const xpcc_power_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: 'OL' },
  { oid: 3, nut: 'OB' },
  { oid: 4, nut: 'OL BOOST' },
  { oid: 5, nut: 'OFF' },
  { oid: 6, nut: 'BYPASS' },
  { oid: 7, nut: '' },
  { oid: 8, nut: 'OFF' },
  { oid: 9, nut: 'OL TRIM' },
];

const xppc_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Tripp Lite / Phoenixtec', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.935.1.1.1.1.1.1.0', dfl: 'Generic Phoenixtec SNMP device', suFlags: SU_FLAG_OK },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.935.1.1.1.2.1.1.0', dfl: '', suFlags: (SU_STATUS_BATT | SU_TYPE_INT | SU_FLAG_OK) >>> 0, lookup: xpcc_onbatt_info },
  { name: 'battery.charge', flags: 0, len: 1, oid: '.1.3.6.1.4.1.935.1.1.1.2.2.1.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'ups.temperature', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.935.1.1.1.2.2.3.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'input.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.935.1.1.1.3.2.1.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.935.1.1.1.4.1.1.0', dfl: '', suFlags: (SU_TYPE_INT | SU_STATUS_PWR) >>> 0, lookup: xpcc_power_info },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.935.1.1.1.4.2.1.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'output.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.935.1.1.1.4.2.2.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'ups.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.935.1.1.1.4.2.3.0', dfl: null, suFlags: SU_TYPE_INT | SU_FLAG_OK },
];

export const xppc: Mib2Nut = {
  name: 'xppc',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: null,
  info: xppc_mib,
  sysOid: '.1.3.6.1.4.1.935',
  alarms: null,
};
