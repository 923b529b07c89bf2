// snmp-ups: Generic SNMP UPS driver (see src/drivers/snmp-ups/).
import { runDriver } from '../driver/runtime.js';
import { snmpUps } from '../drivers/snmp-ups/index.js';

await runDriver(snmpUps, process.argv.slice(2));
