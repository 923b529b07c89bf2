// Emerson / Avocent PDUs
// NUT 2.8.0's drivers/emerson-avocent-pdu-mib.c as data (mib2nut: emerson_avocent_pdu), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_NAINVALID,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_FLAG_ZEROINVALID,
  SU_OUTLET,
  SU_TYPE_CMD,
  SU_TYPE_DAISY_1,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const avocent_outlet_status_info: OidLookup = [
  { oid: 1, nut: 'off' },
  { oid: 2, nut: 'on' },
];

const emerson_avocent_pdu_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Avocent', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.5.3.1.5.1.%i', dfl: 'Avocent SNMP PDU', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK | SU_FLAG_NAINVALID },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.1.4.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.2.1.4.1', dfl: '1', suFlags: SU_FLAG_STATIC },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Avocent', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.1.2.0', dfl: 'Avocent SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.1.1.0', dfl: 'unknown', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.1.4.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.1.7.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.macaddr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.2.2.1.6.1', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'outlet.id', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 20, oid: null, dfl: 'All outlets', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.3.1.8.1.%i', dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ZEROINVALID | SU_FLAG_OK },
  { name: 'outlet.%i.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.5.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 | SU_FLAG_ZEROINVALID, lookup: avocent_outlet_status_info },
  { name: 'outlet.%i.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.3.1.%i.%i', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK | SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.4.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 | SU_FLAG_NAINVALID },
  { name: 'outlet.%i.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.50.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.current.high.critical', flags: ST_FLAG_RW, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.100.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.current.high.warning', flags: ST_FLAG_RW, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.101.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.current.low.warning', flags: ST_FLAG_RW, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.102.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.current.low.critical', flags: ST_FLAG_RW, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.103.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.realpower', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.60.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.70.1.%i.%i', dfl: null, suFlags: SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.group.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.6.%i', dfl: '0', suFlags: SU_FLAG_STATIC | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.load.cycle', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.6.1.%i.%i', dfl: '4', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.load.off', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.6.1.%i.%i', dfl: '3', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_TYPE_DAISY_1 },
  { name: 'outlet.%i.load.on', flags: 0, len: 1, oid: '.1.3.6.1.4.1.10418.17.2.5.5.1.6.1.%i.%i', dfl: '2', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_TYPE_DAISY_1 },
];

export const emerson_avocent_pdu: Mib2Nut = {
  name: 'emerson_avocent_pdu',
  version: '1.3',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.10418.17.2.1.2.0',
  info: emerson_avocent_pdu_mib,
  sysOid: '.1.3.6.1.4.1.10418.17.1.7',
  alarms: null,
};
