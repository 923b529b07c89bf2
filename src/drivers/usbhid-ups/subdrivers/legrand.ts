// Legrand Keor (NUT 2.8.0 legrand-hid.c, "Legrand HID 0.2").

import type { Conversion, HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, charging_info, discharging_info, divide_by_10_conversion, formatFixed,
  lowbatt_info, online_info, overload_info,
} from '../lookups.js';
import { claimWith, disableInterruptPipe, info, usbDevice } from './common.js';

export const LEGRAND_VID = 0x1cb0;
export const LEGRAND_PID_PDU = 0x0038; // Keor PDU (800VA)
export const LEGRAND_PID_SP = 0x0032; // Keor SP (600 to 2000VA)

/** Both models: no interrupt pipe. */
export const legrand_usb_device_table: readonly UsbId[] = [
  usbDevice(LEGRAND_VID, LEGRAND_PID_PDU, disableInterruptPipe),
  usbDevice(LEGRAND_VID, LEGRAND_PID_SP, disableInterruptPipe),
];

/** Keor units report some values with too small an exponent: "%0.1f" of the value times a factor. */
const times = (factor: number): Conversion => ({ fun: (value) => formatFixed(value * factor, 1).slice(0, 19) });
export const legrand_times10_info = times(10);
export const legrand_times100k_info = times(100000);
export const legrand_times1M_info = times(1000000);
export const legrand_times10M_info = times(10000000);

export const legrand_usage_lkp: UsageTable = [];

export const legrand_hid2nut: readonly HidInfo[] = [
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%.0f', 0),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.Voltage', '%.0f', 0, legrand_times1M_info),
  info('input.transfer.high', 0, 0, 'UPS.Input.HighVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.high', 0, 0, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.0f', HU_FLAG_STATIC, legrand_times10_info),
  info('input.transfer.low', 0, 0, 'UPS.Input.LowVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.low', 0, 0, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('input.voltage.nominal', 0, 0, 'UPS.Input.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('input.voltage.nominal', 0, 0, 'UPS.Flow.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.0f', HU_FLAG_STATIC, divide_by_10_conversion),
  info('battery.voltage.nominal', 0, 0, 'UPS.BatterySystem.Battery.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.0f', 0, divide_by_10_conversion),
  info('battery.voltage', 0, 0, 'UPS.BatterySystem.Battery.Voltage', '%.0f', 0, legrand_times100k_info),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RuntimeToEmpty', '%.0f', 0),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', HU_FLAG_STATIC),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_STATIC),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%.0f', 0),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.0f', 0, legrand_times10M_info),
  info('output.frequency', 0, 0, 'UPS.Output.Frequency', '%.0f', 0),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.0f', 0),
  info('ups.load', 0, 0, 'UPS.OutletSystem.Outlet.PercentLoad', '%.0f', 0),
  info('ups.realpower.nominal', 0, 0, 'UPS.Output.ConfigActivePower', '%.0f', HU_FLAG_STATIC),
  info('ups.realpower.nominal', 0, 0, 'UPS.Flow.ConfigApparentPower', '%.0f', HU_FLAG_STATIC),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.Output.Overload', null, HU_FLAG_QUICK_POLL, overload_info),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('load.off.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Battery.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Battery.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Battery.Test', '3', HU_TYPE_CMD),
  info('test.battery.start.quick', 0, 0, 'UPS.Output.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.Output.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.Output.Test', '3', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
];

export const legrand_subdriver: HidSubdriver = {
  name: 'Legrand HID 0.2',
  ids: legrand_usb_device_table,
  claim: claimWith(legrand_usb_device_table, 'Legrand'),
  usageTables: [legrand_usage_lkp],
  hid2nut: legrand_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Legrand',
  formatSerial: (dev) => dev.serial,
};
