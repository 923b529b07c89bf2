// The driver kit: everything a driver needs besides its own files, the
// transports and hid. Import from here (src/driver/kit/index.js); see
// CONTRIBUTING.md "Adding a driver".

export type { DriverModule, DriverContext, VarTableEntry } from '../types.js';
export type { DriverHost, DriverLog, CommandIo } from './host.js';
export * from './status.js';
export { atoi, strtol, strtod, fixed, cformat, errnoText } from '../../core/cstd.js';
export { guessBatteryPacks, chargeFromVoltage, guessVoltageLimits, parseRuntimecal, effectiveLoad, stepRuntimeEstimate, type RuntimeModel } from './battery.js';
