// JSON shapes of the API (documented in openapi.ts). Pure: snapshots in, objects out.

import type { UpsSnapshot } from './hub.js';
import { severity, statusTokens, statusWords } from './status.js';

export interface DeviceJson {
  id: string; name: string; server: string; description: string;
  status: { raw: string | null; tokens: string[]; words: string; severity: number };
  readable: boolean; error: string | null; updated: string | null;
  vars: Record<string, string>;
  commands: string[]; rwvars: string[];
}

export function deviceJson(u: UpsSnapshot): DeviceJson {
  const raw = u.vars['ups.status'];
  return {
    id: u.id, name: u.name, server: u.host.includes(':') ? `[${u.host}]:${u.port}` : `${u.host}:${u.port}`, description: u.desc,
    status: { raw: raw ?? null, tokens: statusTokens(raw), words: u.error ? 'Unavailable' : statusWords(raw), severity: u.error ? 2 : severity(raw) },
    readable: !u.error, error: u.error ?? null, updated: u.updated ? new Date(u.updated).toISOString() : null,
    vars: { ...u.vars }, commands: [...u.commands], rwvars: [...u.rw],
  };
}

/** what the live stream sends for one change: only the variables that changed */
export function updateJson(u: UpsSnapshot, changed: string[]): Record<string, unknown> {
  const d = deviceJson(u);
  const vars: Record<string, string | null> = {};
  for (const k of changed) vars[k] = u.vars[k] ?? null;
  return { id: d.id, status: d.status, readable: d.readable, error: d.error, updated: d.updated, vars };
}

export const RANGES: Record<string, number> = { '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
