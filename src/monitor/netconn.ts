// LineConn over NutClient (src/client): TCP + STARTTLS as libupsclient's
// TRYSSL/REQSSL, replies read one by one like upscli_readline.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NutClient, upscliStrerror } from '../client/index.js';
import type { MonitorEntry, UpsmonConf } from '../config/upsmonconf.js';
import type { LineConn } from './wire.js';

export class NutLineConn implements LineConn {
  private client: NutClient | undefined;
  private pending: Promise<string>[] = [];

  constructor(private entry: MonitorEntry, private conf: UpsmonConf, private family?: 4 | 6) {}

  get open(): boolean { return !!this.client && !this.client.closed; }

  async connect(): Promise<string | undefined> {
    const ch = this.conf.certHosts.find((h) => h.host === this.entry.host || h.host === `${this.entry.host}:${this.entry.port}`);
    const force = ch && ch.forceSsl >= 0 ? ch.forceSsl === 1 : this.conf.forceSsl === 1;
    const verify = ch && ch.certVerify >= 0 ? ch.certVerify === 1 : this.conf.certVerify === 1;
    try {
      const tlsOptions = { verify, ...certMaterial(this.conf) };
      this.client = await NutClient.connect({
        host: this.entry.host, port: this.entry.port, family: this.family, connectTimeout: 10000, readTimeout: 5000,
        tls: force ? 'require' : 'try', tlsOptions,
      });
      this.pending = [];
      return undefined;
    } catch (e) {
      return upscliStrerror(e);
    }
  }

  async send(line: string): Promise<string | undefined> {
    // upscli_sendline on a closed fd reports UPSCLI_ERR_DRVNOTCONN (sic)
    if (!this.client || this.client.closed) return 'Driver not connected';
    const p = this.client.request(line);
    p.catch(() => { /* reported by read() */ });
    this.pending.push(p);
    return undefined;
  }

  async read(): Promise<{ line: string } | { error: string }> {
    const p = this.pending.shift();
    if (!p) return { error: 'Server disconnected' };
    try {
      return { line: await p };
    } catch (e) {
      this.client?.destroy();
      return { error: upscliStrerror(e) };
    }
  }

  async close(logout = true): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.pending = [];
    if (c && !c.closed) {
      if (logout) await c.close();
      else c.destroy();
    }
  }
}

/**
 * CA certificates from CERTPATH (OpenSSL style: a PEM file, or a directory of
 * *.pem / *.crt files) and the client certificate+key from CERTFILE. An NSS
 * database directory (Debian's 2.8.0 build) is not readable from Node.
 */
export function certMaterial(conf: UpsmonConf): { ca?: string[]; cert?: string; key?: string } {
  const out: { ca?: string[]; cert?: string; key?: string } = {};
  const p = conf.certPath;
  if (p) {
    try {
      const st = statSync(p);
      const files = st.isDirectory()
        ? readdirSync(p).filter((f) => /\.(pem|crt)$/.test(f) || /^[0-9a-f]{8}\.\d+$/.test(f)).map((f) => join(p, f))
        : [p];
      const ca = files.map((f) => { try { return readFileSync(f, 'latin1'); } catch { return ''; } }).filter((t) => t.includes('-----BEGIN CERTIFICATE-----'));
      if (ca.length) out.ca = ca;
    } catch { /* unreadable: verification will fail and say so */ }
  }
  if (conf.certFile) {
    try {
      const pem = readFileSync(conf.certFile, 'latin1');
      out.cert = pem;
      out.key = pem;
    } catch { /* reported by the TLS handshake */ }
  }
  return out;
}
