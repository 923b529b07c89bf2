// Raritan PDUs
// NUT 2.8.0's drivers/raritan-pdu-mib.c as data (mib2nut: raritan), per the contract in ../mib.ts.
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

const raritan_pdu_outlet_status_info: OidLookup = [
  { oid: -1, nut: 'error' },
  { oid: 0, nut: 'off' },
  { oid: 1, nut: 'on' },
  { oid: 2, nut: 'cycling' },
];

const raritan_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Raritan', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.12.0', dfl: 'Generic SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.2.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.macaddr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.6.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Raritan', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.12.0', dfl: 'Generic SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.13.0', dfl: 'unknown', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.2.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.1.1.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.temperature', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.3.1.5.0', dfl: null, suFlags: 0 },
  { name: 'outlet.id', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 20, oid: null, dfl: 'All outlets', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.1.0', dfl: '0', suFlags: 0 },
  { name: 'outlet.current', flags: 0, len: 0.001, oid: '.1.3.6.1.4.1.13742.1.3.1.1.0', dfl: null, suFlags: 0 },
  { name: 'outlet.voltage', flags: 0, len: 0.001, oid: '.1.3.6.1.4.1.13742.1.3.1.2.0', dfl: null, suFlags: 0 },
  { name: 'outlet.realpower', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.3.1.3.0', dfl: null, suFlags: 0 },
  { name: 'outlet.power', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.3.1.4.0', dfl: null, suFlags: 0 },
  { name: 'outlet.%i.switchable', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.1.%i', dfl: 'yes', suFlags: SU_FLAG_STATIC | SU_OUTLET },
  { name: 'outlet.%i.id', flags: 0, len: 1, oid: null, dfl: '%i', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK | SU_OUTLET },
  { name: 'outlet.%i.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.2.2.1.2.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.13742.1.2.2.1.3.%i', dfl: null, suFlags: SU_FLAG_OK | SU_OUTLET, lookup: raritan_pdu_outlet_status_info },
  { name: 'outlet.%i.current', flags: 0, len: 0.001, oid: '.1.3.6.1.4.1.13742.1.2.2.1.4.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.current.maximum', flags: 0, len: 0.001, oid: '.1.3.6.1.4.1.13742.1.2.2.1.5.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.realpower', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.7.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.6.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.13742.1.2.2.1.9.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.power', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.8.%i', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.load.off', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.3.%i', dfl: '0', suFlags: SU_TYPE_CMD | SU_OUTLET },
  { name: 'outlet.%i.load.on', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.3.%i', dfl: '1', suFlags: SU_TYPE_CMD | SU_OUTLET },
  { name: 'outlet.%i.load.cycle', flags: 0, len: 1, oid: '.1.3.6.1.4.1.13742.1.2.2.1.3.%i', dfl: '2', suFlags: SU_TYPE_CMD | SU_OUTLET },
];

export const raritan: Mib2Nut = {
  name: 'raritan',
  version: '0.8',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.13742.1.1.12.0',
  info: raritan_mib,
  sysOid: '.1.3.6.1.4.1.13742',
  alarms: null,
};
