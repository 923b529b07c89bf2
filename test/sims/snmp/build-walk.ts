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
/** printf of an OID template: each %i takes the next number */
const fill = (t: string, ...n: number[]): string => { let i = 0; return t.replace(/%i/g, () => String(n[Math.min(i++, n.length - 1)])); };
const SU_TYPE_DAISY_1 = 1 << 21;
const SU_TYPE_DAISY_2 = 1 << 22;

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
  // daisychained devices (tables with device.count): device d answers at OID index d-1
  const daisy = mib.info.some((e) => e.name === 'device.count');
  const devCount = daisy ? Math.max(1, Number(values.get('device.count') ?? 1) || 1) : 1;
  const devName = (d: number, name: string): string => (devCount > 1 ? `device.${d}.${name.startsWith('device.') ? name.slice(7) : name}` : name);
  for (const e of mib.info) {
    if (e.oid === null || e.suFlags & SU_FLAG_ABSENT) continue;
    if (e.name === 'device.count' && e.lookup && !Array.isArray(e.lookup)) {
      // the unit list ("0,1,2") the count is read from
      walk.set(e.oid, 'string', Array.from({ length: devCount }, (_, i) => String(i)).join(','));
      continue;
    }
    const isCmd = (e.suFlags & SU_TYPE_MASK) === SU_TYPE_CMD;
    const tpl = e.suFlags & (SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE);
    if (tpl) {
      const kind = e.suFlags & SU_OUTLET_GROUP ? 'outlet.group' : e.suFlags & SU_OUTLET ? 'outlet' : 'ambient';
      for (let d = 1; d <= devCount; d++) {
        const count = Number(values.get(devCount > 1 ? `device.${d}.${kind}.count` : `${kind}.count`) ?? 0);
        for (let n = 1; n <= count; n++) {
          const oid = e.suFlags & SU_TYPE_DAISY_1 ? fill(e.oid, d - 1, n) : e.suFlags & SU_TYPE_DAISY_2 ? fill(e.oid, n - 1, d) : fill(e.oid, n, d - 1);
          if (isCmd) { if (o.commands !== false) walk.set(oid, 'integer', '0'); continue; }
          put(devCount > 1 ? `device.${d}.${fill(e.name, n)}` : fill(e.name, n), oid, e.flags, e.len, e.lookup);
        }
      }
      continue;
    }
    if (e.oid.includes('%')) {
      if (!daisy) continue;
      for (let d = 1; d <= devCount; d++) {
        if (isCmd) { if (o.commands !== false) walk.set(fill(e.oid, d - 1), 'integer', '0'); continue; }
        put(devName(d, e.name), fill(e.oid, d - 1), e.flags, e.len, e.lookup);
      }
      continue;
    }
    if (isCmd) {
      if (o.commands !== false && !walk.has(e.oid)) walk.set(e.oid, 'integer', '0');
      continue;
    }
    put(e.name, e.oid, e.flags, e.len, e.lookup);
  }
  // detection reads ups.model (or device.model): make sure it answers
  const model = mib.info.find((e) => e.name === 'ups.model') ?? mib.info.find((e) => e.name === 'device.model');
  if (model?.oid && !walk.has(fill(model.oid, 0))) walk.set(fill(model.oid, 0), 'string', values.get(model.name) ?? 'Unknown');
  return walk;
}
