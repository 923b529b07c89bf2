// Baytech RPC PDUs
// NUT 2.8.0's drivers/baytech-mib.c as data (mib2nut: baytech), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_OUTLET,
  SU_TYPE_CMD,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const baytech_outlet_status_info: OidLookup = [
  { oid: -1, nut: 'error' },
  { oid: 0, nut: 'off' },
  { oid: 1, nut: 'on' },
  { oid: 2, nut: 'cycling' },
];

const baytech_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'BayTech', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.3.5.2.1.24.1', dfl: 'Generic SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.1.2.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.macaddr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.2.2.1.6.2', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Baytech', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.3.5.2.1.24.1', dfl: 'Generic SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.1.3.0', dfl: 'unknown', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.1.2.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.1.1.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.temperature', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.4779.1.3.5.5.1.10.2.1', dfl: null, suFlags: 0 },
  { name: 'outlet.id', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 20, oid: null, dfl: 'All outlets', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.4779.1.3.5.2.1.15.1', dfl: '0', suFlags: 0 },
  { name: 'outlet.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.4779.1.3.5.5.1.6.2.1', dfl: null, suFlags: 0 },
  { name: 'outlet.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.4779.1.3.5.5.1.8.2.1', dfl: null, suFlags: 0 },
  { name: 'outlet.%i.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.3.5.3.1.3.1.%i', dfl: null, suFlags: SU_OUTLET, lookup: baytech_outlet_status_info },
  { name: 'outlet.%i.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.4779.1.3.5.3.1.4.1.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.4779.1.3.5.6.1.3.2.1.%i', dfl: '%i', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_OUTLET | SU_FLAG_OK },
  { name: 'outlet.%i.switchable', flags: 0, len: 1, oid: '.1.3.6.1.4.1.4779.1.3.5.3.1.1.1.%i', dfl: 'yes', suFlags: SU_FLAG_STATIC | SU_OUTLET },
  { name: 'outlet.%i.load.off', flags: 0, len: 1, oid: '.1.3.6.1.4.1.4779.1.3.5.3.1.3.1.%i', dfl: '0', suFlags: SU_TYPE_CMD | SU_OUTLET },
  { name: 'outlet.%i.load.on', flags: 0, len: 1, oid: '.1.3.6.1.4.1.4779.1.3.5.3.1.3.1.%i', dfl: '1', suFlags: SU_TYPE_CMD | SU_OUTLET },
];

export const baytech: Mib2Nut = {
  name: 'baytech',
  version: '0.4034',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.4779.1.3.5.2.1.24.1',
  info: baytech_mib,
  sysOid: '.1.3.6.1.4.1.4779',
  alarms: null,
};
