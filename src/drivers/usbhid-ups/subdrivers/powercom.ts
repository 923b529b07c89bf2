// PowerCOM (NUT 2.8.0 powercom-hid.c, "PowerCOM HID 0.6").

import type {
  ClaimEnv, Conversion, HidDeviceInfo, HidInfo, HidSubdriver, InfoLookup, LookupEnv, UsbId,
} from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, boost_info, charging_info, commfault_info, date_conversion, discharging_info, formatFixed,
  lowbatt_info, nobattery_info, online_info, overload_info, replacebatt_info, shutdownimm_info, stringid_conversion,
  test_read_info, timelimitexpired_info, toLong, trim_info,
} from '../lookups.js';
import { hex4, info, isUsbDeviceSupported, possiblySupported, usbDevice } from './common.js';

export const POWERCOM_VENDORID = 0x0d9f;

export const powercom_usb_device_table: readonly UsbId[] = [
  usbDevice(POWERCOM_VENDORID, 0x00a2), // IMP - IMPERIAL series
  usbDevice(POWERCOM_VENDORID, 0x00a3), // SKP - Smart KING Pro (all Smart series)
  usbDevice(POWERCOM_VENDORID, 0x00a4), // WOW
  usbDevice(POWERCOM_VENDORID, 0x00a5), // VGD - Vanguard
  usbDevice(POWERCOM_VENDORID, 0x00a6), // BNT - Black Knight Pro
  usbDevice(POWERCOM_VENDORID, 0x0004), // Vanguard and BNT-xxxAP
  usbDevice(POWERCOM_VENDORID, 0x0001),
];

/** uint16_t i = value */
const u16 = (value: number): number => Number(BigInt.asUintN(16, toLong(value)));
const hex4u = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** "%d" into an int */
const int = (n: number): string => String(n | 0);

/** the delay as a number: the command's text (its table default may be NULL), else the variable's (atoi) */
function delayText(value: string | null | undefined, env: LookupEnv | undefined, name: string): number {
  const text = value ?? env?.getInfo(name) ?? '';
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? parseInt(m[1]!, 10) | 0 : 0;
}

/** The startup delay: minutes in a byte-swapped word. */
export const powercom_startup_info: Conversion = {
  fun(value, env) {
    const i = u16(value);
    const text = int(60 * (((i & 0x00ff) << 8) + (i >> 8)));
    env.log?.debug(3, `powercom_startup_fun: value = ${formatFixed(value, 0)}, buf = ${text}`);
    return text;
  },
  nuf(value, env) {
    const iv = Math.trunc(delayText(value, env, 'ups.delay.start') / 60);
    if (iv < 0 || iv > 0xffff) {
      env?.log?.debug(0, `powercom_startup_nuf: value = ${iv} is not in uint16_t range`);
      return 0;
    }
    const command = ((iv << 8) + (iv >> 8)) & 0xffff;
    env?.log?.debug(3, `powercom_startup_nuf: value = ${value ?? '(null)'}, command = ${hex4u(command)}`);
    return command;
  },
};

/** shutdown command word: seconds (low byte of the high half) and minutes; 0 would mean the longest delay */
function shutdownCommand(value: string | null, env: LookupEnv | undefined, flag: number, fn: string): number {
  const iv = delayText(value, env, 'ups.delay.shutdown');
  if (iv < 0 || iv > 0xffff) {
    env?.log?.debug(0, `${fn}: value = ${iv} is not in uint16_t range`);
    return 0;
  }
  const val = iv || 1;
  const command = ((((val % 60) << 8) & 0xffff) + Math.trunc(val / 60)) & 0xffff | flag;
  env?.log?.debug(3, `${fn}: value = ${value ?? '(null)'}, command = ${hex4u(command)}`);
  return command;
}

export const powercom_shutdown_info: Conversion = {
  fun(value, env) {
    const i = u16(value);
    const text = int(60 * (i & 0x00ff) + (i >> 8));
    env.log?.debug(3, `powercom_shutdown_fun: value = ${formatFixed(value, 0)}, buf = ${text}`);
    return text;
  },
  nuf: (value, env) => shutdownCommand(value, env, 0x4000, 'powercom_shutdown_nuf'), // AC restart enabled
};

/** write-only: NUT's table has no reading function, so a read finds nothing */
export const powercom_stayoff_info: Conversion = {
  fun: () => null,
  nuf: (value, env) => shutdownCommand(value, env, 0x8000, 'powercom_stayoff_nuf'), // AC restart disabled
};

export const powercom_voltage_conversion: Conversion = {
  fun: (value) => formatFixed(value * 4, 0).slice(0, 19),
};

/** A status flag from bits of PowerCOM's status bytes; `inverted`: the bits set clear it. */
const bits = (mask: bigint, equals: bigint, set: string, inverted = false): Conversion => ({
  fun(value) {
    const on = (toLong(value) & mask) === equals;
    return on !== inverted ? set : `!${set}`;
  },
});
export const powercom_upsfail_conversion = bits(0x0001n, 0x0001n, 'fanfail');
export const powercom_replacebatt_conversion = bits(0x0002n, 0x0002n, 'replacebatt');
export const powercom_test_conversion = bits(0x0004n, 0x0004n, 'cal');
export const powercom_shutdownimm_conversion = bits(0x0010n, 0x0010n, 'shutdownimm');
export const powercom_online_conversion = bits(0x0001n, 0x0001n, 'online', true);
export const powercom_lowbatt_conversion = bits(0x0002n, 0x0002n, 'lowbatt');
export const powercom_trim_conversion = bits(0x0018n, 0x0008n, 'trim');
export const powercom_boost_conversion = bits(0x0018n, 0x0018n, 'boost');
export const powercom_overload_conversion = bits(0x0020n, 0x0020n, 'overload');

export const powercom_beeper_info: InfoLookup = [
  { hid: 1, nut: 'enabled' },
  { hid: 2, nut: 'disabled' },
];

export const powercom_usage_lkp: UsageTable = [
  { usage: 0x00020004, name: 'PowercomUPS' },
  { usage: 0x00020010, name: 'PowercomBatterySystem' },
  { usage: 0x00020016, name: 'PowercomPowerConverter' },
  { usage: 0x0002001a, name: 'PowercomInput' },
  { usage: 0x0002001c, name: 'PowercomOutput' },
  { usage: 0x00020030, name: 'PowercomVoltage' },
  { usage: 0x00020032, name: 'PowercomFrequency' },
  { usage: 0x00020035, name: 'PowercomPercentLoad' },
  { usage: 0x00020036, name: 'PowercomTemperature' },
  { usage: 0x00020056, name: 'PowercomDelayBeforeStartup' },
  { usage: 0x00020057, name: 'PowercomDelayBeforeShutdown' },
  { usage: 0x00020058, name: 'PowercomTest' },
  { usage: 0x00020068, name: 'PowercomShutdownRequested' },
  { usage: 0x00020081, name: 'PowercomInternalChargeController' },
  { usage: 0x00020082, name: 'PowercomPrimaryBatterySupport' },
  { usage: 0x00020083, name: 'PowercomDesignCapacity' },
  { usage: 0x00020084, name: 'PowercomSpecificationInfo' },
  { usage: 0x00020085, name: 'PowercomManufacturerDate' },
  { usage: 0x00020086, name: 'PowercomSerialNumber' },
  { usage: 0x00020087, name: 'PowercomManufacturerName' },
  { usage: 0x0084002f, name: 'POWERCOM1' },
  { usage: 0xff860060, name: 'POWERCOM2' },
  { usage: 0xff860080, name: 'POWERCOM3' },
  { usage: 0x00ff0056, name: 'PCMDelayBeforeStartup' },
  { usage: 0x00ff0057, name: 'PCMDelayBeforeShutdown' },
];

export const powercom_hid2nut: readonly HidInfo[] = [
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, 0, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BatteryPresent', null, 0, nobattery_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, 0, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, 0, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.CommunicationLost', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, 0, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.ACPresent', null, 0, online_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.BatteryPresent', null, 0, nobattery_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.BelowRemainingCapacityLimit', null, 0, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.Boost', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.Buck', null, 0, trim_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.Charging', null, 0, charging_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.CommunicationLost', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.Discharging', null, 0, discharging_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge', 0, 0, 'UPS.Battery.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', 0),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.date', 0, 0, 'UPS.Battery.ManufacturerDate', '%s', HU_FLAG_STATIC, date_conversion),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', 0, powercom_beeper_info),
  info('ups.beeper.status', 0, 0, 'UPS.AudibleAlarmControl', '%s', 0, powercom_beeper_info),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.0f', 0),
  info('ups.date', 0, 0, 'UPS.PowerSummary.ManufacturerDate', '%s', HU_FLAG_STATIC, date_conversion),
  info('ups.test.result', 0, 0, 'UPS.Battery.Test', '%s', 0, test_read_info),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 8, 'UPS.PowerSummary.DelayBeforeStartup', '60', HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', '%.0f', 0, powercom_startup_info),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 8, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL, powercom_shutdown_info),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 8, 'UPS.PowerSummary.PCMDelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.PCMDelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL, powercom_shutdown_info),
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%.1f', 0),
  info('input.voltage.nominal', 0, 0, 'UPS.Input.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('input.frequency', 0, 0, 'UPS.Input.Frequency', '%.1f', 0),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Output.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('output.frequency', 0, 0, 'UPS.Output.Frequency', '%.1f', 0),
  info('beeper.toggle', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '0', HU_TYPE_CMD),
  info('test.battery.start.quick', 0, 0, 'UPS.Battery.Test', '1', HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', null, HU_TYPE_CMD, powercom_startup_info),
  info('shutdown.return', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', null, HU_TYPE_CMD, powercom_shutdown_info),
  info('shutdown.stayoff', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', null, HU_TYPE_CMD, powercom_stayoff_info),
  info('load.on', 0, 0, 'UPS.PowerSummary.PCMDelayBeforeStartup', '0', HU_TYPE_CMD, powercom_startup_info),
  info('load.off', 0, 0, 'UPS.PowerSummary.PCMDelayBeforeShutdown', '0', HU_TYPE_CMD, powercom_stayoff_info),
  info('shutdown.return', 0, 0, 'UPS.PowerSummary.PCMDelayBeforeShutdown', null, HU_TYPE_CMD, powercom_shutdown_info),
  info('shutdown.stayoff', 0, 0, 'UPS.PowerSummary.PCMDelayBeforeShutdown', null, HU_TYPE_CMD, powercom_stayoff_info),
  info('ups.serial', 0, 0, 'PowercomUPS.PowercomSerialNumber', '%s', 0, stringid_conversion),
  info('ups.mfr', 0, 0, 'PowercomUPS.PowercomManufacturerName', '%s', 0, stringid_conversion),
  info('ups.mfr.date', 0, 0, 'PowercomUPS.PowercomManufacturerDate', '%s', 0, date_conversion),
  info('battery.temperature', 0, 0, 'PowercomUPS.PowercomBatterySystem.PowercomTemperature', '%.0f', 0),
  info('battery.temperature', 0, 0, 'UPS.Battery.Temperature', '%.1f', 0),
  info('battery.charge', 0, 0, 'PowercomUPS.PowercomBatterySystem.PowercomVoltage', '%.0f', 0),
  info('input.frequency', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomFrequency', '%.0f', 0),
  info('input.voltage', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomVoltage', '%.0f', 0, powercom_voltage_conversion),
  info('output.voltage', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomVoltage', '%.0f', 0, powercom_voltage_conversion),
  info('ups.load', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPercentLoad', '%.0f', 0),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController', null, HU_FLAG_QUICK_POLL, powercom_upsfail_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController', null, HU_FLAG_QUICK_POLL, powercom_replacebatt_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController', null, HU_FLAG_QUICK_POLL, powercom_test_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController', null, HU_FLAG_QUICK_POLL, powercom_shutdownimm_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport', null, HU_FLAG_QUICK_POLL, powercom_online_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport', null, HU_FLAG_QUICK_POLL, powercom_lowbatt_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport', null, HU_FLAG_QUICK_POLL, powercom_trim_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport', null, HU_FLAG_QUICK_POLL, powercom_boost_conversion),
  info('BOOL', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport', null, HU_FLAG_QUICK_POLL, powercom_overload_conversion),
  info('output.frequency', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomFrequency', '%.0f', 0),
  info('ups.test.result', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomTest', '%s', 0, test_read_info),
  info('ups.delay.shutdown', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown', '%.0f', 0),
  info('ups.delay.start', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeStartup', '%.0f', 0),
  info('load.off', 0, 0, 'PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown', '0', HU_TYPE_CMD),
];

/** 0x0002 units speak the serial protocol of the powercom driver; 0x0001 units answer on the interrupt pipe only. */
function powercom_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  switch (isUsbDeviceSupported(powercom_usb_device_table, dev, env)) {
    case 'possibly':
      if (dev.productId === 0x0002) {
        env.log.debug(0, `This Powercom device (${hex4(dev.vendorId)}/${hex4(dev.productId)}) is not supported by usbhid-ups.\n`
          + "Please use the 'powercom' driver instead.\n");
        return false;
      }
      if (env.getval('productid') !== undefined) return true;
      possiblySupported('PowerCOM', dev, env);
      return false;
    case 'supported':
      if (dev.productId === 0x0001 && env.tweaks) {
        env.tweaks.interruptOnly = true;
        env.tweaks.interruptSize = 8;
      }
      return true;
    default:
      return false;
  }
}

export const powercom_subdriver: HidSubdriver = {
  name: 'PowerCOM HID 0.6',
  ids: powercom_usb_device_table,
  claim: powercom_claim,
  usageTables: [powercom_usage_lkp],
  hid2nut: powercom_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'PowerCOM',
  formatSerial: (dev) => dev.serial,
};
