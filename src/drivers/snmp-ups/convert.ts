// Pure value conversions of snmp-ups: varbind → text (decode_str), lookups,
// multipliers and the C printf formats the reference prints with.

import type { OidLookup, OidConversion, MibState } from './mib.js';

/** SU_INFOSIZE: the size of snmp-ups' value buffers (so 127 characters at most) */
export const SU_INFOSIZE = 128;

export function isConversion(l: OidLookup | null | undefined): l is OidConversion {
  return !!l && !Array.isArray(l) && typeof (l as OidConversion).fun === 'function';
}

/** su_find_infoval(): a number through a lookup table or conversion; null = no match (do not publish) */
export function findInfoVal(lookup: OidLookup | null | undefined, value: number, state?: MibState): string | null {
  if (!lookup) return null;
  if (isConversion(lookup)) return lookup.fun(value, state);
  for (const row of lookup as readonly { oid: number; nut: string }[]) {
    if (row.nut === 'NULL') break;
    if (row.oid === value) return row.nut;
  }
  return null;
}

/** su_find_strval(): a string through a conversion function (tables do not apply to strings) */
export function findStrVal(lookup: OidLookup | null | undefined, value: string, state?: MibState): string | null {
  return isConversion(lookup) ? lookup.fun(value, state) : null;
}

/** su_find_valinfo(): NUT text → the number to SET; -1 if not in the table */
export function findValInfo(lookup: OidLookup | null | undefined, value: string): number {
  if (!lookup) return -1;
  if (isConversion(lookup)) return lookup.nuf ? lookup.nuf(value) : -1;
  for (const row of lookup as readonly { oid: number; nut: string }[]) {
    if (row.nut === 'NULL') break;
    if (row.nut === value) return row.oid;
  }
  return -1;
}

/** the enumerated values published for RW variables with a lookup */
export function lookupValues(lookup: OidLookup | null | undefined): string[] {
  if (!lookup || isConversion(lookup)) return [];
  const out: string[] = [];
  for (const row of lookup as readonly { oid: number; nut: string }[]) {
    if (row.nut === 'NULL') break;
    out.push(row.nut);
  }
  return out;
}

const isPrintOrSpace = (b: number): boolean => (b >= 0x20 && b <= 0x7e) || (b >= 0x09 && b <= 0x0d);

/** OCTET STRING as decode_str() shows it: text, or Net-SNMP's hex form when any byte is not printable */
export function octetsToText(buf: Buffer, bufLen = SU_INFOSIZE): string {
  let hex = false;
  for (const b of buf) if (!isPrintOrSpace(b)) { hex = true; break; }
  if (!hex) {
    const s = buf.subarray(0, bufLen - 1);
    // the C copy stops at a NUL byte
    const nul = s.indexOf(0);
    return (nul >= 0 ? s.subarray(0, nul) : s).toString('latin1');
  }
  // sprint_realloc_hexstring: "XX " per byte, 16 bytes a line
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i += 16) {
    lines.push([...buf.subarray(i, i + 16)].map((b) => b.toString(16).toUpperCase().padStart(2, '0') + ' ').join(''));
  }
  return lines.join('\n').slice(0, bufLen - 1);
}

/** C's (int) cast of a double on x86-64: truncation; out of range gives INT_MIN */
export function cInt(d: number): number {
  if (!Number.isFinite(d)) return -2147483648;
  const t = Math.trunc(d);
  return t > 2147483647 || t < -2147483648 ? -2147483648 : t;
}

/** printf("%.Nf") of a double: the exact binary value rounded half to even, as glibc does */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : (Object.is(x, NaN) ? 'nan' : String(x));
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a >= 1e21) return (neg ? '-' : '') + BigInt(Math.round(a)).toString() + (digits ? '.' + '0'.repeat(digits) : '');
  // toFixed(100) is the exact decimal expansion for these magnitudes (enough digits for a double's fraction
  // bits below 2^-100 are irrelevant to a tie at 2 or 3 decimals)
  const exact = a.toFixed(100);
  const [ip, fp] = exact.split('.') as [string, string];
  const keep = fp.slice(0, digits);
  const rest = fp.slice(digits);
  let up = false;
  if (rest[0]! > '5') up = true;
  else if (rest[0] === '5') {
    if (/[1-9]/.test(rest.slice(1))) up = true;
    else {
      const last = digits ? keep[keep.length - 1]! : ip[ip.length - 1]!;
      up = Number(last) % 2 === 1;
    }
  }
  let digitsStr = ip + keep;
  if (up) digitsStr = (BigInt(digitsStr) + 1n).toString().padStart(digitsStr.length, '0');
  const intPart = digits ? digitsStr.slice(0, digitsStr.length - digits) || '0' : digitsStr;
  const frac = digits ? digitsStr.slice(digitsStr.length - digits) : '';
  const out = digits ? `${intPart}.${frac}` : intPart;
  return (neg && /[1-9]/.test(out) ? '-' : neg ? '-' : '') + out;
}

/**
 * su_ups_get()'s number formatting: value × multiplier; an integer result
 * (to float precision) as "%i", otherwise "%.2f" of the float.
 */
export function formatScaled(value: number, multiplier: number): string {
  const d = value * multiplier;
  const i = cInt(d);
  if (Math.abs(Math.fround(i) - Math.fround(d)) <= 1.1920928955078125e-7) return String(i);
  return cFixed(Math.fround(d), 2);
}

/** strtol(s, NULL, 0) as a C long: leading space, sign, 0x / 0 prefixes, stops at the first bad character */
export function strtol0(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?/.exec(s);
  if (!m || !m[2]) return 0;
  let v: number;
  const t = m[2];
  if (/^0[xX]/.test(t)) v = parseInt(t.slice(2), 16);
  else if (t.length > 1 && t[0] === '0') v = parseInt(t, 8);
  else v = parseInt(t, 10);
  return m[1] === '-' ? -v : v;
}

/** str_to_long(s, &v, 10) of NUT's common.c: the whole string must be a base-10 number */
export function strToLong(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  if (!/^[\t\n\v\f\r ]*[+-]?\d+$/.test(s)) return null;
  const n = parseInt(s.trim(), 10);
  return Number.isSafeInteger(n) ? n : null;
}

/** atoi() */
export function atoi(s: string | undefined | null): number {
  if (!s) return 0;
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) | 0 : 0;
}

/** printf("%i"/"%s") of a template with %i placeholders filled in order (the C snprintf of an OID template) */
export function fillTemplate(tpl: string, ...nums: number[]): string {
  let i = 0;
  return tpl.replace(/%i|%d/g, () => String(nums[i++] ?? 0));
}
