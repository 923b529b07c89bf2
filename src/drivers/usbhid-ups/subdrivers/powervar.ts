// Powervar (NUT 2.8.0 powervar-hid.c, "Powervar HID 0.20").

import type { ClaimEnv, HidDeviceInfo, HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import { HU_FLAG_QUICK_POLL } from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  charging_info, depleted_info, discharging_info, fullycharged_info, lowbatt_info, online_info, overheat_info,
  overload_info, replacebatt_info, shutdownimm_info, stringid_conversion, timelimitexpired_info, yes_no_info,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const POWERVAR_VENDORID = 0x4234;

export const powervar_usb_device_table: readonly UsbId[] = [
  usbDevice(POWERVAR_VENDORID, 0x0002), // Powervar
];

export const powervar_usage_lkp: UsageTable = [
  { usage: 0xff000001, name: 'POWERVAR1' },
];

export const powervar_hid2nut: readonly HidInfo[] = [
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.FullChargeCapacity', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RuntimeToEmpty', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, 0, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, 0, yes_no_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Good', null, 0, yes_no_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.OverTemperature', null, 0, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyCharged', null, 0, fullycharged_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyDischarged', null, 0, depleted_info),
];

/** The claim of NUT: taken devices use HID interface 1. */
const baseClaim = claimWith(powervar_usb_device_table, 'Powervar');
function powervar_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  if (!baseClaim(dev, env)) return false;
  if (env.tweaks) { env.tweaks.hidRepIndex = 1; }
  return true;
}

export const powervar_subdriver: HidSubdriver = {
  name: 'Powervar HID 0.20',
  ids: powervar_usb_device_table,
  claim: powervar_claim,
  usageTables: [powervar_usage_lkp],
  hid2nut: powervar_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Powervar',
  formatSerial: (dev) => dev.serial,
};
