// The conversions shared by several MIB tables, as NUT 2.8.0's
// snmp-ups-helpers.c and eaton-pdu-marlin-helpers.c: a US date to ISO 8601,
// the temperature unit and reading, the daisychain device count.
import {
  newMibState,
  TEMPERATURE_CELSIUS,
  TEMPERATURE_FAHRENHEIT,
  TEMPERATURE_KELVIN,
  TEMPERATURE_UNKNOWN,
  type MibState,
  type OidConversion,
} from '../mib.js';

/**
 * strptime's number reading (glibc): skip blanks, at least one digit, take up
 * to `width` digits while the value can still grow within `max`; out of
 * [min, max] fails. Returns [value, next position] or null.
 */
function readNumber(s: string, pos: number, min: number, max: number, width: number): [number, number] | null {
  while (pos < s.length && ' \t\n\v\f\r'.includes(s[pos]!)) pos++;
  const digit = (i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';
  if (!digit(pos)) return null;
  let value = 0;
  let n = width;
  do {
    value = value * 10 + (s.charCodeAt(pos++) - 48);
  } while (--n > 0 && value * 10 <= max && digit(pos));
  return value < min || value > max ? null : [value, pos];
}

/** C's view of a number handed to a text conversion: its bytes up to the first NUL */
function longAsText(value: number): string {
  let v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  let out = '';
  for (let i = 0; i < 8; i++, v >>= 8n) {
    const b = Number(v & 0xffn);
    if (b === 0) break;
    out += String.fromCharCode(b);
  }
  return out;
}

/**
 * su_usdate_to_isodate_info_fun: "mm/dd/yyyy" → "yyyy-mm-dd". As 2.8.0, the
 * fields read before a mismatch are kept and the rest stay zero, so "garbage"
 * gives "1900-01-00" and "12/25" gives "1900-12-25"; the year is not padded.
 */
export function su_usdate_to_isodate_info_fun(raw: number | string): string {
  const s = typeof raw === 'string' ? raw : longAsText(raw);
  let mon = 0;
  let mday = 0;
  let year = 1900;
  const m = readNumber(s, 0, 1, 12, 2);
  if (m) {
    mon = m[0] - 1;
    if (s[m[1]] === '/') {
      const d = readNumber(s, m[1] + 1, 1, 31, 2);
      if (d) {
        mday = d[0];
        if (s[d[1]] === '/') {
          const y = readNumber(s, d[1] + 1, 0, 9999, 4);
          if (y) year = y[0];
        }
      }
    }
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}-${two(mon + 1)}-${two(mday)}`;
}

/** su_convert_to_iso_date_info[FUNMAP_USDATE_TO_ISODATE] */
export const su_convert_to_iso_date_info: OidConversion = { fun: su_usdate_to_isodate_info_fun };

/** C's long division (truncates toward zero) */
const cdiv = (a: number, b: number) => Math.trunc(a / b);

/**
 * su_temperature_read_fun: a reading in tenths of the device's unit → whole
 * degrees Celsius (integer arithmetic as 2.8.0's); an unknown unit gives "".
 */
export function su_temperature_read_fun(raw: number | string, state: MibState = newMibState()): string {
  const v = typeof raw === 'number' ? Math.trunc(raw) : Number.parseInt(raw, 10) || 0;
  switch (state.temperatureUnit) {
    case TEMPERATURE_KELVIN:
      return String(Math.trunc(cdiv(v, 10) - 273.15));
    case TEMPERATURE_CELSIUS:
      return String(cdiv(v, 10));
    case TEMPERATURE_FAHRENHEIT:
      return String(cdiv((cdiv(v, 10) - 32) * 5, 9));
    default:
      return '';
  }
}

/**
 * eaton_sensor_temperature_unit_fun: remembers the device's unit (0 kelvin,
 * 1 celsius, 2 fahrenheit) for the readings; NUT always publishes "celsius".
 */
export function eaton_sensor_temperature_unit_fun(raw: number | string, state: MibState = newMibState()): string {
  const units: Record<number, number> = { 0: TEMPERATURE_KELVIN, 1: TEMPERATURE_CELSIUS, 2: TEMPERATURE_FAHRENHEIT };
  const v = typeof raw === 'number' ? raw : Number.NaN;
  state.temperatureUnit = units[v] ?? TEMPERATURE_UNKNOWN;
  return 'celsius';
}

/**
 * marlin_device_count_fun: "unitsPresent" ("0,3,4,5") → how many devices:
 * one per comma, plus one when the text is not empty and does not end in one.
 */
export function marlin_device_count_fun(list: string): number {
  let count = 0;
  for (const c of list) if (c === ',') count++;
  if (list.length > 0 && !list.endsWith(',')) count++;
  return count;
}
