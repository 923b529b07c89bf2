import { runDriver } from '../driver/runtime.js';
import { clone } from '../drivers/clone/index.js';
await runDriver(clone);
