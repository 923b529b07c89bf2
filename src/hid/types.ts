// Shapes of a parsed HID report descriptor, shared by the parser (src/hid),
// usbhid-ups and its subdrivers (fix_report_desc hooks), and nut-scanner.
// Field names follow NUT's HIDData_t / HIDDesc_t (drivers/hidtypes.h) so a
// reader of the C sources finds the same things here.

export type HidReportType = 'Input' | 'Output' | 'Feature';

/** One data item of a report (NUT's HIDData_t). */
export interface HidData {
  /** usage path from the application collection down, as 32-bit usages (page << 16 | id) */
  path: number[];
  reportId: number;
  /** bit offset of the item inside its report (after the report ID byte) */
  offset: number;
  /** bit size */
  size: number;
  type: HidReportType;
  /** main-item attribute bits (Data/Constant, Variable/Array, ...) */
  attribute: number;
  unit: number;
  unitExp: number;
  logMin: number;
  logMax: number;
  phyMin: number;
  phyMax: number;
  havePhyMin: boolean;
  havePhyMax: boolean;
}

/** A parsed report descriptor (NUT's HIDDesc_t). Mutable: subdrivers fix broken ones. */
export interface HidDesc {
  items: HidData[];
  /** report length in bytes by report ID (index 0..255) */
  replen: number[];
}

/** Names for usages: one table per vendor, looked up before the standard pages. */
export interface UsageName {
  /** 32-bit usage (page << 16 | id) */
  usage: number;
  name: string;
}
export type UsageTable = readonly UsageName[];
