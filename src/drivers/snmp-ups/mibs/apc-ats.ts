// APC Automatic Transfer Switches (PowerNet MIB)
// NUT 2.8.0's drivers/apc-ats-mib.c as data (mib2nut: apc_ats), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_NEGINVALID,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_OUTLET_GROUP,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const apc_ats_sensitivity_info: OidLookup = [
  { oid: 1, nut: 'high' },
  { oid: 2, nut: 'low' },
];

const apc_ats_output_status_info: OidLookup = [
  { oid: 1, nut: 'OFF' },
  { oid: 2, nut: 'OL' },
];

const apc_ats_outletgroups_name_info: OidLookup = [
  { oid: 1, nut: 'total' },
  { oid: 2, nut: 'bank1' },
  { oid: 3, nut: 'bank2' },
];

const apc_ats_outletgroups_status_info: OidLookup = [
  { oid: 1, nut: 'OL' },
  { oid: 2, nut: '' },
  { oid: 3, nut: '' },
  { oid: 4, nut: 'OVER' },
];

const apc_ats_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'ats', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'APC', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.1.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware.aux', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.1.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.mfr.date', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.4.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.voltage.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.1.7.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.frequency.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.1.8.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.source', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.1.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.source.preferred', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.4.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.3.3.1.3.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.3.3.1.3.2.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.frequency', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.3.2.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.frequency', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.3.2.1.4.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.sensitivity', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.4.4.0', dfl: null, suFlags: SU_FLAG_OK, lookup: apc_ats_sensitivity_info },
  { name: 'input.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.3.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.frequency', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.2.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.6.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.1.15.0', dfl: null, suFlags: SU_FLAG_OK, lookup: apc_ats_output_status_info },
  { name: 'outlet.group.count', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'outlet.group.%i.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.1.%i', dfl: null, suFlags: SU_FLAG_OK | SU_OUTLET_GROUP },
  { name: 'outlet.group.%i.name', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.3.%i', dfl: null, suFlags: SU_FLAG_STATIC | SU_OUTLET_GROUP, lookup: apc_ats_outletgroups_name_info },
  { name: 'outlet.group.%i.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.4.%i', dfl: null, suFlags: SU_OUTLET_GROUP },
  { name: 'outlet.group.%i.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.5.%i', dfl: null, suFlags: SU_OUTLET_GROUP, lookup: apc_ats_outletgroups_status_info },
  { name: 'outlet.group.%i.voltage', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.6.%i', dfl: null, suFlags: SU_OUTLET_GROUP },
  { name: 'outlet.group.%i.realpower', flags: 0, len: 1, oid: '.1.3.6.1.4.1.318.1.1.8.5.4.5.1.15.%i', dfl: null, suFlags: SU_FLAG_NEGINVALID | SU_OUTLET_GROUP },
];

export const apc_ats: Mib2Nut = {
  name: 'apc_ats',
  version: '0.6',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.318.1.1.8.1.5.0',
  info: apc_ats_mib,
  sysOid: '.1.3.6.1.4.1.318.1.3.11',
  alarms: null,
};
