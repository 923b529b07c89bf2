// Salicru (NUT 2.8.0 salicru-hid.c, "Salicru HID 0.3").

import type { HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import {
  HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  beeper_info, boost_info, charging_info, commfault_info, discharging_info, fullycharged_info, lowbatt_info,
  online_info, overheat_info, overload_info, stringid_conversion, test_read_info, timelimitexpired_info,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const SALICRU_VENDORID = 0x2e66;

export const salicru_usb_device_table: readonly UsbId[] = [
  usbDevice(SALICRU_VENDORID, 0x0201), // TWINPRO3/TWINRT3, SLC TWIN PRO2 <= 3 kVA
  usbDevice(SALICRU_VENDORID, 0x0202),
  usbDevice(SALICRU_VENDORID, 0x0203),
  usbDevice(SALICRU_VENDORID, 0x0300), // SPS 850 HOME
];

export const salicru_usage_lkp: UsageTable = [];

export const salicru_hid2nut: readonly HidInfo[] = [
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.0f', 0),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.2f', 0),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.0f', 0),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', 0, beeper_info),
  info('ups.test.result', 0, 0, 'UPS.Output.Test', '%s', 0, test_read_info),
  info('ups.realpower.nominal', 0, 0, 'UPS.Output.ConfigActivePower', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyCharged', null, 0, fullycharged_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.Output.CommunicationLost', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.Output.Boost', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.Output.Overload', null, 0, overload_info),
  info('input.frequency', 0, 0, 'UPS.Input.Frequency', '%.1f', 0),
  info('input.voltage.nominal', 0, 0, 'UPS.Input.ConfigVoltage', '%.0f', 0),
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%.1f', 0),
  info('input.transfer.high', 0, 0, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.low', 0, 0, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.0f', HU_FLAG_STATIC),
  info('output.frequency', 0, 0, 'UPS.Output.Frequency', '%.1f', 0),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Output.ConfigVoltage', '%.0f', 0),
  info('ups.load', 0, 0, 'UPS.PowerSummary.PercentLoad', '%.0f', 0),
  info('ups.test.result', 0, 0, 'UPS.BatterySystem.Battery.Test', '%s', 0, test_read_info),
  info('ups.realpower.nominal', 0, 0, 'UPS.Flow.[4].ConfigActivePower', '%.0f', 0),
  info('ups.realpower', 0, 0, 'UPS.PowerConverter.Output.ActivePower', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.OverTemperature', null, 0, overheat_info),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.[1].Frequency', '%.1f', 0),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Voltage', '%.1f', 0),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%.1f', 0),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.0f', 0),
  info('ups.test.result', 0, 0, 'UPS.BatterySystem.Battery.Test', '%s', 0, test_read_info),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Battery.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Battery.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Battery.Test', '3', HU_TYPE_CMD),
];

export const salicru_subdriver: HidSubdriver = {
  name: 'Salicru HID 0.3',
  ids: salicru_usb_device_table,
  claim: claimWith(salicru_usb_device_table, 'Salicru'),
  usageTables: [salicru_usage_lkp],
  hid2nut: salicru_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Salicru',
  formatSerial: (dev) => dev.serial,
};
