// USB transport: what the USB drivers need from libusb, behind a small
// interface — list devices, open one, control transfers (HID GET_REPORT,
// SET_REPORT, GET_DESCRIPTOR), interrupt-IN reads with a timeout, string
// descriptors, reset, close — with one implementation on npm `usb` v2
// (libusb inside; v3 bypasses libc so umockdev cannot simulate it) and a
// fake for unit tests (fakeUsbBus). Errors are UsbError with libusb's names.

import { createRequire } from 'node:module';

export type UsbErrorCode = 'IO' | 'INVALID_PARAM' | 'ACCESS' | 'NO_DEVICE' | 'NOT_FOUND' | 'BUSY' | 'TIMEOUT'
  | 'OVERFLOW' | 'PIPE' | 'INTERRUPTED' | 'NO_MEM' | 'NOT_SUPPORTED' | 'CANCELLED' | 'OTHER';

/** libusb_strerror() texts, as the reference logs them */
const STRERROR: Record<UsbErrorCode, string> = {
  IO: 'Input/Output Error', INVALID_PARAM: 'Invalid parameter', ACCESS: 'Access denied (insufficient permissions)',
  NO_DEVICE: 'No such device (it may have been disconnected)', NOT_FOUND: 'Entity not found', BUSY: 'Resource busy',
  TIMEOUT: 'Operation timed out', OVERFLOW: 'Overflow', PIPE: 'Pipe error', INTERRUPTED: 'System call interrupted (perhaps due to signal)',
  NO_MEM: 'Insufficient memory', NOT_SUPPORTED: 'Operation not supported or unimplemented on this platform',
  CANCELLED: 'Transfer was cancelled', OTHER: 'Other error',
};

export class UsbError extends Error {
  constructor(readonly code: UsbErrorCode, what = '') {
    super(what ? `${what}: ${STRERROR[code]}` : STRERROR[code]);
    this.name = 'UsbError';
  }
  /** libusb_strerror() of the code */
  get text(): string { return STRERROR[this.code]; }
}

/** The identity of a device on the bus, readable without claiming it. */
export interface UsbDeviceInfo {
  vendorId: number;
  productId: number;
  bcdDevice: number;
  bus: number;
  address: number;
  /** port path from the root hub */
  portNumbers: number[];
  iManufacturer: number;
  iProduct: number;
  iSerialNumber: number;
}

export interface UsbHandle {
  readonly info: UsbDeviceInfo;
  /** string descriptor as ASCII (non-ASCII as '?'), with the langid fix; null when the device has none */
  getString(index: number): Promise<string | null>;
  controlIn(requestType: number, request: number, value: number, index: number, length: number, timeoutMs: number): Promise<Uint8Array>;
  /** returns the number of bytes sent */
  controlOut(requestType: number, request: number, value: number, index: number, data: Uint8Array, timeoutMs: number): Promise<number>;
  /** detach a kernel driver if one is bound, then claim */
  claimInterface(n: number): void;
  /** class-specific bytes after interface n's descriptor (altsetting 0): the HID descriptor lives there */
  interfaceExtra(n: number): Uint8Array;
  /** first interrupt-IN endpoint address of interface n, if any */
  interruptInEndpoint(n: number): number | undefined;
  /** one interrupt-IN transfer; rejects with UsbError TIMEOUT when nothing came */
  interruptIn(endpoint: number, length: number, timeoutMs: number): Promise<Uint8Array>;
  clearHalt(endpoint: number): Promise<void>;
  reset(): Promise<void>;
  close(): void;
}

export interface UsbCandidate {
  readonly info: UsbDeviceInfo;
  open(): UsbHandle;
}

export interface UsbBus {
  /** the devices present now */
  list(): UsbCandidate[];
  /** "libusb-1.0.26 (API: 0x1000109)" style, for driver.version.usb */
  version(): string;
}

// ---------------------------------------------------------------- usb@2

interface LibusbEx extends Error { errno?: number }

/** libusb error numbers (negative) and transfer statuses (positive) → codes */
function codeOf(e: unknown): UsbErrorCode {
  const n = (e as LibusbEx)?.errno;
  switch (n) {
    case -1: return 'IO'; case -2: return 'INVALID_PARAM'; case -3: return 'ACCESS'; case -4: return 'NO_DEVICE';
    case -5: return 'NOT_FOUND'; case -6: return 'BUSY'; case -7: return 'TIMEOUT'; case -8: return 'OVERFLOW';
    case -9: return 'PIPE'; case -10: return 'INTERRUPTED'; case -11: return 'NO_MEM'; case -12: return 'NOT_SUPPORTED';
    // transfer statuses
    case 1: return 'IO'; case 2: return 'TIMEOUT'; case 3: return 'CANCELLED'; case 4: return 'PIPE';
    case 5: return 'NO_DEVICE'; case 6: return 'OVERFLOW';
    default: return 'OTHER';
  }
}

function wrap(e: unknown, what: string): UsbError {
  return e instanceof UsbError ? e : new UsbError(codeOf(e), what);
}

/* eslint-disable @typescript-eslint/no-explicit-any */
let usbModule: any;
function lib(): any {
  if (!usbModule) usbModule = createRequire(import.meta.url)('usb');
  return usbModule;
}

class LibusbHandle implements UsbHandle {
  constructor(readonly info: UsbDeviceInfo, private dev: any) {}

  async getString(index: number): Promise<string | null> {
    if (index === 0) return null;
    // the langid fix: some devices answer string 0 wrongly or not at all; US English then
    let langid = 0x0409;
    try {
      const l = await this.controlIn(0x80, 6, 0x0300, 0, 255, 1000);
      if (l.length >= 4 && l[1] === 3) langid = l[2]! | (l[3]! << 8);
    } catch (e) {
      // a silent or vanished device: asking for the string would only wait again
      if (e instanceof UsbError && (e.code === 'TIMEOUT' || e.code === 'NO_DEVICE')) throw e;
    }
    let raw: Uint8Array;
    try {
      raw = await this.controlIn(0x80, 6, 0x0300 | (index & 0xff), langid, 255, 1000);
    } catch (e) {
      if (langid === 0x0409) throw e;
      raw = await this.controlIn(0x80, 6, 0x0300 | (index & 0xff), 0x0409, 255, 1000);
    }
    if (raw.length < 2 || raw[1] !== 3) throw new UsbError('IO', 'string descriptor');
    const n = Math.min(raw[0]!, raw.length);
    let s = '';
    for (let i = 2; i + 1 < n; i += 2) {
      const c = raw[i]! | (raw[i + 1]! << 8);
      s += c < 0x80 ? String.fromCharCode(c) : '?';
    }
    return s;
  }

  controlIn(requestType: number, request: number, value: number, index: number, length: number, timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.dev.timeout = timeoutMs;
      try {
        this.dev.controlTransfer(requestType | 0x80, request, value, index, length, (err: unknown, buf?: Buffer) => {
          if (err) reject(wrap(err, 'control transfer')); else resolve(new Uint8Array(buf ?? Buffer.alloc(0)));
        });
      } catch (e) { reject(wrap(e, 'control transfer')); }
    });
  }

  controlOut(requestType: number, request: number, value: number, index: number, data: Uint8Array, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.dev.timeout = timeoutMs;
      try {
        this.dev.controlTransfer(requestType & 0x7f, request, value, index, Buffer.from(data), (err: unknown, n?: number) => {
          if (err) reject(wrap(err, 'control transfer')); else resolve(typeof n === 'number' ? n : data.length);
        });
      } catch (e) { reject(wrap(e, 'control transfer')); }
    });
  }

  claimInterface(n: number): void {
    try {
      const itf = this.dev.interface(n);
      if (!itf) throw new UsbError('NOT_FOUND', 'interface');
      try { if (itf.isKernelDriverActive()) itf.detachKernelDriver(); } catch { /* not supported here */ }
      itf.claim();
    } catch (e) { throw wrap(e, 'claim interface'); }
  }

  interfaceExtra(n: number): Uint8Array {
    const itf = this.dev.interface(n);
    return new Uint8Array(itf?.descriptor?.extra ?? Buffer.alloc(0));
  }

  interruptInEndpoint(n: number): number | undefined {
    const itf = this.dev.interface(n);
    const ep = itf?.endpoints?.find((e: any) => e.direction === 'in' && e.transferType === 3);
    return ep?.address;
  }

  interruptIn(endpoint: number, length: number, timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      try {
        const ep = this.dev.interfaces.flatMap((i: any) => i.endpoints).find((e: any) => e.address === endpoint);
        if (!ep) { reject(new UsbError('NOT_FOUND', 'endpoint')); return; }
        ep.timeout = timeoutMs;
        ep.transfer(length, (err: unknown, data?: Buffer) => {
          if (err) reject(wrap(err, 'interrupt transfer')); else resolve(new Uint8Array(data ?? Buffer.alloc(0)));
        });
      } catch (e) { reject(wrap(e, 'interrupt transfer')); }
    });
  }

  clearHalt(endpoint: number): Promise<void> {
    return new Promise((resolve) => {
      try { this.dev.__clearHalt(endpoint, () => resolve()); } catch { resolve(); }
    });
  }

  reset(): Promise<void> {
    return new Promise((resolve, reject) => {
      try { this.dev.reset((err: unknown) => (err ? reject(wrap(err, 'reset')) : resolve())); } catch (e) { reject(wrap(e, 'reset')); }
    });
  }

  close(): void {
    try { this.dev.close(); } catch { /* already gone */ }
  }
}

/** The real bus, through npm `usb` v2 (loaded on first use). */
export const libusbBus: UsbBus = {
  list(): UsbCandidate[] {
    const devs: any[] = lib().getDeviceList();
    return devs.map((dev) => {
      const d = dev.deviceDescriptor;
      const info: UsbDeviceInfo = {
        vendorId: d.idVendor, productId: d.idProduct, bcdDevice: d.bcdDevice,
        bus: dev.busNumber, address: dev.deviceAddress, portNumbers: [...(dev.portNumbers ?? [])],
        iManufacturer: d.iManufacturer, iProduct: d.iProduct, iSerialNumber: d.iSerialNumber,
      };
      return {
        info,
        open(): UsbHandle {
          try { dev.open(); } catch (e) { throw wrap(e, 'open'); }
          return new LibusbHandle(info, dev);
        },
      };
    });
  },
  version(): string {
    // npm usb bundles libusb 1.0.27 and does not expose its version at run time
    return 'libusb-1.0.27 (API: 0x100010a)';
  },
};
