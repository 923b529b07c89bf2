// What the subdriver files share: a compact row constructor for their
// HID-to-NUT tables, NUT's USB id matching and claim pattern, and the
// descriptor lookup their fix_report_desc hooks use.

import type { HidData, HidDesc } from '../../../hid/types.js';
import type { ClaimEnv, HidDeviceInfo, HidInfo, InfoLookup, UsbId } from '../subdriver.js';
import { possiblySupportedMessage } from '../lookups.js';

/** One hid_info_t row, in NUT's field order (the unused hiddata field left out). */
export function info(name: string, flags: number, len: number, path: string | null, dfl: string | null, hidflags: number, lookup?: InfoLookup): HidInfo {
  return lookup ? { name, flags, len, path, dfl, hidflags, lookup } : { name, flags, len, path, dfl, hidflags };
}

/** usb_device_id_t with no match hook */
export function usbDevice(vendorId: number, productId: number, onMatch?: UsbId['onMatch']): UsbId {
  return onMatch ? { vendorId, productId, onMatch } : { vendorId, productId };
}

export type Support = 'supported' | 'possibly' | 'not';

/**
 * is_usb_device_supported(): 'supported' when vendor and product match (the
 * entry's hook runs then), 'possibly' when only a vendor matches.
 */
export function isUsbDeviceSupported(ids: readonly UsbId[], dev: HidDeviceInfo, env: ClaimEnv): Support {
  let found: Support = 'not';
  for (const id of ids) {
    if (id.vendorId !== dev.vendorId) continue;
    found = 'possibly';
    if (id.productId !== dev.productId) continue;
    id.onMatch?.(dev, env);
    return 'supported';
  }
  return found;
}

/** possibly_supported(): always printed (upsdebugx level 0). */
export function possiblySupported(mfr: string, dev: HidDeviceInfo, env: ClaimEnv): void {
  env.log.debug(0, possiblySupportedMessage(mfr, dev.vendorId, dev.productId));
}

/**
 * The claim most subdrivers share: a known vendor with an unknown product is
 * taken only when the user gave `productid`, else NUT's hint is printed.
 */
export function claimWith(ids: readonly UsbId[], mfr: string): (dev: HidDeviceInfo, env: ClaimEnv) => boolean {
  return (dev, env) => {
    switch (isUsbDeviceSupported(ids, dev, env)) {
      case 'supported':
        return true;
      case 'possibly':
        if (env.getval('productid') !== undefined) return true;
        possiblySupported(mfr, dev, env);
        return false;
      default:
        return false;
    }
  };
}

/** FindObject_with_ID_Node(): the first item of this report whose path ends in this usage. */
export function findObjectWithIdNode(desc: HidDesc, reportId: number, usage: number): HidData | undefined {
  return desc.items.find((d) => d.reportId === reportId && d.path.length > 0 && d.path[d.path.length - 1] === usage);
}

/** "%04x" */
export const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Power Device page usages the fix_report_desc hooks look for (hidtypes.h). */
export const USAGE_POW_VOLTAGE = 0x00840030;
export const USAGE_POW_CONFIG_VOLTAGE = 0x00840040;
export const USAGE_POW_LOW_VOLTAGE_TRANSFER = 0x00840053;
export const USAGE_POW_HIGH_VOLTAGE_TRANSFER = 0x00840054;

/** use_interrupt_pipe = FALSE, as APC 5G and Legrand units need (the proprietary protocol uses that pipe). */
export function disableInterruptPipe(_dev: HidDeviceInfo, env: ClaimEnv): void {
  if (env.tweaks && env.tweaks.useInterruptPipe) {
    env.log.info("interrupt pipe disabled (add 'pollonly' flag to 'ups.conf' to get rid of this message)");
    env.tweaks.useInterruptPipe = false;
  }
}
