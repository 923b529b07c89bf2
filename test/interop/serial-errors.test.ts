// Port errors: the serial drivers print the reference's ser_open_error() advice
// on stdout and exit 1 when the port cannot be opened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/ref.js';
import { driverPath } from '../sims/driver-run.js';

const drivers: [string, string[]][] = [['nutdrv_qx', []], ['blazer_ser', []], ['apcsmart', []], ['genericups', ['-x', 'upstype=4']]];

for (const [driver, extra] of drivers) {
  test(`${driver}: a missing port gives the reference's message and exit status`, { skip: !existsSync(`/lib/nut/${driver}`) }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsnut-porterr-'));
    try {
      const args = ['-s', 'x', '-x', `port=${join(dir, 'no-such-tty')}`, ...extra, '-u', 'root', '-d', '1'];
      const env = { ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir };
      const [ref, ours] = await Promise.all([run(driverPath('ref', driver), args, { env }), run(driverPath('ours', driver), args, { env })]);
      const body = (s: string) => s.split('\n').filter((l) => !/^Network UPS Tools|^USB communication|^APC command table/.test(l)).join('\n');
      assert.equal(body(ours.stdout), body(ref.stdout));
      assert.match(ref.stdout, /Unable to open .*no-such-tty: No such file or directory/);
      assert.match(ours.stderr, /Fatal error: unusable configuration/);
      assert.equal(ours.code, ref.code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
