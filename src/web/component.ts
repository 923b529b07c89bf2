// upsweb as a part of the single-process stack: started when upsweb.conf exists,
// and poked on every driver update (chained onto upsd's onUpsData) so pages and
// streams change without waiting for POLLFREQ. A web server that cannot start is
// logged and left out: it is never worth stopping the UPS protection for.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_ERR, LOG_WARNING, LOG_INFO } from '../core/logger.js';
import type { ComponentContext, StackComponent } from '../stack/components.js';
import type { WebServer } from './server.js';

export async function webComponent(ctx: ComponentContext): Promise<StackComponent | undefined> {
  if (!existsSync(join(ctx.confPath, 'upsweb.conf'))) return undefined;
  const { loadWeb } = await import('./index.js');
  const say = (level: 'err' | 'warn' | 'info', m: string) => ctx.log.log(level === 'err' ? LOG_ERR : level === 'warn' ? LOG_WARNING : LOG_INFO, `upsweb: ${m}`);
  let web: WebServer | undefined;
  let ports: number[] = [];
  const start = async () => {
    try {
      web = loadWeb(ctx.confPath, ctx.statePath, say);
      ports = await web.start();
      ctx.log.info(`upsweb: listening on ${web.o.conf.listen.map((l, i) => `${l.host} port ${ports[i]}`).join(', ')}`);
    } catch (e) {
      say('err', (e as Error).message);
      await web?.stop().catch(() => undefined);
      web = undefined;
    }
  };
  return {
    name: 'upsweb',
    async start() {
      const prev = ctx.upsd.onUpsData;
      ctx.upsd.onUpsData = (u) => { prev?.(u); web?.hub.poke(); };
      await start();
    },
    async stop() { await web?.stop(); web = undefined; },
    reload() { void (async () => { await web?.stop().catch(() => undefined); await start(); })(); },
    status() { return web ? `listening on ${web.o.conf.listen.map((l, i) => `${l.host}:${ports[i]}`).join(', ')}, ${web.streamCount} live streams` : 'not running (see the log)'; },
  };
}
