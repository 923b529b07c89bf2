// CyberPower (NUT 2.8.0 cps-hid.c, "CyberPower HID 0.6").

import type { Conversion, HidInfo, HidSubdriver, LookupEnv, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, beeper_info, boost_info, charging_info, discharging_info, formatFixed,
  fullycharged_info, lowbatt_info, online_info, overload_info, stringid_conversion, strtod, test_read_info,
  timelimitexpired_info,
} from '../lookups.js';
import {
  USAGE_POW_HIGH_VOLTAGE_TRANSFER, USAGE_POW_VOLTAGE, claimWith, findObjectWithIdNode, hex4, info, usbDevice,
} from './common.js';

export const CPS_VENDORID = 0x0764;

/** Limits that replace the broken output voltage limits of some models (fix_report_desc). */
const CPS_VOLTAGE_LOGMIN = 0;
const CPS_VOLTAGE_LOGMAX = 511; // includes a safety margin

/**
 * Some 0x0501 units report battery voltage 1.5 times too high: when the
 * first reading exceeds 1.4 times the nominal voltage, readings are scaled
 * by 2/3 from then on. State of the one device this process drives.
 */
const battery = { scale: 1, mightNeedScale: false, checked: false };
const battery_voltage_sanity_check = 1.4;

/** Back to the state at start (tests). */
export function cps_reset(): void {
  battery.scale = 1;
  battery.mightNeedScale = false;
  battery.checked = false;
}

export const cps_usb_device_table: readonly UsbId[] = [
  usbDevice(CPS_VENDORID, 0x0005), // 900AVR/BC900D
  usbDevice(CPS_VENDORID, 0x0501, () => { battery.mightNeedScale = true; }), // CP1200AVR/BC1200D, CP825AVR-G, CP1000AVRLCD, CP1500C, ...
  usbDevice(CPS_VENDORID, 0x0601), // OR2200LCDRM2U, OR700LCDRM1U, PR6000LCDRTXL5U
];

function cps_adjust_battery_scale(battVolt: number, env: LookupEnv): void {
  if (battery.checked) return;
  const nominalText = env.getInfo('battery.voltage.nominal');
  if (nominalText === undefined) {
    env.log?.debug(2, "cps_adjust_battery_scale: 'battery.voltage.nominal' not available yet; skipping scale determination");
    return;
  }
  const nominal = strtod(nominalText);
  if (nominal === 0) {
    env.log?.debug(3, `cps_adjust_battery_scale: 'battery.voltage.nominal' is ${nominalText}`);
    return;
  }
  if (battVolt / nominal > battery_voltage_sanity_check) {
    env.log?.info('cps_adjust_battery_scale: battery readings will be scaled by 2/3');
    battery.scale = 2.0 / 3;
  }
  battery.checked = true;
}

export const cps_battvolt: Conversion = {
  fun(value, env) {
    if (battery.mightNeedScale) cps_adjust_battery_scale(value, env);
    env.log?.debug(5, `cps_battvolt_fun: battery_scale = ${formatFixed(battery.scale, 3)}`);
    return formatFixed(battery.scale * value, 1).slice(0, 7); // an 8-byte buffer
  },
};

/** battery charge clamped to 100% */
export const cps_battcharge: Conversion = {
  fun(value) {
    return formatFixed(value < 100.0 ? value : 100.0, 0).slice(0, 7);
  },
};

export const cps_usage_lkp: UsageTable = [];

export const cps_hid2nut: readonly HidInfo[] = [
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', 0, stringid_conversion),
  info('battery.mfr.date', 0, 0, 'UPS.PowerSummary.iOEMInformation', '%s', 0, stringid_conversion),
  info('battery.charge.warning', 0, 0, 'UPS.PowerSummary.WarningCapacityLimit', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%s', 0, cps_battcharge),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%.0f', 0),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%s', 0, cps_battvolt),
  info('ups.load', 0, 0, 'UPS.Output.PercentLoad', '%.0f', 0),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', 0, beeper_info),
  info('ups.test.result', 0, 0, 'UPS.Output.Test', '%s', 0, test_read_info),
  info('ups.realpower.nominal', 0, 0, 'UPS.Output.ConfigActivePower', '%.0f', 0),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.Output.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.Output.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.Output.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, charging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FullyCharged', null, 0, fullycharged_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', null, 0, timelimitexpired_info),
  info('BOOL', 0, 0, 'UPS.Output.Boost', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.Output.Overload', null, 0, overload_info),
  info('input.frequency', 0, 0, 'UPS.Input.Frequency', '%.1f', 0),
  info('input.voltage.nominal', 0, 0, 'UPS.Input.ConfigVoltage', '%.0f', 0),
  info('input.voltage', 0, 0, 'UPS.Input.Voltage', '%.1f', 0),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Input.LowVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.Input.HighVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('output.frequency', 0, 0, 'UPS.Output.Frequency', '%.1f', 0),
  info('output.voltage', 0, 0, 'UPS.Output.Voltage', '%.1f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Output.ConfigVoltage', '%.0f', 0),
  info('test.battery.start.quick', 0, 0, 'UPS.Output.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.Output.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.Output.Test', '3', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.Output.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.Output.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.Output.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.Output.DelayBeforeReboot', '10', HU_TYPE_CMD),
  info('beeper.on', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
];

export const cps_subdriver: HidSubdriver = {
  name: 'CyberPower HID 0.6',
  ids: cps_usb_device_table,
  claim: claimWith(cps_usb_device_table, 'CyberPower'),
  usageTables: [cps_usage_lkp],
  hid2nut: cps_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'CPS',
  formatSerial: (dev) => dev.serial,
  // Models like the CP900EPFCLCD declare the high transfer voltage's limits
  // for the output voltage too: then the output voltage gets fixed limits.
  // (2.8.0 looks at the input voltage, report 15, but only logs it.)
  fixReportDesc(dev, desc, env) {
    if (dev.vendorId !== CPS_VENDORID || dev.productId !== 0x0501) return 0;
    env.log.debug(3, `Attempting Report Descriptor fix for UPS: Vendor: ${hex4(dev.vendorId)}, Product: ${hex4(dev.productId)}`);
    const hvt = findObjectWithIdNode(desc, 16, USAGE_POW_HIGH_VOLTAGE_TRANSFER);
    if (!hvt) return 0;
    env.log.debug(4, `Report Descriptor: hvt input LogMin: ${hvt.logMin} LogMax: ${hvt.logMax}`);
    const out = findObjectWithIdNode(desc, 18, USAGE_POW_VOLTAGE);
    if (!out) return 0;
    env.log.debug(4, `Report Descriptor: output LogMin: ${out.logMin} LogMax: ${out.logMax}`);
    if (hvt.logMin !== out.logMin || hvt.logMax !== out.logMax) return 0;
    out.logMin = CPS_VOLTAGE_LOGMIN;
    out.logMax = CPS_VOLTAGE_LOGMAX;
    env.log.debug(3, `Fixing Report Descriptor. Set Output Voltage LogMin = ${CPS_VOLTAGE_LOGMIN}, LogMax = ${CPS_VOLTAGE_LOGMAX}`);
    const input = findObjectWithIdNode(desc, 15, USAGE_POW_VOLTAGE);
    if (input) {
      env.log.debug(4, `Report Descriptor: input LogMin: ${input.logMin} LogMax: ${input.logMax}`);
      env.log.debug(3, `Fixing Report Descriptor. Set Input Voltage LogMin = ${CPS_VOLTAGE_LOGMIN}, LogMax = ${CPS_VOLTAGE_LOGMAX}`);
    }
    return 1;
  },
};
