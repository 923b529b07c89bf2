import { runDriver } from '../driver/runtime.js';
import { dummyUps } from '../drivers/dummy-ups/index.js';
await runDriver(dummyUps);
