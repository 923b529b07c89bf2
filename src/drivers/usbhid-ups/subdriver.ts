// The contract between the usbhid-ups engine and its subdrivers: each
// subdriver (subdrivers/<vendor>.ts) is data — a HID-to-NUT table, usage
// names, a USB id table — plus a few small hooks. Shapes follow NUT 2.8.0's
// hid_info_t, info_lkp_t and subdriver_t (drivers/usbhid-ups.h).

import type { HidDesc, UsageTable } from '../../hid/types.js';

/** hidflags (HU_FLAG_*, HU_TYPE_CMD), values as in usbhid-ups.h */
export const HU_FLAG_STATIC = 2;        // read once
export const HU_FLAG_SEMI_STATIC = 4;   // read now and then
export const HU_FLAG_ABSENT = 8;        // not on the device: dfl is the value
export const HU_FLAG_QUICK_POLL = 16;   // read on every poll
export const HU_FLAG_STALE = 32;        // runtime: failed, do not retry too often
export const HU_TYPE_CMD = 64;          // an instant command
export const HU_FLAG_ENUM = 128;        // the lookup table's values are the enum

/** ST_FLAG_* of NUT's extstate.h, as used in info_flags */
export const ST_FLAG_RW = 0x0001;
export const ST_FLAG_STRING = 0x0002;
export const ST_FLAG_NUMBER = 0x0004;

/** What a lookup function may use besides the value (NUT's globals). */
export interface LookupEnv {
  /** a USB string descriptor by index (stringid_conversion, APC's battery type) */
  getString(index: number): Promise<string | null>;
  /** the current ups.status bits decided so far (ups_status_get); tokens are lookups.ts STATUS_BITS names ('off', 'online') */
  statusGet(token: string): boolean;
  /** dstate_getinfo() */
  getInfo(name: string): string | undefined;
  /**
   * reportbuf: the last bytes read for this report ID (byte 0 is the ID; the
   * length is the report's), null when the descriptor has no such report.
   * Ever's network items decode whole reports.
   */
  reportBuffer?(reportId: number): Uint8Array | null;
  /** dstate_delinfo() (MGE's ABM status clears battery.charger.status) */
  delInfo?(name: string): void;
  /** upslogx/upsdebugx for the few conversions that log (CyberPower's battery scale) */
  log?: DriverLog;
}

/** NUT's upslogx (info/notice/warning) and upsdebugx (debug). */
export interface DriverLog {
  info(msg: string): void;
  debug(level: number, msg: string): void;
  notice?(msg: string): void;
  warning?(msg: string): void;
}

/** Engine settings NUT keeps in globals that a subdriver's match hooks change. */
export interface EngineTweaks {
  /** use_interrupt_pipe (APC 5G, Legrand turn it off) */
  useInterruptPipe: boolean;
  /** max_report_size (some APC Back-UPS) */
  maxReportSize: boolean;
  /** interrupt_only (PowerCOM 0x0001) */
  interruptOnly: boolean;
  /** interrupt_size (PowerCOM 0x0001 sets 8) */
  interruptSize: number;
  /** usb_communication_subdriver_t's HID interface and endpoints (Arduino: 2, 4, 5; Powervar: interface 1) */
  hidRepIndex?: number;
  hidEpIn?: number;
  hidEpOut?: number;
}

/** What format_model/mfr/serial may use (NUT's dstate_setinfo, HIDGetItemString/Value on the open device). */
export interface FormatEnv {
  setInfo(name: string, value: string): void;
  /** HIDGetItemString: the USB string whose index the item at this path holds */
  getItemString(path: string): Promise<string | null>;
  /** HIDGetItemValue: the item's current value */
  getItemValue(path: string): Promise<number | null>;
}

/** One row of a value table (NUT's info_lkp_t without a function). */
export interface LookupEntry {
  hid: number;
  nut: string;
}

/** A conversion (NUT's info_lkp_t whose single row has fun/nuf). */
export interface Conversion {
  /** HID value → NUT text; null = no value (the variable is not set) */
  fun(hidValue: number, env: LookupEnv): string | null | Promise<string | null>;
  /**
   * NUT text → HID value, for SET (absent: `values` is searched by text, -1 when none matches, as hu_find_valinfo); env for the few that read
   * dstate (MGE's date/time, PowerCOM's delays). null: a command without extra data whose table
   * default is NULL (PowerCOM's delay commands then use ups.delay.*).
   */
  nuf?(nutValue: string | null, env?: LookupEnv): number;
  /**
   * The other rows of a NUT table that has a function (MGE's pegasus_threshold_info,
   * nominal_output_voltage_info, pegasus_yes_no_info): with HU_FLAG_ENUM and ST_FLAG_RW
   * the enum lists each row's text whose value fun accepts (not null); SET with no nuf
   * searches these rows by text (hu_find_valinfo; NUT writes -1 when nothing matches).
   * NUT's "dummy" texts are kept, as NUT would list them.
   */
  values?: readonly LookupEntry[];
}

export type InfoLookup = readonly LookupEntry[] | Conversion;

/** One row of a subdriver's main table (NUT's hid_info_t). */
export interface HidInfo {
  /** NUT variable or command name, or 'BOOL' for a status bit */
  name: string;
  /** ST_FLAG_RW | ST_FLAG_STRING */
  flags: number;
  /** ST_FLAG_STRING: string length; HU_TYPE_CMD: the value written for the command */
  len: number;
  /** full HID path ('UPS.PowerSummary.RemainingCapacity'), or null for a driver-side variable */
  path: string | null;
  /** printf format ('%.0f', '%s', ...) or, with HU_FLAG_ABSENT, the default value */
  dfl: string | null;
  hidflags: number;
  lookup?: InfoLookup | null;
}

/** A device as matched (NUT's HIDDevice_t). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  vendor: string | null;
  product: string | null;
  serial: string | null;
  bus: string | null;
  device: string | null;
  bcdDevice: number;
}

export type SupportLevel = 'supported' | 'possibly';

/** One entry of a subdriver's USB id table (usb_device_id_t). */
export interface UsbId {
  vendorId: number;
  productId: number;
  /** what the table's `fun` decides; 'possibly' for entries NUT marks so */
  support?: SupportLevel;
  /** usb_device_id_t.fun: run when vendor and product match (sets tweaks, subdriver state) */
  onMatch?(dev: HidDeviceInfo, env: ClaimEnv): void;
}

/** What a claim hook may use. */
export interface ClaimEnv {
  getval(name: string): string | undefined;
  /** testvar(): a flag option (-x explore) was given; always provided by the engine */
  testvar?(name: string): boolean;
  log: { info(msg: string): void; debug(level: number, msg: string): void; warning?(msg: string): void };
  /** the engine's settings the match hooks may change; absent: such hooks change nothing */
  tweaks?: EngineTweaks;
}

export interface HidSubdriver {
  /** 'APC HID 0.98' — printed as "Using subdriver: <name>" */
  name: string;
  ids: readonly UsbId[];
  /** subdriver_t.claim; absent = claimed when ids say 'supported' */
  claim?(dev: HidDeviceInfo, env: ClaimEnv): boolean;
  /** vendor usage names, looked up before the standard ones */
  usageTables: readonly UsageTable[];
  hid2nut: readonly HidInfo[];
  /** may set variables (APC's ups.firmware) or read items (MGE's iModel): the engine awaits the result */
  formatModel?(dev: HidDeviceInfo, env?: FormatEnv): string | null | Promise<string | null>;
  formatMfr?(dev: HidDeviceInfo, env?: FormatEnv): string | null | Promise<string | null>;
  formatSerial?(dev: HidDeviceInfo, env?: FormatEnv): string | null | Promise<string | null>;
  /** fix_report_desc: mend a broken descriptor in place; returns 1 when something changed, 0 otherwise */
  fixReportDesc?(dev: HidDeviceInfo, desc: HidDesc, env: ClaimEnv): number;
}
