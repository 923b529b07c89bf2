// Failed authentications: logged as the reference logs them (debug level 2,
// never the password), and limited per client address (tsnut extension,
// upsd.conf AUTHFAIL_LIMIT <failures> <seconds>): an address with that many
// failures inside the window is refused (ERR ACCESS-DENIED) until its oldest
// failure leaves the window. Off unless configured (see DEFAULT_AUTH_LIMIT).

import { authenticate, type NutUser, type UpsdUsers } from '../config/upsdusers.js';
import type { Logger } from '../core/logger.js';

export interface AuthLimit { failures: number; seconds: number }
// off by default: a monitoring host behind NAT, or a test battery, shares one address with many
// clients, and a limit hit by one of them would lock the others out
export const DEFAULT_AUTH_LIMIT: AuthLimit = { failures: 0, seconds: 0 };
/** addresses remembered at once (an attacker with many addresses cannot grow this) */
const MAX_ADDRS = 10000;

export class AuthGuard {
  private fails = new Map<string, number[]>();
  limit: AuthLimit = DEFAULT_AUTH_LIMIT;

  private recent(addr: string, now: number): number[] {
    const list = (this.fails.get(addr) ?? []).filter((t) => now - t < this.limit.seconds * 1000);
    if (list.length === 0) this.fails.delete(addr); else this.fails.set(addr, list);
    return list;
  }

  blocked(addr: string, now: number): boolean {
    return this.limit.failures > 0 && this.recent(addr, now).length >= this.limit.failures;
  }

  /** Record a failure; true when this one reaches the limit. */
  failed(addr: string, now: number): boolean {
    if (this.limit.failures <= 0) return false;
    const list = this.recent(addr, now);
    list.push(now);
    this.fails.delete(addr);
    this.fails.set(addr, list); // most recent last, so the oldest address goes first
    if (this.fails.size > MAX_ADDRS) this.fails.delete(this.fails.keys().next().value!);
    return list.length === this.limit.failures;
  }
}

/**
 * The user `username`/`password` authenticate as, if `allowed` says it may
 * do this; logs and counts the failures. `what` names the check in the
 * debug line, as the reference's user_checkaction / user_checkinstcmd.
 */
export function checkUser(
  users: UpsdUsers, guard: AuthGuard | undefined, log: Logger, addr: string, now: number,
  username: string, password: string, what: 'user_checkaction' | 'user_checkinstcmd', allowed: (u: NutUser) => boolean,
): boolean {
  if (guard?.blocked(addr, now)) {
    log.debug(2, `${what}: refused, too many failed authentications from ${addr}`);
    return false;
  }
  const known = users.users.some((x) => x.name === username && x.password !== undefined);
  const u = authenticate(users, username, password);
  if (!u) {
    if (known) log.debug(2, `${what}: password mismatch`);
    else log.debug(2, `${what}: unknown user ${username}`);
    if (guard?.failed(addr, now)) {
      log.notice(`Too many failed authentications from ${addr}: refusing its requests for up to ${guard.limit.seconds} s`);
    }
    return false;
  }
  if (!allowed(u)) {
    if (what === 'user_checkaction') log.debug(2, 'user_matchaction: failed');
    return false;
  }
  return true;
}
