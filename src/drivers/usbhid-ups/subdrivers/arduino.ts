// Arduino boards running the NUT-compatible HID power device sketch (NUT 2.8.0 arduino-hid.c, "Arduino HID 0.2").

import type { ClaimEnv, HidDeviceInfo, HidInfo, HidSubdriver, UsbId } from '../subdriver.js';
import { HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_TYPE_CMD, ST_FLAG_RW, ST_FLAG_STRING } from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import { DEFAULT_OFFDELAY, DEFAULT_ONDELAY } from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const ARDUINO_VENDORID = 0x2341;
export const ARDUINO_VENDORID2 = 0x2a03;

export const arduino_usb_device_table: readonly UsbId[] = [
  usbDevice(ARDUINO_VENDORID, 0x0036), // Leonardo, Leonardo ETH, Pro Micro
  usbDevice(ARDUINO_VENDORID, 0x8036),
  usbDevice(ARDUINO_VENDORID2, 0x0036),
  usbDevice(ARDUINO_VENDORID2, 0x8036),
  usbDevice(ARDUINO_VENDORID2, 0x0040),
  usbDevice(ARDUINO_VENDORID2, 0x8040),
];

export const arduino_usage_lkp: UsageTable = [];

export const arduino_hid2nut: readonly HidInfo[] = [
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '10', HU_TYPE_CMD),
];

/** The claim of NUT: taken devices use HID interface 2 and endpoints 4/5. */
const baseClaim = claimWith(arduino_usb_device_table, 'Arduino');
function arduino_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  if (!baseClaim(dev, env)) return false;
  if (env.tweaks) { env.tweaks.hidEpIn = 4; env.tweaks.hidEpOut = 5; env.tweaks.hidRepIndex = 2; }
  return true;
}

export const arduino_subdriver: HidSubdriver = {
  name: 'Arduino HID 0.2',
  ids: arduino_usb_device_table,
  claim: arduino_claim,
  usageTables: [arduino_usage_lkp],
  hid2nut: arduino_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Arduino',
  formatSerial: (dev) => dev.serial,
};
