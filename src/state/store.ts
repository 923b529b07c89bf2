// The UPS data store shared by upsd (its copy of each driver's data) and the
// driver runtime (dstate): variables with flags, aux length, enums and ranges,
// and the instant command list. Semantics follow common/state.c
// (sock-protocol.md §4): case-insensitive names, listing in case-insensitive
// order, enums and ranges in insertion order. Pure: no I/O.

import { nutEscapeLimited } from '../core/escape.js';

/** ST_MAX_VALUE_LEN - 1 */
export const MAX_VALUE_LEN = 255;

export const FLAG_RW = 1;
export const FLAG_STRING = 2;
export const FLAG_NUMBER = 4;
/** driver side only: set by override.* in ups.conf */
export const FLAG_IMMUTABLE = 8;

export interface Range { min: number; max: number }

export interface Variable {
  name: string;
  /** value as the driver gave it */
  raw: string;
  /** pconf_encode()d copy, what goes on the wire */
  value: string;
  flags: number;
  aux: number;
  /** escaped enum values */
  enums: string[];
  ranges: Range[];
}

/** strcasecmp ordering: compare lower-cased bytes */
export function caseCompare(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

export class UpsStore {
  private vars = new Map<string, Variable>();
  private sortedVars: Variable[] | undefined;
  private cmds = new Map<string, string>();
  private sortedCmds: string[] | undefined;

  clear(): void {
    this.vars.clear();
    this.cmds.clear();
    this.sortedVars = undefined;
    this.sortedCmds = undefined;
  }

  get size(): number { return this.vars.size; }

  get(name: string): Variable | undefined {
    return this.vars.get(name.toLowerCase());
  }

  /** All variables in case-insensitive name order. */
  list(): readonly Variable[] {
    if (!this.sortedVars) this.sortedVars = [...this.vars.values()].sort((a, b) => caseCompare(a.name, b.name));
    return this.sortedVars;
  }

  /**
   * Create or update a variable. Returns true if something changed; an update
   * equal to the old value case-insensitively is ignored (NUT's rule).
   */
  setInfo(name: string, raw: string): boolean {
    const key = name.toLowerCase();
    const v = this.vars.get(key);
    if (raw.length > MAX_VALUE_LEN) raw = raw.slice(0, MAX_VALUE_LEN);
    if (v) {
      if (v.flags & FLAG_IMMUTABLE) return false;
      if (v.raw.toLowerCase() === raw.toLowerCase()) return false;
      v.raw = raw;
      v.value = nutEscapeLimited(raw, MAX_VALUE_LEN);
      return true;
    }
    this.vars.set(key, { name, raw, value: nutEscapeLimited(raw, MAX_VALUE_LEN), flags: 0, aux: 0, enums: [], ranges: [] });
    this.sortedVars = undefined;
    return true;
  }

  delInfo(name: string): boolean {
    const key = name.toLowerCase();
    const v = this.vars.get(key);
    if (!v || v.flags & FLAG_IMMUTABLE) return false;
    this.vars.delete(key);
    this.sortedVars = undefined;
    return true;
  }

  /** Replace flags. Returns true if changed. */
  setFlags(name: string, flags: number): boolean {
    const v = this.get(name);
    if (!v) return false;
    const keep = v.flags & FLAG_IMMUTABLE;
    const next = (flags & ~FLAG_IMMUTABLE) | keep;
    if (v.flags === next) return false;
    v.flags = next;
    return true;
  }

  setAux(name: string, aux: number): boolean {
    const v = this.get(name);
    if (!v || v.aux === aux) return false;
    v.aux = aux;
    return true;
  }

  addEnum(name: string, raw: string): boolean {
    const v = this.get(name);
    if (!v) return false;
    const enc = nutEscapeLimited(raw, MAX_VALUE_LEN);
    if (v.enums.includes(enc)) return false;
    v.enums.push(enc);
    return true;
  }

  delEnum(name: string, raw: string): boolean {
    const v = this.get(name);
    if (!v) return false;
    const low = raw.toLowerCase();
    const i = v.enums.findIndex((e) => e.toLowerCase() === low);
    if (i < 0) return false;
    v.enums.splice(i, 1);
    return true;
  }

  /** NUT quirk: a range whose min OR max equals an existing one counts as a duplicate. */
  addRange(name: string, min: number, max: number): boolean {
    const v = this.get(name);
    if (!v || min > max) return false;
    if (v.ranges.some((r) => r.min === min || r.max === max)) return false;
    v.ranges.push({ min, max });
    return true;
  }

  delRange(name: string, min: number, max: number): boolean {
    const v = this.get(name);
    if (!v) return false;
    const i = v.ranges.findIndex((r) => r.min === min || r.max === max);
    if (i < 0) return false;
    v.ranges.splice(i, 1);
    return true;
  }

  addCmd(cmd: string): boolean {
    const key = cmd.toLowerCase();
    if (this.cmds.has(key)) return false;
    this.cmds.set(key, cmd);
    this.sortedCmds = undefined;
    return true;
  }

  delCmd(cmd: string): boolean {
    const ok = this.cmds.delete(cmd.toLowerCase());
    if (ok) this.sortedCmds = undefined;
    return ok;
  }

  hasCmd(cmd: string): boolean {
    return this.cmds.has(cmd.toLowerCase());
  }

  listCmds(): readonly string[] {
    if (!this.sortedCmds) this.sortedCmds = [...this.cmds.values()].sort(caseCompare);
    return this.sortedCmds;
  }
}

/** Parse the flag words of a SETFLAGS line (unknown words ignored). */
export function parseFlagWords(words: readonly string[]): number {
  let f = 0;
  for (const w of words) {
    const u = w.toUpperCase();
    if (u === 'RW') f |= FLAG_RW;
    else if (u === 'STRING') f |= FLAG_STRING;
    else if (u === 'NUMBER') f |= FLAG_NUMBER;
  }
  return f;
}

/** Flag words in the order drivers emit them: RW STRING NUMBER */
export function flagWords(flags: number): string[] {
  const out: string[] = [];
  if (flags & FLAG_RW) out.push('RW');
  if (flags & FLAG_STRING) out.push('STRING');
  if (flags & FLAG_NUMBER) out.push('NUMBER');
  return out;
}
