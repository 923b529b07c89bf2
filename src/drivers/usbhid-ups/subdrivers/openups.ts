// openUPS (NUT 2.8.0 openups-hid.c, "openUPS HID 0.5"): Mini-Box openUPS boards.

import type { ClaimEnv, Conversion, HidDeviceInfo, HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import { HU_FLAG_QUICK_POLL, HU_FLAG_STATIC } from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  commfault_info, formatFixed, formatG, lowbatt_info, overheat_info, overload_info, replacebatt_info,
  shutdownimm_info, stringid_conversion, timelimitexpired_info, toLong,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const OPENUPS_VENDORID = 0x04d8;

/** Raw-reading scales, chosen by product id when the device is matched (module state of the one device). */
const scale = { vin: 1, vout: 1, ccharge: 1, cdischarge: 1 };

/** Back to the state at start (tests). */
export function openups_reset(): void {
  Object.assign(scale, { vin: 1, vout: 1, ccharge: 1, cdischarge: 1 });
}

function get_voltage_multiplier(dev: HidDeviceInfo, env: ClaimEnv): void {
  if (dev.productId === 0xd004) {
    Object.assign(scale, { vin: 0.03545 * 100, vout: 0.02571 * 100, ccharge: 0.8274 / 10, cdischarge: 16.113 / 10 });
  } else if (dev.productId === 0xd005) {
    Object.assign(scale, { vin: 0.1, vout: 0.1, ccharge: 0.1, cdischarge: 0.1 }); // the charge scales are unverified in NUT
  }
  env.log.debug(1, `vin_scale = ${formatG(scale.vin)}; vout_scale = ${formatG(scale.vout)}\n`);
}

export const openups_usb_device_table: readonly UsbId[] = [
  usbDevice(OPENUPS_VENDORID, 0xd004, get_voltage_multiplier), // openUPS Intelligent UPS (firmware 1.4 or later)
  usbDevice(OPENUPS_VENDORID, 0xd005, get_voltage_multiplier),
];

/** Thermistor readings at -40, -35, ... 125 °C (from the vendor's monitoring program). */
const therm_tbl = [
  0x31, 0x40, 0x53, 0x68, 0x82, 0xa0, 0xc3, 0xe9, 0x113, 0x13f, 0x16e, 0x19f, 0x1cf, 0x200, 0x22f, 0x25c, 0x286,
  0x2ae, 0x2d3, 0x2f4, 0x312, 0x32d, 0x345, 0x35a, 0x36d, 0x37e, 0x38c, 0x399, 0x3a5, 0x3af, 0x3b7, 0x3bf, 0x3c6, 0x3cc,
];

/** any non-zero value sets the flag */
const nonZero = (set: string, clear: string): Conversion => ({ fun: (value) => (value !== 0 ? set : clear) });
export const openups_charging_info = nonZero('chrg', '!chrg');
export const openups_discharging_info = nonZero('dischrg', '!dischrg');
export const openups_online_info = nonZero('online', '!online');
export const openups_nobattery_info = nonZero('nobattery', '!nobattery');
export const openups_off_info = nonZero('!off', 'off');

const scaled = (factor: () => number, digits: number): Conversion => ({
  fun: (value) => formatFixed(value * factor(), digits).slice(0, 19),
});
export const openups_vin_info = scaled(() => scale.vin, 2);
export const openups_vout_info = scaled(() => scale.vout, 2);
export const openups_ccharge_info = scaled(() => scale.ccharge, 3);
export const openups_cdischarge_info = scaled(() => scale.cdischarge, 3);

/** °C from the thermistor reading, linear between table points, clamped to -40..125 */
export const openups_temperature_info: Conversion = {
  fun(value) {
    const thermistor = Number(BigInt.asUintN(32, toLong(value * 100)));
    const last = therm_tbl.length - 1;
    if (thermistor <= therm_tbl[0]!) return '-40';
    if (thermistor >= therm_tbl[last]!) return '125';
    let pos = 0;
    for (let i = last; i >= 0; i--) {
      if (thermistor >= therm_tbl[i]!) {
        pos = i;
        break;
      }
    }
    if (thermistor === therm_tbl[pos]) return String(pos * 5 - 40);
    const t1 = pos * 5 - 40;
    const t2 = (pos + 1) * 5 - 40;
    const d1 = therm_tbl[pos]!;
    const d2 = therm_tbl[pos + 1]!;
    return formatFixed(((thermistor - d1) * (t2 - t1)) / (d2 - d1) + t1, 2).slice(0, 19);
  },
};

export const openups_usage_lkp: UsageTable = [
  { usage: 0x00000001, name: 'Cell1' },
  { usage: 0x00000002, name: 'Cell2' },
  { usage: 0x00000003, name: 'Cell3' },
  { usage: 0x00000004, name: 'Cell4' },
  { usage: 0x00000005, name: 'Cell5' },
  { usage: 0x00000006, name: 'Cell6' },
];

export const openups_hid2nut: readonly HidInfo[] = [
  info('ups.serial', 0, 0, 'UPS.PowerSummary.iSerialNumber', '%s', 0, stringid_conversion),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('battery.mfr.date', 0, 0, 'UPS.PowerSummary.iOEMInformation', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.2f', HU_FLAG_QUICK_POLL),
  info('battery.current', 0, 0, 'UPS.PowerSummary.Current', '%.3f', HU_FLAG_QUICK_POLL),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.DesignCapacity', '%.0f', HU_FLAG_STATIC),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.temperature', 0, 0, 'UPS.PowerSummary.Temperature', null, HU_FLAG_QUICK_POLL, openups_temperature_info),
  info('output.voltage', 0, 0, 'UPS.PowerSummary.Output.Voltage', null, HU_FLAG_QUICK_POLL, openups_vout_info),
  info('output.current', 0, 0, 'UPS.PowerSummary.Output.Current', null, HU_FLAG_QUICK_POLL, openups_cdischarge_info),
  info('input.voltage', 0, 0, 'UPS.PowerSummary.Input.Voltage', null, HU_FLAG_QUICK_POLL, openups_vin_info),
  info('input.current', 0, 0, 'UPS.PowerSummary.Input.Current', null, HU_FLAG_QUICK_POLL, openups_ccharge_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Good', null, HU_FLAG_QUICK_POLL, openups_off_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, HU_FLAG_QUICK_POLL, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, HU_FLAG_QUICK_POLL, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.OverTemperature', null, HU_FLAG_QUICK_POLL, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, HU_FLAG_QUICK_POLL, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, HU_FLAG_QUICK_POLL, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, openups_charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, openups_discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, openups_online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BatteryPresent', null, HU_FLAG_QUICK_POLL, openups_nobattery_info),
];

export const openups_subdriver: HidSubdriver = {
  name: 'openUPS HID 0.5',
  ids: openups_usb_device_table,
  claim: claimWith(openups_usb_device_table, 'openUPS'),
  usageTables: [openups_usage_lkp],
  hid2nut: openups_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'openUPS',
  formatSerial: (dev) => dev.serial,
};
