// Per-engine state of the Voltronic subdriver (NUT keeps it in file statics) and
// the small helpers its parts share.

import { QX_FLAG_SKIP, strtol } from '../item.js';
import type { QxEngine } from '../engine.js';

export interface State {
  /** NONUT capability → "enabled"/"disabled" as last reported */
  caps: Map<string, string>;
  maxBypassVolt: number; minBypassVolt: number; maxBypassFreq: number; minBypassFreq: number;
  batteryNumber: number; outputPhaseAngle: number; workRangeType: number;
}
const states = new WeakMap<QxEngine, State>();
export function state(q: QxEngine): State {
  let s = states.get(q);
  if (!s) {
    s = { caps: new Map(), maxBypassVolt: 0, minBypassVolt: 0, maxBypassFreq: 0, minBypassFreq: 0, batteryNumber: 0, outputPhaseAngle: 0, workRangeType: 0 };
    states.set(q, s);
  }
  return s;
}

export const numeric = (v: string): boolean => /^[0-9 .]*$/.test(v);
export const lc = (s: string): string => s.toLowerCase();

/** clear QX_FLAG_SKIP on the item found by name (and flag); false when there is none */
export function unskip(q: QxEngine, name: string, flag = 0): boolean {
  const it = q.findItem(name, flag);
  if (!it) return false;
  it.flags &= ~QX_FLAG_SKIP;
  return true;
}

/** the protocol number of the claimed unit ("P31" → 31) */
export function protocolOf(q: QxEngine): number {
  return strtol(q.host.getInfo('ups.firmware.aux')?.slice(1));
}
