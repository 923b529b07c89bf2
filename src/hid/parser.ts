// HID report-descriptor parser: bytes → HidDesc (NUT's Parse_ReportDesc).
// Pure. It reproduces what NUT 2.8.0's hidparser.c makes of a descriptor,
// quirks included, because usbhid-ups paths, offsets and report lengths must
// come out the same as the reference's on the same device:
//  - local state (usages) is reset after each main item; a field whose
//    usage list ran out is not kept, but still takes its bits;
//  - usages are not repeated over Report Count (the HID spec would);
//  - bit offsets are kept per (report ID, type) in 8 bits, so they wrap at 256;
//  - report ID 0 (a device without report IDs) always gets offset 0, as the
//    reference's offset table never keeps an entry for ID 0;
//  - LogMax below LogMin is read as unsigned (the "LogMax fix"), with a warning;
//  - a vendor collection type (>= 0x80) adds an extra [n] path node.

import type { HidData, HidDesc, HidReportType } from './types.js';

/** NUT's limits (hidtypes.h) */
export const PATH_SIZE = 10;
export const USAGE_TAB_SIZE = 50;
export const MAX_REPORT = 500;
export const REPORT_DSC_SIZE = 6144;

const ITEM_SIZE = [0, 1, 2, 4];
const ITEM_MASK = 0xfc;
const SIZE_MASK = 0x03;

const TYPES: Record<number, HidReportType> = { 0x80: 'Input', 0x90: 'Output', 0xb0: 'Feature' };

export interface ParseResult {
  desc: HidDesc;
  /** warnings the reference logs while parsing (upslogx LOG_WARNING / LOG_ERR) */
  warnings: string[];
}

/** sign-extend a little-endian value of `bytes` bytes (NUT's FormatValue) */
function formatValue(v: number, bytes: number): number {
  if (bytes === 1) return (v << 24) >> 24;
  if (bytes === 2) return (v << 16) >> 16;
  if (bytes === 4) return v | 0;
  return v;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/**
 * Parse a report descriptor. Returns null when it holds no data item at all
 * (the reference then says "Failed to parse report descriptor!").
 */
export function parseReportDescriptor(bytes: Uint8Array): ParseResult | null {
  const warnings: string[] = [];
  const items: HidData[] = [];
  const replen = new Array<number>(256).fill(0);
  const n = bytes.length;

  let pos = 0;
  let count = 0;
  let item = 0;
  let value = 0;
  let uPage = 0;
  let usages: number[] = [];
  let reportCount = 0;
  const path: number[] = [];
  // global state carried from item to item
  let reportId = 0;
  let size = 0;
  let unitExp = 0;
  let unit = 0;
  let logMin = 0;
  let logMax = 0;
  let phyMin = 0;
  let phyMax = 0;
  let havePhyMin = false;
  let havePhyMax = false;
  const offsets = new Map<number, number>();
  let pathOverflow = false;

  const pushNode = (node: number): void => {
    if (path.length >= PATH_SIZE) { pathOverflow = true; return; }
    path.push(node);
  };

  // as the reference: a Report Count still running when the bytes end is dropped
  while (pos < n) {
    if (count === 0) {
      item = bytes[pos++]!;
      value = 0;
      const sz = ITEM_SIZE[item & SIZE_MASK]!;
      for (let i = 0; i < sz; i++) value += (bytes[pos + i] ?? 0) * 2 ** (8 * i);
      pos += sz;
    }
    switch (item & ITEM_MASK) {
      case 0x04: // Usage Page
        uPage = value & 0xffff;
        break;
      case 0x08: // Usage
        if (usages.length < USAGE_TAB_SIZE) {
          usages.push((item & SIZE_MASK) > 2 ? value >>> 0 : ((uPage << 16) | (value & 0xffff)) >>> 0);
        }
        break;
      case 0xa0: // Collection
        pushNode(usages[0] ?? 0);
        usages.shift();
        if ((value & 0xff) >= 0x80) pushNode((0x00ff0000 | (value & 0x7f)) >>> 0);
        usages = [];
        break;
      case 0xc0: // End Collection
        {
          // NUT tests the node it has just removed: an index ("[n]") takes its collection's usage with it
          const removed = path.pop();
          if (removed !== undefined && (removed & 0xffff0000) >>> 0 === 0x00ff0000) path.pop();
        }
        usages = [];
        break;
      case 0x80:
      case 0x90:
      case 0xb0: { // Input, Output, Feature
        const usage = usages[0] ?? 0;
        if (count === 0) count = reportCount;
        usages.shift();
        const type = TYPES[item & ITEM_MASK]!;
        const key = reportId * 4 + ((item & ITEM_MASK) >> 4);
        // report ID 0 never keeps its running offset in the reference's table
        const offset = reportId === 0 ? 0 : offsets.get(key) ?? 0;
        const d: HidData = {
          path: [...path, usage], reportId, offset, size, type, attribute: value & 0xff,
          unit, unitExp, logMin, logMax, phyMin, phyMax, havePhyMin, havePhyMax,
        };
        if (reportId !== 0) offsets.set(key, (offset + size) & 0xff);
        // the length counts every field, kept or not
        const max = (offset + size + 7) >> 3;
        if (max > replen[reportId]!) replen[reportId] = max;
        if (usage !== 0) {
          if (items.length >= MAX_REPORT) {
            warnings.push('ERROR in Parse_ReportDesc: Too many HID objects');
            return items.length ? { desc: { items, replen }, warnings } : null;
          }
          items.push(d);
        }
        // Report Count 0: one field (the reference would loop for ever on it)
        if (count > 0) count--;
        if (count === 0) usages = [];
        break;
      }
      case 0x84: reportId = value & 0xff; break;
      case 0x74: size = value & 0xff; break;
      case 0x94: reportCount = value & 0xff; break;
      case 0x54: { // Unit Exponent: a 4-bit signed nibble, as the reference reads it
        let e = value & 0xff;
        if (e >= 0x80) e -= 0x100;
        if (e > 7) e = ((e | 0xf0) & 0xff) - 0x100;
        unitExp = e;
        break;
      }
      case 0x64: unit = value >>> 0; break;
      case 0x14: logMin = formatValue(value, ITEM_SIZE[item & SIZE_MASK]!); break;
      case 0x24:
        logMax = formatValue(value, ITEM_SIZE[item & SIZE_MASK]!);
        if (logMax < logMin) {
          warnings.push('HIDParse: LogMax is less than LogMin. Vendor HID report descriptor may be incorrect; ' +
            `interpreting LogMax ${logMax} as ${value >>> 0} in ReportID: 0x${hex2(reportId)}`);
          logMax = value >>> 0;
        }
        break;
      case 0x34: phyMin = formatValue(value, ITEM_SIZE[item & SIZE_MASK]!); havePhyMin = true; break;
      case 0x44: phyMax = formatValue(value, ITEM_SIZE[item & SIZE_MASK]!); havePhyMax = true; break;
      case 0xfc: pos += value & 0xff; break; // long item: skipped
      default: break;
    }
  }
  if (pathOverflow) warnings.push('HIDParse: HID path too long');
  if (n >= REPORT_DSC_SIZE) warnings.push('HIDParse: Report descriptor too big');
  if (items.length === 0) return null;
  return { desc: { items, replen }, warnings };
}
