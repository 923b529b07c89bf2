// Synthetic USB HID devices built from a subdriver's own HID-to-NUT table:
// every HID path the table reads becomes a Feature item (with its own report
// ID) of a real report descriptor, holding a value chosen to exercise the
// row's lookup. Run by the reference and by ours, such a device checks the
// whole table row by row (paths, formats, lookups, status bits).

import { HID_USAGES, stringToPath } from '../../src/hid/index.js';
import type { UsageTable } from '../../src/hid/types.js';
import { HU_FLAG_ABSENT, type HidInfo, type HidSubdriver, type InfoLookup } from '../../src/drivers/usbhid-ups/subdriver.js';
import type { HidModel } from './usbhid-model.js';

/** the index of the string a stringid-style row points to */
export const STRING_INDEX = 4;

interface Field { rid: number; usage: number; value: number }
interface Node { usage: number; type: number; fields: Field[]; children: Node[] }

/** the numeric path of a table path, or null when a component has no name (then the table is wrong) */
export function parsePath(path: string, tables: readonly UsageTable[]): number[] | null {
  const nodes = stringToPath(path, [...tables, HID_USAGES]);
  return nodes.length === path.split('.').length ? nodes : null;
}

function item(prefix: number, v: number, signed: boolean): number[] {
  for (const [n, code] of [[1, 1], [2, 2], [4, 3]] as const) {
    const lo = signed ? -(2 ** (8 * n - 1)) : 0;
    const hi = signed ? 2 ** (8 * n - 1) - 1 : 2 ** (8 * n) - 1;
    if (v >= lo && v <= hi) {
      const u = v < 0 ? v + 2 ** (8 * n) : v;
      return [prefix | code, ...Array.from({ length: n }, (_x, i) => Math.floor(u / 2 ** (8 * i)) & 0xff)];
    }
  }
  throw new Error(`value out of range: ${v}`);
}

const hex = (b: Iterable<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** a small stable hash, to vary the values of status rows without randomness */
function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** A value that makes the row's lookup produce something (or its chosen status bit). */
export function valueFor(row: HidInfo, special: ReadonlyMap<InfoLookup, number>): number {
  const lk = row.lookup;
  if (!lk) return row.path ? 100 + (hash(row.path) % 150) : 0;
  const s = special.get(lk);
  if (s !== undefined) return s;
  if (Array.isArray(lk)) {
    const rows = lk as readonly { hid: number }[];
    return rows[hash(row.path ?? '') % rows.length]!.hid;
  }
  return 230;
}

export interface TableModelOptions {
  vendorId: number;
  productId: number;
  vendor?: string;
  product?: string;
  serial?: string;
  /** leave out the first row of each variable that has several, so that the later rows are read */
  secondChoice?: boolean;
  /** values for particular lookups (date formats, string indexes, ...) */
  special?: ReadonlyMap<InfoLookup, number>;
  /** paths to leave out */
  without?: readonly string[];
  /** the HID interface the subdriver's claim asks for */
  hidInterface?: number;
}

/** The device: one application collection tree holding every path of the table. */
export function modelFromTable(sd: HidSubdriver, o: TableModelOptions): HidModel {
  const rows = sd.hid2nut.filter((r) => r.path !== null && !(r.hidflags & HU_FLAG_ABSENT));
  const dropped = new Set<string>(o.without ?? []);
  if (o.secondChoice) {
    const seen = new Map<string, HidInfo>();
    for (const r of rows) {
      const first = seen.get(r.name);
      if (!first) seen.set(r.name, r);
      else if (first.path !== r.path && r.name !== 'BOOL') dropped.add(first.path!);
    }
  }
  const root: Node = { usage: 0, type: 0, fields: [], children: [] };
  const done = new Set<string>();
  let rid = 0;
  for (const r of rows) {
    if (dropped.has(r.path!) || done.has(r.path!)) continue;
    done.add(r.path!);
    const nodes = parsePath(r.path!, sd.usageTables);
    if (!nodes) continue;
    if (++rid > 255) throw new Error('more than 255 paths: split the table');
    let at = root;
    for (let i = 0; i < nodes.length - 1; i++) {
      const usage = nodes[i]!;
      if ((usage & 0xffff0000) >>> 0 === 0x00ff0000) continue; // "[n]" is the previous collection's type
      const next = nodes[i + 1]!;
      const type = (next & 0xffff0000) >>> 0 === 0x00ff0000 ? 0x80 | (next & 0x7f) : i === 0 ? 1 : 0;
      let child = at.children.find((c) => c.usage === usage && c.type === type);
      if (!child) at.children.push((child = { usage, type, fields: [], children: [] }));
      at = child;
    }
    at.fields.push({ rid, usage: nodes[nodes.length - 1]!, value: valueFor(r, o.special ?? new Map()) });
  }
  const out: number[] = [];
  let page = -1;
  const usage = (u: number): void => {
    const p = Math.floor(u / 0x10000);
    if (p !== page) out.push(...item(0x04, (page = p), false));
    out.push(...item(0x08, u & 0xffff, false));
  };
  // every field: 32 bits, logical -1..2^31-1, no unit (physical = logical)
  out.push(...item(0x74, 32, false), ...item(0x94, 1, false), ...item(0x14, -1, true), ...item(0x24, 0x7fffffff, true));
  const reports: Record<string, string> = {};
  const walk = (n: Node): void => {
    for (const f of n.fields) {
      out.push(...item(0x84, f.rid, false));
      usage(f.usage);
      out.push(...item(0xb0, 0x02, false));
      const v = f.value < 0 ? f.value + 2 ** 32 : f.value;
      reports[String(f.rid)] = hex([f.rid, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
    }
    for (const c of n.children) {
      usage(c.usage);
      out.push(...item(0xa0, c.type, false));
      walk(c);
      out.push(0xc0);
    }
  };
  walk(root);
  return {
    vendorId: o.vendorId, productId: o.productId, bcdDevice: 0x0100, iManufacturer: 1, iProduct: 2, iSerialNumber: 3,
    ...(o.hidInterface ? { hidInterface: o.hidInterface } : {}),
    strings: { 1: o.vendor ?? 'SIM Vendor', 2: o.product ?? 'SIM Product 1000', 3: o.serial ?? 'SIM0001', [STRING_INDEX]: 'PbAc' },
    reportDescriptor: hex(out),
    reports,
    source: `synthetic, from the ${sd.name} table`,
  };
}
