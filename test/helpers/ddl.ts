// The NUT device dump library (DDL) beside the clone: where it is, its .dev files, their values.
// It is read in place, not copied into the repo (its README asks not to).

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './ref.js';

/** TSNUT_DDL_DIR, else ../shared/data/ddl beside the clone; undefined when absent */
export const DDL_DIR: string | undefined = process.env.TSNUT_DDL_DIR ?? [join(REPO, '../shared/data/ddl'), '/work/shared/data/ddl'].find((d) => existsSync(d));

/** every .dev file under `dir`, sorted */
export function listDev(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...listDev(p));
    else if (n.endsWith('.dev')) out.push(p);
  }
  return out.sort();
}

/** "name: value" lines of a .dev file (comments and #RW/#CMD lines left out) */
export function parseDev(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(': ');
    if (line.startsWith('#') || i < 0) continue;
    m.set(line.slice(0, i).trim(), line.slice(i + 2).trim());
  }
  return m;
}

/** the #CMD: lines of a .dev file */
export function devCommands(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('#CMD:')).map((l) => l.slice(5).trim());
}
