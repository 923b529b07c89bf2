// MGE UPSes (MGE UPS SYSTEMS MIB)
// NUT 2.8.0's drivers/mge-mib.c as data (mib2nut: mge), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_INPUT_1,
  SU_INPUT_3,
  SU_OUTPUT_1,
  SU_OUTPUT_3,
  SU_STATUS_BATT,
  SU_STATUS_PWR,
  SU_TYPE_CMD,
  SU_TYPE_INT,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const mge_lowbatt_info: OidLookup = [
  { oid: 1, nut: 'LB' },
  { oid: 2, nut: '' },
];

const mge_onbatt_info: OidLookup = [
  { oid: 1, nut: 'OB' },
  { oid: 2, nut: 'OL' },
];

const mge_bypass_info: OidLookup = [
  { oid: 1, nut: 'BYPASS' },
  { oid: 2, nut: '' },
];

const mge_boost_info: OidLookup = [
  { oid: 1, nut: 'BOOST' },
  { oid: 2, nut: '' },
];

const mge_trim_info: OidLookup = [
  { oid: 1, nut: 'TRIM' },
  { oid: 2, nut: '' },
];

const mge_overload_info: OidLookup = [
  { oid: 1, nut: 'OVER' },
  { oid: 2, nut: '' },
];

const mge_replacebatt_info: OidLookup = [
  { oid: 1, nut: 'RB' },
  { oid: 2, nut: '' },
];

const mge_output_util_off_info: OidLookup = [
  { oid: 1, nut: 'OFF' },
  { oid: 2, nut: '' },
];

const mge_transfer_reason_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: 'input voltage out of range' },
  { oid: 3, nut: 'input frequency out of range' },
  { oid: 4, nut: 'utility off' },
];

const mge_test_result_info: OidLookup = [
  { oid: 1, nut: 'done and passed' },
  { oid: 2, nut: 'done and warning' },
  { oid: 3, nut: 'done and error' },
  { oid: 4, nut: 'aborted' },
  { oid: 5, nut: 'in progress' },
  { oid: 6, nut: 'no test initiated' },
];

const mge_beeper_status_info: OidLookup = [
  { oid: 1, nut: 'disabled' },
  { oid: 2, nut: 'enabled' },
  { oid: 3, nut: 'muted' },
];

const mge_yes_no_info: OidLookup = [
  { oid: 1, nut: 'yes' },
  { oid: 2, nut: 'no' },
];

const mge_power_source_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: 'OFF' },
  { oid: 4, nut: 'BYPASS' },
  { oid: 5, nut: 'OB' },
  { oid: 6, nut: 'BOOST' },
  { oid: 7, nut: 'TRIM' },
];

const mge_ambient_drycontacts_info: OidLookup = [
  { oid: -1, nut: 'unknown' },
  { oid: 1, nut: 'closed' },
  { oid: 2, nut: 'opened' },
];

const mge_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Eaton', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.1.1.0', dfl: 'Generic SNMP UPS', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.1.7.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.1.4.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware.aux', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.12.12.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.7.2.1.4.1', dfl: '', suFlags: SU_OUTPUT_1 },
  { name: 'ups.beeper.status', flags: ST_FLAG_STRING, len: 128, oid: '1.3.6.1.2.1.33.1.9.8.0', dfl: '', suFlags: 0, lookup: mge_beeper_status_info },
  { name: 'ups.L1.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.7.2.1.4.1', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'ups.L2.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.7.2.1.4.2', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'ups.L3.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.7.2.1.4.3', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'ups.test.result', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.33.1.7.3.0', dfl: '', suFlags: 0, lookup: mge_test_result_info },
  { name: 'ups.delay.shutdown', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 6, oid: '1.3.6.1.2.1.33.1.8.2.0', dfl: '20', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.delay.start', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 6, oid: '1.3.6.1.2.1.33.1.8.3.0', dfl: '30', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.timer.shutdown', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.8.2.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'ups.timer.start', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.8.3.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'ups.timer.reboot', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.8.4.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'ups.start.auto', flags: ST_FLAG_RW, len: 1, oid: '1.3.6.1.2.1.33.1.8.5.0', dfl: '', suFlags: SU_FLAG_OK, lookup: mge_yes_no_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.5.11.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_replacebatt_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.5.14.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_lowbatt_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.5.16.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_lowbatt_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.3.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_onbatt_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.4.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_bypass_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.7.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_output_util_off_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.8.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_boost_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.10.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_overload_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.7.12.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: mge_trim_info },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.33.1.4.1.0', dfl: '', suFlags: (SU_STATUS_PWR | SU_FLAG_OK) >>> 0, lookup: mge_power_source_info },
  { name: 'input.phases', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.6.1.0', dfl: '', suFlags: 0 },
  { name: 'input.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.2.1', dfl: '', suFlags: SU_INPUT_1 },
  { name: 'input.L1-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.2.1', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L2-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.2.2', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L3-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.2.3', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.3.1', dfl: '', suFlags: SU_INPUT_1 },
  { name: 'input.L1.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.3.1', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L2.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.3.2', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L3.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.3.3', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.voltage.minimum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.4.1', dfl: '', suFlags: SU_INPUT_1 },
  { name: 'input.L1-N.voltage.minimum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.4.1', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L2-N.voltage.minimum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.4.2', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L3-N.voltage.minimum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.4.3', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.voltage.maximum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.5.1', dfl: '', suFlags: SU_INPUT_1 },
  { name: 'input.L1-N.voltage.maximum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.5.1', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L2-N.voltage.maximum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.5.2', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L3-N.voltage.maximum', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.5.3', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.6.1', dfl: '', suFlags: SU_INPUT_1 },
  { name: 'input.L1.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.6.1', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L2.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.6.2', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.L3.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.6.2.1.6.3', dfl: '', suFlags: SU_INPUT_3 },
  { name: 'input.transfer.reason', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.6.4.0', dfl: '', suFlags: SU_FLAG_OK, lookup: mge_transfer_reason_info },
  { name: 'output.phases', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.7.1.0', dfl: '', suFlags: 0 },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.2.1', dfl: '', suFlags: SU_OUTPUT_1 },
  { name: 'output.L1-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.2.1', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L2-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.2.2', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L3-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.2.3', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.3.1', dfl: '', suFlags: SU_OUTPUT_1 },
  { name: 'output.L1.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.3.1', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L2.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.3.2', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L3.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.3.3', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.5.1', dfl: '', suFlags: SU_OUTPUT_1 },
  { name: 'output.L1.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.5.1', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L2.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.5.2', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'output.L3.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.7.2.1.5.3', dfl: '', suFlags: SU_OUTPUT_3 },
  { name: 'battery.charge', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.5.2.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'battery.runtime', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.5.1.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'battery.runtime.low', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.4.7.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'battery.charge.low', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 2, oid: '.1.3.6.1.4.1.705.1.4.8.0', dfl: '', suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.5.5.0', dfl: '', suFlags: SU_FLAG_OK },
  { name: 'ambient.temperature', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.8.1.0', dfl: '', suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'ambient.humidity', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.705.1.8.2.0', dfl: '', suFlags: SU_TYPE_INT | SU_FLAG_OK },
  { name: 'ambient.contacts.1.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.8.7.1.9.1', dfl: '', suFlags: SU_TYPE_INT | SU_FLAG_OK, lookup: mge_ambient_drycontacts_info },
  { name: 'ambient.contacts.2.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.705.1.8.7.1.10.1', dfl: '', suFlags: SU_TYPE_INT | SU_FLAG_OK, lookup: mge_ambient_drycontacts_info },
  { name: 'outlet.id', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.desc', flags: ST_FLAG_RW | ST_FLAG_STRING, len: 20, oid: null, dfl: 'Main Outlet', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'test.battery.start', flags: 0, len: 1, oid: '.1.3.6.1.4.1.705.1.10.4.0', dfl: '2', suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'beeper.disable', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.9.8.0', dfl: '1', suFlags: SU_TYPE_CMD },
  { name: 'beeper.enable', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.9.8.0', dfl: '2', suFlags: SU_TYPE_CMD },
  { name: 'beeper.mute', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.9.8.0', dfl: '3', suFlags: SU_TYPE_CMD },
  { name: 'load.off.delay', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.8.2.0', dfl: null, suFlags: SU_TYPE_CMD },
  { name: 'load.on.delay', flags: 0, len: 1, oid: '1.3.6.1.2.1.33.1.8.3.0', dfl: null, suFlags: SU_TYPE_CMD },
];

export const mge: Mib2Nut = {
  name: 'mge',
  version: '0.55',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.705.1.1.1.0',
  info: mge_mib,
  sysOid: '.1.3.6.1.4.1.705.1',
  alarms: null,
};
