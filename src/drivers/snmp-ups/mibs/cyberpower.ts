// CyberPower UPSes (RMCARD, CPS-MIB)
// NUT 2.8.0's drivers/cyberpower-mib.c as data (mib2nut: cyberpower), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  SU_STATUS_BATT,
  SU_STATUS_CAL,
  SU_STATUS_PWR,
  SU_STATUS_RB,
  SU_TYPE_CMD,
  SU_TYPE_TIME,
  type Mib2Nut,
  type OidLookup,
  type SnmpInfo,
} from '../mib.js';

const cyberpower_power_status: OidLookup = [
  // 2.8.0 ends every lookup at a "NULL" text: the rows after it are never reached
];

const cyberpower_battery_status: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: '' },
  { oid: 3, nut: 'LB' },
];

const cyberpower_cal_status: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: '' },
  { oid: 3, nut: 'CAL' },
];

const cyberpower_battrepl_status: OidLookup = [
  { oid: 1, nut: '' },
  { oid: 2, nut: 'RB' },
];

const cyberpower_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'ups', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'CYBERPOWER', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.1.1.1.0', dfl: 'CyberPower', suFlags: SU_FLAG_STATIC },
  { name: 'ups.serial', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.1.2.3.0', dfl: '', suFlags: SU_FLAG_STATIC },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.1.2.1.0', dfl: '', suFlags: SU_FLAG_STATIC },
  { name: 'ups.mfr.date', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.1.2.2.0', dfl: '', suFlags: 0 },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.4.1.1.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_PWR) >>> 0, lookup: cyberpower_power_status },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.2.1.1.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_BATT) >>> 0, lookup: cyberpower_battery_status },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.7.2.7.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_CAL) >>> 0, lookup: cyberpower_cal_status },
  { name: 'ups.status', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.5.0', dfl: '', suFlags: (SU_FLAG_OK | SU_STATUS_RB) >>> 0, lookup: cyberpower_battrepl_status },
  { name: 'ups.load', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.4.2.3.0', dfl: '', suFlags: 0 },
  { name: 'battery.runtime', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.4.0', dfl: '', suFlags: 0 },
  { name: 'battery.runtime.elapsed', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.1.2.0', dfl: '', suFlags: 0 },
  { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.2.1.33.1.2.5.0', dfl: '', suFlags: 0 },
  { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.2.0', dfl: '', suFlags: 0 },
  { name: 'battery.voltage.nominal', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.8.0', dfl: '', suFlags: 0 },
  { name: 'battery.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.4.2.4.0', dfl: '', suFlags: 0 },
  { name: 'battery.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.7.0', dfl: '', suFlags: 0 },
  { name: 'battery.charge', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.1.0', dfl: '', suFlags: 0 },
  { name: 'battery.temperature', flags: 0, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.2.2.3.0', dfl: '', suFlags: 0 },
  { name: 'input.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.3.2.1.0', dfl: '', suFlags: 0 },
  { name: 'input.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.3.2.4.0', dfl: '', suFlags: 0 },
  { name: 'output.voltage', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.4.2.1.0', dfl: '', suFlags: 0 },
  { name: 'output.frequency', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.4.2.2.0', dfl: '', suFlags: 0 },
  { name: 'output.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.3808.1.1.1.4.2.4.0', dfl: '', suFlags: 0 },
  { name: 'ups.delay.start', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.5.2.9.0', dfl: '0', suFlags: SU_FLAG_OK | SU_TYPE_TIME },
  { name: 'ups.delay.reboot', flags: 0, len: 1, oid: null, dfl: '0', suFlags: SU_FLAG_OK | SU_FLAG_ABSENT },
  { name: 'ups.delay.shutdown', flags: ST_FLAG_RW, len: 1, oid: '.1.3.6.1.4.1.3808.1.1.1.5.2.11.0', dfl: '60', suFlags: SU_FLAG_OK | SU_TYPE_TIME },
  { name: 'load.off', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.6.2.1.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'load.on', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.6.2.6.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'shutdown.stayoff', flags: 0, len: 3, oid: '.1.3.6.1.4.1.3808.1.1.1.6.2.6.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'shutdown.return', flags: 0, len: 3, oid: '.1.3.6.1.4.1.3808.1.1.1.6.2.3.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'test.failure.start', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.6.2.4.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'test.panel.start', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.7.2.5.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'test.battery.start', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.7.2.2.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'calibrate.start', flags: 0, len: 2, oid: '.1.3.6.1.4.1.3808.1.1.1.7.2.6.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
  { name: 'calibrate.stop', flags: 0, len: 3, oid: '.1.3.6.1.4.1.3808.1.1.1.7.2.6.0', dfl: null, suFlags: SU_TYPE_CMD | SU_FLAG_OK },
];

export const cyberpower: Mib2Nut = {
  name: 'cyberpower',
  version: '0.51',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.3808.1.1.1.1.1.1.0',
  info: cyberpower_mib,
  sysOid: '.1.3.6.1.4.1.3808.1.1.1',
  alarms: null,
};
