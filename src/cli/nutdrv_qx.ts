// nutdrv_qx: serial UPS driver (see src/drivers/nutdrv_qx/).
import { runDriver } from '../driver/runtime.js';
import { nutdrvQx } from '../drivers/nutdrv_qx/index.js';

await runDriver(nutdrvQx, process.argv.slice(2));
