// Building the byte stream: TCP (every resolved address in order, like
// libupsclient's getaddrinfo loop) or a Unix socket, with a connect timeout.

import net from 'node:net';
import { lookup } from 'node:dns/promises';
import { NutClientError, strerror } from './errors.js';

export interface TransportOptions {
  host?: string;
  port?: number;
  socketPath?: string;
  /** restrict to IPv4 or IPv6 (UPSCLI_CONN_INET / INET6) */
  family?: 4 | 6;
  /** per-address connect timeout in ms; undefined or 0 = wait for the OS */
  connectTimeout?: number;
  /** called with a warning text when an address times out (libupsclient prints it) */
  onWarning?: (msg: string) => void;
}

/**
 * Connect timeout from NUT_DEFAULT_CONNECT_TIMEOUT (seconds, fractional allowed,
 * 0 = blocking) falling back to `dflt` ms; invalid values are ignored.
 */
export function defaultConnectTimeout(env: Record<string, string | undefined> = process.env, dflt?: number): number | undefined {
  const v = env.NUT_DEFAULT_CONNECT_TIMEOUT;
  if (v !== undefined && /^\s*\d+(\.\d*)?\s*$/.test(v)) {
    const s = parseFloat(v);
    return s > 0 ? Math.round(s * 1000) : undefined;
  }
  return dflt;
}

function tryOne(opts: net.NetConnectOpts, timeout: number | undefined): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(opts);
    let timer: NodeJS.Timeout | undefined;
    const done = (err?: Error) => {
      if (timer) clearTimeout(timer);
      sock.removeListener('error', done);
      sock.removeListener('connect', onConnect);
      if (err) { sock.destroy(); reject(err); }
    };
    const onConnect = () => { done(); resolve(sock); };
    sock.once('error', done);
    sock.once('connect', onConnect);
    if (timeout && timeout > 0) {
      timer = setTimeout(() => done(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })), timeout);
    }
  });
}

export async function openTransport(o: TransportOptions): Promise<net.Socket> {
  if (o.socketPath) {
    try {
      return await tryOne({ path: o.socketPath }, o.connectTimeout);
    } catch (e) {
      throw new NutClientError('CONNFAILURE', strerror(e), e);
    }
  }
  const host = o.host ?? 'localhost';
  const port = o.port ?? 3493;
  let addrs: { address: string; family: number }[];
  try {
    addrs = await lookup(host, { all: true, family: o.family ?? 0, verbatim: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENODATA') throw new NutClientError('NOSUCHHOST', undefined, e);
    throw new NutClientError('UNKNOWN', undefined, e);
  }
  if (addrs.length === 0) throw new NutClientError('NOSUCHHOST');
  let last: unknown;
  for (const a of addrs) {
    try {
      const s = await tryOne({ host: a.address, port, family: a.family }, o.connectTimeout);
      s.setNoDelay(true);
      return s;
    } catch (e) {
      last = e;
      if ((e as { code?: string }).code === 'ETIMEDOUT') {
        o.onWarning?.(`upscli_tryconnect: Connection to host timed out: '${a.address}'`);
      }
    }
  }
  throw new NutClientError('CONNFAILURE', strerror(last), last);
}
