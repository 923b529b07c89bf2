// tsnut check [-j] [confdir]: check every NUT configuration file before
// anything runs (docs/tsnut-check.md). Exit 0 clean, 1 warnings, 2 errors.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getopt } from '../core/getopt.js';
import { confPath } from '../core/paths.js';
import { checkConfigSet } from '../check/check.js';
import { realHost } from '../check/host.js';
import { FILES, exitCode, formatFinding, type ConfigSet } from '../check/types.js';

export function loadConfigSet(dir: string): ConfigSet {
  const set: ConfigSet = { dir, files: {} };
  for (const f of FILES) {
    try { set.files[f] = readFileSync(join(dir, f), 'latin1'); } catch { /* absent */ }
  }
  return set;
}

export async function main(argv: string[]): Promise<void> {
  const r = getopt(argv, 'jh');
  if (r.error || r.rest.length > 1 || r.opts.some((o) => o.opt === 'h')) {
    process.stdout.write('usage: tsnut check [-j] [confdir]\n\n  -j\tJSON output\n\nChecks nut.conf, ups.conf, upsd.conf, upsd.users, upsmon.conf, upssched.conf,\nhosts.conf and upsset.conf in confdir (default NUT_CONFPATH or /etc/nut).\nExit 0: clean; 1: warnings; 2: errors.\n');
    process.exit(r.error ? 2 : 0);
  }
  const dir = r.rest[0] ?? confPath();
  const set = loadConfigSet(dir);
  const found = Object.keys(set.files);
  const fs = checkConfigSet(set, realHost());
  const code = exitCode(fs);
  if (r.opts.some((o) => o.opt === 'j')) {
    process.stdout.write(JSON.stringify({ dir, files: found, exit: code, findings: fs }, null, 2) + '\n');
  } else {
    if (found.length === 0) process.stdout.write(`${dir}: no NUT configuration files found\n`);
    for (const f of fs) process.stdout.write(formatFinding(f) + '\n');
    const n = (l: string) => fs.filter((f) => f.level === l).length;
    process.stdout.write(`${dir}: checked ${found.join(', ') || 'nothing'}: ${n('error')} error(s), ${n('warning')} warning(s)\n`);
  }
  process.exit(found.length === 0 ? 2 : code);
}
