// Delta UPS (NUT 2.8.0 delta_ups-hid.c, "Delta UPS HID 0.6"): RT and Amplon R series.

import type { Conversion, FormatEnv, HidDeviceInfo, HidInfo, HidSubdriver, InfoLookup, UsbId } from '../subdriver.js';
import {
  HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, awaitingpower_info, beeper_info, boost_info, charging_info, commfault_info,
  depleted_info, discharging_info, fullycharged_info, kelvin_celsius_conversion, lowbatt_info, nobattery_info,
  off_info, online_info, overheat_info, overload_info, replacebatt_info, shutdownimm_info, stringid_conversion,
  test_read_info, trim_info, vrange_info, yes_no_info,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const DELTA_UPS_VENDORID = 0x05dd;

export const delta_ups_usb_device_table: readonly UsbId[] = [
  usbDevice(DELTA_UPS_VENDORID, 0x041b), // RT series, Amplon R series, single phase 1/2/3 kVA
];

const upstypes = ['online', 'offline', 'line-interactive', '3-phase', 'split-phase'];

/** DeltaUPSType: the low nibble, with Delta's numbering folded onto NUT's names */
export const delta_ups_type_info: Conversion = {
  fun(value) {
    let type = Math.trunc(value) & 0xf;
    if (type === 6) type = 4;
    else if (type > 2 && type <= 5) type -= 2;
    return type >= 0 && type <= 4 ? upstypes[type]! : null;
  },
};

export const delta_ups_usage_lkp: UsageTable = [
  { usage: 0x00000000, name: 'DELTA1' },
  { usage: 0xff000055, name: 'DELTA2' },
  { usage: 0xffff0010, name: 'DeltaCustom' },
  { usage: 0xffff0056, name: 'DELTA4' },
  { usage: 0xffff0057, name: 'DeltaConfigTransferLowMax' },
  { usage: 0xffff0058, name: 'DeltaConfigTransferLowMin' },
  { usage: 0xffff0059, name: 'DeltaConfigTransferHighMax' },
  { usage: 0xffff005a, name: 'DeltaConfigTransferHighMin' },
  { usage: 0xffff0060, name: 'DELTA9' },
  { usage: 0xffff0061, name: 'DeltaConfigExternalBatteryPack' },
  { usage: 0xffff0062, name: 'DELTA11' },
  { usage: 0xffff0063, name: 'DELTA12' },
  { usage: 0xffff0064, name: 'DELTA13' },
  { usage: 0xffff0065, name: 'DELTA14' },
  { usage: 0xffff0066, name: 'DELTA15' },
  { usage: 0xffff0067, name: 'DELTA16' },
  { usage: 0xffff0068, name: 'DELTA17' },
  { usage: 0xffff0075, name: 'DeltaModelName' },
  { usage: 0xffff0076, name: 'DELTA19' },
  { usage: 0xffff007c, name: 'DeltaUPSType' },
  { usage: 0xffff007d, name: 'DELTA21' },
  { usage: 0xffff0081, name: 'DeltaConfigStartPowerRestoreDelay' },
  { usage: 0xffff0091, name: 'DeltaOutputSource' },
  { usage: 0xffff0092, name: 'DELTA24' },
  { usage: 0xffff0093, name: 'DELTA25' },
  { usage: 0xffff0094, name: 'DELTA26' },
  { usage: 0xffff0095, name: 'DELTA27' },
  { usage: 0xffff0096, name: 'DELTA28' },
  { usage: 0xffff0097, name: 'DELTA29' },
  { usage: 0xffff0098, name: 'DELTA30' },
  { usage: 0xffff0099, name: 'DELTA31' },
  { usage: 0xffff009a, name: 'DELTA32' },
  { usage: 0xffff009b, name: 'DeltaConfigSensitivity' },
  { usage: 0xffff009c, name: 'DeltaConfigStartPowerRestore' },
];

export const delta_ups_sensitivity_info: InfoLookup = [
  { hid: 0, nut: 'normal' },
  { hid: 1, nut: 'reduced' },
  { hid: 2, nut: 'low' },
];

export const delta_ups_output_source_info: InfoLookup = [
  { hid: 0, nut: 'normal' },
  { hid: 1, nut: 'battery' },
  { hid: 2, nut: 'bypass/reserve' },
  { hid: 3, nut: 'reducing' },
  { hid: 4, nut: 'boosting' },
  { hid: 5, nut: 'manual bypass' },
  { hid: 6, nut: 'other' },
  { hid: 7, nut: 'no output' },
  { hid: 8, nut: 'on eco' },
];

export const delta_ups_hid2nut: readonly HidInfo[] = [
  info('input.sensitivity', ST_FLAG_RW, 0, 'UPS.DeltaCustom.[1].DeltaConfigSensitivity', '%s', 0, delta_ups_sensitivity_info),
  info('input.voltage.nominal', 0, 0, 'UPS.PowerSummary.Input.ConfigVoltage', '%.1f', HU_FLAG_SEMI_STATIC),
  info('input.voltage', 0, 0, 'UPS.PowerSummary.Input.Voltage', '%.1f', HU_FLAG_QUICK_POLL),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.Voltage', '%.1f', HU_FLAG_QUICK_POLL),
  info('input.transfer.low', ST_FLAG_RW, 0, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.1f', 0),
  info('input.transfer.high', ST_FLAG_RW, 0, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.1f', 0),
  info('input.transfer.low.min', 0, 0, 'UPS.PowerConverter.Output.DeltaConfigTransferLowMin', '%.1f', HU_FLAG_STATIC),
  info('input.transfer.low.max', 0, 0, 'UPS.PowerConverter.Output.DeltaConfigTransferLowMax', '%.1f', HU_FLAG_STATIC),
  info('input.transfer.high.min', 0, 0, 'UPS.PowerConverter.Output.DeltaConfigTransferHighMin', '%.1f', HU_FLAG_STATIC),
  info('input.transfer.high.max', 0, 0, 'UPS.PowerConverter.Output.DeltaConfigTransferHighMax', '%.1f', HU_FLAG_STATIC),
  info('input.source', 0, 0, 'UPS.OutletSystem.Outlet.DeltaOutputSource', '%s', 0, delta_ups_output_source_info),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.Frequency', '%.1f', HU_FLAG_QUICK_POLL),
  info('battery.voltage.nominal', 0, 0, 'UPS.BatterySystem.Battery.ConfigVoltage', '%.1f', HU_FLAG_STATIC),
  info('battery.voltage', 0, 0, 'UPS.BatterySystem.Battery.Voltage', '%.1f', HU_FLAG_QUICK_POLL),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.charge', 0, 0, 'UPS.BatterySystem.Battery.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.temperature', 0, 0, 'UPS.BatterySystem.Temperature', '%s', HU_FLAG_QUICK_POLL, kelvin_celsius_conversion),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.DesignCapacity', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.FullChargeCapacity', '%.0f', HU_FLAG_SEMI_STATIC),
  info('output.voltage.nominal', 0, 0, 'UPS.Flow.ConfigVoltage', '%.1f', HU_FLAG_SEMI_STATIC),
  info('output.frequency.nominal', 0, 0, 'UPS.Flow.ConfigFrequency', '%.1f', HU_FLAG_SEMI_STATIC),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.1f', HU_FLAG_QUICK_POLL),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%.1f', HU_FLAG_QUICK_POLL),
  info('output.current', 0, 0, 'UPS.PowerConverter.Output.Current', '%.1f', HU_FLAG_QUICK_POLL),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', HU_FLAG_QUICK_POLL, beeper_info),
  info('ups.test.result', 0, 0, 'UPS.BatterySystem.Test', '%s', 0, test_read_info),
  info('ups.type', 0, 0, 'UPS.DeltaCustom.[1].DeltaUPSType', '%s', HU_FLAG_STATIC, delta_ups_type_info),
  info('ups.start.auto', ST_FLAG_RW, 0, 'UPS.DeltaCustom.[1].DeltaConfigStartPowerRestore', '%s', 0, yes_no_info),
  info('ups.power.nominal', 0, 0, 'UPS.Flow.ConfigApparentPower', '%.0f', HU_FLAG_STATIC),
  info('ups.realpower', 0, 0, 'UPS.OutletSystem.Outlet.ActivePower', '%.1f', HU_FLAG_QUICK_POLL),
  info('ups.realpower', 0, 0, 'UPS.PowerConverter.Output.ActivePower', '%.1f', HU_FLAG_QUICK_POLL),
  info('ups.load', 0, 0, 'UPS.OutletSystem.Outlet.PercentLoad', '%.1f', HU_FLAG_QUICK_POLL),
  info('ups.delay.start', ST_FLAG_RW, 0, 'UPS.OutletSystem.Outlet.DeltaConfigStartPowerRestoreDelay', '%.0f', 0),
  info('ups.timer.start', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Good', null, HU_FLAG_QUICK_POLL, off_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, HU_FLAG_QUICK_POLL, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, HU_FLAG_QUICK_POLL, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyCharged', null, HU_FLAG_QUICK_POLL, fullycharged_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyDischarged', null, HU_FLAG_QUICK_POLL, depleted_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, HU_FLAG_QUICK_POLL, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.VoltageOutOfRange', null, HU_FLAG_QUICK_POLL, vrange_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Buck', null, HU_FLAG_QUICK_POLL, trim_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Boost', null, HU_FLAG_QUICK_POLL, boost_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Overload', null, HU_FLAG_QUICK_POLL, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Used', null, HU_FLAG_QUICK_POLL, nobattery_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.OverTemperature', null, HU_FLAG_QUICK_POLL, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.InternalFailure', null, HU_FLAG_QUICK_POLL, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.AwaitingPower', null, HU_FLAG_QUICK_POLL, awaitingpower_info),
  info('beeper.on', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Test', '3', HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeReboot', '10', HU_TYPE_CMD),
];

/** the model name from DeltaModelName, else the USB product string */
async function delta_ups_format_model(dev: HidDeviceInfo, env?: FormatEnv): Promise<string | null> {
  const model = env ? ((await env.getItemString('UPS.DeltaCustom.[1].DeltaModelName')) ?? '').slice(0, 511) : '';
  return model.length < 1 ? dev.product : model;
}

export const delta_ups_subdriver: HidSubdriver = {
  name: 'Delta UPS HID 0.6',
  ids: delta_ups_usb_device_table,
  claim: claimWith(delta_ups_usb_device_table, 'Delta'),
  usageTables: [delta_ups_usage_lkp],
  hid2nut: delta_ups_hid2nut,
  formatModel: delta_ups_format_model,
  formatMfr: (dev) => dev.vendor ?? 'Delta',
  formatSerial: (dev) => dev.serial,
};
