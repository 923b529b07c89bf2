// Builds a device walk from a MIB table and the NUT values the device should
// show (a DDL dump, or a hand-written set): each table row is turned back
// into the OID value that the row would read as that NUT value.

import {
  SU_FLAG_ABSENT, SU_OUTLET, SU_OUTLET_GROUP, SU_TYPE_CMD, SU_AMBIENT_TEMPLATE, ST_FLAG_STRING,
  type Mib2Nut, type OidLookup, type OidLookupEntry,
} from '../../../src/drivers/snmp-ups/mib.js';
import { Walk } from './walk.js';

const SU_TYPE_MASK = 7 << 18;
const rows = (l: OidLookup | null | undefined): readonly OidLookupEntry[] | null => (Array.isArray(l) ? l as readonly OidLookupEntry[] : null);
const fill = (t: string, n: number): string => t.replace(/%i/g, String(n));

export interface BuildOptions {
  /** give command OIDs a value (so a v1 GET finds them): default true */
  commands?: boolean;
}

export function buildWalk(mib: Mib2Nut, values: ReadonlyMap<string, string>, o: BuildOptions = {}): Walk {
  const walk = new Walk();
  const placed = new Set<string>();
  const status = new Set((values.get('ups.status') ?? '').split(' ').filter(Boolean));
  const alarms = values.get('ups.alarm') ?? '';
  const put = (name: string, oid: string, flags: number, len: number, lookup: OidLookup | null | undefined): void => {
    if (walk.has(oid)) return;
    const lname = name.toLowerCase();
    if (lname === 'ups.status') {
      const r = rows(lookup);
      if (!r) return;
      const hit = r.find((x) => x.nut && status.has(x.nut)) ?? r.find((x) => x.nut === '');
      if (hit) { walk.set(oid, 'integer', String(hit.oid)); if (hit.nut) status.delete(hit.nut); }
      return;
    }
    if (lname.endsWith('.alarm')) {
      const r = rows(lookup);
      if (!r) return;
      const hit = r.find((x) => x.nut && alarms.includes(x.nut)) ?? r.find((x) => x.nut === '');
      if (hit) walk.set(oid, 'integer', String(hit.oid));
      return;
    }
    const v = values.get(name);
    if (v === undefined || placed.has(name)) return;
    const r = rows(lookup);
    if (r) {
      const hit = r.find((x) => x.nut === v);
      if (hit) { walk.set(oid, 'integer', String(hit.oid)); placed.add(name); }
      return;
    }
    if (lookup && !r) {
      // a conversion: use its inverse when it has one, else serve the text
      const nuf = (lookup as { nuf?(s: string): number }).nuf;
      if (nuf) walk.set(oid, 'integer', String(nuf(v)));
      else walk.set(oid, flags & ST_FLAG_STRING ? 'string' : 'integer', flags & ST_FLAG_STRING ? v : String(Math.round(Number(v)) || 0));
      placed.add(name);
      return;
    }
    if (flags & ST_FLAG_STRING) { walk.set(oid, 'string', v); placed.add(name); return; }
    const n = Number(v);
    if (!Number.isFinite(n) || v.trim() === '') return;
    walk.set(oid, 'integer', String(Math.round(n / (len || 1))));
    placed.add(name);
  };
  for (const e of mib.info) {
    if (e.oid === null || e.suFlags & SU_FLAG_ABSENT) continue;
    const isCmd = (e.suFlags & SU_TYPE_MASK) === SU_TYPE_CMD;
    const tpl = e.suFlags & (SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE);
    if (tpl) {
      const kind = e.suFlags & SU_OUTLET_GROUP ? 'outlet.group' : e.suFlags & SU_OUTLET ? 'outlet' : 'ambient';
      const count = Number(values.get(`${kind}.count`) ?? 0);
      for (let n = 1; n <= count; n++) {
        if (isCmd) { if (o.commands !== false) walk.set(fill(e.oid, n), 'integer', '0'); continue; }
        put(fill(e.name, n), fill(e.oid, n), e.flags, e.len, e.lookup);
      }
      continue;
    }
    if (e.oid.includes('%')) continue;
    if (isCmd) {
      if (o.commands !== false && !walk.has(e.oid)) walk.set(e.oid, 'integer', '0');
      continue;
    }
    put(e.name, e.oid, e.flags, e.len, e.lookup);
  }
  // detection reads ups.model (or device.model): make sure it answers
  const model = mib.info.find((e) => e.name === 'ups.model') ?? mib.info.find((e) => e.name === 'device.model');
  if (model?.oid && !model.oid.includes('%') && !walk.has(model.oid)) walk.set(model.oid, 'string', values.get(model.name) ?? 'Unknown');
  return walk;
}
