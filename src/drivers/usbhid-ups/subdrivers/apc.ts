// APC (NUT 2.8.0 apc-hid.c, "APC HID 0.98"): Back-UPS, Smart-UPS and the
// AP9584 serial-to-USB kit.

import type { Conversion, HidDeviceInfo, HidInfo, HidSubdriver, InfoLookup, UsbId } from '../subdriver.js';
import { HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING } from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, beeper_info, charging_info, date_conversion, discharging_info,
  kelvin_celsius_conversion, lowbatt_info, nobattery_info, online_info, overload_info, padLong, replacebatt_info,
  scanDate, shutdownimm_info, stringid_conversion, test_read_info, timelimitexpired_info, toLong,
} from '../lookups.js';
import {
  USAGE_POW_CONFIG_VOLTAGE, USAGE_POW_HIGH_VOLTAGE_TRANSFER, USAGE_POW_VOLTAGE, claimWith, disableInterruptPipe,
  findObjectWithIdNode, hex4, info, usbDevice,
} from './common.js';

export const APC_VENDORID = 0x051d;

/** Products whose reports overflow unless max_report_size is set (prefix match). */
const tweak_max_report = ['Back-UPS ES 525', 'Back-UPS CS'];

export const apc_usb_device_table: readonly UsbId[] = [
  usbDevice(APC_VENDORID, 0x0000), // AP9584 serial->USB kit
  usbDevice(APC_VENDORID, 0x0002, (dev, env) => { // various models
    if (dev.product === null) {
      env.log.warning?.('device->Product is NULL so it is not possible to determine whether to activate max_report_size workaround');
      return;
    }
    if (tweak_max_report.some((p) => dev.product!.startsWith(p)) && env.tweaks) env.tweaks.maxReportSize = true;
  }),
  usbDevice(APC_VENDORID, 0x0003, disableInterruptPipe), // 5G models: the interrupt pipe carries a proprietary protocol
];

/** APC's battery dates are BCD-like hex digits: 0x102202 is 2002/10/22; two-digit years below 70 are 20xx. */
export const apc_date_conversion: Conversion = {
  fun(value) {
    const v = toLong(value);
    if (v === 0n) return 'not set';
    const nib = (shift: bigint) => Number((v >> shift) & 0xfn);
    let year = nib(0n) + 10 * nib(4n);
    const month = nib(16n) + 10 * nib(20n);
    const day = nib(8n) + 10 * nib(12n);
    year += year >= 70 ? 1900 : 2000;
    return `${padLong(year, 4)}/${padLong(month, 2)}/${padLong(day, 2)}`;
  },
  nuf(text) {
    let [year = 0, month = 0, day = 0] = scanDate(text ?? '');
    if (year >= 2070 || month > 12 || day > 31) return 0;
    year %= 100;
    const tens = (n: number) => Math.trunc(n / 10) & 0x0f;
    return (tens(year) << 4) + (year % 10) + (tens(month) << 20) + ((month % 10) << 16) + (tens(day) << 12) + ((day % 10) << 8);
  },
};

/** seen on a Back-UPS LS 500 */
export const apcstatusflag_info: InfoLookup = [
  { hid: 8, nut: '!off' },
  { hid: 16, nut: '!off' },
  { hid: 0, nut: 'off' },
];

export const apc_linefailcause_vrange_info: InfoLookup = [
  { hid: 1, nut: 'vrange' },
  { hid: 2, nut: 'vrange' },
  { hid: 4, nut: 'vrange' },
  { hid: 8, nut: 'vrange' },
  { hid: 9, nut: 'vrange' },
  { hid: 0, nut: '!vrange' },
];

export const apc_linefailcause_frange_info: InfoLookup = [
  { hid: 7, nut: 'frange' },
  { hid: 0, nut: '!frange' },
];

export const apc_sensitivity_info: InfoLookup = [
  { hid: 0, nut: 'low' },
  { hid: 1, nut: 'medium' },
  { hid: 2, nut: 'high' },
];

export const apc_usage_lkp: UsageTable = [
  { usage: 0xff860005, name: 'APCGeneralCollection' },
  { usage: 0xff860006, name: 'APCEnvironment' },
  { usage: 0xff860007, name: 'APCProbe1' },
  { usage: 0xff860008, name: 'APCProbe2' },
  { usage: 0xff860016, name: 'APCBattReplaceDate' },
  { usage: 0xff860019, name: 'APCBattCapBeforeStartup' },
  { usage: 0xff860042, name: 'APC_UPS_FirmwareRevision' },
  { usage: 0xff860052, name: 'APCLineFailCause' },
  { usage: 0xff860060, name: 'APCStatusFlag' },
  { usage: 0xff860061, name: 'APCSensitivity' },
  { usage: 0xff860072, name: 'APCPanelTest' },
  { usage: 0xff860076, name: 'APCShutdownAfterDelay' },
  { usage: 0xff860079, name: 'APC_USB_FirmwareRevision' },
  { usage: 0xff86007c, name: 'APCDelayBeforeReboot' },
  { usage: 0xff86007d, name: 'APCDelayBeforeShutdown' },
  { usage: 0xff86007e, name: 'APCDelayBeforeStartup' },
  { usage: 0x00850058, name: 'BUPHibernate' },
  { usage: 0x00860012, name: 'BUPBattCapBeforeStartup' },
  { usage: 0x00860076, name: 'BUPDelayBeforeStartup' },
  { usage: 0x00860010, name: 'BUPSelfTest' },
];

export const apc_hid2nut: readonly HidInfo[] = [
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.Battery.RunTimeToEmpty', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Battery.RemainingTimeLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.voltage', 0, 0, 'UPS.Battery.Voltage', '%.1f', 0),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.1f', 0),
  info('battery.voltage.nominal', 0, 0, 'UPS.Battery.ConfigVoltage', '%.1f', 0),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.1f', 0),
  info('battery.temperature', 0, 0, 'UPS.Battery.Temperature', '%s', 0, kelvin_celsius_conversion),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('battery.mfr.date', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Battery.ManufacturerDate', '%s', HU_FLAG_SEMI_STATIC, date_conversion),
  info('battery.mfr.date', 0, 0, 'UPS.PowerSummary.APCBattReplaceDate', '%s', 0, apc_date_conversion),
  info('battery.date', 0, 0, 'UPS.Battery.APCBattReplaceDate', '%s', 0, apc_date_conversion),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.1f', 0),
  info('ups.load', 0, 0, 'UPS.PowerConverter.PercentLoad', '%.0f', 0),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.Output.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.Output.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.Output.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.APCGeneralCollection.APCDelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.APCGeneralCollection.APCDelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.test.result', 0, 0, 'UPS.Battery.Test', '%s', 0, test_read_info),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', 0, beeper_info),
  info('ups.mfr.date', 0, 0, 'UPS.ManufacturerDate', '%s', 0, date_conversion),
  info('ups.mfr.date', 0, 0, 'UPS.PowerSummary.ManufacturerDate', '%s', 0, date_conversion),
  info('ups.realpower.nominal', 0, 0, 'UPS.PowerConverter.ConfigActivePower', '%.0f', 0),
  info('ups.realpower.nominal', 0, 0, 'UPS.Output.ConfigActivePower', '%.0f', 0),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BatteryPresent', null, 0, nobattery_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.APCStatusFlag', null, HU_FLAG_QUICK_POLL, apcstatusflag_info),
  info('BOOL', 0, 0, 'UPS.Input.APCLineFailCause', null, 0, apc_linefailcause_vrange_info),
  info('BOOL', 0, 0, 'UPS.Input.APCLineFailCause', null, 0, apc_linefailcause_frange_info),
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%.1f', 0),
  info('input.voltage.nominal', 0, 0, 'UPS.Input.ConfigVoltage', '%.0f', 0),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.LowVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.HighVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Input.LowVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Input.HighVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.sensitivity', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Input.APCSensitivity', '%s', HU_FLAG_SEMI_STATIC, apc_sensitivity_info),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Output.ConfigVoltage', '%.1f', 0),
  info('output.current', 0, 0, 'UPS.Output.Current', '%.2f', 0),
  info('output.frequency', 0, 0, 'UPS.Output.Frequency', '%.1f', 0),
  info('ambient.temperature', 0, 0, 'UPS.APCEnvironment.APCProbe1.Temperature', '%s', 0, kelvin_celsius_conversion),
  info('ambient.humidity', 0, 0, 'UPS.APCEnvironment.APCProbe1.Humidity', '%.1f', 0),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Battery.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.quick', 0, 0, 'UPS.Battery.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Battery.Test', '2', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.Battery.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Battery.Test', '3', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.Battery.Test', '3', HU_TYPE_CMD),
  info('test.panel.start', 0, 0, 'UPS.APCPanelTest', '1', HU_TYPE_CMD),
  info('test.panel.stop', 0, 0, 'UPS.APCPanelTest', '0', HU_TYPE_CMD),
  info('test.panel.start', 0, 0, 'UPS.PowerSummary.APCPanelTest', '1', HU_TYPE_CMD),
  info('test.panel.stop', 0, 0, 'UPS.PowerSummary.APCPanelTest', '0', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '10', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.Output.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.Output.DelayBeforeReboot', '10', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.APCGeneralCollection.APCDelayBeforeReboot', '10', HU_TYPE_CMD),
  info('shutdown.return', 0, 0, 'UPS.Output.APCDelayBeforeReboot', '1', HU_TYPE_CMD),
  info('beeper.on', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
];

/** Product strings look like "Back-UPS RS 1500G FW:865.L5 .D USB FW:L5 ": model, then firmware versions. */
function apc_format_model(dev: HidDeviceInfo, env?: { setInfo(name: string, value: string): void }): string {
  let model = (dev.product ?? 'unknown').slice(0, 63);
  const fw = model.indexOf('FW:');
  if (fw >= 0) {
    let firmware = model.slice(fw + 3);
    model = model.slice(0, Math.max(fw - 1, 0));
    const usb = firmware.indexOf('USB FW:');
    if (usb >= 0) {
      env?.setInfo('ups.firmware.aux', firmware.slice(usb + 7));
      firmware = firmware.slice(0, Math.max(usb - 1, 0));
    }
    env?.setInfo('ups.firmware', firmware);
  }
  return model;
}

export const apc_subdriver: HidSubdriver = {
  name: 'APC HID 0.98',
  ids: apc_usb_device_table,
  claim: claimWith(apc_usb_device_table, 'APC'),
  usageTables: [apc_usage_lkp],
  hid2nut: apc_hid2nut,
  formatModel: apc_format_model,
  formatMfr: (dev) => dev.vendor ?? 'APC',
  formatSerial: (dev) => dev.serial,
  // The Back-UPS XS 1400U in 220-240V regions declares logical limits for input
  // voltage below its own high transfer voltage: widen them.
  fixReportDesc(dev, desc, env) {
    if (dev.vendorId !== APC_VENDORID || dev.productId !== 0x0002) return 0;
    env.log.debug(3, `Attempting Report Descriptor fix for UPS: Vendor: ${hex4(dev.vendorId)}, Product: ${hex4(dev.productId)}`);
    const hvt = findObjectWithIdNode(desc, 0x33, USAGE_POW_HIGH_VOLTAGE_TRANSFER);
    if (!hvt) return 0;
    let res = 0;
    env.log.debug(4, `Report Descriptor: highVoltageTransfer LogMin: ${hvt.logMin} LogMax: ${hvt.logMax}`);
    const volt = findObjectWithIdNode(desc, 0x31, USAGE_POW_VOLTAGE);
    if (volt) {
      env.log.debug(4, `Report Descriptor: voltage LogMin: ${volt.logMin} LogMax: ${volt.logMax}`);
      if (hvt.logMax > volt.logMax) {
        volt.logMin = 0;
        volt.logMax = hvt.logMax * 2;
        env.log.debug(3, `Fixing Report Descriptor. Set voltage LogMin = ${volt.logMin}, LogMax = ${volt.logMax}`);
        res = 1;
      }
    }
    const cvolt = findObjectWithIdNode(desc, 0x30, USAGE_POW_CONFIG_VOLTAGE);
    if (cvolt) {
      env.log.debug(4, `Report Descriptor: configVoltage LogMin: ${cvolt.logMin} LogMax: ${cvolt.logMax}`);
      if (hvt.logMax > cvolt.logMax) {
        cvolt.logMax = 255;
        env.log.debug(3, `Fixing Report Descriptor. Set configVoltage LogMin = ${cvolt.logMin}, LogMax = ${cvolt.logMax}`);
        res = 1;
      }
    }
    return res;
  },
};
