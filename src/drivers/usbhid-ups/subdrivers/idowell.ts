// iDowell (NUT 2.8.0 idowell-hid.c, "iDowell HID 0.2").

import type { HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, charging_info, commfault_info, discharging_info, lowbatt_info, off_info,
  online_info, overload_info, replacebatt_info, shutdownimm_info, stringid_conversion,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const IDOWELL_VENDORID = 0x075d;

export const idowell_usb_device_table: readonly UsbId[] = [
  usbDevice(IDOWELL_VENDORID, 0x0300), // iDowell
];

export const idowell_usage_lkp: UsageTable = [];

export const idowell_hid2nut: readonly HidInfo[] = [
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.CommunicationLost', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Good', null, 0, off_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_STATIC),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.load', 0, 0, 'UPS.PowerSummary.PercentLoad', '%.0f', 0),
  info('ups.power.nominal', 0, 0, 'UPS.Flow.[4].ConfigApparentPower', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.high', 0, 0, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.low', 0, 0, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Flow.[4].ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('output.frequency.nominal', 0, 0, 'UPS.Flow.[4].ConfigFrequency', '%.0f', HU_FLAG_STATIC),
  info('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
];

export const idowell_subdriver: HidSubdriver = {
  name: 'iDowell HID 0.2',
  ids: idowell_usb_device_table,
  claim: claimWith(idowell_usb_device_table, 'iDowell'),
  usageTables: [idowell_usage_lkp],
  hid2nut: idowell_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'iDowell',
  formatSerial: (dev) => dev.serial,
};
