// nut.conf: shell-style KEY=VALUE, read by service wrappers (config-server.md §6).

import type { Diagnostic } from './diagnostics.js';

export const NUT_MODES = ['none', 'standalone', 'netserver', 'netclient'] as const;
export type NutMode = (typeof NUT_MODES)[number];

export interface NutConf {
  mode: NutMode;
  values: Map<string, string>;
  diagnostics: Diagnostic[];
}

export function parseNutConf(text: string, file = 'nut.conf'): NutConf {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) { diagnostics.push({ file, line: i + 1, level: 'error', message: `not a KEY=VALUE line: ${line}` }); return; }
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"') && v.length >= 2) || (v.startsWith("'") && v.endsWith("'") && v.length >= 2)) v = v.slice(1, -1);
    values.set(m[1]!, v);
  });
  let mode: NutMode = 'none';
  const mv = values.get('MODE');
  if (mv !== undefined) {
    if ((NUT_MODES as readonly string[]).includes(mv)) mode = mv as NutMode;
    else diagnostics.push({ file, level: 'error', message: `unknown MODE ${mv}` });
  }
  return { mode, values, diagnostics };
}
