// Report codec: read and write one item's bits in a report buffer, and the
// logical ↔ physical conversions with units and exponents, as NUT 2.8.0's
// GetValue/SetValue (hidparser.c) and HIDGetDataValue/HIDSetDataValue
// (libhid.c) compute them — same clamping, same floating-point steps, so
// values print the same.

import type { HidData } from './types.js';

/** highest set bit position + 1 (NUT's hibit) */
function hibit(x: bigint): bigint {
  let r = 0n;
  while (x > 0n) { x >>= 1n; r++; }
  return r;
}

const U64 = (1n << 64n) - 1n;

/**
 * The logical value of `item` in `buf` (buf[0] is the report ID). Bits past
 * the end of `buf` read as 0. The value is masked to the LogMin..LogMax width
 * and clamped into that range, as the reference does for devices that send
 * junk in the high bits (APC Back-UPS BF500).
 */
export function getLogical(buf: Uint8Array, item: HidData): number {
  let v = 0n;
  let bit = item.offset + 8;
  for (let w = 0n; w < BigInt(item.size); w++, bit++) {
    if (((buf[bit >> 3] ?? 0) >> (bit & 7)) & 1) v |= 1n << w;
  }
  v &= U64;
  const lmax = BigInt(item.logMax);
  const lmin = BigInt(item.logMin);
  const magMax = lmax >= 0n ? lmax : -(lmax + 1n);
  const magMin = lmin >= 0n ? lmin : -(lmin + 1n);
  const signbit = 1n << hibit(magMax > magMin ? magMax : magMin);
  const mask = (signbit - 1n) | (lmin < 0n ? signbit : 0n);
  v &= mask;
  let value = v;
  if (lmin < 0n && (v & signbit) !== 0n) value = v - (mask + 1n); // sign-extend
  if (value < lmin) value = lmin;
  else if (value > lmax) value = lmax;
  return Number(value);
}

/** Write `value` (two's complement) into the item's bits of `buf`. */
export function setLogical(buf: Uint8Array, item: HidData, value: number): void {
  const v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  let bit = item.offset + 8;
  for (let w = 0n; w < BigInt(item.size); w++, bit++) {
    const i = bit >> 3;
    if (i >= buf.length) break;
    if ((v >> w) & 1n) buf[i]! |= 1 << (bit & 7);
    else buf[i]! &= ~(1 << (bit & 7));
  }
}

/** HID units whose exponent the reference corrects (HID PDC 3.2.3) */
const UNITS: readonly [number, number][] = [
  [0x00000000, 0], [0x00f0d121, 7], [0x00100001, 0], [0x0000d121, 7], [0x0000d121, 7],
  [0x00001001, 0], [0x00010001, 0], [0x00000000, 0], [0x0000f001, 0], [0x00101001, 0],
];

export function unitExponent(item: HidData): number {
  let e = item.unitExp;
  for (const [type, expo] of UNITS) {
    if (type === item.unit) { e -= expo; break; }
  }
  return e;
}

/** a^b by repeated multiplication, as the reference (same rounding) */
export function exponent(a: number, b: number): number {
  if (b > 0) return a * exponent(a, b - 1);
  if (b < 0) return (1 / a) * exponent(a, b + 1);
  return 1;
}

export function logicalToPhysical(item: HidData, logical: number): number {
  if (!item.havePhyMax || !item.havePhyMin || (item.phyMax === 0 && item.phyMin === 0)) return logical;
  if (item.phyMax <= item.phyMin || item.logMax <= item.logMin) return logical;
  const factor = (item.phyMax - item.phyMin) / (item.logMax - item.logMin);
  const physical = (logical - item.logMin) * factor + item.phyMin;
  if (physical > item.phyMax) return item.phyMax;
  if (physical < item.phyMin) return item.phyMin;
  return physical;
}

export function physicalToLogical(item: HidData, physical: number): number {
  if (!item.havePhyMax || !item.havePhyMin || (item.phyMax === 0 && item.phyMin === 0)) return Math.trunc(physical);
  if (item.phyMax <= item.phyMin || item.logMax <= item.logMin) return Math.trunc(physical);
  const factor = (item.logMax - item.logMin) / (item.phyMax - item.phyMin);
  const logical = Math.trunc((physical - item.phyMin) * factor) + item.logMin;
  if (logical > item.logMax) return item.logMax;
  if (logical < item.logMin) return item.logMin;
  return logical;
}

/** The value usbhid-ups works with: physical, times 10^(unit exponent). */
export function getPhysical(buf: Uint8Array, item: HidData): number {
  return logicalToPhysical(item, getLogical(buf, item)) * exponent(10, unitExponent(item));
}

/** The logical value to send for a physical `value` (HIDSetDataValue). */
export function toLogical(item: HidData, value: number): number {
  return physicalToLogical(item, value / exponent(10, unitExponent(item)));
}

/** ATTR_DATA_CST: the reference refuses to write an item whose attribute is exactly "Constant" */
export function isConstant(item: HidData): boolean {
  return item.attribute === 0x01;
}
