// Eaton ATS16 with a Network-M2 card
// NUT 2.8.0's drivers/eaton-ats16-nm2-mib.c as data (mib2nut: eaton_ats16_nm2), per the contract in ../mib.ts.
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

const eaton_ats16_nm2_source_info: OidLookup = [
  { oid: 1, nut: 'init' },
  { oid: 2, nut: 'diagnosis' },
  { oid: 3, nut: 'off' },
  { oid: 4, nut: '1' },
  { oid: 5, nut: '2' },
  { oid: 6, nut: 'safe' },
  { oid: 7, nut: 'fault' },
];

const eaton_ats16_nm2_sensitivity_info: OidLookup = [
  { oid: 1, nut: 'normal' },
  { oid: 2, nut: 'high' },
  { oid: 3, nut: 'low' },
];

const eaton_ats16_nm2_input_frequency_status_info: OidLookup = [
  { oid: 1, nut: 'good' },
  { oid: 2, nut: 'out-of-range' },
];

const eaton_ats16_nm2_input_voltage_status_info: OidLookup = [
  { oid: 1, nut: 'good' },
  { oid: 2, nut: 'derated-range' },
  { oid: 3, nut: 'out-of-range' },
  { oid: 4, nut: 'unknown' },
];

const eaton_ats16_nm2_test_result_info: OidLookup = [
  { oid: 1, nut: 'done and passed' },
  { oid: 2, nut: 'done and warning' },
  { oid: 3, nut: 'done and error' },
  { oid: 4, nut: 'aborted' },
  { oid: 5, nut: 'in progress' },
  { oid: 6, nut: 'no test initiated' },
];

const eaton_ats16_nm2_output_status_info: OidLookup = [
  { oid: 1, nut: 'OFF' },
  { oid: 2, nut: 'OL' },
];

const eaton_ats16_ambient_drycontacts_info: OidLookup = [
  { oid: -1, nut: 'unknown' },
  { oid: 1, nut: 'opened' },
  { oid: 2, nut: 'closed' },
  { oid: 3, nut: 'opened' },
  { oid: 4, nut: 'closed' },
];

const eaton_ats16_nm2_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'ats', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.1.0', dfl: 'Eaton', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.2.0', dfl: 'ATS', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.3.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware.aux', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.7.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.5.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.part', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.1.6.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'input.1.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.1.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'input.2.id', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.1.2', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'input.1.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.2.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.voltage.status', flags: ST_FLAG_STRING, len: 1, oid: '.1.3.6.1.4.1.534.10.2.3.2.1.5.1', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_input_voltage_status_info },
  { name: 'input.2.voltage.status', flags: ST_FLAG_STRING, len: 1, oid: '.1.3.6.1.4.1.534.10.2.3.2.1.5.2', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_input_voltage_status_info },
  { name: 'input.1.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.2.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.2.1.3.2', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.1.frequency.status', flags: ST_FLAG_STRING, len: 1, oid: '.1.3.6.1.4.1.534.10.2.3.2.1.2.1', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_input_frequency_status_info },
  { name: 'input.2.frequency.status', flags: ST_FLAG_STRING, len: 1, oid: '.1.3.6.1.4.1.534.10.2.3.2.1.2.2', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_input_frequency_status_info },
  { name: 'input.sensitivity', flags: ST_FLAG_RW, len: 128, oid: '.1.3.6.1.4.1.534.10.2.4.6.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_sensitivity_info },
  { name: 'input.source', flags: ST_FLAG_STRING, len: 1, oid: '.1.3.6.1.4.1.534.10.2.2.4.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_source_info },
  { name: 'input.source.preferred', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.4.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.phase.shift', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.2.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.3.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage.nominal', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.4.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.534.10.2.2.3.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.test.result', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.4.8.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_test_result_info },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.3.3.2.0', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_nm2_output_status_info },
  { name: 'ambient.temperature', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.temperature.low', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.5.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.temperature.high', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.humidity', flags: 0, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.2.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.humidity.low', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.7.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.humidity.high', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.534.10.2.5.8.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ambient.contacts.1.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.5.4.1.3.1', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_ambient_drycontacts_info },
  { name: 'ambient.contacts.2.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.534.10.2.5.4.1.3.2', dfl: null, suFlags: SU_FLAG_OK, lookup: eaton_ats16_ambient_drycontacts_info },
];

export const eaton_ats16_nm2: Mib2Nut = {
  name: 'eaton_ats16_nm2',
  version: '0.22',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.534.10.2.1.2.0',
  info: eaton_ats16_nm2_mib,
  sysOid: '.1.3.6.1.4.1.534.10.2',
  alarms: null,
};
