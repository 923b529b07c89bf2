import { upsdrvctlMain } from '../driver/upsdrvctl/index.js';
process.exitCode = await upsdrvctlMain();
