// The part upscmd and upsrw share: send the SET/INSTCMD line, print the
// reply, and with -w poll GET TRACKING until the driver answered.

import type { NutClient } from './client.js';
import { err, fatalx, sleep } from './cli-util.js';
import { upscliStrerror } from './errors.js';

export interface TrackedOptions {
  tracking: boolean;
  /** -t seconds */
  timeout: number;
  /** fatal prefixes for send/read failures */
  cantSend: string;
  failed: string;
}

/**
 * Returns the exit code. Deliberate difference: a tracked command whose final
 * status is not SUCCESS exits 1 (the reference exits 0 for `ERR ...`).
 */
export async function runTracked(c: NutClient, line: string, o: TrackedOptions): Promise<number> {
  let reply: string;
  try {
    reply = await c.request(line);
  } catch (e) {
    return fatalx(1, `${o.failed}: ${upscliStrerror(e)}`);
  }
  if (!reply.startsWith('OK')) fatalx(1, `Unexpected response from upsd: ${reply}`);
  const prefix = 'OK TRACKING ';
  if (!o.tracking || reply.length !== prefix.length + 36) {
    err(reply + '\n');
    return 0;
  }
  const id = reply.slice(prefix.length);
  const start = Math.floor(Date.now() / 1000);
  c.readTimeout = o.timeout * 1000;
  for (;;) {
    // time() granularity, like the reference's difftime() check
    if (Math.floor(Date.now() / 1000) - start >= o.timeout) fatalx(1, "Can't receive status tracking information: timeout");
    let r: string;
    try {
      r = await c.request(`GET TRACKING ${id}\n`);
    } catch (e) {
      return fatalx(1, `Can't receive status tracking information: ${upscliStrerror(e)}`);
    }
    if (!r.startsWith('PENDING')) {
      err(r + '\n');
      return r.startsWith('SUCCESS') ? 0 : 1;
    }
    await sleep(1000);
  }
}
