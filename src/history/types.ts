// The history of readings and events, behind an interface so the store can change
// (SQLite file today) without touching the web server. Times: readings in seconds,
// events in milliseconds since the epoch.

export const SERIES = ['charge', 'runtime', 'load', 'input_voltage'] as const;
export type SeriesName = (typeof SERIES)[number];
/** the NUT variable each series records */
export const SERIES_VAR: Record<SeriesName, string> = {
  charge: 'battery.charge', runtime: 'battery.runtime', load: 'ups.load', input_voltage: 'input.voltage',
};

export type Reading = { ts: number } & { [K in SeriesName]: number | null };

export interface StoredEvent { id: number; ts: number; ups: string; type: string; message: string }

export interface HistoryStore {
  record(ups: string, r: Reading): void;
  /** readings of [from, to] seconds, down-sampled to 15-minute means beyond two days */
  readings(ups: string, from: number, to: number): Reading[];
  addEvent(e: Omit<StoredEvent, 'id'>): number;
  /** newest first */
  events(opts: { ups?: string; limit?: number; before?: number }): StoredEvent[];
  /** roll up and drop old rows; `now` in seconds */
  compact(now: number): void;
  close(): void;
}

/** 24 h of raw readings, then 15-minute means */
export const RAW_KEEP_S = 2 * 86400;
export const BUCKET_S = 900;
export const MAX_EVENTS = 20000;
