// blazer_ser: serial UPS driver (see src/drivers/blazer/).
import { runDriver } from '../driver/runtime.js';
import { blazerSer } from '../drivers/blazer/index.js';

await runDriver(blazerSer, process.argv.slice(2));
