// Finding and opening a USB HID UPS, as NUT 2.8.0's libusb1.c does: walk the
// bus, read each device's strings, run the matchers, claim interface 0, read
// the HID and report descriptors and hand them to the caller — with the same
// debug lines. Also the HID class requests on an open device.

import { UsbError, type UsbBus, type UsbCandidate, type UsbHandle } from '../../transports/usb.js';
import type { HidDeviceInfo } from './subdriver.js';
import type { Matcher } from './match.js';

export interface Log {
  debug(level: number, msg: string): void;
  warn(msg: string): void;
}

/** upsdebug_hex(): "msg: (n bytes) => aa bb ..." cut into lines of about 72 characters, as NUT prints it */
export function hexDump(msg: string, b: Uint8Array): string[] {
  const out: string[] = [];
  let line = `${msg}: (${b.length} bytes) =>`;
  for (const x of b) {
    if (line.length > 72) { out.push(line); line = ''; }
    line += ` ${x.toString(16).padStart(2, '0')}`;
  }
  out.push(line);
  return out;
}

/** USB_TIMEOUT of the reference */
export const USB_TIMEOUT = 5000;
const MAX_RETRY = 3;
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** which interface, descriptor index and IN endpoint (NUT's usb_subdriver hid_rep_index, hid_desc_index, hid_ep_in) */
export interface HidInterface { repIndex: number; descIndex: number; epIn: number }

export interface Opened {
  handle: UsbHandle;
  dev: HidDeviceInfo;
  /** the report descriptor, when asked for */
  rdesc?: Uint8Array;
}

/** handles whose string requests timed out or found no device */
const silentOrGone = new WeakSet<UsbHandle>();

async function readString(h: UsbHandle, idx: number, what: string, log: Log): Promise<string | null> {
  if (!idx) return null;
  for (let i = 0; i < MAX_RETRY; i++) {
    try {
      const s = await h.getString(idx);
      if (s) return s;
    } catch (e) {
      // a device that is gone or silent will not answer a retry either
      if (e instanceof UsbError && (e.code === 'NO_DEVICE' || e.code === 'TIMEOUT')) {
        log.debug(1, `nut_libusb_open get ${what} failed: ${e.text}`);
        silentOrGone.add(h);
        return null;
      }
    }
    log.debug(1, `nut_libusb_open get ${what} failed, retrying...`);
  }
  return null;
}

/**
 * Open the first device all matchers accept. With `accept`, also read the
 * report descriptor and let the caller refuse the device (NUT's callback).
 */
export async function openHidDevice(bus: UsbBus, matchers: readonly Matcher[], log: Log,
  accept?: (h: UsbHandle, dev: HidDeviceInfo, rdesc: Uint8Array) => Promise<boolean>,
  iface: () => HidInterface = () => ({ repIndex: 0, descIndex: 0, epIn: 1 })): Promise<Opened | null> {
  let list: UsbCandidate[];
  try { list = bus.list(); } catch (e) {
    log.debug(1, `libusb1: device list failed: ${(e as Error).message}`);
    list = [];
  }
  let openErrors = 0;
  let accessErrors = 0;
  for (let n = 0; n < list.length; n++) {
    const c = list[n]!;
    const i = c.info;
    log.debug(2, `Checking device ${n + 1} of ${list.length} (${hex4(i.vendorId).toUpperCase()}/${hex4(i.productId).toUpperCase()})`);
    let h: UsbHandle;
    try { h = c.open(); } catch (e) {
      const text = e instanceof UsbError ? e.text : (e as Error).message;
      log.debug(1, `Failed to open device (${hex4(i.vendorId).toUpperCase()}/${hex4(i.productId).toUpperCase()}), skipping: ${text}`);
      openErrors++;
      if (e instanceof UsbError && e.code === 'ACCESS') accessErrors++;
      continue;
    }
    let keep = false;
    try {
      const vendor = await readString(h, i.iManufacturer, 'iManufacturer', log);
      // a device that did not give its first string is gone or silent: do not wait on the others
      const dead = i.iManufacturer !== 0 && vendor === null && silentOrGone.has(h);
      const dev: HidDeviceInfo = {
        vendorId: i.vendorId, productId: i.productId, bcdDevice: i.bcdDevice,
        bus: String(i.bus).padStart(3, '0'), device: null, vendor,
        product: dead ? null : await readString(h, i.iProduct, 'iProduct', log),
        serial: dead ? null : await readString(h, i.iSerialNumber, 'iSerialNumber', log),
      };
      log.debug(2, `- VendorID: ${hex4(dev.vendorId)}`);
      log.debug(2, `- ProductID: ${hex4(dev.productId)}`);
      log.debug(2, `- Manufacturer: ${dev.vendor ?? 'unknown'}`);
      log.debug(2, `- Product: ${dev.product ?? 'unknown'}`);
      log.debug(2, `- Serial Number: ${dev.serial ?? 'unknown'}`);
      log.debug(2, `- Bus: ${dev.bus ?? 'unknown'}`);
      log.debug(2, `- Device: ${dev.device ?? 'unknown'}`);
      log.debug(2, `- Device release number: ${hex4(dev.bcdDevice)}`);
      log.debug(2, 'Trying to match device');
      if (!matchers.every((m) => m(dev))) {
        log.debug(2, 'Device does not match - skipping');
        continue;
      }
      log.debug(2, 'Device matches');
      log.debug(2, 'Reading first configuration descriptor');
      // the matchers ran the subdrivers' claim hooks, which may have chosen another interface
      const ifc = iface();
      if (dev.vendorId === 0x463 && dev.bcdDevice === 0x0202) ifc.descIndex = 1;
      log.debug(3, 'libusb_kernel_driver_active() returned 0');
      try { h.claimInterface(ifc.repIndex); } catch (e) {
        throw new ClaimError(`Can't claim USB device [${hex4(dev.vendorId)}:${hex4(dev.productId)}]@${ifc.repIndex}/${ifc.descIndex}: ${e instanceof UsbError ? e.text : (e as Error).message}`);
      }
      log.debug(2, `Claimed interface ${ifc.repIndex} successfully`);
      log.debug(3, `nut_usb_set_altinterface: skipped libusb_set_interface_alt_setting(udev, ${ifc.repIndex}, 0)`);
      if (!accept) { keep = true; return { handle: h, dev }; }

      let rdlen1 = -1;
      let rdlen2 = -1;
      try {
        const b = await h.controlIn(0x81, 6, 0x2100 + ifc.descIndex, ifc.repIndex, 9, USB_TIMEOUT);
        if (b.length < 9) log.debug(2, `HID descriptor too short (expected 8, got ${b.length})`);
        else {
          for (const l of hexDump('HID descriptor, method 1', b.subarray(0, 9))) log.debug(3, l);
          rdlen1 = b[7]! | (b[8]! << 8);
        }
      } catch (e) {
        log.debug(2, `Unable to get HID descriptor (${e instanceof UsbError ? e.text : (e as Error).message})`);
      }
      log.debug(3, `HID descriptor length (method 1) ${rdlen1}`);
      const extra = h.interfaceExtra(ifc.repIndex);
      for (let k = 0; k < extra.length && extra[k]! > 0; k += extra[k]!) {
        if (k + 9 <= extra.length && extra[k]! >= 9 && extra[k + 1] === 0x21) {
          for (const l of hexDump('HID descriptor, method 2', extra.subarray(k, k + 9))) log.debug(3, l);
          rdlen2 = extra[k + 7]! | (extra[k + 8]! << 8);
          break;
        }
      }
      log.debug(3, `HID descriptor length (method 2) ${rdlen2}`);
      let rdlen = dev.vendorId === 0x463 && dev.bcdDevice === 0x0202 ? rdlen1 : rdlen2 >= 0 ? rdlen2 : rdlen1;
      if (dev.vendorId === 0x463 && dev.bcdDevice === 0x0202) log.debug(1, 'Eaton device v2.02. Using full report descriptor');
      if (rdlen < 0) { log.debug(2, 'Unable to retrieve any HID descriptor'); continue; }
      if (rdlen1 >= 0 && rdlen2 >= 0 && rdlen1 !== rdlen2) {
        log.debug(2, `Warning: two different HID descriptors retrieved (Reportlen = ${rdlen1} vs. ${rdlen2})`);
      }
      log.debug(2, `HID descriptor length ${rdlen}`);
      if (rdlen > 0x1800) { log.debug(2, `HID descriptor too long ${rdlen} (max ${0x1800})`); continue; }
      let rdesc: Uint8Array;
      try {
        rdesc = await h.controlIn(0x81, 6, 0x2200 + ifc.descIndex, ifc.repIndex, rdlen, USB_TIMEOUT);
      } catch (e) {
        log.debug(2, `Unable to get Report descriptor: ${e instanceof UsbError ? e.text : (e as Error).message}`);
        continue;
      }
      if (rdesc.length < rdlen) {
        log.debug(2, `Warning: report descriptor too short (expected ${rdlen}, got ${rdesc.length})`);
        rdlen = rdesc.length;
      }
      if (rdlen < 1) { log.debug(2, `Report descriptor length is out of range on this device: should be 0 < ${rdlen} < 65535`); continue; }
      if (!(await accept(h, dev, rdesc))) { log.debug(2, "Caller doesn't like this device"); continue; }
      log.debug(2, `Report descriptor retrieved (Reportlen = ${rdlen})`);
      log.debug(2, 'Found HID device');
      keep = true;
      return { handle: h, dev, rdesc };
    } catch (e) {
      if (e instanceof ClaimError) throw e;
      log.debug(2, `device skipped: ${(e as Error).message}`);
    } finally {
      if (!keep) h.close();
    }
  }
  log.debug(2, 'libusb1: No appropriate HID device found');
  if (list.length < 1) log.warn('libusb1: Could not open any HID devices: no USB buses found');
  else if (openErrors > 0 || openErrors === accessErrors) log.warn('libusb1: Could not open any HID devices: insufficient permissions on everything');
  return null;
}

/** the reference stops here: fatalx(EXIT_FAILURE, ...) */
export class ClaimError extends Error {}
