// Liebert/Phoenixtec (NUT 2.8.0 liebert-hid.c, "Phoenixtec/Liebert HID 0.41"): Phoenixtec-built units sold as Liebert.

import type { HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import { HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC } from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  charging_info, discharging_info, lowbatt_info, online_info, overload_info, shutdownimm_info, stringid_conversion,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const LIEBERT_VENDORID = 0x06da;

export const liebert_usb_device_table: readonly UsbId[] = [
  usbDevice(LIEBERT_VENDORID, 0xffff), // various models
];

export const liebert_usage_lkp: UsageTable = [];

export const liebert_hid2nut: readonly HidInfo[] = [
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.2f', 0),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.2f', HU_FLAG_STATIC),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('ups.load', 0, 0, 'UPS.PowerSummary.PercentLoad', '%.0f', 0),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.1f', 0),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%.2f', 0),
  info('output.transfer.high', 0, 0, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.1f', HU_FLAG_SEMI_STATIC),
  info('output.transfer.low', 0, 0, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.1f', HU_FLAG_SEMI_STATIC),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Voltage', '%.1f', 0),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.[1].Frequency', '%.2f', 0),
  info('input.transfer.low', 0, 0, 'UPS.PowerConverter.Output.ffff0057', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high', 0, 0, 'UPS.PowerConverter.Output.ffff0058', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.frequency.transfer.low', 0, 0, 'UPS.PowerConverter.Output.ffff00f9', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.frequency.transfer.high', 0, 0, 'UPS.PowerConverter.Output.ffff00f8', '%.0f', HU_FLAG_SEMI_STATIC),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', '%.0f', HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', '%.0f', HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', '%.0f', HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', '%.0f', HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', '%.0f', 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', '%.0f', 0, shutdownimm_info),
];

export const liebert_subdriver: HidSubdriver = {
  name: 'Phoenixtec/Liebert HID 0.41',
  ids: liebert_usb_device_table,
  claim: claimWith(liebert_usb_device_table, 'Liebert'),
  usageTables: [liebert_usage_lkp],
  hid2nut: liebert_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Liebert',
  formatSerial: (dev) => dev.serial,
};
