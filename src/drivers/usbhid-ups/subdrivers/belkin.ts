// Belkin and Liebert (NUT 2.8.0 belkin-hid.c, "Belkin/Liebert HID 0.18").
// Belkin units use non-standard usage pages (the 0x00860000 names below);
// newer Liebert firmware uses standard paths but broken exponents.

import type {
  ClaimEnv, Conversion, FormatEnv, HidDeviceInfo, HidInfo, HidSubdriver, InfoLookup, LookupEnv, UsbId,
} from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, beeper_info, date_conversion, divide_by_10_conversion, formatFixed, formatG,
  stringid_conversion, toLong,
} from '../lookups.js';
import { info, isUsbDeviceSupported, possiblySupported, usbDevice } from './common.js';

export const BELKIN_VENDORID = 0x050d;
export const LIEBERT_VENDORID = 0x10af;

export const belkin_usb_device_table: readonly UsbId[] = [
  usbDevice(BELKIN_VENDORID, 0x0980), // F6C800-UNV
  usbDevice(BELKIN_VENDORID, 0x0900), // F6C900-UNV
  usbDevice(BELKIN_VENDORID, 0x0910), // F6C100-UNV
  usbDevice(BELKIN_VENDORID, 0x0912), // F6C120-UNV
  usbDevice(BELKIN_VENDORID, 0x0551), // F6C550-AVR
  usbDevice(BELKIN_VENDORID, 0x0750), // F6C1250-TW-RK
  usbDevice(BELKIN_VENDORID, 0x0751), // F6C1500-TW-RK
  usbDevice(BELKIN_VENDORID, 0x0375), // F6H375-USB
  usbDevice(BELKIN_VENDORID, 0x0f51), // Regulator PRO-USB
  usbDevice(BELKIN_VENDORID, 0x1100), // F6C1100-UNV, F6C1200-UNV
  usbDevice(LIEBERT_VENDORID, 0x0004), // Liebert GXT4
  usbDevice(LIEBERT_VENDORID, 0x0001), // Liebert PowerSure PSA
  usbDevice(LIEBERT_VENDORID, 0x0004), // Liebert PowerSure PSI 1440
  usbDevice(LIEBERT_VENDORID, 0x0008), // Liebert GXT3
];

/** Status flags that are set by any non-zero value (some Liebert units report 1e-7 for "true"). */
const nonZero = (set: string): Conversion => ({ fun: (value) => (value !== 0 ? set : `!${set}`) });
export const liebert_online_info = nonZero('online');
export const liebert_discharging_info = nonZero('dischrg');
export const liebert_charging_info = nonZero('chrg');
export const liebert_lowbatt_info = nonZero('lowbatt');
export const liebert_replacebatt_info = nonZero('replacebatt');
export const liebert_shutdownimm_info = nonZero('shutdownimm');

/** upslogx(LOG_NOTICE) */
function logNotice(env: LookupEnv, msg: string): void {
  if (env.log?.notice) env.log.notice(msg);
  else env.log?.info(msg);
}

/** Voltage multipliers learnt from Liebert's broken exponents (module state of the one device). */
const liebert = { configVoltageMult: 1.0, lineVoltageMult: 1.0 };

/** Back to the state at start (tests). */
export function belkin_reset(): void {
  liebert.configVoltageMult = 1.0;
  liebert.lineVoltageMult = 1.0;
}

/**
 * ConfigVoltage of 1e-7 means the exponent is off by 8 (and the line
 * voltages by 7: ConfigVoltage comes after them, so it also sets theirs).
 */
export const liebert_config_voltage_info: Conversion = {
  fun(value, env) {
    if (value < 1) {
      if (Math.abs(value - 1e-7) < 1e-9) {
        liebert.configVoltageMult = 1e8;
        liebert.lineVoltageMult = 1e7;
        env.log?.debug(2, `ConfigVoltage = ${formatG(value)} -> assuming correction factor = ${formatG(liebert.configVoltageMult)}`);
      } else {
        logNotice(env, 'ConfigVoltage exponent looks wrong, but not correcting.');
      }
    }
    return formatFixed(value * liebert.configVoltageMult, 1).slice(0, 9);
  },
};

export const liebert_line_voltage_info: Conversion = {
  fun(value, env) {
    if (value < 1) {
      if (Math.abs(value - 1e-7) < 1e-9) {
        liebert.lineVoltageMult = 1e7;
        env.log?.debug(2, `Input/OutputVoltage = ${formatG(value)} -> assuming correction factor = ${formatG(liebert.lineVoltageMult)}`);
      } else {
        logNotice(env, 'LineVoltage exponent looks wrong, but not correcting.');
      }
    }
    return formatFixed(value * liebert.lineVoltageMult, 1).slice(0, 9);
  },
};

/** firmware version in the high bits */
export const belkin_firmware_conversion: Conversion = {
  fun: (value) => (toLong(value) >> 4n).toString(),
};

export const belkin_upstype_conversion: Conversion = {
  fun(value) {
    switch (Number(toLong(value) & 0x0fn)) {
      case 1: return 'offline';
      case 2: return 'line-interactive';
      case 3: return 'simple online';
      case 4: return 'simple offline';
      case 5: return 'simple line-interactive';
      default: return 'online';
    }
  },
};

export const belkin_sensitivity_conversion: Conversion = {
  fun(value) {
    const v = toLong(value);
    return v === 1n ? 'reduced' : v === 2n ? 'low' : 'normal';
  },
};

/** A status flag from one bit of a Belkin status word; `inverted`: the bit set clears it. */
const bit = (mask: bigint, set: string, inverted = false): Conversion => ({
  fun(value) {
    const on = (toLong(value) & mask) !== 0n;
    return on !== inverted ? set : `!${set}`;
  },
});
export const belkin_overload_conversion = bit(0x0010n, 'overload');
export const belkin_overheat_conversion = bit(0x0040n, 'overheat');
export const belkin_commfault_conversion = bit(0x0080n, 'commfault');
export const belkin_awaitingpower_conversion = bit(0x2000n, 'awaitingpower');
/** bit 0 set means on battery */
export const belkin_online_conversion = bit(0x0001n, 'online', true);
export const belkin_lowbatt_conversion = bit(0x0004n, 'lowbatt');
export const belkin_depleted_conversion = bit(0x0040n, 'depleted');
export const belkin_replacebatt_conversion = bit(0x0080n, 'replacebatt');

export const belkin_test_info: InfoLookup = [
  { hid: 0, nut: 'No test initiated' },
  { hid: 1, nut: 'Done and passed' },
  { hid: 2, nut: 'Done and warning' },
  { hid: 3, nut: 'Done and error' },
  { hid: 4, nut: 'Aborted' },
  { hid: 5, nut: 'In progress' },
];

export const belkin_usage_lkp: UsageTable = [
  { usage: 0x00860026, name: 'BELKINConfig' },
  { usage: 0x00860040, name: 'BELKINConfigVoltage' },
  { usage: 0x00860042, name: 'BELKINConfigFrequency' },
  { usage: 0x00860043, name: 'BELKINConfigApparentPower' },
  { usage: 0x00860044, name: 'BELKINConfigBatteryVoltage' },
  { usage: 0x00860045, name: 'BELKINConfigOverloadTransfer' },
  { usage: 0x00860053, name: 'BELKINLowVoltageTransfer' },
  { usage: 0x00860054, name: 'BELKINHighVoltageTransfer' },
  { usage: 0x0086005b, name: 'BELKINLowVoltageTransferMax' },
  { usage: 0x0086005c, name: 'BELKINLowVoltageTransferMin' },
  { usage: 0x0086005d, name: 'BELKINHighVoltageTransferMax' },
  { usage: 0x0086005e, name: 'BELKINHighVoltageTransferMin' },
  { usage: 0x00860027, name: 'BELKINControls' },
  { usage: 0x00860050, name: 'BELKINLoadOn' },
  { usage: 0x00860051, name: 'BELKINLoadOff' },
  { usage: 0x00860052, name: 'BELKINLoadToggle' },
  { usage: 0x00860055, name: 'BELKINDelayBeforeReboot' },
  { usage: 0x00860056, name: 'BELKINDelayBeforeStartup' },
  { usage: 0x00860057, name: 'BELKINDelayBeforeShutdown' },
  { usage: 0x00860058, name: 'BELKINTest' },
  { usage: 0x0086005a, name: 'BELKINAudibleAlarmControl' },
  { usage: 0x00860029, name: 'BELKINDevice' },
  { usage: 0x00860074, name: 'BELKINVoltageSensitivity' },
  { usage: 0x00860075, name: 'BELKINModelString' },
  { usage: 0x00860076, name: 'BELKINModelStringOffset' },
  { usage: 0x0086007c, name: 'BELKINUPSType' },
  { usage: 0x0086002a, name: 'BELKINPowerState' },
  { usage: 0x0086001a, name: 'BELKINInput' },
  { usage: 0x0086001c, name: 'BELKINOutput' },
  { usage: 0x00860010, name: 'BELKINBatterySystem' },
  { usage: 0x00860030, name: 'BELKINVoltage' },
  { usage: 0x00860032, name: 'BELKINFrequency' },
  { usage: 0x00860034, name: 'BELKINPower' },
  { usage: 0x00860035, name: 'BELKINPercentLoad' },
  { usage: 0x00860036, name: 'BELKINTemperature' },
  { usage: 0x00860039, name: 'BELKINCharge' },
  { usage: 0x0086006c, name: 'BELKINRunTimeToEmpty' },
  { usage: 0x00860028, name: 'BELKINStatus' },
  { usage: 0x00860022, name: 'BELKINBatteryStatus' },
  { usage: 0x00860021, name: 'BELKINPowerStatus' },
];

export const belkin_hid2nut: readonly HidInfo[] = [
  info('battery.charge', 0, 0, 'UPS.BELKINBatterySystem.BELKINCharge', '%.0f', 0),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', 0),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('battery.voltage', 0, 0, 'UPS.BELKINBatterySystem.BELKINVoltage', '%s', 0, divide_by_10_conversion),
  info('battery.voltage.nominal', 0, 0, 'UPS.BELKINConfig.BELKINConfigBatteryVoltage', '%.0f', 0),
  info('input.frequency', 0, 0, 'UPS.BELKINPowerState.BELKINInput.BELKINFrequency', '%s', 0, divide_by_10_conversion),
  info('input.frequency.nominal', 0, 0, 'UPS.BELKINConfig.BELKINConfigFrequency', '%.0f', 0),
  info('input.sensitivity', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.BELKINDevice.BELKINVoltageSensitivity', '%s', 0, belkin_sensitivity_conversion),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.BELKINConfig.BELKINHighVoltageTransfer', '%.0f', 0),
  info('input.transfer.high.max', 0, 0, 'UPS.BELKINConfig.BELKINHighVoltageTransferMax', '%.0f', 0),
  info('input.transfer.high.min', 0, 0, 'UPS.BELKINConfig.BELKINHighVoltageTransferMin', '%.0f', 0),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.BELKINConfig.BELKINLowVoltageTransfer', '%.0f', 0),
  info('input.transfer.low.max', 0, 0, 'UPS.BELKINConfig.BELKINLowVoltageTransferMax', '%.0f', 0),
  info('input.transfer.low.min', 0, 0, 'UPS.BELKINConfig.BELKINLowVoltageTransferMin', '%.0f', 0),
  info('input.voltage', 0, 0, 'UPS.BELKINPowerState.BELKINInput.BELKINVoltage', '%s', 0, divide_by_10_conversion),
  info('input.voltage.nominal', 0, 0, 'UPS.BELKINConfig.BELKINConfigVoltage', '%.0f', 0),
  info('output.frequency', 0, 0, 'UPS.BELKINPowerState.BELKINOutput.BELKINFrequency', '%s', 0, divide_by_10_conversion),
  info('output.voltage', 0, 0, 'UPS.BELKINPowerState.BELKINOutput.BELKINVoltage', '%s', 0, divide_by_10_conversion),
  info('ups.beeper.status', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '%s', 0, beeper_info),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.BELKINControls.BELKINDelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.BELKINControls.BELKINDelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.firmware', 0, 0, 'UPS.BELKINDevice.BELKINUPSType', '%s', 0, belkin_firmware_conversion),
  info('ups.load', 0, 0, 'UPS.BELKINPowerState.BELKINOutput.BELKINPercentLoad', '%.0f', 0),
  info('ups.load.high', 0, 0, 'UPS.BELKINConfig.BELKINConfigOverloadTransfer', '%.0f', 0),
  info('ups.mfr.date', 0, 0, 'UPS.PowerSummary.ManufacturerDate', '%s', 0, date_conversion),
  info('ups.power.nominal', 0, 0, 'UPS.BELKINConfig.BELKINConfigApparentPower', '%.0f', 0),
  info('ups.serial', 0, 0, 'UPS.PowerSummary.iSerialNumber', '%s', 0, stringid_conversion),
  info('ups.test.result', 0, 0, 'UPS.BELKINControls.BELKINTest', '%s', 0, belkin_test_info),
  info('ups.type', 0, 0, 'UPS.BELKINDevice.BELKINUPSType', '%s', 0, belkin_upstype_conversion),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', HU_FLAG_QUICK_POLL),
  info('input.frequency', 0, 0, 'UPS.Input.Frequency', '%s', 0, divide_by_10_conversion),
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%s', 0, liebert_line_voltage_info),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%s', 0, liebert_line_voltage_info),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%s', 0, liebert_line_voltage_info),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%s', HU_FLAG_STATIC, liebert_config_voltage_info),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.Discharging', null, HU_FLAG_QUICK_POLL, liebert_discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.Charging', null, HU_FLAG_QUICK_POLL, liebert_charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.ShutdownImminent', null, 0, liebert_shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.ACPresent', null, HU_FLAG_QUICK_POLL, liebert_online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, liebert_discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, liebert_charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, liebert_shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, liebert_online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, HU_FLAG_QUICK_POLL, liebert_replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, liebert_lowbatt_info),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINPowerStatus', null, 0, belkin_overload_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINPowerStatus', null, 0, belkin_overheat_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINPowerStatus', null, 0, belkin_commfault_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINPowerStatus', null, 0, belkin_awaitingpower_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINPowerStatus', null, HU_FLAG_QUICK_POLL, belkin_online_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINBatteryStatus', null, HU_FLAG_QUICK_POLL, belkin_depleted_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINBatteryStatus', null, 0, belkin_replacebatt_conversion),
  info('BOOL', 0, 0, 'UPS.BELKINStatus.BELKINBatteryStatus', null, HU_FLAG_QUICK_POLL, belkin_lowbatt_conversion),
  info('test.battery.start.quick', 0, 0, 'UPS.BELKINControls.BELKINTest', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BELKINControls.BELKINTest', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BELKINControls.BELKINTest', '3', HU_TYPE_CMD),
  info('beeper.on', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.BELKINControls.BELKINAudibleAlarmControl', '3', HU_TYPE_CMD),
  info('load.off', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeShutdown', '1', HU_TYPE_CMD),
  info('load.on', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeStartup', '1', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.BELKINControls.BELKINDelayBeforeReboot', '10', HU_TYPE_CMD),
];

/** The serial from the device descriptor, else from UPS.PowerSummary.iSerialNumber (kept on the device, as NUT does). */
async function belkin_format_serial(dev: HidDeviceInfo, env?: FormatEnv): Promise<string | null> {
  if (dev.serial !== null) return dev.serial;
  const serial = env ? ((await env.getItemString('UPS.PowerSummary.iSerialNumber')) ?? '').slice(0, 63) : '';
  if (serial.length < 1) return null;
  dev.serial = serial;
  return serial;
}

function belkin_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  switch (isUsbDeviceSupported(belkin_usb_device_table, dev, env)) {
    case 'supported':
      return true;
    case 'possibly':
      if (dev.vendorId === BELKIN_VENDORID) {
        if (dev.productId === 0x0218) return false; // F5U218-MOB 4-port USB hub
        if (env.getval('productid') !== undefined) return true;
        possiblySupported('Belkin', dev, env);
        return false;
      }
      if (dev.vendorId === LIEBERT_VENDORID) {
        if (env.getval('productid') !== undefined) return true;
        possiblySupported('Liebert', dev, env);
        return false;
      }
      return false;
    default:
      return false;
  }
}

export const belkin_subdriver: HidSubdriver = {
  name: 'Belkin/Liebert HID 0.18',
  ids: belkin_usb_device_table,
  claim: belkin_claim,
  usageTables: [belkin_usage_lkp],
  hid2nut: belkin_hid2nut,
  formatModel: (dev) => (dev.product !== null && dev.product.length > 0 ? dev.product : 'unknown'),
  formatMfr(dev) {
    const mfr = (dev.vendor ?? 'Belkin').replace(/^ +/, '');
    return mfr.length === 0 ? 'Belkin' : mfr;
  },
  formatSerial: belkin_format_serial,
};
