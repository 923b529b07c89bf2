// Eaton ePDU, Pulizzi switched
// NUT 2.8.0's drivers/eaton-pdu-pulizzi-mib.c as data (mib2nut: pulizzi_switched1, pulizzi_switched2), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_CMD_OFFSET,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_OUTLET,
  SU_TYPE_CMD,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const pulizzi_sw_outlet_status_info: OidLookup = [
  { oid: 1, nut: 'on' },
  { oid: 2, nut: 'off' },
];

const pulizzi_sw_outlet_switchability_info: OidLookup = [
  { oid: 1, nut: 'yes' },
  { oid: 2, nut: 'yes' },
];

const eaton_pulizzi_switched_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'EATON | Powerware', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.1.1.0', dfl: 'Switched ePDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.macaddr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.2.6.0', dfl: 'unknown', suFlags: 0 },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'EATON', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.1.1.0', dfl: 'Switched ePDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.date', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.1.4.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.time', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.1.3.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'outlet.id', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 20, oid: null, dfl: 'All outlets', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.current', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.8.6.4.2.0', dfl: null, suFlags: 0 },
  { name: 'outlet.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.8.6.4.1.0', dfl: null, suFlags: 0 },
  { name: 'outlet.power', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.8.6.4.3.0', dfl: null, suFlags: 0 },
  { name: 'outlet.%i.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.6.1.%i.1.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK | SU_OUTLET },
  { name: 'outlet.%i.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.6.3.%i.0', dfl: null, suFlags: SU_FLAG_OK | SU_OUTLET, lookup: pulizzi_sw_outlet_status_info },
  { name: 'outlet.%i.id', flags: 0, len: 1, oid: null, dfl: '%i', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK | SU_OUTLET },
  { name: 'outlet.%i.switchable', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.20677.2.6.3.%i.0', dfl: 'yes', suFlags: SU_FLAG_STATIC | SU_FLAG_OK | SU_OUTLET, lookup: pulizzi_sw_outlet_switchability_info },
  { name: 'outlet.%i.delay.reboot', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.1.%i.5.0', dfl: null, suFlags: SU_OUTLET },
  { name: 'outlet.%i.delay.start', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.1.%i.4.0', dfl: null, suFlags: SU_OUTLET },
  { name: 'load.on', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.1.0', dfl: '1', suFlags: SU_TYPE_CMD },
  { name: 'load.off', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.1.0', dfl: '2', suFlags: SU_TYPE_CMD },
  { name: 'load.on.delay', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.1.0', dfl: '3', suFlags: SU_TYPE_CMD },
  { name: 'load.off.delay', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.1.0', dfl: '4', suFlags: SU_TYPE_CMD },
  { name: 'outlet.%i.load.on', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.%i.0', dfl: '1', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_CMD_OFFSET },
  { name: 'outlet.%i.load.off', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.%i.0', dfl: '2', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_CMD_OFFSET },
  { name: 'outlet.%i.load.cycle', flags: 0, len: 1, oid: '.1.3.6.1.4.1.20677.2.6.2.%i.0', dfl: '3', suFlags: SU_TYPE_CMD | SU_OUTLET | SU_CMD_OFFSET },
];

export const pulizzi_switched1: Mib2Nut = {
  name: 'pulizzi_switched1',
  version: '0.5',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.20677.1',
  info: eaton_pulizzi_switched_mib,
  sysOid: '.1.3.6.1.4.1.20677.1',
  alarms: null,
};

export const pulizzi_switched2: Mib2Nut = {
  name: 'pulizzi_switched2',
  version: '0.5',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.20677.1',
  info: eaton_pulizzi_switched_mib,
  sysOid: '.1.3.6.1.4.1.20677.2',
  alarms: null,
};
