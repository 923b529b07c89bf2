// upsd.users (config-server.md §5). Pure. Keys case-insensitive, values case-sensitive.

import { timingSafeEqual, createHash } from 'node:crypto';
import { tokenizeConfig } from '../core/tokenizer.js';
import type { Diagnostic } from './diagnostics.js';

export interface NutUser {
  name: string;
  password: string | undefined;
  /** lower-cased action names */
  actions: Set<string>;
  /** lower-cased instant command names; 'all' grants every command */
  instcmds: Set<string>;
  line: number;
}

export interface UpsdUsers {
  users: NutUser[];
  diagnostics: Diagnostic[];
}

export function parseUpsdUsers(text: string | Uint8Array, file = 'upsd.users'): UpsdUsers {
  const { lines, errors } = tokenizeConfig(text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({ file, line: e.line, level: 'error', message: `Parse error: ${file}:${e.line}: ${e.message}` }));
  const users: NutUser[] = [];
  let cur: NutUser | undefined;
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const first = args[0]!;
    if (args.length === 1 && first.length >= 2 && first.startsWith('[') && first.endsWith(']')) {
      const name = first.slice(1, -1);
      if (users.some((u) => u.name === name)) {
        // NUT keeps the previous section current: its lines then modify that user
        diagnostics.push({ file, line, level: 'warning', message: `Ignoring duplicate user ${name}` });
        continue;
      }
      cur = { name, password: undefined, actions: new Set(), instcmds: new Set(), line };
      users.push(cur);
      continue;
    }
    if (!cur) continue;
    if (first.toLowerCase() === 'user') continue; // old file format
    let key: string;
    let values: string[];
    if (args.length >= 3 && args[1] === '=') {
      key = first; values = args.slice(2);
    } else if (args.length === 1 && first.includes('=')) {
      const i = first.indexOf('=');
      key = first.slice(0, i); values = [first.slice(i + 1)];
    } else if (args.length === 2 && first.toLowerCase() === 'upsmon') {
      key = first; values = [args[1]!];
    } else {
      diagnostics.push({ file, line, level: 'notice', message: `Unrecognized user setting ${first}` });
      continue;
    }
    const k = key.toLowerCase();
    for (const v of values) {
      if (k === 'password') {
        if (cur.password !== undefined) diagnostics.push({ file, line, level: 'warning', message: `Ignoring duplicate password for ${cur.name}` });
        else cur.password = v;
      } else if (k === 'actions') {
        cur.actions.add(v.toLowerCase());
      } else if (k === 'instcmds') {
        cur.instcmds.add(v.toLowerCase());
      } else if (k === 'upsmon') {
        const t = v.toLowerCase();
        if (t === 'primary' || t === 'master') { cur.actions.add('login'); cur.actions.add('master'); cur.actions.add('fsd'); }
        else if (t === 'secondary' || t === 'slave') cur.actions.add('login');
        else diagnostics.push({ file, line, level: 'warning', message: `Unknown upsmon type ${v}` });
      } else if (k === 'allowfrom') {
        diagnostics.push({ file, line, level: 'warning', message: 'allowfrom in upsd.users is no longer used' });
      } else {
        diagnostics.push({ file, line, level: 'notice', message: `Unrecognized user setting ${key}` });
        break;
      }
    }
  }
  return { users, diagnostics };
}

/** Constant-time string comparison (hash both so lengths do not leak either). */
export function secretEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'latin1').digest();
  const hb = createHash('sha256').update(b, 'latin1').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** The user a (username, password) pair authenticates as, or undefined. */
export function authenticate(users: UpsdUsers, username: string, password: string): NutUser | undefined {
  const u = users.users.find((x) => x.name === username && x.password !== undefined);
  if (!u) return undefined;
  return secretEquals(u.password!, password) ? u : undefined;
}

export function userHasAction(users: UpsdUsers, username: string, password: string, ...actions: string[]): boolean {
  const u = authenticate(users, username, password);
  if (!u) return false;
  return actions.some((a) => u.actions.has(a.toLowerCase()));
}

export function userHasInstcmd(users: UpsdUsers, username: string, password: string, cmd: string): boolean {
  const u = authenticate(users, username, password);
  if (!u) return false;
  return u.instcmds.has('all') || u.instcmds.has(cmd.toLowerCase());
}
