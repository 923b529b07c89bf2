// genericups on the driver runtime: the port is used for its modem lines only.

import type { DriverModule } from '../../driver/kit/index.js';
import { openModemLines, type ModemLines } from '../../transports/modem-lines.js';
import { openErrorText } from '../../transports/serial.js';
import { GenericCore, GENERIC_VARTABLE, listTypes } from './core.js';

export function createGenericups(): DriverModule {
  let lines: ModemLines | undefined;
  let core: GenericCore | undefined;
  const need = (): [GenericCore, ModemLines] => {
    if (!core || !lines) throw new Error('genericups: not initialised');
    return [core, lines];
  };
  return {
    name: 'genericups',
    description: 'Generic contact-closure UPS driver',
    version: '1.38',
    vartable: GENERIC_VARTABLE,
    help: listTypes(),

    initups(ctx) {
      core = new GenericCore(ctx);
      core.setUpsType();
      try {
        lines = openModemLines(ctx.port);
      } catch (e) {
        process.stdout.write(openErrorText(ctx.port, e));
        return ctx.fatal('Fatal error: unusable configuration');
      }
      core.initLines(lines);
    },
    initinfo() { need()[0].initinfo(); },
    updateinfo() { const [c, l] = need(); c.updateinfo(l); },
    async shutdown() { const [c, l] = need(); await c.shutdown(l); },
    cleanup() { lines?.close(); lines = undefined; },
  };
}

export const genericups = createGenericups();
