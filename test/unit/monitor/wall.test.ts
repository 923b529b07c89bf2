// upsmon's wall(1) broadcasts are forked on the next turn of the event loop, not inside the
// call: a fork of the node process costs milliseconds, and the request that follows an event
// (SET FSD, the shutdown) must not wait for it. Every message still reaches wall.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wall } from '../../../src/monitor/effects.js';
import { waitFor } from '../../helpers/ref.js';

const childrenFile = `/proc/${process.pid}/task/${process.pid}/children`;
const skip = existsSync(childrenFile) ? false : 'no /proc/<pid>/task/<tid>/children';

test('wall() forks nothing during the call, then delivers each message to wall(1)', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-wall-'));
  const out = join(dir, 'out');
  writeFileSync(join(dir, 'wall'), `#!/bin/sh\nmsg=$(cat)\necho "[$msg]" >> "${out}"\n`, { mode: 0o755 });
  const path = process.env.PATH;
  process.env.PATH = `${dir}:${path}`;
  try {
    const children = () => readFileSync(childrenFile, 'utf8').trim();
    const before = children();
    wall('UPS ups@localhost on battery');
    wall('UPS ups@localhost battery is low');
    assert.equal(children(), before, 'wall(1) was forked inside the call');
    await waitFor(() => existsSync(out) && readFileSync(out, 'utf8').split('\n').filter(Boolean).length === 2, 10000);
    assert.deepEqual(readFileSync(out, 'utf8').split('\n').filter(Boolean).sort(),
      ['[UPS ups@localhost battery is low]', '[UPS ups@localhost on battery]']);
  } finally {
    process.env.PATH = path;
    rmSync(dir, { recursive: true, force: true });
  }
});
