// The value tables and conversions every usbhid-ups subdriver shares (NUT
// 2.8.0 usbhid-ups.c), and the internal status bits they feed. Status
// lookups yield lower-case bit names ('online', '!online' to clear) that the
// engine collects before it turns them into ups.status/ups.alarm.

import type { Conversion, InfoLookup, LookupEntry } from './subdriver.js';
import { fixed } from '../../hid/index.js';

/** usbhid-ups.h status_bit_t, in bit order (bit i = 1 << i); NUT's status_info names. */
export const STATUS_BITS = [
  'online', 'dischrg', 'chrg', 'lowbatt', 'overload', 'replacebatt', 'shutdownimm', 'trim', 'boost',
  'bypassauto', 'bypassman', 'off', 'cal', 'overheat', 'commfault', 'depleted', 'timelimitexp',
  'fullycharged', 'awaitingpower', 'fanfail', 'nobattery', 'battvoltlo', 'battvolthi', 'chargerfail',
  'vrange', 'frange',
] as const;
export type StatusBit = (typeof STATUS_BITS)[number];

/** The bit mask of a status name (STATUS(x)), undefined for an unknown name. */
export function statusMask(name: string): number | undefined {
  const i = (STATUS_BITS as readonly string[]).indexOf(name);
  return i < 0 ? undefined : 2 ** i;
}

const flag = (set: string): LookupEntry[] => [{ hid: 1, nut: set }, { hid: 0, nut: `!${set}` }];

export const online_info: InfoLookup = flag('online');
export const discharging_info: InfoLookup = flag('dischrg');
export const charging_info: InfoLookup = flag('chrg');
export const lowbatt_info: InfoLookup = flag('lowbatt');
export const overload_info: InfoLookup = flag('overload');
export const replacebatt_info: InfoLookup = flag('replacebatt');
export const trim_info: InfoLookup = flag('trim');
export const boost_info: InfoLookup = flag('boost');
export const bypass_auto_info: InfoLookup = flag('bypassauto');
export const bypass_manual_info: InfoLookup = flag('bypassman');
/** inverted: devices without this usage are "on" */
export const off_info: InfoLookup = [{ hid: 0, nut: 'off' }, { hid: 1, nut: '!off' }];
export const calibration_info: InfoLookup = flag('cal');
/** inverted: devices without this usage have a battery */
export const nobattery_info: InfoLookup = [{ hid: 1, nut: '!nobattery' }, { hid: 0, nut: 'nobattery' }];
export const fanfail_info: InfoLookup = flag('fanfail');
export const shutdownimm_info: InfoLookup = flag('shutdownimm');
export const overheat_info: InfoLookup = flag('overheat');
export const awaitingpower_info: InfoLookup = flag('awaitingpower');
export const commfault_info: InfoLookup = flag('commfault');
export const timelimitexpired_info: InfoLookup = flag('timelimitexp');
export const battvoltlo_info: InfoLookup = flag('battvoltlo');
export const battvolthi_info: InfoLookup = flag('battvolthi');
export const chargerfail_info: InfoLookup = flag('chargerfail');
export const fullycharged_info: InfoLookup = flag('fullycharged');
export const depleted_info: InfoLookup = flag('depleted');
/** input.transfer.reason: the clearing row comes first in NUT's table */
export const vrange_info: InfoLookup = [{ hid: 0, nut: '!vrange' }, { hid: 1, nut: 'vrange' }];
export const frange_info: InfoLookup = [{ hid: 0, nut: '!frange' }, { hid: 1, nut: 'frange' }];

export const test_write_info: InfoLookup = [
  { hid: 0, nut: 'No test' },
  { hid: 1, nut: 'Quick test' },
  { hid: 2, nut: 'Deep test' },
  { hid: 3, nut: 'Abort test' },
];

export const test_read_info: InfoLookup = [
  { hid: 1, nut: 'Done and passed' },
  { hid: 2, nut: 'Done and warning' },
  { hid: 3, nut: 'Done and error' },
  { hid: 4, nut: 'Aborted' },
  { hid: 5, nut: 'In progress' },
  { hid: 6, nut: 'No test initiated' },
  { hid: 7, nut: 'Test scheduled' },
];

export const beeper_info: InfoLookup = [
  { hid: 1, nut: 'disabled' },
  { hid: 2, nut: 'enabled' },
  { hid: 3, nut: 'muted' },
];

export const yes_no_info: InfoLookup = [{ hid: 0, nut: 'no' }, { hid: 1, nut: 'yes' }];
export const on_off_info: InfoLookup = [{ hid: 0, nut: 'off' }, { hid: 1, nut: 'on' }];

// ---------------------------------------------------------------------------
// C helpers the conversions need: printf's %.Nf and %0Nld, sscanf's %0Nld.

/** printf("%.<digits>f", x) as glibc prints it: src/hid's fixed(), under the name the subdrivers use */
export function formatFixed(x: number, digits: number): string {
  return fixed(x, digits);
}

/** printf("%g"), for debug lines that print values */
export function formatG(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
  const s = v.toPrecision(6);
  if (s.includes('e')) {
    const [mant, exp] = s.split('e') as [string, string];
    const m = mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant;
    const e = Number(exp);
    return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** printf("%0<width>ld", n): zero padding after the sign. */
export function padLong(n: number | bigint, width: number): string {
  const v = BigInt(n);
  const digits = (v < 0n ? -v : v).toString();
  return v < 0n ? `-${digits.padStart(width - 1, '0')}` : digits.padStart(width, '0');
}

/** strtod(s, NULL): the longest numeric prefix after blanks, 0 when there is none. */
export function strtod(s: string | undefined): number {
  if (!s) return 0;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  if (m) return Number(m[1]);
  const special = /^\s*([+-]?)(inf(?:inity)?|nan)/i.exec(s);
  if (!special) return 0;
  const v = special[2]!.toLowerCase().startsWith('inf') ? Infinity : NaN;
  return special[1] === '-' ? -v : v;
}

/** C's (long)value: truncation toward zero (a double beyond long's range is clamped). */
export function toLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  const max = 2n ** 63n - 1n;
  if (value >= 2 ** 63) return max;
  if (value <= -(2 ** 63)) return -max - 1n;
  return BigInt(Math.trunc(value));
}

/**
 * sscanf(s, "%0Nd/%0Nd/%0Nd", ...) for a date: the fields read before the
 * first mismatch; a field never read is undefined (uninitialised in C).
 */
export function scanDate(s: string, widths: readonly number[] = [4, 2, 2]): (number | undefined)[] {
  const out: (number | undefined)[] = widths.map(() => undefined);
  let pos = 0;
  for (let f = 0; f < widths.length; f++) {
    if (f > 0) {
      if (s[pos] !== '/') break;
      pos++;
    }
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
    const m = new RegExp(`^[+-]?\\d+`).exec(s.slice(pos, pos + widths[f]!));
    if (!m || !/\d/.test(m[0])) break;
    out[f] = parseInt(m[0], 10);
    pos += m[0].length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Conversions

/** HID date (days since 1980 packed as yyyyyyym mmmddddd) ⇄ "YYYY/MM/DD"; 0 is "not set". */
export const date_conversion: Conversion = {
  fun(value) {
    const v = toLong(value);
    if (v === 0n) return 'not set';
    // >> on a signed long floors: a negative value is a date before 1980
    const year = 1980n + (v >> 9n);
    const month = (v >> 5n) & 0x0fn;
    const day = v & 0x1fn;
    return `${padLong(year, 4)}/${padLong(month, 2)}/${padLong(day, 2)}`;
  },
  nuf(text) {
    const [year = 0, month = 0, day = 0] = scanDate(text ?? '');
    if (year - 1980 > 127 || month > 12 || day > 31) return 0;
    return (year - 1980) * 512 + month * 32 + day;
  },
};

/** "%08lx" of the value as a long (a negative one in two's complement) */
export const hex_conversion: Conversion = {
  fun(value) {
    return BigInt.asUintN(64, toLong(value)).toString(16).padStart(8, '0');
  },
};

/**
 * The USB string whose index the item holds. NUT reads it into a 20-byte
 * buffer: at most 19 characters, trailing newlines cut; a failed read is "".
 */
export const stringid_conversion: Conversion = {
  async fun(value, env) {
    const index = Math.trunc(value);
    if (!(index >= 0 && index <= 255)) return null;
    return readIndexString(env, index, 20);
  },
};

/** HIDGetIndexString into a buffer of `buflen` bytes. */
export async function readIndexString(env: { getString(i: number): Promise<string | null> }, index: number, buflen: number): Promise<string> {
  const s = (await env.getString(index)) ?? '';
  return s.slice(0, buflen - 1).replace(/\n+$/, '');
}

export const divide_by_10_conversion: Conversion = {
  fun(value) {
    return formatFixed(value * 0.1, 1);
  },
};

/** Kelvin to Celsius; a value outside 273..373 K is taken as already Celsius (some HP units). */
export const kelvin_celsius_conversion: Conversion = {
  fun(value) {
    return formatFixed(value >= 273 && value <= 373 ? value - 273.15 : value, 1);
  },
};

/** hu_find_infoval for a value table: the first row whose value is (long)value. */
export function findInfoval(table: readonly LookupEntry[], value: number): string | null {
  const v = Number(toLong(value));
  for (const row of table) if (row.hid === v) return row.nut;
  return null;
}

/** Default delays of usbhid-ups.h (DEFAULT_ONDELAY, DEFAULT_OFFDELAY). */
export const DEFAULT_ONDELAY = '30';
export const DEFAULT_OFFDELAY = '20';

/** possibly_supported(): the message for a known vendor with an unknown product id. */
export function possiblySupportedMessage(mfr: string, vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `This ${mfr} device (${hex(vendorId)}:${hex(productId)}) is not (or perhaps not yet) supported\n`
    + 'by usbhid-ups. Please make sure you have an up-to-date version of NUT. If\n'
    + 'this does not fix the problem, try running the driver with the\n'
    + `'-x productid=${hex(productId)}' option. Please report your results to the NUT user's\n`
    + 'mailing list <nut-upsuser@lists.alioth.debian.org>.\n';
}
