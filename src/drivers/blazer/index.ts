// blazer_ser: the older Megatec/Q1 serial driver on the driver runtime.

import type { DriverModule } from '../../driver/kit/index.js';
import { openSerial, openErrorText, lineCommandIo, type SerialLink } from '../../transports/serial.js';
import { BlazerCore, BLAZER_VARTABLE } from './core.js';

const CABLEPOWER: Record<string, { dtr: boolean; rts: boolean }> = {
  normal: { dtr: true, rts: false },
  reverse: { dtr: false, rts: true },
  both: { dtr: true, rts: true },
  none: { dtr: false, rts: false },
};

export function createBlazerSer(): DriverModule {
  let link: SerialLink | undefined;
  let core: BlazerCore | undefined;
  const need = (): BlazerCore => { if (!core) throw new Error('blazer_ser: not initialised'); return core; };
  return {
    name: 'blazer_ser',
    description: 'Megatec/Q1 protocol serial driver',
    version: '1.58',
    vartable: [{ kind: 'VALUE', name: 'cablepower', desc: 'Set cable power for serial interface' }, ...BLAZER_VARTABLE],
    help: "Read The Fine Manual ('man 8 blazer_ser')\n",

    async initups(ctx) {
      try {
        link = await openSerial(ctx.port, { baudRate: 2400 });
      } catch (e) {
        process.stdout.write(openErrorText(ctx.port, e));
        return ctx.fatal('Fatal error: unusable configuration');
      }
      const cp = ctx.getval('cablepower');
      const power = cp === undefined ? CABLEPOWER.normal! : CABLEPOWER[cp.toLowerCase()];
      if (!power) return ctx.fatal(`Value '${cp}' not valid for 'cablepower'`);
      try { await link.setLines({ dtr: power.dtr, rts: power.rts }); } catch (e) { ctx.log.debug(2, `cablepower: ${(e as Error).message}`); }
      await ctx.sleep(100);
      core = new BlazerCore(ctx, lineCommandIo(link, ctx.log));
      core.initups();
    },
    async initinfo() { await need().initinfo(); },
    async updateinfo() { await need().updateinfo(); },
    async instcmd(_ctx, cmd, extra) { return need().instcmd(cmd, extra); },
    async shutdown(ctx) { ctx.log.err(await need().shutdown()); },
    async cleanup() {
      if (!link) return;
      try { await link.setLines({ dtr: false }); } catch { /* pty */ }
      await link.close();
      link = undefined;
    },
  };
}

export const blazerSer = createBlazerSer();
