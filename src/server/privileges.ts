// become_user(): switch to an unprivileged account after binding ports, as
// NUT daemons do when started as root.

import { readFileSync } from 'node:fs';
import type { Logger } from '../core/logger.js';

export function lookupUser(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f.length >= 4) return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch { /* no passwd file */ }
  return undefined;
}

/** Throws (fatal) if the user does not exist or the switch fails. */
export function dropPrivileges(user: string, log: Logger): void {
  const u = lookupUser(user);
  if (!u) throw new Error(`getpwnam(${user}): no such user`);
  if (process.getuid?.() === u.uid) return;
  try {
    (process as unknown as { initgroups?: (u: string, g: number) => void }).initgroups?.(user, u.gid);
    process.setgid?.(u.gid);
    process.setuid?.(u.uid);
  } catch (e) {
    throw new Error(`Can't switch to user ${user}: ${(e as Error).message}`);
  }
  log.debug(1, `switched to user ${user}`);
}
