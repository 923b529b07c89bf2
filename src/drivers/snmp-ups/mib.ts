// The contract between the snmp-ups engine and its MIB tables: each table
// (mibs/<mib>.ts) is data, shaped as NUT 2.8.0's snmp_info_t, info_lkp_t,
// alarms_info_t and mib2nut_info_t (drivers/snmp-ups.h).

/** snmp_info_t.flags bits (SU_*), values as in snmp-ups.h */
export const SU_FLAG_OK = 1 << 0;
export const SU_FLAG_STATIC = 1 << 1;
export const SU_FLAG_ABSENT = 1 << 2;
export const SU_FLAG_STALE = 1 << 3;
export const SU_FLAG_NEGINVALID = 1 << 4;
export const SU_FLAG_UNIQUE = 1 << 5;
export const SU_FLAG_ZEROINVALID = 1 << 6;
export const SU_FLAG_NAINVALID = 1 << 7;
export const SU_CMD_OFFSET = 1 << 8;
export const SU_FLAG_SEMI_STATIC = 1 << 9;
export const SU_OUTLET_GROUP = 1 << 10;
export const SU_OUTLET = 1 << 11;
export const SU_INPUT_1 = 1 << 12;
export const SU_INPUT_3 = 1 << 13;
export const SU_OUTPUT_1 = 1 << 14;
export const SU_OUTPUT_3 = 1 << 15;
export const SU_BYPASS_1 = 1 << 16;
export const SU_BYPASS_3 = 1 << 17;
export const SU_TYPE_INT = 1 << 18;
export const SU_TYPE_TIME = 1 << 19;
export const SU_TYPE_CMD = 1 << 20;
export const SU_TYPE_DAISY_1 = 1 << 21;
export const SU_TYPE_DAISY_2 = 1 << 22;
export const SU_DAISY = 1 << 23;
export const SU_TYPE_DAISY_MASTER_ONLY = 1 << 24;
export const SU_AMBIENT_TEMPLATE = 1 << 26;
// bits 28..31 are the status index; >>> 0 keeps them unsigned in JS
export const SU_STATUS_PWR = (1 << 28) >>> 0;
export const SU_STATUS_BATT = (1 << 29) >>> 0;
export const SU_STATUS_CAL = (1 << 30) >>> 0;
export const SU_STATUS_RB = (1 << 31) >>> 0;

/** ST_FLAG_* of NUT's extstate.h, as used in info_flags */
export const ST_FLAG_RW = 0x0001;
export const ST_FLAG_STRING = 0x0002;

/** One row of a value table (info_lkp_t without functions). */
export interface OidLookupEntry {
  oid: number;
  nut: string;
}

/** TEMPERATURE_* of snmp-ups.h: the unit a device reports temperatures in */
export const TEMPERATURE_UNKNOWN = 0;
export const TEMPERATURE_CELSIUS = 1;
export const TEMPERATURE_KELVIN = 2;
export const TEMPERATURE_FAHRENHEIT = 3;

/**
 * What conversions of one device share: 2.8.0 keeps it in a global
 * (snmp-ups-helpers.c's temperature_unit, set by the unit lookup and read by
 * the temperature lookup). The engine keeps one per device and passes it to
 * every conversion, so devices in one process do not share it.
 */
export interface MibState {
  temperatureUnit: number;
}

/** A fresh MibState (TEMPERATURE_UNKNOWN, as 2.8.0 starts). */
export function newMibState(): MibState {
  return { temperatureUnit: TEMPERATURE_UNKNOWN };
}

/** A conversion (info_lkp_t whose row has fun_vp2s / nuf_s2l). */
export interface OidConversion {
  /**
   * the SNMP value (number, or text for OCTET STRING) → NUT text; null = no
   * value. `state` is the device's MibState (without one, a throw-away one).
   */
  fun(value: number | string, state?: MibState): string | null;
  nuf?(nutValue: string): number;
}

export type OidLookup = readonly OidLookupEntry[] | OidConversion;

/** One row of a MIB table (snmp_info_t). */
export interface SnmpInfo {
  /** NUT variable or command name (templates use %i) */
  name: string;
  /** ST_FLAG_RW | ST_FLAG_STRING */
  flags: number;
  /** ST_FLAG_STRING: string length; otherwise the multiplier */
  len: number;
  /** dotted OID (may hold %i templates), or null */
  oid: string | null;
  /** default value, or null */
  dfl: string | null;
  /** SU_* bits; each bit is >>> 0 safe (use `|` then `>>> 0`) */
  suFlags: number;
  lookup?: OidLookup | null;
}

/** alarms_info_t */
export interface AlarmInfo {
  oid: string;
  statusValue: string | null;
  alarmValue: string | null;
}

/** mib2nut_info_t: one `mibs=` choice */
export interface Mib2Nut {
  /** the `mibs=` name ('apcc', 'ietf', 'eaton_epdu', ...) */
  name: string;
  version: string;
  oidPwrStatus: string | null;
  /** oid_auto_check: read to test that the MIB answers */
  oidAutoCheck: string | null;
  info: readonly SnmpInfo[];
  /** sysOID to match against the agent's sysObjectID, or null */
  sysOid: string | null;
  alarms?: readonly AlarmInfo[] | null;
}
