// LineConn over NutClient (src/client): TCP + STARTTLS as libupsclient's
// TRYSSL/REQSSL, replies read one by one like upscli_readline.

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
      this.client = await NutClient.connect({
        host: this.entry.host, port: this.entry.port, family: this.family, connectTimeout: 10000, readTimeout: 5000,
        tls: force ? 'require' : 'try', tlsOptions: { verify },
      });
      this.pending = [];
      return undefined;
    } catch (e) {
      return upscliStrerror(e);
    }
  }

  async send(line: string): Promise<string | undefined> {
    if (!this.client || this.client.closed) return 'Write error: not connected';
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
