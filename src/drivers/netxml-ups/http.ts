// The HTTP side of netxml-ups on Node's http/https client, behaving as the
// neon session of 2.8.0 does where a user can see it: one persistent
// connection, the same User-Agent, neon's error texts ("Could not connect to
// server: Connection refused", "Could not read status line: connection timed
// out", ...), a read timeout per request, Basic authentication asked from a
// callback on a 401 and then sent up front inside the authenticated
// directory. Every body is bounded.

import http from 'node:http';
import https from 'node:https';

export const MAX_BODY = 1 << 20;

export interface HttpReply {
  status: number;
  reason: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A failed exchange, with neon's error text (ne_get_error). */
export class NeonError extends Error {}
/** a reused connection went away before the answer: neon tries once more */
class RetryableError extends NeonError {}

export interface SessionOptions {
  scheme: string;
  host: string;
  port: number;
  /** seconds: connect and read timeout */
  timeout: number;
  userAgent: string;
  /** netxml_authenticate: called on a 401; null = give up */
  authenticate(realm: string, attempt: number): { user: string; password: string } | null;
}

const SOCK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EPIPE: 'Broken pipe',
  ETIMEDOUT: 'Connection timed out',
};

/** neon's words for a certificate it refuses (reasons of ne_ssl verify failures) */
const CERT_TEXT: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'issuer is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'issuer is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer is not trusted',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate issued for a different hostname',
};

/** the parent collection of a path: what neon's Basic auth covers */
function parentPath(path: string): string {
  const p = path.split('?')[0]!;
  const i = p.lastIndexOf('/', p.endsWith('/') ? p.length - 2 : p.length);
  return i < 0 ? '/' : p.slice(0, i + 1);
}

export class HttpSession {
  private readonly agent: http.Agent;
  private credentials: string | undefined;
  private readonly domains: string[] = [];
  private closed = false;

  constructor(readonly opts: SessionOptions) {
    const Agent = this.https ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
  }

  get https(): boolean { return this.opts.scheme.toLowerCase() === 'https'; }

  /**
   * One request/response; throws NeonError. As neon, a request that finds a
   * reused connection closed or reset before the status line is sent once
   * more on a new connection.
   */
  async once(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<HttpReply> {
    try {
      return await this.exchange(method, path, headers, body);
    } catch (e) {
      if (!(e instanceof RetryableError)) throw e;
      try {
        return await this.exchange(method, path, headers, body, true);
      } catch (e2) {
        throw e2 instanceof RetryableError ? new NeonError(e2.message) : e2;
      }
    }
  }

  private exchange(method: string, path: string, headers: Record<string, string>, body: Buffer | undefined, fresh = false): Promise<HttpReply> {
    if (this.closed) return Promise.reject(new NeonError('session closed'));
    const { host, port, timeout, userAgent } = this.opts;
    const h: Record<string, string> = { 'User-Agent': userAgent, ...headers };
    if (this.credentials && this.domains.some((d) => path.startsWith(d))) h.Authorization = this.credentials;
    if (body) h['Content-Length'] = String(body.length);
    const lib = this.https ? https : http;
    return new Promise<HttpReply>((resolve, reject) => {
      let phase: 'connect' | 'status' | 'body' = 'connect';
      let settled = false;
      const fail = (msg: string, retryable = false) => {
        if (settled) return;
        settled = true;
        req.destroy();
        reject(retryable && req.reusedSocket && !fresh ? new RetryableError(msg) : new NeonError(msg));
      };
      const sockText = (e: NodeJS.ErrnoException) => SOCK_TEXT[e.code ?? ''] ?? e.message;
      const req = lib.request({ host, port, method, path, headers: h, agent: this.agent, timeout: timeout * 1000 }, (res) => {
        phase = 'body';
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) { fail(`Could not read response body: response larger than ${MAX_BODY} bytes`); return; }
          chunks.push(c);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('aborted', () => fail('Could not read response body: connection was closed by server'));
        res.on('error', (e: NodeJS.ErrnoException) => fail(`Could not read response body: ${sockText(e)}`));
      });
      req.on('socket', (s) => {
        if (!s.connecting) phase = 'status';
        else s.once('connect', () => { phase = 'status'; });
      });
      req.on('timeout', () => fail(phase === 'connect' ? 'Could not connect to server: Connection timed out'
        : phase === 'status' ? 'Could not read status line: connection timed out' : 'Could not read response body: connection timed out'));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'EAI_NONAME') fail(`Could not resolve hostname \`${host}': Host not found`);
        else if (e.code && CERT_TEXT[e.code]) fail(`Server certificate verification failed: ${CERT_TEXT[e.code]}`);
        else if (phase === 'connect') fail(`Could not connect to server: ${sockText(e)}`);
        else if (e.code === 'ECONNRESET' && e.message === 'socket hang up') fail('Could not read status line: connection was closed by server', true);
        else fail(`Could not read status line: ${sockText(e)}`, e.code === 'ECONNRESET' || e.code === 'EPIPE');
      });
      req.end(body);
    });
  }

  /**
   * neon's post-send authentication hook: on a 401 with a Basic challenge,
   * ask for credentials (attempt 0 of this request, then 1, ...); true when
   * neon would send the request again.
   */
  challenge(reply: HttpReply, path: string, attempt: number): boolean {
    if (reply.status !== 401) return false;
    const www = String(reply.headers['www-authenticate'] ?? '');
    const m = /^\s*Basic\b(?:.*?\brealm\s*=\s*"([^"]*)")?/i.exec(www);
    if (!m) return false;
    const creds = this.opts.authenticate(m[1] ?? '', attempt);
    if (!creds) {
      // neon forgets rejected credentials
      this.credentials = undefined;
      this.domains.length = 0;
      return false;
    }
    this.credentials = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
    const d = parentPath(path);
    if (!this.domains.includes(d)) this.domains.push(d);
    return true;
  }

  close(): void {
    this.closed = true;
    this.agent.destroy();
  }
}
