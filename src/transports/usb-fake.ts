// An in-memory USB HID device and bus for unit tests: answers the control
// requests a HID driver makes (descriptors, strings, GET/SET_REPORT), queues
// interrupt-IN reports, records what was written, and fails on demand.

import { UsbError, type UsbBus, type UsbCandidate, type UsbDeviceInfo, type UsbErrorCode, type UsbHandle } from './usb.js';

export interface FakeHidDevice {
  info: Partial<UsbDeviceInfo> & { vendorId: number; productId: number };
  strings: Record<number, string>;
  reportDescriptor: Uint8Array;
  /** feature/input report bytes by report ID (byte 0 is the ID) */
  reports: Map<number, Uint8Array>;
  /** every SET_REPORT: [report type, bytes] */
  written: [number, Uint8Array][];
  /** interrupt-IN reports waiting to be read */
  interrupts: Uint8Array[];
  /** set: every transfer fails with this code (unplugged: NO_DEVICE) */
  fail?: UsbErrorCode;
  /** report IDs whose GET_REPORT stalls */
  stall: Set<number>;
  present: boolean;
}

export function fakeHidDevice(init: { info: FakeHidDevice['info']; strings?: Record<number, string>; reportDescriptor: Uint8Array; reports?: Iterable<[number, Uint8Array]> }): FakeHidDevice {
  return {
    info: init.info, strings: init.strings ?? {}, reportDescriptor: init.reportDescriptor,
    reports: new Map(init.reports ?? []), written: [], interrupts: [], stall: new Set(), present: true,
  };
}

class FakeHandle implements UsbHandle {
  closed = false;
  constructor(readonly info: UsbDeviceInfo, private d: FakeHidDevice) {}

  private check(): void {
    if (this.closed || !this.d.present) throw new UsbError('NO_DEVICE');
    if (this.d.fail) throw new UsbError(this.d.fail);
  }

  async getString(index: number): Promise<string | null> {
    this.check();
    return this.d.strings[index] ?? null;
  }

  async controlIn(_type: number, request: number, value: number, _index: number, length: number): Promise<Uint8Array> {
    this.check();
    if (request === 6 && value >> 8 === 0x21) {
      const n = this.d.reportDescriptor.length;
      return Uint8Array.from([9, 0x21, 0x10, 0x01, 0, 1, 0x22, n & 0xff, n >> 8]).slice(0, length);
    }
    if (request === 6 && value >> 8 === 0x22) return this.d.reportDescriptor.slice(0, length);
    if (request === 1) {
      const id = value & 0xff;
      const r = this.d.reports.get(id);
      if (!r || this.d.stall.has(id)) throw new UsbError('PIPE');
      return r.slice(0, length);
    }
    throw new UsbError('PIPE');
  }

  async controlOut(_type: number, request: number, value: number, _index: number, data: Uint8Array): Promise<number> {
    this.check();
    if (request === 9) {
      this.d.written.push([value >> 8, Uint8Array.from(data)]);
      if (!this.d.reports.has(data[0]!)) throw new UsbError('PIPE');
      this.d.reports.set(data[0]!, Uint8Array.from(data));
      return data.length;
    }
    return data.length;
  }

  claimInterface(): void { this.check(); }

  interfaceExtra(): Uint8Array {
    const n = this.d.reportDescriptor.length;
    return Uint8Array.from([9, 0x21, 0x10, 0x01, 0, 1, 0x22, n & 0xff, n >> 8]);
  }

  interruptInEndpoint(): number { return 0x81; }

  async interruptIn(_ep: number, length: number, timeoutMs: number): Promise<Uint8Array> {
    this.check();
    const r = this.d.interrupts.shift();
    if (r) return r.slice(0, length);
    await new Promise((res) => setTimeout(res, Math.min(timeoutMs, 5)));
    throw new UsbError('TIMEOUT');
  }

  async clearHalt(): Promise<void> { /* nothing */ }
  async reset(): Promise<void> { this.check(); }
  close(): void { this.closed = true; }
}

/** A bus holding the given devices (remove one from `devices` to unplug it). */
export function fakeUsbBus(devices: FakeHidDevice[]): UsbBus & { devices: FakeHidDevice[]; opened: number } {
  const bus = {
    devices, opened: 0,
    list(): UsbCandidate[] {
      return bus.devices.filter((d) => d.present).map((d, i) => {
        const info: UsbDeviceInfo = {
          bcdDevice: 0x0100, bus: 1, address: 2 + i, portNumbers: [1 + i], iManufacturer: 1, iProduct: 2, iSerialNumber: 3, ...d.info,
        };
        return { info, open: (): UsbHandle => { bus.opened++; return new FakeHandle(info, d); } };
      });
    },
    version: (): string => 'libusb-1.0.27 (API: 0x100010a)',
  };
  return bus;
}
