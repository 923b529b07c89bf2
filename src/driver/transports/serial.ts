// Moved to src/transports/serial.ts (ARCHITECTURE.md); this re-export keeps older imports working.
export * from '../../transports/serial.js';
