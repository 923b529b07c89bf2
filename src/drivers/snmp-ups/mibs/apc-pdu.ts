// APC rack PDUs (PowerNet MIB: rPDU, rPDU2, MasterSwitch)
// NUT 2.8.0's drivers/apc-pdu-mib.c as data (mib2nut: apc_pdu_rpdu, apc_pdu_rpdu2, apc_pdu_msp), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_NEGINVALID,
  SU_FLAG_OK,
  SU_FLAG_STALE,
  SU_FLAG_STATIC,
  SU_OUTLET,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const apc_pdu_sw_outlet_status_info: OidLookup = [
  { oid: 1, nut: 'on' },
  { oid: 2, nut: 'off' },
];

const apc_pdu_sw_outlet_switchability_info: OidLookup = [
  { oid: 1, nut: 'yes' },
  { oid: 2, nut: 'yes' },
];

const apc_pdu_mib: readonly SnmpInfo[] = [
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'APC', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.4.0', dfl: 'Switched ePDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_STALE | SU_FLAG_OK },
  { name: 'device.description', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.1.5.0', dfl: null, suFlags: SU_FLAG_STALE | SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_STALE | SU_FLAG_OK },
  { name: 'device.uptime', flags: 0, len: 1, oid: '.1.3.6.1.2.1.1.3.0', dfl: null, suFlags: SU_FLAG_OK | SU_FLAG_NEGINVALID },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.5.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.part', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.4.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.version', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.1.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.date', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.1.3.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.realpower', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.12.1.16.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.318.1.1.12.2.3.1.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.voltage.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.12.1.15.0', dfl: null, suFlags: SU_FLAG_OK | SU_FLAG_NEGINVALID },
  { name: 'outlet.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.4.4.1.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'outlet.%i.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.4.4.2.1.1.%i', dfl: '%i', suFlags: SU_FLAG_STATIC | SU_FLAG_OK | SU_OUTLET },
  { name: 'outlet.%i.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.4.2.1.4.%i', dfl: null, suFlags: SU_FLAG_STALE | SU_FLAG_OK | SU_OUTLET },
  { name: 'outlet.%i.status', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.4.2.1.3.%i', dfl: null, suFlags: SU_FLAG_OK | SU_OUTLET, lookup: apc_pdu_sw_outlet_status_info },
  { name: 'outlet.%i.switchable', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.4.4.2.1.3.%i', dfl: 'yes', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK | SU_OUTLET, lookup: apc_pdu_sw_outlet_switchability_info },
];

export const apc_pdu_rpdu: Mib2Nut = {
  name: 'apc_pdu',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.318.1.1.4.1.4.0',
  info: apc_pdu_mib,
  sysOid: '.1.3.6.1.4.1.318.1.3.4.4',
  alarms: null,
};

export const apc_pdu_rpdu2: Mib2Nut = {
  name: 'apc_pdu',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.318.1.1.4.1.4.0',
  info: apc_pdu_mib,
  sysOid: '.1.3.6.1.4.1.318.1.3.4.5',
  alarms: null,
};

export const apc_pdu_msp: Mib2Nut = {
  name: 'apc_pdu',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.318.1.1.4.1.4.0',
  info: apc_pdu_mib,
  sysOid: '.1.3.6.1.4.1.318.1.3.4.6',
  alarms: null,
};
