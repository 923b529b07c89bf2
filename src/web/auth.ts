// Browser sessions for the users of upsd.users. The credentials stay in this
// process (never in the browser, never logged): upsd itself checks them on every
// command or setting, on a connection of its own. The browser holds only an
// opaque HttpOnly SameSite=Strict cookie; each state-changing request must also
// carry the session's CSRF token. Logins are rate-limited per client address.

import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session { id: string; user: string; pass: string; csrf: string; expires: number }

export const COOKIE = 'tsnut_session';
const SESSION_MS = 8 * 3600 * 1000;
const MAX_SESSIONS = 1000;
/** logins per address per window */
const LOGIN_LIMIT = 5;
const LOGIN_WINDOW_MS = 60 * 1000;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Sessions {
  private map = new Map<string, Session>();
  private tries = new Map<string, number[]>();
  constructor(private readonly now: () => number = Date.now) {}

  /** false when this address has tried too often lately */
  allowLogin(addr: string): boolean {
    const t = this.now();
    const list = (this.tries.get(addr) ?? []).filter((x) => t - x < LOGIN_WINDOW_MS);
    if (this.tries.size > 10000) this.tries.clear();
    if (list.length >= LOGIN_LIMIT) { this.tries.set(addr, list); return false; }
    list.push(t);
    this.tries.set(addr, list);
    return true;
  }

  create(user: string, pass: string): Session {
    this.sweep();
    if (this.map.size >= MAX_SESSIONS) {
      const oldest = [...this.map.values()].sort((a, b) => a.expires - b.expires)[0];
      if (oldest) this.map.delete(oldest.id);
    }
    const s: Session = { id: randomBytes(32).toString('base64url'), user, pass, csrf: randomBytes(24).toString('base64url'), expires: this.now() + SESSION_MS };
    this.map.set(s.id, s);
    return s;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.map.get(id);
    if (!s) return undefined;
    if (s.expires < this.now()) { this.map.delete(id); return undefined; }
    return s;
  }

  /** the session only if the request's CSRF token matches it */
  checked(id: string | undefined, csrf: string | undefined): Session | undefined {
    const s = this.get(id);
    return s && csrf !== undefined && safeEqual(s.csrf, csrf) ? s : undefined;
  }

  drop(id: string): void { this.map.delete(id); }

  private sweep(): void {
    const t = this.now();
    for (const [k, s] of this.map) if (s.expires < t) this.map.delete(k);
  }
}

export function parseCookies(h: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const part of h.slice(0, 8192).split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export function sessionCookie(id: string, secure: boolean, maxAgeS?: number): string {
  return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}${maxAgeS !== undefined ? `; Max-Age=${maxAgeS}` : ''}`;
}
