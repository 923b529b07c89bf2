// genericups: contact-closure UPS driver (see src/drivers/genericups/).
import { runDriver } from '../driver/runtime.js';
import { genericups } from '../drivers/genericups/index.js';

await runDriver(genericups, process.argv.slice(2));
