// netxml-ups: Eaton/MGE XML/HTTP network cards (see src/drivers/netxml-ups/).
import { runDriver } from '../driver/runtime.js';
import { netxmlUps } from '../drivers/netxml-ups/index.js';

await runDriver(netxmlUps, process.argv.slice(2));
