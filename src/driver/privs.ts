// get_user_pwent() / become_user(): as root, drivers switch to the run-as
// user (default "nut", `-u` or ups.conf `user`). Node has no getpwnam(), so
// /etc/passwd is read directly.

import { readFileSync } from 'node:fs';

export interface PwEnt { name: string; uid: number; gid: number }

export function lookupUser(name: string, passwd = '/etc/passwd'): PwEnt | undefined {
  let text: string;
  try { text = readFileSync(passwd, 'utf8'); } catch { return undefined; }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 4 && f[0] === name) return { name, uid: parseInt(f[2]!, 10), gid: parseInt(f[3]!, 10) };
  }
  return undefined;
}

export function becomeUser(pw: PwEnt, fatal: (msg: string) => never): void {
  if (typeof process.getuid !== 'function') return;
  if (process.geteuid!() !== 0 && process.getuid() !== 0) return;
  const p = process as NodeJS.Process & { initgroups?: (u: string, g: number) => void };
  try { p.initgroups?.(pw.name, pw.gid); } catch { fatal('initgroups'); }
  try { process.setgid!(pw.gid); } catch { fatal('setgid'); }
  try { process.setuid!(pw.uid); } catch { fatal('setuid'); }
}
