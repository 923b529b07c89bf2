// The report buffer: the last bytes of every report ID, with the time they
// were read, as NUT's reportbuf_t. Items are read from it (a report is asked
// again only when older than `age` seconds) and written through it — so a
// SET_REPORT carries the other fields of its report as last read, exactly as
// the reference sends them.

import { getPhysical, isConstant, setLogical, toLogical, type HidData, type HidDesc } from '../../hid/index.js';
import { UsbError, type UsbHandle } from '../../transports/usb.js';
import { USB_TIMEOUT, hexDump } from './hiddev.js';


export interface ReportLog { debug(level: number, msg: string): void }

export class ReportBuffer {
  readonly data: Uint8Array[] = [];
  readonly len: number[] = [];
  readonly ts: number[] = new Array(256).fill(0);

  constructor(desc: HidDesc, private readonly log: ReportLog, readonly opts: { maxReport: boolean; interruptOnly: boolean; iface?: number }) {
    for (const d of desc.items) {
      const id = d.reportId;
      if (this.data[id]) continue;
      this.len[id] = desc.replen[id]! + 1;
      this.data[id] = new Uint8Array(Math.max(this.len[id]!, 8));
    }
  }

  private dump(msg: string, b: Uint8Array): void {
    for (const l of hexDump(msg, b)) this.log.debug(3, l);
  }

  /** GET_REPORT (feature) when the buffered copy is older than `age` s; throws UsbError */
  async refresh(h: UsbHandle, item: HidData, age: number, now: number): Promise<void> {
    const id = item.reportId;
    const buf = this.data[id]!;
    if (this.opts.interruptOnly || this.ts[id]! + age > now) {
      this.dump('Report[buf]', buf.subarray(0, this.len[id]));
      return;
    }
    // buggy APC firmware: ask with the size of a pointer, as the reference's maxreport does
    const want = this.opts.maxReport ? 8 : this.len[id]!;
    const got = await h.controlIn(0xa1, 0x01, 0x0300 | id, this.opts.iface ?? 0, want, USB_TIMEOUT);
    if (got.length <= 0) throw new UsbError('PIPE', 'get_report');
    buf.set(got.subarray(0, buf.length));
    if (got.length !== this.len[id]) {
      this.log.debug(2, `refresh_report_buffer: expected ${this.len[id]} bytes, but got ${got.length} instead`);
      this.dump('Report[err]', got);
    } else {
      this.dump('Report[get]', got);
    }
    this.ts[id] = now;
  }

  /** the item's physical value (HIDGetDataValue); throws UsbError */
  async get(h: UsbHandle, item: HidData, age: number, now: number): Promise<number> {
    await this.refresh(h, item, age, now);
    return getPhysical(this.data[item.reportId]!, item);
  }

  /**
   * HIDSetDataValue: false when the item is constant or the device refused
   * (stall); throws UsbError on other transfer errors. Returns the bytes sent.
   */
  async set(h: UsbHandle, item: HidData, value: number): Promise<Uint8Array | null> {
    if (isConstant(item)) return null;
    const id = item.reportId;
    const buf = this.data[id]!;
    setLogical(buf.subarray(0, this.len[id]), item, toLogical(item, value));
    const out = buf.slice(0, this.len[id]);
    try {
      const n = await h.controlOut(0x21, 0x09, 0x0300 | id, this.opts.iface ?? 0, out, USB_TIMEOUT);
      if (n <= 0) return null;
    } catch (e) {
      if (e instanceof UsbError && (e.code === 'PIPE' || e.code === 'TIMEOUT' || e.code === 'OVERFLOW' || e.code === 'OTHER')) {
        this.log.debug(1, `Can't set Report ${id.toString(16).padStart(2, '0')}: ${e.text}`);
        return null;
      }
      throw e;
    }
    this.dump('Report[set]', out);
    this.ts.fill(0);
    this.log.debug(4, 'Set report succeeded');
    return out;
  }

  /** the last bytes of a report (byte 0 the ID), null when the descriptor has none */
  report(id: number): Uint8Array | null {
    const b = this.data[id];
    return b ? b.subarray(0, this.len[id]) : null;
  }

  /** an interrupt-IN report: stored as if read (file_report_buffer) */
  file(bytes: Uint8Array, now: number): void {
    const id = bytes[0]!;
    const buf = this.data[id];
    if (!buf) return;
    const len = this.len[id]!;
    buf.set(bytes.subarray(0, Math.min(bytes.length, len)));
    if (bytes.length !== len) {
      this.log.debug(2, `file_report_buffer: expected ${len} bytes, but got ${bytes.length} instead`);
      this.dump('Report[err]', bytes);
    } else {
      this.dump('Report[int]', buf.subarray(0, len));
    }
    this.ts[id] = now;
  }
}
