// become_user(): switch to an unprivileged account after binding ports, as
// NUT daemons do when started as root.

import { getpwnam } from '../core/cstd.js';
import type { Logger } from '../core/logger.js';

export const lookupUser = (name: string): { uid: number; gid: number } | undefined => getpwnam(name);

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
