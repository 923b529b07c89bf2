// Our dummy-ups `-d 1` dump equals the reference /lib/nut/dummy-ups dump for
// device files: our synthetic fixtures plus a representative DDL subset
// (test/fixtures/ddl/README.md); with TSNUT_DDL_ALL=1 every .dev file under
// TSNUT_DDL_DIR (default /work/shared/data/ddl) — 718 files, ~7 min.
// No normalisation is applied (both report driver.version.internal 0.15).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REF, REPO, haveReference, ourBin, run, sandbox } from '../helpers/ref.js';
import { DDL_DIR, listDev } from '../helpers/ddl.js';

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

const all = process.env.TSNUT_DDL_ALL === '1';
// CI clones the repo with shared/ beside it; developers have /work/shared
const ddlDir = DDL_DIR ?? join(REPO, '../shared/data/ddl');
const fixtures = join(REPO, 'test/fixtures/ddl');

function chosenFiles(): string[] {
  if (all) return listDev(ddlDir);
  const subset = readFileSync(join(fixtures, 'subset.txt'), 'utf8').split('\n').filter(Boolean).map((f) => join(ddlDir, f));
  return [...listDev(join(fixtures, 'synthetic')), ...subset.filter((f) => existsSync(f))];
}

test(`dummy-ups -d 1 dump equals the reference (${all ? 'all DDL files' : 'fixtures + DDL subset'})`, { skip: !haveReference || !existsSync(REF.dummyUps) }, async () => {
  const sb = sandbox('tsnut-ddl-');
  try {
    const files = chosenFiles();
    assert.ok(files.length > 0);
    const diffs: string[] = [];
    let same = 0;
    await pool(files, all ? 10 : 6, async (f) => {
      const args = ['-s', 'x', '-x', `port=${f}`, '-d', '1'];
      const [ours, ref] = await Promise.all([
        run(ourBin('dummy-ups'), args, { env: sb.env, timeoutMs: 60000 }),
        run(REF.dummyUps, args, { env: sb.env, timeoutMs: 60000 }),
      ]);
      if (ours.stdout === ref.stdout && ours.code === ref.code) same++;
      else if (process.env.TSNUT_DDL_SHOW) console.log(f);
      else diffs.push(`${f}: exit ${ours.code} vs ${ref.code}\n--- ours\n${ours.stdout}\n--- ref\n${ref.stdout}`);
    });
    if (all) console.log(`# DDL dumps identical: ${same}/${files.length}`);
    assert.deepEqual(diffs, [], diffs.slice(0, 3).join('\n'));
  } finally {
    sb.cleanup();
  }
});
