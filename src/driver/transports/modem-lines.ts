// Moved to src/transports/modem-lines.ts (ARCHITECTURE.md); this re-export keeps older imports working.
export * from '../../transports/modem-lines.js';
