// The entry of every driver program (bin/<driver>, generated from the
// registry): load the driver by name and hand it to the runtime.
import { runDriver } from '../driver/runtime.js';
import { loadDriver } from '../driver/registry.js';

export async function driverMain(name: string, argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const mod = await loadDriver(name);
  if (!mod) {
    process.stderr.write(`${name}: not a tsnut driver (see src/driver/registry.ts)\n`);
    process.exit(1);
  }
  return runDriver(mod, argv);
}
