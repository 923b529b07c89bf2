// The shape of nutdrv_qx's data tables (NUT's item_t / subdriver_t), as data.
// A subdriver is a table of items: which command to send, where in the reply
// the value sits, how to format it, and optional hooks for odd devices.

import type { QxEngine } from './engine.js';

export const QX_FLAG_STATIC = 2;
export const QX_FLAG_SEMI_STATIC = 4;
export const QX_FLAG_ABSENT = 8;
export const QX_FLAG_QUICK_POLL = 16;
export const QX_FLAG_CMD = 32;
export const QX_FLAG_SETVAR = 64;
export const QX_FLAG_TRIM = 128;
export const QX_FLAG_ENUM = 256;
export const QX_FLAG_RANGE = 512;
export const QX_FLAG_NONUT = 1024;
export const QX_FLAG_SKIP = 2048;

export const ST_FLAG_RW = 1;
export const ST_FLAG_STRING = 2;

/** retries of a claim (and of shutdown commands) */
export const MAXTRIES = 3;

export interface InfoRw {
  value: string;
  /** false → this value is not supported by the device (NUT: preprocess returns -1) */
  preprocess?: (q: QxEngine, value: string) => boolean;
}

/** Static description of one item (one row of a qx2nut table). */
export interface ItemDef {
  type: string;
  infoFlags?: number;
  rw?: InfoRw[];
  command: string | null;
  answerLen?: number;
  leading?: string;
  from?: number;
  to?: number;
  dfl?: string | null;
  flags?: number;
  /** last chance to rewrite the command (CRC, ...); null = failure */
  preprocessCommand?: (q: QxEngine, item: Item, cmd: string) => string | null;
  /** rewrite the raw answer before parsing; null = failure */
  preprocessAnswer?: (q: QxEngine, item: Item, answer: string) => string | null;
  /**
   * Data items: turn item.value into the NUT value (null = failure).
   * CMD/SETVAR items: turn the given value into the command to send (null = failure).
   */
  preprocess?: (q: QxEngine, item: Item, value: string) => string | null;
}

/** An item at run time: its definition plus mutable state. */
export interface Item extends Required<Pick<ItemDef, 'type'>> {
  def: ItemDef;
  type: string;
  infoFlags: number;
  command: string | null;
  answerLen: number;
  leading: string;
  from: number;
  to: number;
  dfl: string | null;
  flags: number;
  answer: string;
  value: string;
  /** this item's own copy of its settable values: some subdrivers fill them at run time */
  rw: InfoRw[];
}

export interface SubdriverDef {
  /** "<protocol> <version>", e.g. "Megatec 0.06" */
  name: string;
  claim: (q: QxEngine) => Promise<boolean>;
  items: ItemDef[];
  initups?: (q: QxEngine) => void;
  initinfo?: (q: QxEngine) => void;
  /** ups.conf options of this subdriver */
  vartable: { kind: 'VALUE' | 'FLAG'; name: string; desc: string }[];
  /** reply meaning "command accepted" (compared with the processed value) */
  accepted: string | null;
  /** raw reply meaning "query rejected" */
  rejected: string | null;
}

export function makeItem(def: ItemDef): Item {
  return {
    def,
    type: def.type,
    infoFlags: def.infoFlags ?? 0,
    command: def.command,
    answerLen: def.answerLen ?? 0,
    leading: def.leading ?? '',
    from: def.from ?? 0,
    to: def.to ?? 0,
    dfl: def.dfl ?? null,
    flags: def.flags ?? 0,
    answer: '',
    value: '',
    rw: (def.rw ?? []).map((r) => ({ ...r })),
  };
}

/** strtod() on a prefix, like C: leading blanks skipped, garbage after the number ignored, 0 if none. */
export function strtod(s: string | undefined): number {
  if (!s) return 0;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** strtol(s, NULL, 10) */
export function strtol(s: string | undefined): number {
  if (!s) return 0;
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : 0;
}

/** C's "%.Nf": round half to even on exact ties (glibc), as JS rounds them up. */
export function fixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  if (Number.isFinite(scaled) && Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / 10 ** digits).toFixed(digits);
  }
  const s = x.toFixed(digits);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/**
 * The printf subset the Q* tables use: %s, %.Nf, %d, %0Nd, %ld, %0Nld, %%.
 * Arguments are consumed in order.
 */
export function cformat(fmt: string, ...args: (string | number)[]): string {
  let i = 0;
  return fmt.replace(/%(%|(0?)(\d*)(?:\.(\d+))?(l?)([sdfx]))/g, (_m, pct: string, zero: string, width: string, prec: string | undefined, _l: string, conv: string) => {
    if (pct === '%') return '%';
    const a = args[i++];
    let s: string;
    if (conv === 's') s = String(a ?? '');
    else if (conv === 'f') s = fixed(Number(a), prec === undefined ? 6 : parseInt(prec, 10));
    else if (conv === 'x') s = Math.trunc(Number(a)).toString(16);
    else s = String(Math.trunc(Number(a)));
    const w = width ? parseInt(width, 10) : 0;
    if (s.length < w) {
      if (zero && conv !== 's') {
        const neg = s.startsWith('-');
        s = (neg ? '-' : '') + s.slice(neg ? 1 : 0).padStart(w - (neg ? 1 : 0), '0');
      } else s = s.padStart(w, ' ');
    }
    return s;
  });
}

/**
 * The number of battery packs, guessed as blazer/nutdrv_qx do from the actual
 * and nominal battery voltage; undefined (with NUT's message) when nothing fits.
 */
export function guessBatteryPacks(act: number, nom: number, info: (msg: string) => void): number | undefined {
  for (const p of [120, 100, 80, 60, 48, 36, 30, 24, 18, 12, 8, 6, 4, 3, 2, 1, 0.5]) {
    if (p * act > 1.2 * nom) continue;
    if (p * act < 0.8 * nom) break;
    return p;
  }
  info(`Can't autodetect number of battery packs [${fixed(nom, 0)}/${fixed(act, 2)}]`);
  return undefined;
}

/**
 * The common claim: item `first` must publish a value, then item `second`;
 * when the second fails the first is withdrawn (voltronic, voltronic-qs(-hex), bestups).
 */
export function twoStepClaim(first: string, second: string): (q: QxEngine) => Promise<boolean> {
  return async (q) => {
    let item = q.findItem(first);
    if (!item || !(await q.process(item)) || q.infovalSet(item) !== 1) return false;
    item = q.findItem(second);
    if (!item || !(await q.process(item)) || q.infovalSet(item) !== 1) { q.host.delInfo(first); return false; }
    return true;
  };
}
