// ups.conf (config-server.md §3): sections of `key = value` lines and flags,
// shared by drivers, upsdrvctl and upsd. Pure: text in, object out.

import { tokenizeConfig } from '../core/tokenizer.js';
import type { Diagnostic } from './diagnostics.js';

export interface UpsConfEntry {
  key: string;
  /** undefined for a flag */
  value: string | undefined;
  line: number;
}

export interface UpsSection {
  name: string;
  /** first line of the first header for this name */
  line: number;
  /** entries in file order (a later key overrides an earlier one in `values`) */
  entries: UpsConfEntry[];
  values: Map<string, string>;
  flags: Set<string>;
}

export interface UpsConf {
  global: UpsSection;
  /** sections in first-appearance order; repeated headers merge */
  sections: UpsSection[];
  diagnostics: Diagnostic[];
}

function newSection(name: string, line: number): UpsSection {
  return { name, line, entries: [], values: new Map(), flags: new Set() };
}

export function parseUpsConf(text: string | Uint8Array, file = 'ups.conf'): UpsConf {
  const { lines, errors } = tokenizeConfig(text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({ file, line: e.line, level: 'error', message: `Parse error: ${file}:${e.line}: ${e.message}` }));
  const global = newSection('', 0);
  const sections: UpsSection[] = [];
  const byName = new Map<string, UpsSection>();
  let cur = global;
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const first = args[0]!;
    if (args.length === 1 && first.length >= 2 && first.startsWith('[') && first.endsWith(']')) {
      const name = first.slice(1, -1);
      let s = byName.get(name);
      if (!s) {
        s = newSection(name, line);
        byName.set(name, s);
        sections.push(s);
      }
      cur = s;
      continue;
    }
    if (args.length === 1) {
      cur.entries.push({ key: first, value: undefined, line });
      cur.flags.add(first);
      continue;
    }
    if (args.length >= 3 && args[1] === '=') {
      cur.entries.push({ key: first, value: args[2]!, line });
      cur.values.set(first, args[2]!);
      continue;
    }
    diagnostics.push({ file, line, level: 'notice', message: `ignored line: ${args.join(' ')}` });
  }
  return { global, sections, diagnostics };
}

/** Global statepath (key matched case-insensitively, as NUT does). */
export function upsConfStatePath(conf: UpsConf): string | undefined {
  let out: string | undefined;
  for (const e of conf.global.entries) if (e.value !== undefined && e.key.toLowerCase() === 'statepath') out = e.value;
  return out;
}
