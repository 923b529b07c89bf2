// Driver command line and error paths against the reference 2.8.0 binaries:
// same stdout, stderr (sandbox paths and program path normalised) and exit
// status. tsnut additions are asserted separately.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REF_DIR, haveReference, ourBin, run, sandbox, start, type Sandbox } from '../helpers/ref.js';
import { SockPeer } from './driver-helpers.js';

function norm(s: string, sb: Sandbox, prog: string): string {
  return s.replace(/^ *\d+\.\d{6}\t/gm, '').split(sb.dir).join('<dir>').split(prog).join('<prog>');
}

async function compare(drv: string, args: string[], a: Sandbox, b: Sandbox, opts: { stderr?: boolean } = {}) {
  const [o, r] = await Promise.all([
    run(ourBin(drv), args, { env: a.env, timeoutMs: 30000 }),
    run(join(REF_DIR, drv), args, { env: b.env, timeoutMs: 30000 }),
  ]);
  const label = `${drv} ${args.join(' ')}`;
  assert.equal(o.code, r.code, `${label}: exit status\nours: ${o.stderr}\nref: ${r.stderr}`);
  assert.equal(norm(o.stdout, a, ourBin(drv)), norm(r.stdout, b, join(REF_DIR, drv)), `${label}: stdout`);
  if (opts.stderr !== false) assert.equal(norm(o.stderr, a, ourBin(drv)), norm(r.stderr, b, join(REF_DIR, drv)), `${label}: stderr`);
  return { ours: o, ref: r };
}

test('driver CLI: options, usage errors and config errors match the reference', { skip: !haveReference }, async () => {
  const a = sandbox('tsnut-cli-a-');
  const b = sandbox('tsnut-cli-b-');
  try {
    for (const sb of [a, b]) {
      sb.write('t.dev', 'ups.status: OL\n');
      sb.write('ups.conf', '[u]\n driver = dummy-ups\n port = t.dev\n[other]\n driver = clone\n port = x\n[badpoll]\n driver = dummy-ups\n port = t.dev\n pollinterval = 0\n' +
        '[maxsd]\n driver = dummy-ups\n port = t.dev\n maxstartdelay = 10\n[flagged]\n driver = dummy-ups\n port = t.dev\n nolock\n ignorelb\n');
    }
    const cases: string[][] = [
      ['-V'], ['-s', 'x'], ['-a', 'nosuch'], ['-a', 'other'], ['-a', 'badpoll'], ['-s', 'x', '-x', 'foo=bar'], ['-s', 'x', '-x', 'foo'],
      ['-s', 'x', '-x', 'port=/nonexistent.dev', '-d', '1', '-u', 'root'], ['-s', 'x', '-i', '0'], ['-s', 'x', 'extra'], ['-Z'], ['-a'],
      ['-s', 'x', '-x', 'port=t.dev', '-k', '-u', 'root'], ['-a', 'flagged', '-d', '1', '-u', 'root'],
      ['-s', 'r', '-x', 'port=ups@127.0.0.1:1', '-d', '1', '-u', 'root'], ['-s', 'r', '-x', 'port=ups@nosuchhost.invalid', '-d', '1', '-u', 'root'],
      ['-s', 'x', '-x', 'port=t.dev', '-x', 'mode=dummy', '-x', 'override.ups.mfr=OVR', '-x', 'default.ups.model=M', '-x', 'nolock', '-d', '1', '-u', 'root'],
    ];
    for (const args of cases) await compare('dummy-ups', args, a, b);
    // unknown ups.conf key: same stdout/exit; we also name file:line on stderr
    const r = await compare('dummy-ups', ['-a', 'maxsd'], a, b, { stderr: false });
    assert.match(r.ours.stderr, /ups\.conf:14: 'maxstartdelay' is not a valid variable name for driver dummy-ups/);
    for (const drv of ['clone', 'clone-outlet']) {
      for (const args of [['-h'], ['-L'], ['-V'], ['-s', 'x', '-x', 'port=nosock', '-d', '1', '-u', 'root']]) await compare(drv, args, a, b);
    }
    await compare('clone-outlet', ['-s', 'x', '-x', 'port=nosock', '-x', 'prefix=outlet.1', '-k', '-u', 'root'], a, b);
    // dummy-ups -L/-h: the reference's lines, plus our two repeater options
    const L = await run(ourBin('dummy-ups'), ['-L'], { env: a.env });
    const refL = await run(join(REF_DIR, 'dummy-ups'), ['-L'], { env: b.env });
    assert.ok(L.stdout.startsWith(refL.stdout));
    assert.match(L.stdout, /^VALUE username "/m);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('driver: bad lines in a .dev file are reported with file:line, the driver keeps going', async () => {
  const a = sandbox('tsnut-cli-dev-');
  try {
    a.write('bad.dev', 'ups.mfr: X\nbroken: "a # b"\nnocolon\nTIMER soon\nups.model: Y\n');
    const r = await run(ourBin('dummy-ups'), ['-s', 'x', '-x', 'port=bad.dev', '-d', '1', '-u', 'root'], { env: a.env, timeoutMs: 30000 });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /Parse error: .*bad\.dev:2: Unbalanced word due to unescaped # in quotes/);
    assert.match(r.stderr, /bad\.dev:4: 'nocolon' is not of the form/);
    assert.match(r.stderr, /bad\.dev:5: TIMER needs a number of seconds/);
    assert.match(r.stdout, /^ups\.model: Y$/m);
  } finally {
    a.cleanup();
  }
});

test('driver: a directory at the socket path fails like the reference; a stale socket file is replaced', { skip: !haveReference }, async () => {
  const a = sandbox('tsnut-cli-sock-a-');
  const b = sandbox('tsnut-cli-sock-b-');
  try {
    for (const sb of [a, b]) {
      sb.write('t.dev', 'ups.status: OL\n');
      mkdirSync(join(sb.state, 'dummy-ups-x'));
    }
    await compare('dummy-ups', ['-s', 'x', '-x', 'port=t.dev', '-u', 'root', '-F'], a, b);
    // a leftover socket file (dead driver) is simply replaced, as NUT does
    const c = sandbox('tsnut-cli-sock-c-');
    try {
      c.write('t.dev', 'ups.status: OL\n');
      const p1 = start(ourBin('dummy-ups'), ['-s', 'y', '-x', 'port=t.dev', '-u', 'root', '-F'], { env: c.env });
      (await SockPeer.connect(join(c.state, 'dummy-ups-y'))).close();
      await p1.kill('SIGKILL');
      assert.ok(existsSync(join(c.state, 'dummy-ups-y')));
      const p2 = start(ourBin('dummy-ups'), ['-s', 'y', '-x', 'port=t.dev', '-u', 'root', '-F'], { env: c.env });
      const peer = await SockPeer.connect(join(c.state, 'dummy-ups-y'));
      peer.send('PING\n');
      await peer.until('PONG\n');
      peer.close();
      await p2.kill();
      assert.ok(!existsSync(join(c.state, 'dummy-ups-y')), 'socket removed at exit');
    } finally {
      c.cleanup();
    }
  } finally {
    a.cleanup();
    b.cleanup();
  }
});
