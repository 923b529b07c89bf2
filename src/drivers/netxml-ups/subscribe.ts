// The `subscribe` option: the NSM alarm subscription of netxml-ups 2.8.0.
// The driver posts a <Subscribe> request to the card's subscription page and
// reads the <Port> and <Secret> lines of the answer. 2.8.0's reading of that
// answer rejects every possible reply (each line must carry both values, one
// per line is what cards send), so the alarm channel never opens: every poll
// waits out the 1 s socket read, logs "NSM connection with '<host>' lost",
// subscribes again and marks the data stale. We keep that behaviour (a user
// moving from 2.8.0 sees the same thing) rather than invent a working channel.

import { hostname } from 'node:os';
import type { DriverContext } from '../../driver/types.js';
import { DRIVER_VERSION } from './version.js';

/** sscanf("%lli"): decimal, 0x hex or 0 octal after blanks and a sign; null when nothing matches */
function scanLli(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
  if (!m) return null;
  const v = BigInt(m[2]!.startsWith('0') && !/^0[xX]/.test(m[2]!) && m[2]!.length > 1 ? `0o${m[2]!.slice(1)}` : m[2]!);
  return m[1] === '-' ? -v : v;
}

const UINT_MAX = 0xffffffffn;
/** LARGEBUF: the one block of the answer 2.8.0 reads */
const LARGEBUF = 1024;

export class NsmSubscription {
  constructor(
    private readonly ctx: DriverContext,
    private readonly host: string,
    private readonly shutdownDuration: number,
    private readonly shutdownTimer: number,
    private readonly getPage: (page: string | null) => Promise<boolean>,
    private readonly post: (path: string, body: string) => Promise<{ status: number; body: Buffer } | null>,
  ) {}

  /** the <Subscribe> request body */
  request(): string {
    const host = this.ctx.getRaw('driver.hostname') ?? '';
    const timer = this.shutdownTimer > 0 ? `<ShutdownTimer>${this.shutdownTimer}</ShutdownTimer>\r\n` : '<ShutdownTimer>NONE</ShutdownTimer>\n';
    return '<?xml version="1.0"?>\n<Subscribe>\n' +
      `<Class>${this.ctx.progname} v${DRIVER_VERSION}</Class>\n<Type>connected socket</Type>\n<HostName>${host}</HostName>\n` +
      `<XMLClientParameters>\n<ShutdownDuration>${this.shutdownDuration}</ShutdownDuration>\n${timer}` +
      '<AutoConfig>LOCAL</AutoConfig>\n<OutletGroup>1</OutletGroup>\n</XMLClientParameters>\n<Warning></Warning>\n</Subscribe>\n';
  }

  /** 2.8.0's reading of the answer: true only if a port and a secret were found */
  parseAnswer(text: string): boolean {
    const log = this.ctx.log;
    let port = 0n;
    let secret = -1n;
    for (const s of text.split(/[\r\n]+/).filter((l) => l.length > 0)) {
      log.debug(2, `netxml_alarm_subscribe: parsing ${s}`);
      let p = -1n;
      let sec = -1n;
      if (s.slice(0, 6).toLowerCase() === '<port>') {
        const v = scanLli(s.slice(6));
        if (v === null) return false;
        p = v;
      }
      if (p < 0n || p > UINT_MAX) {
        log.debug(2, 'netxml_alarm_subscribe: parsing initial subcription failed, bad port value');
        return false;
      }
      if (s.slice(0, 8).toLowerCase() === '<secret>') {
        const v = scanLli(s.slice(8));
        if (v === null) return false;
        sec = v;
      }
      if (sec < 0n || sec > UINT_MAX) {
        log.debug(2, 'netxml_alarm_subscribe: parsing initial subcription failed, bad secret value');
        return false;
      }
      port = p;
      secret = sec;
    }
    if (port < 1n || secret === -1n) {
      log.debug(2, 'netxml_alarm_subscribe: parsing initial subcription failed');
      return false;
    }
    return true;
  }

  /** netxml_alarm_subscribe; true = NE_OK (never, see above) */
  async subscribe(page: string | null, configure: string | null): Promise<boolean> {
    this.ctx.log.debug(2, `netxml_alarm_subscribe: ${page ?? '(null)'}`);
    this.ctx.setInfo('driver.hostname', hostname() || '<unknown>');
    await this.getPage(configure);
    // 2.8.0 would crash posting to no page at all; we just fail
    if (page === null) return false;
    const r = await this.post(page, this.request());
    const text = r ? r.body.subarray(0, LARGEBUF - 1).toString('latin1').replace(/\0[\s\S]*$/, '') : '';
    return this.parseAnswer(text);
  }

  /**
   * The start of upsdrv_updateinfo with `subscribe`: read alarms for up to 1 s.
   * The channel is never open, so this is always a lost connection: log it,
   * subscribe again, and tell the caller to mark the data stale.
   */
  async poll(page: string | null, configure: string | null): Promise<'lost' | 'resubscribed'> {
    await this.ctx.sleep(1000);
    this.ctx.log.err(`NSM connection with '${this.host}' lost`);
    this.ctx.log.debug(2, 'upsdrv_updateinfo: ne_sock_read(-2) => ');
    return (await this.subscribe(page, configure)) ? 'resubscribed' : 'lost';
  }
}
