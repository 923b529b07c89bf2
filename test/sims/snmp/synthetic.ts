// A synthetic device for any MIB table: a plausible NUT value for every row
// (a value of its lookup table, a number that survives the multiplier, a
// text), three outlets/groups/sensors for templates, one unit for daisychain
// tables. The walk then comes from ddl-walks.ts like a DDL dump's, so every
// mib2nut entry can be run through both drivers, including those no dump or
// recording covers.

import { ST_FLAG_STRING, SU_TYPE_CMD, type Mib2Nut, type OidLookupEntry } from '../../../src/drivers/snmp-ups/mib.js';
import { ddlWalk } from './ddl-walks.js';
import type { Walk } from './walk.js';

const SU_TYPE_MASK = 7 << 18;

/** a small stable hash, so values differ between rows but not between runs */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function syntheticValues(mib: Mib2Nut, count = 3): Map<string, string> {
  const v = new Map<string, string>([['outlet.count', String(count)], ['outlet.group.count', String(count)], ['ambient.count', String(count)]]);
  if (mib.info.some((e) => e.name === 'device.count')) v.set('device.count', '1');
  v.set('ups.status', 'OL');
  for (const e of mib.info) {
    if ((e.suFlags & SU_TYPE_MASK) === SU_TYPE_CMD || e.name === 'ups.status' || e.name.endsWith('.count')) continue;
    const names = e.name.includes('%i') ? Array.from({ length: count }, (_, i) => e.name.replace('%i', String(i + 1))) : [e.name];
    for (const name of names) {
      if (v.has(name)) continue;
      const h = hash(name);
      if (Array.isArray(e.lookup)) {
        const rows = (e.lookup as readonly OidLookupEntry[]).filter((r) => r.nut !== '');
        if (rows.length) v.set(name, rows[h % rows.length]!.nut);
      } else if (e.lookup) {
        continue; // conversions: left to their defaults
      } else if (e.flags & ST_FLAG_STRING) {
        v.set(name, `${name.split('.').slice(-2).join('-')}-${h % 1000}`);
      } else {
        // an integer on the wire, scaled by the multiplier
        v.set(name, String(Number(((10 + (h % 240)) * (e.len || 1)).toFixed(4))));
      }
    }
  }
  return v;
}

export function syntheticWalk(mib: Mib2Nut): Walk {
  return ddlWalk(mib, syntheticValues(mib));
}
