// apcsmart: APC Smart protocol serial driver (see src/drivers/apcsmart/).
import { runDriver } from '../driver/runtime.js';
import { apcsmart } from '../drivers/apcsmart/index.js';

await runDriver(apcsmart, process.argv.slice(2));
