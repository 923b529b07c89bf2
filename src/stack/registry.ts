// Drivers tsnut can host in-process, by the name ups.conf gives them.
// Loaded lazily so the host only pays for the drivers it uses.

import type { DriverModule } from '../driver/types.js';

const LOADERS: Record<string, () => Promise<DriverModule>> = {
  'dummy-ups': async () => (await import('../drivers/dummy-ups/index.js')).dummyUps,
  clone: async () => (await import('../drivers/clone/index.js')).clone,
  'clone-outlet': async () => (await import('../drivers/clone-outlet/index.js')).cloneOutlet,
  nutdrv_qx: async () => (await import('../drivers/nutdrv_qx/index.js')).nutdrvQx,
  blazer_ser: async () => (await import('../drivers/blazer/index.js')).blazerSer,
  apcsmart: async () => (await import('../drivers/apcsmart/index.js')).apcsmart,
  genericups: async () => (await import('../drivers/genericups/index.js')).genericups,
  'netxml-ups': async () => (await import('../drivers/netxml-ups/index.js')).createNetxmlUps(),
  'snmp-ups': async () => (await import('../drivers/snmp-ups/index.js')).snmpUps,
};

export function hostedDriverNames(): string[] {
  return Object.keys(LOADERS);
}

export async function loadDriver(name: string): Promise<DriverModule | undefined> {
  const l = LOADERS[name];
  return l ? l() : undefined;
}
