// Drivers the single-process stack hosts in-process: all of the driver registry.
import { driverNames, loadDriver } from '../driver/registry.js';

export { loadDriver };

export function hostedDriverNames(): string[] {
  return driverNames();
}
