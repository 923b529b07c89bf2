// Tripp Lite (NUT 2.8.0 tripplite-hid.c, "TrippLite HID 0.84"), also HP
// and Delta/Minuteman units of the same design.

import type { ClaimEnv, Conversion, HidDeviceInfo, HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, awaitingpower_info, beeper_info, boost_info, charging_info, commfault_info,
  depleted_info, discharging_info, formatFixed, fullycharged_info, kelvin_celsius_conversion, lowbatt_info,
  online_info, overheat_info, overload_info, readIndexString, replacebatt_info, shutdownimm_info,
  stringid_conversion, test_read_info, trim_info, vrange_info,
} from '../lookups.js';
import { hex4, info, isUsbDeviceSupported, possiblySupported, usbDevice } from './common.js';

export const TRIPPLITE_VENDORID = 0x09ae;
export const HP_VENDORID = 0x03f0;
export const DELTA_VENDORID = 0x05dd;

/**
 * Scale factors some product ids need, set when the device is matched
 * (module state of the one device this process drives).
 */
const scale = { battery: 1.0, ioVoltage: 1.0, ioFrequency: 1.0, ioCurrent: 1.0 };

/** Back to the state at start (tests). */
export function tripplite_reset(): void {
  Object.assign(scale, { battery: 1.0, ioVoltage: 1.0, ioFrequency: 1.0, ioCurrent: 1.0 });
}

const battery_scale_1dot0 = (): void => { scale.battery = 1.0; };
const battery_scale_0dot1 = (): void => { scale.battery = 0.1; };
/** Smart1500LCD (newer unit), AVR750U (newer unit) */
const smart1500lcdt_scale = (): void => {
  Object.assign(scale, { battery: 100000.0, ioVoltage: 100000.0, ioFrequency: 0.01, ioCurrent: 0.01 });
};

export const tripplite_usb_device_table: readonly UsbId[] = [
  usbDevice(TRIPPLITE_VENDORID, 0x1003, battery_scale_0dot1), // AVR550U
  usbDevice(TRIPPLITE_VENDORID, 0x1007, battery_scale_0dot1), // AVR750U
  usbDevice(TRIPPLITE_VENDORID, 0x1008, battery_scale_0dot1), // ECO550UPS
  usbDevice(TRIPPLITE_VENDORID, 0x1009, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x1010, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x1330, battery_scale_1dot0), // SU3000LCD2UHV
  usbDevice(TRIPPLITE_VENDORID, 0x2005, battery_scale_0dot1), // OMNI1000LCD
  usbDevice(TRIPPLITE_VENDORID, 0x2007, battery_scale_0dot1), // OMNI900LCD
  usbDevice(TRIPPLITE_VENDORID, 0x2008, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x2009, battery_scale_0dot1), // Smart1000LCD
  usbDevice(TRIPPLITE_VENDORID, 0x2010, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x2011, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x2012, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x2013, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x2014, battery_scale_0dot1),
  usbDevice(TRIPPLITE_VENDORID, 0x3008, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3009, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3010, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3011, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3012, battery_scale_1dot0), // smart2200RMXL2U
  usbDevice(TRIPPLITE_VENDORID, 0x3013, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3014, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3015, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x3016, smart1500lcdt_scale), // Smart1500LCD (newer unit)
  usbDevice(TRIPPLITE_VENDORID, 0x3024, smart1500lcdt_scale), // AVR750U (newer unit)
  usbDevice(TRIPPLITE_VENDORID, 0x4001, battery_scale_1dot0), // SmartOnline SU1500RTXL2UA (older unit?)
  usbDevice(TRIPPLITE_VENDORID, 0x4002, battery_scale_1dot0), // SmartOnline SU6000RT4U?
  usbDevice(TRIPPLITE_VENDORID, 0x4003, battery_scale_1dot0), // SmartOnline SU1500RTXL2ua
  usbDevice(TRIPPLITE_VENDORID, 0x4004, battery_scale_1dot0), // SmartOnline SU1000XLA
  usbDevice(TRIPPLITE_VENDORID, 0x4005, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x4006, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x4007, battery_scale_1dot0),
  usbDevice(TRIPPLITE_VENDORID, 0x4008, battery_scale_1dot0),
  usbDevice(HP_VENDORID, 0x0001, battery_scale_1dot0),
  usbDevice(HP_VENDORID, 0x1fe0, battery_scale_1dot0), // HP R1500 G2 and G3 INTL
  usbDevice(HP_VENDORID, 0x1fe1, battery_scale_1dot0), // HP T750 G2
  usbDevice(HP_VENDORID, 0x1fe2, battery_scale_1dot0),
  usbDevice(HP_VENDORID, 0x1fe3, battery_scale_1dot0), // HP T1500 G3
  usbDevice(HP_VENDORID, 0x1f06, battery_scale_1dot0), // HP T750 INTL
  usbDevice(HP_VENDORID, 0x1f08, battery_scale_1dot0), // HP T1000 INTL
  usbDevice(HP_VENDORID, 0x1f09, battery_scale_1dot0), // HP T1500 INTL
  usbDevice(HP_VENDORID, 0x1f0a, battery_scale_1dot0), // HP R/T 2200 INTL (like SMART2200RMXL2U)
  usbDevice(DELTA_VENDORID, 0xa011, battery_scale_1dot0), // Delta/Minuteman Enterprise Plus E1500RM2U
];

/** battery.type, except on the AVR 550U and OMNI1000LCD whose firmware gets it wrong */
export const tripplite_chemistry: Conversion = {
  async fun(value, env) {
    const model = env.getInfo('ups.productid');
    if (model === '1003' || model === '2005') return 'unknown';
    const index = Math.trunc(value);
    if (!(index >= 0 && index <= 255)) return null;
    return readIndexString(env, index, 20);
  },
};

/** "%.1f" of a scaled value into an 8-byte buffer */
const scaled = (factor: () => number): Conversion => ({
  fun: (value) => formatFixed(factor() * value, 1).slice(0, 7),
});
export const tripplite_battvolt = scaled(() => scale.battery);
export const tripplite_iovolt = scaled(() => scale.ioVoltage);
export const tripplite_iofreq = scaled(() => scale.ioFrequency);
export const tripplite_ioamp = scaled(() => scale.ioCurrent);

export const tripplite_usage_lkp: UsageTable = [
  { usage: 0xffff0010, name: 'TLCustom' },
  { usage: 0xffff0056, name: 'TLDelayBeforeStartup' },
  { usage: 0xffff0057, name: 'TLLowVoltageTransferMax' },
  { usage: 0xffff0058, name: 'TLLowVoltageTransferMin' },
  { usage: 0xffff0059, name: 'TLHighVoltageTransferMax' },
  { usage: 0xffff005a, name: 'TLHighVoltageTransferMin' },
  { usage: 0xffff007a, name: 'OutletState' },
  { usage: 0xffff007b, name: 'OutletCount' },
  { usage: 0xffff007c, name: 'UPSFirmwareVersion' },
  { usage: 0xffff007d, name: 'CommunicationProtocolVersion' },
  { usage: 0xffff007e, name: 'CommunicationVersion' },
  { usage: 0xffff007f, name: 'iUPSPartNumber' },
  { usage: 0xffff0080, name: 'AutoOnDelay' },
  { usage: 0xffff0092, name: 'TLWatchdog' },
  { usage: 0xffff0095, name: 'TLOutletsAvailableMask' },
  { usage: 0xffff0096, name: 'TLOutletsStatusMask' },
  { usage: 0x00840044, name: 'TLCharging' },
  { usage: 0x00840045, name: 'TLDischarging' },
  { usage: 0x0084004b, name: 'TLNeedReplacement' },
  { usage: 0x008400d0, name: 'TLACPresent' },
];

export const tripplite_hid2nut: readonly HidInfo[] = [
  info('device.part', 0, 0, 'UPS.TLCustom.[1].iUPSPartNumber', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge', 0, 0, 'UPS.BatterySystem.Battery.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.voltage.nominal', 0, 0, 'UPS.BatterySystem.Battery.ConfigVoltage', '%.1f', HU_FLAG_STATIC),
  info('battery.voltage', 0, 0, 'UPS.BatterySystem.Battery.Voltage', '%s', 0, tripplite_battvolt),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, tripplite_chemistry),
  info('battery.temperature', 0, 0, 'UPS.BatterySystem.Temperature', '%s', 0, kelvin_celsius_conversion),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.OutletSystem.Outlet.TLDelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.start', 0, 0, 'UPS.OutletSystem.Outlet.TLDelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.test.result', 0, 0, 'UPS.BatterySystem.Test', '%s', 0, test_read_info),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', 0, beeper_info),
  info('ups.power.nominal', 0, 0, 'UPS.Flow.ConfigApparentPower', '%.0f', HU_FLAG_STATIC),
  info('ups.power', 0, 0, 'UPS.OutletSystem.Outlet.ActivePower', '%.1f', 0),
  info('ups.power', 0, 0, 'UPS.PowerConverter.Output.ActivePower', '%.1f', 0),
  info('ups.load', 0, 0, 'UPS.OutletSystem.Outlet.PercentLoad', '%.0f', 0),
  info('ups.firmware', 0, 0, 'UPS.TLCustom.[1].UPSFirmwareVersion', '%.0f', HU_FLAG_STATIC),
  info('ups.watchdog.status', 0, 0, 'UPS.OutletSystem.Outlet.TLWatchdog', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyCharged', null, HU_FLAG_QUICK_POLL, fullycharged_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyDischarged', null, HU_FLAG_QUICK_POLL, depleted_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.TLACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.TLDischarging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('ups.load.nominal', 0, 0, 'UPS.Flow.ConfigPercentLoad', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.TLCharging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.TLNeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.VoltageOutOfRange', null, 0, vrange_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Buck', null, 0, trim_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Boost', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.OverTemperature', null, 0, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.InternalFailure', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.PresentStatus.AwaitingPower', null, 0, awaitingpower_info),
  info('input.voltage.nominal', 0, 0, 'UPS.PowerSummary.Input.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('input.voltage', 0, 0, 'UPS.PowerSummary.Input.Voltage', '%s', 0, tripplite_iovolt),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.Voltage', '%s', 0, tripplite_iovolt),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.Frequency', '%s', 0, tripplite_iofreq),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.1f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.low.max', 0, 0, 'UPS.PowerConverter.Output.TLLowVoltageTransferMax', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.low.min', 0, 0, 'UPS.PowerConverter.Output.TLLowVoltageTransferMin', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.1f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high.max', 0, 0, 'UPS.PowerConverter.Output.TLHighVoltageTransferMax', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.high.min', 0, 0, 'UPS.PowerConverter.Output.TLHighVoltageTransferMin', '%.0f', HU_FLAG_STATIC),
  info('output.voltage.nominal', 0, 0, 'UPS.Flow.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%s', 0, tripplite_iovolt),
  info('output.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%s', 0, tripplite_iovolt),
  info('output.current', 0, 0, 'UPS.PowerConverter.Output.Current', '%s', 0, tripplite_ioamp),
  info('output.frequency.nominal', 0, 0, 'UPS.Flow.ConfigFrequency', '%.0f', HU_FLAG_STATIC),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%s', 0, tripplite_iofreq),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Test', '3', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.OutletSystem.Outlet.TLDelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.OutletSystem.Outlet.DelayBeforeReboot', '10', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.OutletSystem.Outlet.TLWatchdog', '10', HU_TYPE_CMD),
  info('reset.watchdog', 0, 0, 'UPS.OutletSystem.Outlet.TLWatchdog', '60', HU_TYPE_CMD),
  info('beeper.on', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
];

/** HP makes many non-UPS devices (no hint for them); Tripp Lite's 0x0001 is a serial-over-USB unit. */
function tripplite_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  switch (isUsbDeviceSupported(tripplite_usb_device_table, dev, env)) {
    case 'supported':
      return true;
    case 'possibly':
      if (dev.vendorId === HP_VENDORID) return env.getval('productid') !== undefined;
      if (dev.vendorId !== TRIPPLITE_VENDORID) return false;
      if (dev.productId === 0x0001) {
        env.log.debug(0, `This Tripp Lite device (${hex4(dev.vendorId)}/${hex4(dev.productId)}) is not supported by usbhid-ups.\n`
          + 'Please use the tripplite_usb driver instead.\n');
        return false;
      }
      if (env.getval('productid') !== undefined) return true;
      possiblySupported('TrippLite', dev, env);
      return false;
    default:
      return false;
  }
}

export const tripplite_subdriver: HidSubdriver = {
  name: 'TrippLite HID 0.84',
  ids: tripplite_usb_device_table,
  claim: tripplite_claim,
  usageTables: [tripplite_usage_lkp],
  hid2nut: tripplite_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor,
  formatSerial: (dev) => dev.serial,
};
