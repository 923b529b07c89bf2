// Huawei UPSes
// NUT 2.8.0's drivers/huawei-mib.c as data (mib2nut: huawei), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_STATUS_BATT,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const huawei_supplymethod_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: 'OL BYPASS' },
  { oid: 3, nut: 'OL' },
  { oid: 4, nut: 'OB' },
  { oid: 5, nut: '' },
  { oid: 6, nut: 'OL ECO' },
  { oid: 7, nut: 'OB ECO' },
];

const huawei_battstate_info: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: '' },
  { oid: 3, nut: '' },
  { oid: 4, nut: '' },
  { oid: 5, nut: 'CHRG' },
  { oid: 6, nut: 'DISCHRG' },
];

const huawei_phase_info: OidLookup = [
  { oid: 1, nut: '1' },
  { oid: 2, nut: '3' },
];

const huawei_voltrating_info: OidLookup = [
  { oid: 1, nut: '200' },
  { oid: 2, nut: '208' },
  { oid: 3, nut: '220' },
  { oid: 4, nut: '380' },
  { oid: 5, nut: '400' },
  { oid: 6, nut: '415' },
  { oid: 7, nut: '480' },
  { oid: 8, nut: '600' },
  { oid: 9, nut: '690' },
];

const huawei_freqrating_info: OidLookup = [
  { oid: 1, nut: '50' },
  { oid: 2, nut: '60' },
];

const huawei_pwrrating_info: OidLookup = [
  { oid: 1, nut: '80000' },
  { oid: 2, nut: '100000' },
  { oid: 3, nut: '120000' },
  { oid: 4, nut: '160000' },
  { oid: 5, nut: '200000' },
  { oid: 6, nut: '30000' },
  { oid: 7, nut: '40000' },
  { oid: 8, nut: '60000' },
  { oid: 9, nut: '2400000' },
  { oid: 10, nut: '2500000' },
  { oid: 11, nut: '2800000' },
  { oid: 12, nut: '3000000' },
];

const huawei_test_result_info: OidLookup = [
  { oid: 1, nut: 'done and passed' },
  { oid: 2, nut: 'done and warning' },
  { oid: 3, nut: 'done and error' },
  { oid: 4, nut: 'aborted' },
  { oid: 5, nut: 'in progress' },
  { oid: 6, nut: 'no test initiated' },
];

const huawei_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'Huawei', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.2.100.1.2.1', dfl: 'Generic SNMP UPS', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.1.1.2.0', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.time', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2011.6.174.1.11.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.2.100.1.3.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.2.100.1.5.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2011.6.174.1.2.101.1.1.1', dfl: null, suFlags: SU_FLAG_OK, lookup: huawei_supplymethod_info },
  { name: 'ups.status', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2011.6.174.1.2.101.1.3.1', dfl: null, suFlags: (SU_STATUS_BATT | SU_FLAG_OK) >>> 0, lookup: huawei_battstate_info },
  { name: 'ups.test.result', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.2.1.33.1.7.3.0', dfl: '', suFlags: 0, lookup: huawei_test_result_info },
  { name: 'input.phases', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.102.100.1.8', dfl: '3', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK, lookup: huawei_phase_info },
  { name: 'input.L1-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L2-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L3-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.frequency', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L1.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.5.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L2.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.6.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L3.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.7.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L1.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.8.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L2.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.9.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.L3.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.3.100.1.10.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.bypass.L1-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.5.100.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.bypass.L2-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.5.100.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.bypass.L3-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.5.100.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'input.bypass.frequency', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.5.100.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.phases', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.102.100.1.9', dfl: '3', suFlags: SU_FLAG_ABSENT | SU_FLAG_OK, lookup: huawei_phase_info },
  { name: 'output.L1-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L3-N.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.5.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L3.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.6.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.frequency', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.7.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.realpower', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.8.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.realpower', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.9.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.realpower', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.10.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.power', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.11.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2.power', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.12.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L3.power', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.13.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L1.power.percent', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.14.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2.power.percent', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.15.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L3.power.percent', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.16.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.voltage.nominal', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.17.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK, lookup: huawei_voltrating_info },
  { name: 'output.frequency.nominal', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.18.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK, lookup: huawei_freqrating_info },
  { name: 'output.power.nominal', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.2011.6.174.1.2.100.1.6.1', dfl: null, suFlags: SU_FLAG_STATIC | SU_FLAG_OK, lookup: huawei_pwrrating_info },
  { name: 'output.L1.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.19.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.20.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'output.L2.powerfactor', flags: 0, len: 0.01, oid: '.1.3.6.1.4.1.2011.6.174.1.4.100.1.21.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.6.100.1.1.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'battery.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.2011.6.174.1.6.100.1.2.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'battery.charge', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2011.6.174.1.6.100.1.3.1', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'battery.runtime', flags: 0, len: 1, oid: '.1.3.6.1.4.1.2011.6.174.1.6.100.1.4.1', dfl: null, suFlags: SU_FLAG_OK },
];

export const huawei: Mib2Nut = {
  name: 'huawei',
  version: '0.4',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.2011.6.174.1.2.100.1.2.1',
  info: huawei_mib,
  sysOid: '.1.3.6.1.4.1.8072.3.2.10',
  alarms: null,
};
