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

// shared with every driver: the kit's flags, retry count and C number helpers
export { ST_FLAG_RW, ST_FLAG_STRING, MAXTRIES, strtod, strtol, fixed, cformat, guessBatteryPacks } from '../../driver/kit/index.js';

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
