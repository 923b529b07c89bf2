// nutdrv_qx over a serial line: opens the port like the reference (2400 baud,
// DTR/RTS "cable power"), autodetects the protocol in NUT's probe order and runs
// the Q* engine on the driver runtime.

import type { DriverModule } from '../../driver/kit/index.js';
import { openSerial, openErrorText, lineCommandIo, type SerialLink } from '../../transports/serial.js';
import { QxEngine } from './engine.js';
import type { SubdriverDef } from './item.js';
import { QX_VARTABLE } from './vartable.js';
import { megatec, mustek, megatecOld, zinto, hunnox, q1, mecer } from './subdrivers/megatec-family.js';
import { masterguard } from './subdrivers/masterguard.js';
import { voltronic } from './subdrivers/voltronic.js';
import { ablerex } from './subdrivers/ablerex.js';
import { voltronicQsHex } from './subdrivers/voltronic-qs-hex.js';
import { bestups } from './subdrivers/bestups.js';
import { voltronicQs } from './subdrivers/voltronic-qs.js';

/** NUT's subdriver_list[]: the autodetection order. */
export const SUBDRIVERS: SubdriverDef[] = [
  voltronic, voltronicQs, voltronicQsHex, mustek, megatecOld, bestups, mecer, megatec, zinto, masterguard, hunnox, ablerex, q1,
];

// the reply wait (SER_WAIT_SEC) and line I/O are the serial transport's
export { SER_WAIT_MS } from '../../transports/serial.js';

const CABLEPOWER: Record<string, { dtr: boolean; rts: boolean }> = {
  normal: { dtr: true, rts: false },
  reverse: { dtr: false, rts: true },
  both: { dtr: true, rts: true },
  none: { dtr: false, rts: false },
};

export function createNutdrvQx(opts: { subdrivers?: SubdriverDef[] } = {}): DriverModule {
  let link: SerialLink | undefined;
  let engine: QxEngine | undefined;

  const needEngine = (): QxEngine => {
    if (!engine) throw new Error('nutdrv_qx: not initialised');
    return engine;
  };

  return {
    name: 'nutdrv_qx',
    description: 'Generic Q* USB/Serial driver',
    version: '0.32',
    vartable: QX_VARTABLE,
    help: "Read The Fine Manual ('man 8 nutdrv_qx')\n",

    async initups(ctx) {
      const usbKeys = ['subdriver', 'vendorid', 'productid', 'vendor', 'product', 'serial', 'bus', 'langid_fix'];
      if (ctx.port.toLowerCase() === 'auto' || usbKeys.some((k) => ctx.getval(k) !== undefined)) {
        ctx.fatal('USB devices are not supported by tsnut nutdrv_qx yet (serial ports only)');
      }
      const cp = ctx.getval('cablepower');
      const power = cp === undefined ? CABLEPOWER.normal! : CABLEPOWER[cp.toLowerCase()];
      try {
        link = await openSerial(ctx.port, { baudRate: 2400 });
      } catch (e) {
        process.stdout.write(openErrorText(ctx.port, e));
        return ctx.fatal('Fatal error: unusable configuration');
      }
      if (!power) return ctx.fatal(`Value '${cp}' not valid for 'cablepower'`);
      // a pty has no modem lines; the reference ignores the ioctl failure too
      try { await link.setLines({ dtr: power.dtr, rts: power.rts }); } catch (e) { ctx.log.debug(2, `cablepower: ${(e as Error).message}`); }
      await ctx.sleep(100);
      engine = new QxEngine(ctx, lineCommandIo(link, ctx.log), opts.subdrivers ?? SUBDRIVERS);
      if (!(await engine.matchSubdriver())) ctx.fatal('Device not supported!');
      engine.subdriver!.initups?.(engine);
    },

    async initinfo() {
      await needEngine().initinfo();
    },

    async updateinfo() {
      await needEngine().updateinfo();
    },

    async instcmd(_ctx, cmd, param) {
      return needEngine().instcmd(cmd, param);
    },

    async setvar(_ctx, name, value) {
      return needEngine().setvar(name, value);
    },

    async shutdown(ctx) {
      const msg = await needEngine().shutdown();
      ctx.log.err(msg);
    },

    async cleanup() {
      if (!link) return;
      try { await link.setLines({ dtr: false }); } catch { /* pty */ }
      await link.close();
      link = undefined;
    },
  };
}

export const nutdrvQx = createNutdrvQx();
