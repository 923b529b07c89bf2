// src/hid: USB HID report descriptors and reports, pure (no I/O).
export * from './types.js';
export { parseReportDescriptor, type ParseResult } from './parser.js';
export { getLogical, setLogical, getPhysical, toLogical, unitExponent, exponent, logicalToPhysical, physicalToLogical, isConstant } from './codec.js';
export { pathToString, stringToPath, findByPath } from './path.js';
export { HID_USAGES } from './usages.js';
export { cprintf, fixed, general } from './cformat.js';
