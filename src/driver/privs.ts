// get_user_pwent() / become_user(): as root, drivers switch to the run-as
// user (default "nut", `-u` or ups.conf `user`). Node has no getpwnam(), so
// /etc/passwd is read directly.

import { getpwnam, type PwEnt } from '../core/cstd.js';

export type { PwEnt };

export function lookupUser(name: string): PwEnt | undefined {
  return getpwnam(name);
}

export function becomeUser(pw: PwEnt, fatal: (msg: string) => never): void {
  if (typeof process.getuid !== 'function') return;
  if (process.geteuid!() !== 0 && process.getuid() !== 0) return;
  const p = process as NodeJS.Process & { initgroups?: (u: string, g: number) => void };
  try { p.initgroups?.(pw.name, pw.gid); } catch { fatal('initgroups'); }
  try { process.setgid!(pw.gid); } catch { fatal('setgid'); }
  try { process.setuid!(pw.uid); } catch { fatal('setuid'); }
}
