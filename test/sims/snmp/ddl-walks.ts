// SNMP devices rebuilt from the NUT device dump library (DDL): each
// snmp-ups dump becomes a walk through the MIB table it was taken with
// (build-walk.ts reverses lookups and multipliers), so both drivers can be
// run on the same simulated agent. Built at test time, never stored.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DDL_DIR, listDev, parseDev } from '../../helpers/ddl.js';
import { mib2nut } from '../../../src/drivers/snmp-ups/mibs/index.js';
import { SU_AMBIENT_TEMPLATE, SU_OUTLET, SU_OUTLET_GROUP, SU_TYPE_DAISY_1, SU_TYPE_DAISY_2, type Mib2Nut, type SnmpInfo } from '../../../src/drivers/snmp-ups/mib.js';
import { buildWalk } from './build-walk.js';
import type { Walk } from './walk.js';

export interface DdlSnmpDevice {
  /** the dump's file name */
  label: string;
  /** the 2.8.0 mapping the walk is built for */
  mib: Mib2Nut;
  /** how it was chosen: the dump's own MIB name, or the best covering table */
  chosenBy: 'dump' | 'coverage';
  values: Map<string, string>;
  walk: Walk;
}

/** the variables a table can publish (templates expanded by the dump's counts) */
function coverage(mib: Mib2Nut, values: ReadonlyMap<string, string>): number {
  const names = new Set<string>();
  for (const e of mib.info) {
    if (!e.name.includes('%i')) { names.add(e.name); continue; }
    const kind = e.name.startsWith('outlet.group.') ? 'outlet.group' : e.name.startsWith('outlet.') ? 'outlet' : 'ambient';
    const n = Number(values.get(`${kind}.count`) ?? 0);
    for (let i = 1; i <= n; i++) names.add(e.name.replace('%i', String(i)));
  }
  let hits = 0;
  for (const k of values.keys()) if (names.has(k) && !k.startsWith('device.') && !k.startsWith('driver.')) hits++;
  return hits;
}

/** The MIB a dump was taken with: its recorded name when 2.8.0 still has it, else the table covering most of its variables. */
export function mibFor(values: ReadonlyMap<string, string>): { mib: Mib2Nut; chosenBy: 'dump' | 'coverage' } {
  const recorded = /^(\S+) MIB/.exec(values.get('driver.version.data') ?? '')?.[1] ?? values.get('driver.parameter.mibs');
  const named = mib2nut.find((m) => m.name === recorded);
  if (named) return { mib: named, chosenBy: 'dump' };
  let best = mib2nut[mib2nut.length - 1]!;
  let bestScore = -1;
  for (const m of mib2nut) {
    const s = coverage(m, values);
    if (s > bestScore) { best = m; bestScore = s; }
  }
  return { mib: best, chosenBy: 'coverage' };
}

const TEMPLATE = SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE;

/**
 * A daisychain table (one with device.count) as seen for a lone unit: the
 * device index of its templates filled with the first unit's (Marlin numbers
 * units from 0), so build-walk.ts can place those rows too.
 */
function loneUnit(mib: Mib2Nut, unit = '0'): Mib2Nut | null {
  if (!mib.info.some((e) => e.name === 'device.count')) return null;
  const info: SnmpInfo[] = [];
  for (const e of mib.info) {
    if (e.oid === null || !e.oid.includes('%i')) continue;
    const n = e.oid.split('%i').length - 1;
    if (!(e.suFlags & TEMPLATE) && n === 1) info.push({ ...e, oid: e.oid.replace('%i', unit) });
    else if (n === 2 && e.suFlags & SU_TYPE_DAISY_1) info.push({ ...e, oid: e.oid.replace('%i', unit), suFlags: (e.suFlags & ~SU_TYPE_DAISY_1) >>> 0 });
    else if (n === 2 && e.suFlags & SU_TYPE_DAISY_2) {
      const i = e.oid.indexOf('%i', e.oid.indexOf('%i') + 2);
      info.push({ ...e, oid: `${e.oid.slice(0, i)}${unit}${e.oid.slice(i + 2)}`, suFlags: (e.suFlags & ~SU_TYPE_DAISY_2) >>> 0 });
    }
  }
  return { ...mib, info };
}

/** the walk of a dump: the table's plain rows, and for a daisychain table the lone unit's rows */
export function ddlWalk(mib: Mib2Nut, values: ReadonlyMap<string, string>): Walk {
  const walk = buildWalk(mib, values);
  const lone = loneUnit(mib);
  if (lone) {
    const more = buildWalk(lone, values);
    for (let cur = more.next('0'); cur; cur = more.next(cur[0])) if (!walk.has(cur[0])) walk.set(cur[0], cur[1].type, cur[1].value);
  }
  return walk;
}

/** every snmp-ups dump of the DDL, as a device (empty when the DDL is absent) */
export function ddlSnmpDevices(): DdlSnmpDevice[] {
  if (!DDL_DIR) return [];
  const out: DdlSnmpDevice[] = [];
  for (const file of listDev(DDL_DIR)) {
    const text = readFileSync(file, 'latin1');
    if (!/^driver\.name: snmp-ups$/m.test(text)) continue;
    const values = parseDev(text);
    const { mib, chosenBy } = mibFor(values);
    out.push({ label: basename(file), mib, chosenBy, values, walk: ddlWalk(mib, values) });
  }
  return out;
}
