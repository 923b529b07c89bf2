// The driver registry is the one list of drivers: bin/<driver> and
// package.json "bin" must be what `npm run gen:bin` writes from it, every
// driver folder with an index.ts must be listed, and each entry must load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DRIVERS, driverBinText, loadDriver } from '../../../src/driver/registry.js';
import { hostedDriverNames } from '../../../src/stack/registry.js';

const REPO = join(import.meta.dirname, '../../../..');
const fix = 'run `npm run gen:bin` after editing src/driver/registry.ts';

test('registry: bin/<driver> files are generated from the registry, executable', () => {
  for (const d of DRIVERS) {
    const p = join(REPO, 'bin', d.name);
    assert.ok(existsSync(p), `bin/${d.name} missing: ${fix}`);
    assert.equal(readFileSync(p, 'utf8'), driverBinText(d.name), `bin/${d.name} out of date: ${fix}`);
    assert.ok(statSync(p).mode & 0o111, `bin/${d.name} not executable`);
  }
  const stray = readdirSync(join(REPO, 'bin')).filter((f) =>
    readFileSync(join(REPO, 'bin', f), 'utf8').includes('Generated from src/driver/registry.ts') && !DRIVERS.some((d) => d.name === f));
  assert.deepEqual(stray, [], `generated bin/ entries without a registry line: ${fix}`);
});

test('registry: package.json "bin" lists every driver', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const d of DRIVERS) assert.equal(pkg.bin[d.name], `bin/${d.name}`, `package.json bin.${d.name}: ${fix}`);
});

test('registry: every src/drivers/<dir>/index.ts is listed once, and each entry loads the module it names', async () => {
  const src = join(REPO, 'src/drivers');
  const dirs = readdirSync(src).filter((d) => existsSync(join(src, d, 'index.ts')));
  for (const dir of dirs) assert.ok(DRIVERS.some((d) => d.dir === dir), `src/drivers/${dir}/index.ts has no line in src/driver/registry.ts`);
  assert.equal(new Set(DRIVERS.map((d) => d.name)).size, DRIVERS.length, 'duplicate driver name');
  for (const d of DRIVERS) {
    const mod = await loadDriver(d.name);
    assert.equal(mod?.name, d.name);
    assert.equal(typeof mod?.updateinfo, 'function');
  }
  assert.equal(await loadDriver('no-such-driver'), undefined);
  assert.deepEqual(hostedDriverNames(), DRIVERS.map((d) => d.name));
});
