#!/usr/bin/env node
// Writes bin/<driver> for every driver of src/driver/registry.ts and the
// matching package.json "bin" entries (run after `npm run build`).
// test/unit/driver/registry.test.ts fails when they are out of sync.
import { readFileSync, writeFileSync, chmodSync, readdirSync, unlinkSync } from 'node:fs';
import { DRIVERS, driverBinText } from '../dist/src/driver/registry.js';

const marker = 'Generated from src/driver/registry.ts';
const names = new Set(DRIVERS.map((d) => d.name));
for (const f of readdirSync('bin')) {
  if (!names.has(f) && readFileSync(`bin/${f}`, 'utf8').includes(marker)) { unlinkSync(`bin/${f}`); console.log(`removed bin/${f}`); }
}
for (const d of DRIVERS) {
  writeFileSync(`bin/${d.name}`, driverBinText(d.name));
  chmodSync(`bin/${d.name}`, 0o755);
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const bin = {};
for (const [k, v] of Object.entries(pkg.bin)) {
  const generated = (() => { try { return readFileSync(v, 'utf8').includes(marker); } catch { return true; } })();
  if (!generated || names.has(k)) bin[k] = v;
}
for (const d of DRIVERS) bin[d.name] = `bin/${d.name}`;
pkg.bin = bin;
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log(`bin/: ${DRIVERS.length} drivers`);
