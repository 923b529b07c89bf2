// Per-file checks of `tsnut check`: syntax, unknown directives (with a
// "did you mean"), argument counts, types and ranges. Each file gives back a
// small model with positions for the cross-file rules. Pure.

import { lex, didYouMean, type LexLine, type Word } from './lex.js';
import { isNotifyType, NOTIFY_TYPES } from '../monitor/notify.js';
import { splitUpsName } from '../config/upsmonconf.js';
import { NOTIFY_FLAGS, UPSCONF_GLOBAL, UPSCONF_INT, UPSCONF_SECTION, type Arg, type Directive } from './schema.js';
import type { Finding } from './types.js';

export type Add = (f: Omit<Finding, 'file'> & { at?: Word; line?: number }) => void;

export function adder(file: string, out: Finding[]): Add {
  return (f) => {
    const { at, ...rest } = f;
    out.push({ file, ...rest, ...(at ? { col: at.col } : {}) });
  };
}

/** Lex a file and report syntax errors; returns its lines. */
export function lexFile(text: string, add: Add): LexLine[] {
  const { lines, errors } = lex(text);
  for (const e of errors) add({ line: e.line, col: e.col, level: 'error', code: 'syntax', message: e.message });
  return lines;
}

function typeError(arg: Arg, w: string): string | undefined {
  const int = /^-?\d+$/.test(w);
  switch (arg) {
    case 'string': case 'path': return undefined;
    case 'int': return int ? undefined : `'${w}' is not a number`;
    case 'uint': return int && !w.startsWith('-') ? undefined : `'${w}' is not a number >= 0`;
    case 'posint': return int && Number(w) > 0 ? undefined : `'${w}' is not a number > 0`;
    case 'bool': return /^(true|false|yes|no|on|off|0|1)$/i.test(w) ? undefined : `'${w}' is not a boolean (yes/no, true/false, on/off, 1/0)`;
    case 'port': return int && Number(w) >= 1 && Number(w) <= 65535 ? undefined : `'${w}' is not a port number (1-65535)`;
    case 'octal': return /^[0-7]{3,4}$/.test(w) ? undefined : `'${w}' is not an octal mode such as 0660`;
    case 'notifytype': {
      if (isNotifyType(w.toUpperCase())) return undefined;
      const m = didYouMean(w, NOTIFY_TYPES);
      return `'${w}' is not a notify type${m ? ` (did you mean ${m}?)` : ''}`;
    }
    case 'flags': {
      const bad = w.split('+').find((f) => !NOTIFY_FLAGS.includes(f));
      if (bad === undefined) return undefined;
      const m = didYouMean(bad, NOTIFY_FLAGS);
      return `'${bad}' is not a notify flag (SYSLOG, WALL, EXEC, IGNORE joined with +)${m ? `; did you mean ${m}?` : ''}`;
    }
    case 'monitortype': return /^(primary|secondary|master|slave)$/i.test(w) ? undefined : `'${w}' is neither primary nor secondary`;
    case 'shutdownexit': return /^(yes|no|on|off|true|false|-?\d+)$/i.test(w) ? undefined : `'${w}' is not yes, no or a number of seconds`;
    default: return arg.oneOf.some((o) => o.toLowerCase() === w.toLowerCase()) ? undefined : `'${w}' is not one of ${arg.oneOf.join(', ')}`;
  }
}

/**
 * A keyword file against its directive table. Returns the lines whose
 * directive is known and well-formed (keyed by directive), for later rules.
 */
export function checkKeywords(lines: LexLine[], table: Record<string, Directive>, fileName: string, add: Add): Map<string, LexLine[]> {
  const ok = new Map<string, LexLine[]>();
  const names = Object.keys(table);
  for (const l of lines) {
    const [d, ...args] = l.words;
    const name = d!.text;
    const spec = table[name] ?? (table[name.toUpperCase()] && name.toUpperCase() === 'DEBUG_MIN' ? table.DEBUG_MIN : undefined);
    if (!spec) {
      const m = table[name.toUpperCase()] ? name.toUpperCase() : didYouMean(name, names);
      add({ line: l.line, at: d, level: 'error', code: 'unknown-directive', message: `unknown directive '${name}' in ${fileName}${m ? ` (did you mean ${m}?)` : ''}`, ...(m && table[name.toUpperCase()] ? { hint: 'directives are case-sensitive' } : {}) });
      continue;
    }
    if (spec.obsolete) {
      add({ line: l.line, at: d, level: 'warning', code: 'obsolete', message: `${name} is no longer supported; use ${spec.obsolete}` });
      continue;
    }
    const min = spec.args.length - (spec.optional ?? 0);
    if (args.length < min || (!spec.rest && args.length > spec.args.length)) {
      const want = spec.rest ? `at least ${min}` : min === spec.args.length ? `${min}` : `${min} to ${spec.args.length}`;
      add({ line: l.line, at: args[spec.args.length] ?? d, level: 'error', code: 'arg-count', message: `${name} takes ${want} argument${want === '1' ? '' : 's'}, found ${args.length}` });
      continue;
    }
    let bad = false;
    spec.args.forEach((a, i) => {
      const w = args[i];
      if (!w || bad) return;
      const e = typeError(a, w.text);
      if (e) { bad = true; add({ line: l.line, at: w, level: 'error', code: 'bad-value', message: `${name}: ${e}` }); }
    });
    if (bad) continue;
    const list = ok.get(name.toUpperCase()) ?? [];
    list.push(l);
    ok.set(name.toUpperCase(), list);
  }
  return ok;
}

// ---- ups.conf ---------------------------------------------------------------

export interface UpsEntryPos { key: string; value: string | undefined; line: number; keyAt: Word; valueAt?: Word }
export interface UpsSectionModel { name: string; line: number; at: Word; entries: UpsEntryPos[]; get(k: string): UpsEntryPos | undefined }

export function checkUpsConf(lines: LexLine[], add: Add): { global: UpsSectionModel; sections: UpsSectionModel[] } {
  const mk = (name: string, line: number, at: Word): UpsSectionModel => {
    const entries: UpsEntryPos[] = [];
    return { name, line, at, entries, get: (k) => [...entries].reverse().find((e) => e.key.toLowerCase() === k.toLowerCase()) };
  };
  const global = mk('', 0, { text: '', col: 1 });
  const sections: UpsSectionModel[] = [];
  let cur = global;
  for (const l of lines) {
    const w = l.words;
    const first = w[0]!;
    if (w.length === 1 && first.text.startsWith('[')) {
      if (!first.text.endsWith(']') || first.text.length < 3) {
        add({ line: l.line, at: first, level: 'error', code: 'syntax', message: `bad section header ${first.text}` });
        continue;
      }
      const name = first.text.slice(1, -1);
      if (/[\s@:]/.test(name)) add({ line: l.line, at: first, level: 'error', code: 'bad-value', message: `UPS name '${name}' may not contain '@', ':' or blanks` });
      const dup = sections.find((s) => s.name === name);
      if (dup) add({ line: l.line, at: first, level: 'warning', code: 'duplicate', message: `section [${name}] repeats the one at line ${dup.line}; NUT merges them` });
      cur = dup ?? mk(name, l.line, first);
      if (!dup) sections.push(cur);
      continue;
    }
    const isFlag = w.length === 1;
    if (!isFlag && (w.length !== 3 || w[1]!.text !== '=')) {
      add({ line: l.line, at: w[1] ?? first, level: 'error', code: 'syntax', message: `expected 'key = value' or a flag, found '${w.map((x) => x.text).join(' ')}'` });
      continue;
    }
    const key = first.text;
    const known = cur === global ? UPSCONF_GLOBAL : UPSCONF_SECTION;
    const isKnown = known.some((k) => k.toLowerCase() === key.toLowerCase()) || /^(override|default)\./.test(key);
    if (!isKnown) {
      const m = didYouMean(key, known);
      if (m || cur === global) {
        add({ line: l.line, at: first, level: cur === global ? 'error' : 'warning', code: 'unknown-directive', message: `unknown ${cur === global ? 'global setting' : 'setting'} '${key}' in ups.conf${m ? ` (did you mean ${m}?)` : ''}` });
        continue;
      }
      add({ line: l.line, at: first, level: 'info', code: 'driver-option', message: `'${key}' is passed to the driver of [${cur.name}] as its option` });
    }
    const e: UpsEntryPos = { key, value: isFlag ? undefined : w[2]!.text, line: l.line, keyAt: first, ...(isFlag ? {} : { valueAt: w[2]! }) };
    const range = UPSCONF_INT[key.toLowerCase()];
    if (range && e.value !== undefined) {
      const v = Number(e.value);
      if (!/^-?\d+$/.test(e.value) || v < range[0] || v > range[1]) {
        add({ line: l.line, at: e.valueAt, level: 'error', code: 'bad-value', message: `${key}: '${e.value}' is not a number from ${range[0]} to ${range[1]}` });
        continue;
      }
    }
    if (key.toLowerCase() === 'synchronous' && e.value !== undefined && !/^(yes|no|auto)$/i.test(e.value)) {
      add({ line: l.line, at: e.valueAt, level: 'error', code: 'bad-value', message: `synchronous: '${e.value}' is not yes, no or auto` });
      continue;
    }
    if (['driver', 'port', 'desc', 'user', 'group', 'driverpath', 'statepath', 'chroot'].includes(key.toLowerCase()) && e.value === undefined) {
      add({ line: l.line, at: first, level: 'error', code: 'syntax', message: `'${key}' needs a value: ${key} = ...` });
      continue;
    }
    cur.entries.push(e);
  }
  for (const s of sections) {
    for (const k of ['driver', 'port']) {
      if (!s.get(k)) add({ line: s.line, at: s.at, level: 'error', code: 'missing-setting', message: `[${s.name}] has no '${k}'; upsd and upsdrvctl ignore this UPS` });
    }
  }
  return { global, sections };
}

// ---- upsd.users -------------------------------------------------------------

export interface UserModel { name: string; line: number; at: Word; password?: string; upsmon?: 'primary' | 'secondary'; actions: string[]; instcmds: string[] }

export function checkUpsdUsers(lines: LexLine[], add: Add): UserModel[] {
  const users: UserModel[] = [];
  let cur: UserModel | undefined;
  const KEYS = ['password', 'actions', 'instcmds', 'upsmon'];
  for (const l of lines) {
    const w = l.words;
    const first = w[0]!;
    if (w.length === 1 && first.text.startsWith('[') && first.text.endsWith(']') && first.text.length > 2) {
      const name = first.text.slice(1, -1);
      const dup = users.find((u) => u.name === name);
      if (dup) { add({ line: l.line, at: first, level: 'error', code: 'duplicate', message: `user [${name}] is already defined at line ${dup.line}; upsd ignores this header` }); cur = dup; continue; }
      cur = { name, line: l.line, at: first, actions: [], instcmds: [] };
      users.push(cur);
      continue;
    }
    if (!cur) { add({ line: l.line, at: first, level: 'error', code: 'syntax', message: `'${first.text}' outside of a [user] section` }); continue; }
    let key: string, vals: Word[];
    if (w.length >= 3 && w[1]!.text === '=') { key = first.text; vals = w.slice(2); }
    else if (w.length === 2 && first.text.toLowerCase() === 'upsmon') { key = first.text; vals = [w[1]!]; }
    else {
      const m = didYouMean(first.text, KEYS);
      add({ line: l.line, at: first, level: 'error', code: KEYS.includes(first.text.toLowerCase()) ? 'syntax' : 'unknown-directive', message: KEYS.includes(first.text.toLowerCase()) ? `expected '${first.text} = value'` : `unknown user setting '${first.text}'${m ? ` (did you mean ${m}?)` : ''}` });
      continue;
    }
    const k = key.toLowerCase();
    if (k === 'password') {
      if (cur.password !== undefined) add({ line: l.line, at: first, level: 'warning', code: 'duplicate', message: `second password for [${cur.name}]; upsd keeps the first` });
      else cur.password = vals[0]!.text;
    } else if (k === 'actions') {
      for (const v of vals) {
        if (/^(set|fsd)$/i.test(v.text)) cur.actions.push(v.text.toUpperCase());
        else add({ line: l.line, at: v, level: 'error', code: 'bad-value', message: `action '${v.text}' is not SET or FSD` });
      }
    } else if (k === 'instcmds') {
      cur.instcmds.push(...vals.map((v) => v.text));
    } else if (k === 'upsmon') {
      const t = vals[0]!.text.toLowerCase();
      if (t === 'primary' || t === 'master') cur.upsmon = 'primary';
      else if (t === 'secondary' || t === 'slave') cur.upsmon = 'secondary';
      else add({ line: l.line, at: vals[0], level: 'error', code: 'bad-value', message: `upsmon '${vals[0]!.text}' is neither primary nor secondary` });
    } else if (k === 'allowfrom') {
      add({ line: l.line, at: first, level: 'warning', code: 'obsolete', message: 'allowfrom is no longer supported; use LISTEN in upsd.conf (and a firewall)' });
    } else {
      const m = didYouMean(key, KEYS);
      add({ line: l.line, at: first, level: 'error', code: 'unknown-directive', message: `unknown user setting '${key}'${m ? ` (did you mean ${m}?)` : ''}` });
    }
  }
  for (const u of users) if (u.password === undefined) add({ line: u.line, at: u.at, level: 'error', code: 'missing-setting', message: `user [${u.name}] has no password; nobody can log in as it` });
  return users;
}

// ---- nut.conf ---------------------------------------------------------------

export const NUTCONF_KEYS = ['MODE', 'ALLOW_NO_DEVICE', 'ALLOW_NOT_ALL_LISTENERS', 'UPSD_OPTIONS', 'UPSMON_OPTIONS', 'POWEROFF_WAIT', 'POWEROFF_QUIET', 'NUT_DEBUG_LEVEL', 'NUT_IGNORE_CHECKPROCNAME', 'NUT_QUIET_INIT_UPSNOTIFY'];

export function checkNutConf(text: string, add: Add): string | undefined {
  let mode: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const col = raw.indexOf(line[0]!) + 1;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) {
      const sp = /^([A-Za-z_][A-Za-z0-9_]*)\s+=|=\s/.test(line);
      add({ line: i + 1, col, level: 'error', code: 'syntax', message: `not a KEY=VALUE line: ${line}`, ...(sp ? { hint: 'nut.conf is read by the shell: no blanks around =' } : {}) });
      return;
    }
    let v = m[2]!.trim();
    if (/^(".*"|'.*')$/.test(v)) v = v.slice(1, -1);
    if (!NUTCONF_KEYS.includes(m[1]!)) {
      const d = didYouMean(m[1]!, NUTCONF_KEYS);
      add({ line: i + 1, col, level: 'warning', code: 'unknown-directive', message: `unknown setting '${m[1]}' in nut.conf${d ? ` (did you mean ${d}?)` : ''}` });
      return;
    }
    if (m[1] === 'MODE') {
      if (!['none', 'standalone', 'netserver', 'netclient'].includes(v)) {
        const d = didYouMean(v, ['none', 'standalone', 'netserver', 'netclient']);
        add({ line: i + 1, col: col + 5, level: 'error', code: 'bad-value', message: `MODE '${v}' is not none, standalone, netserver or netclient${d ? ` (did you mean ${d}?)` : ''}` });
      } else mode = v;
    }
    if (m[1] === 'POWEROFF_WAIT' && !/^\d+[smhd]?$/.test(v)) add({ line: i + 1, col: col + 14, level: 'error', code: 'bad-value', message: `POWEROFF_WAIT '${v}' is not a duration (e.g. 15m)` });
  });
  return mode;
}

export { splitUpsName };
