// The real HostProbe behind tsnut check, on this machine's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { realHost } from '../../../src/check/host.js';

test('realHost: files, modes, executables, PATH lookup, addresses, users, hosted and installed drivers', () => {
  const d = mkdtempSync(join(tmpdir(), 'tsnut-host-'));
  try {
    const f = join(d, 'f');
    writeFileSync(f, 'x');
    chmodSync(f, 0o644);
    const x = join(d, 'x');
    writeFileSync(x, '#!/bin/sh\n');
    chmodSync(x, 0o755);
    mkdirSync(join(d, 'drv'));
    writeFileSync(join(d, 'drv', 'mydriver'), '#!/bin/sh\n');
    chmodSync(join(d, 'drv', 'mydriver'), 0o755);
    const h = realHost({ PATH: d });
    assert.equal(h.exists(f), true);
    assert.equal(h.exists(join(d, 'nope')), false);
    assert.equal(h.mode(f), 0o644);
    assert.equal(h.mode(join(d, 'nope')), undefined);
    assert.equal(h.executable(x), true);
    assert.equal(h.executable(d), false, 'a directory is not a command');
    assert.equal(h.which('x'), x);
    assert.equal(h.which('no-such-command-here'), undefined);
    assert.equal(h.hasAddress('127.0.0.1'), true);
    assert.equal(h.hasAddress('203.0.113.77'), false);
    assert.equal(h.userExists('root'), true);
    assert.equal(h.userExists('no-such-user-xyz'), false);
    assert.equal(h.accessible(f, 'root'), true);
    assert.equal(h.accessible(f, 'no-such-user-xyz'), false);
    assert.equal(h.driverExists('dummy-ups', '/nonexistent'), true, 'hosted by tsnut');
    assert.equal(h.driverExists('mydriver', join(d, 'drv')), true, 'installed in driverpath');
    assert.equal(h.driverExists('usbhid-upz', join(d, 'drv')), false);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
