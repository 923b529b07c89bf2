import { runDriver } from '../driver/runtime.js';
import { cloneOutlet } from '../drivers/clone-outlet/index.js';
await runDriver(cloneOutlet);
