// The real machine behind `tsnut check`'s HostProbe: files, interfaces,
// users and groups from /etc/passwd and /etc/group. Thin; read-only.

import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { hostedDriverNames } from '../stack/registry.js';
import type { HostProbe } from './types.js';

function table(file: string): string[][] {
  try { return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(':')); } catch { return []; }
}

export function realHost(env: Record<string, string | undefined> = process.env): HostProbe {
  const passwd = table('/etc/passwd');
  const groups = table('/etc/group');
  const exec = (p: string) => {
    try { const s = statSync(p); if (!s.isFile()) return false; accessSync(p, constants.X_OK); return true; } catch { return false; }
  };
  return {
    exists: (p) => { try { statSync(p); return true; } catch { return false; } },
    executable: exec,
    mode: (p) => { try { return statSync(p).mode & 0o7777; } catch { return undefined; } },
    hasAddress: (a) => Object.values(networkInterfaces()).some((l) => l?.some((i) => i.address === a)),
    userExists: (u) => passwd.some((p) => p[0] === u),
    accessible: (path, user) => {
      const pw = passwd.find((p) => p[0] === user);
      let st;
      try { st = statSync(path); } catch { return false; }
      if (!pw) return false;
      const uid = Number(pw[2]), gid = Number(pw[3]);
      if (uid === 0) return true;
      const gids = new Set([gid, ...groups.filter((g) => (g[3] ?? '').split(',').includes(user)).map((g) => Number(g[2]))]);
      const m = st.mode;
      const bits = st.uid === uid ? (m >> 6) & 7 : gids.has(st.gid) ? (m >> 3) & 7 : m & 7;
      return (bits & 6) === 6;
    },
    driverExists: (name, driverPath) => hostedDriverNames().includes(name) || exec(join(driverPath, name)),
    which: (cmd) => {
      if (cmd.includes('/')) return exec(cmd) ? cmd : undefined;
      for (const d of [...(env.PATH ?? '').split(':'), '/sbin', '/usr/sbin', '/lib/nut']) if (d && exec(join(d, cmd))) return join(d, cmd);
      return undefined;
    },
  };
}
