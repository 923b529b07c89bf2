// apcsmart on the driver runtime: option checks, port setup, then ApcCore.

import type { DriverModule } from '../../driver/kit/index.js';
import { openSerial, openErrorText, type SerialLink } from '../../transports/serial.js';
import { ApcCore, APC_VARTABLE, OPTION_FORMATS } from './core.js';
import { ApcIo } from './io.js';

const ALT_CABLE_1 = '940-0095B';

export function createApcsmart(): DriverModule {
  let link: SerialLink | undefined;
  let core: ApcCore | undefined;
  const need = (): ApcCore => { if (!core) throw new Error('apcsmart: not initialised'); return core; };
  return {
    name: 'apcsmart',
    description: 'APC Smart protocol driver',
    version: '3.2',
    subBanners: ['APC command table version 3.1'],
    vartable: APC_VARTABLE,
    help: '\nFor detailed information, please refer to:\n - apcsmart(8)\n - http://www.networkupstools.org/docs/man/apcsmart.html\n',

    async initups(ctx) {
      for (const [name, re] of OPTION_FORMATS) {
        const v = ctx.getval(name);
        if (v !== undefined && !re.test(v)) return ctx.fatal(`invalid value (${v}) for option '${name}'`);
      }
      try {
        link = await openSerial(ctx.port, { baudRate: 2400 });
      } catch (e) {
        process.stdout.write(openErrorText(ctx.port, e));
        return ctx.fatal('Fatal error: unusable configuration');
      }
      const cable = ctx.getval('cable');
      if (cable !== undefined && cable.toLowerCase() === ALT_CABLE_1.toLowerCase()) {
        try { await link.setLines({ dtr: true, rts: false }); } catch (e) { ctx.log.debug(2, `cable: ${(e as Error).message}`); }
      }
      core = new ApcCore(ctx, new ApcIo(link, ctx.log), ctx.port);
    },
    async initinfo() { await need().initinfo(); },
    async updateinfo() { await need().updateinfo(); },
    async instcmd(_ctx, cmd, ext) { return need().instcmd(cmd, ext); },
    async setvar(_ctx, name, value) { return need().setvar(name, value); },
    async shutdown() { await need().shutdown(); },
    async cleanup() {
      if (!link) return;
      if (core) await core.cleanup();
      await link.close();
      link = undefined;
    },
  };
}

export const apcsmart = createApcsmart();
