// HID paths as text ("UPS.PowerSummary.RemainingCapacity") and back, with
// the reference's rules: names from the given tables (first match wins,
// case-insensitive on the way in), "[n]" for a vendor collection index,
// 8 hex digits for a usage without a name; text paths cut at 127 characters.

import type { HidData, HidDesc, HidReportType, UsageTable } from './types.js';

function nameOf(usage: number, tables: readonly UsageTable[]): string | undefined {
  for (const t of tables) for (const u of t) if (u.usage === usage) return u.name;
  return undefined;
}

function usageOf(name: string, tables: readonly UsageTable[]): number | undefined {
  const l = name.toLowerCase();
  for (const t of tables) for (const u of t) if (u.name.toLowerCase() === l) return u.usage;
  return undefined;
}

/** numeric path → text (NUT's path_to_string into a 128-byte buffer) */
export function pathToString(path: readonly number[], tables: readonly UsageTable[]): string {
  const parts = path.map((node) => {
    const n = nameOf(node, tables);
    if (n !== undefined) return n;
    if ((node & 0xffff0000) >>> 0 === 0x00ff0000) return `[${node & 0xffff}]`;
    return (node >>> 0).toString(16).padStart(8, '0');
  });
  return parts.join('.').slice(0, 127);
}

/** text → numeric path; components it cannot read are skipped, as the reference does */
export function stringToPath(text: string, tables: readonly UsageTable[]): number[] {
  const out: number[] = [];
  for (const tok of text.slice(0, 511).split('.')) {
    if (tok === '') continue;
    const u = usageOf(tok, tables);
    if (u !== undefined) { out.push(u); continue; }
    if (/^[0-9a-fA-F]+$/.test(tok)) {
      const l = parseInt(tok, 16);
      if (l <= 0xffffffff) out.push(l >>> 0);
      continue;
    }
    if (/^[[\]0-9]+$/.test(tok)) {
      out.push((0x00ff0000 + (parseInt(tok.slice(1), 10) || 0)) >>> 0);
      continue;
    }
  }
  return out;
}

/** first item of `type` whose path starts with `path` (FindObject_with_Path compares only path's length) */
export function findByPath(desc: HidDesc, path: readonly number[], type: HidReportType): HidData | undefined {
  if (path.length === 0) return undefined;
  return desc.items.find((d) => d.type === type && d.path.length >= path.length && path.every((n, i) => d.path[i] === n));
}
